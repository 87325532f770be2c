import WinnowCompression

/// Compresses what is written to it, piece by piece, into another sink: the
/// wrapper that makes `jsonl.gz` and `jsonl.zst` of any byte format.
///
/// gzip: each piece of about 4 MB becomes one gzip member; concatenated
/// members decompress to the concatenated input, so `zcat` gives exactly the
/// plain export. zstd: one streamed frame (with its checksum). Memory stays
/// at one piece.
public final class CompressedSink: ByteSink {
    public enum Codec: Sendable { case gzip, zstd }

    let sink: ByteSink
    let compress: ([UInt8]) throws -> [UInt8]
    let end: () throws -> [UInt8]
    var pending: [UInt8] = []
    static let pieceSize = 4 << 20

    public init(_ codec: Codec, into sink: ByteSink) throws {
        self.sink = sink
        switch codec {
        case .gzip:
            let gzip = GzipCompressor(level: 6)
            compress = { gzip.member($0) }
            // An empty export is still a valid (empty) gzip file: one empty member.
            end = { [] }
        case .zstd:
            let zstd = try Zstd.StreamCompressor(level: Zstd.defaultLevel)
            compress = { try zstd.compress($0) }
            end = { try zstd.finish() }
        }
    }

    public func write(_ bytes: [UInt8]) throws {
        pending += bytes
        if pending.count >= Self.pieceSize {
            try sink.write(compress(pending))
            pending.removeAll(keepingCapacity: true)
        }
    }

    public func close() throws {
        try sink.write(compress(pending) + end())
        pending = []
        try sink.close()
    }
}

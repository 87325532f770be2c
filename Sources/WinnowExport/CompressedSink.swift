import WinnowCompression

/// Compresses what is written to it, piece by piece, into another sink: the
/// wrapper that makes `jsonl.gz` (and `jsonl.zst`) of any byte format.
///
/// Each piece of about 4 MB becomes one gzip member (or zstd frame);
/// concatenated members decompress to the concatenated input, so
/// `zcat`/`zstdcat` give exactly the plain export, and memory stays at one
/// piece.
public final class CompressedSink: ByteSink {
    public enum Codec: Sendable { case gzip }

    let sink: ByteSink
    let compress: ([UInt8]) -> [UInt8]
    var pending: [UInt8] = []
    static let pieceSize = 4 << 20

    public init(_ codec: Codec, into sink: ByteSink) {
        self.sink = sink
        switch codec {
        case .gzip:
            let gzip = GzipCompressor(level: 6)
            compress = { gzip.member($0) }
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
        // An empty export is still a valid (empty) gzip file.
        try sink.write(compress(pending))
        pending = []
        try sink.close()
    }
}

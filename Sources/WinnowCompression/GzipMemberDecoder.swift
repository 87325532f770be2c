import CLibDeflate

/// Whole-member gzip decoding with libdeflate (2–3× zlib's streaming
/// inflate), for a member that lies entirely in memory: it reports how many
/// input bytes the member took, so a reader of many members (a `.warc.gz`)
/// knows where the next one starts. Anything it cannot do (a damaged member,
/// one cut off by the end of the input, output over the limit) returns nil,
/// and ``GzipMemberInflater`` takes the member instead.
public final class GzipMemberDecoder {
    private let decompressor: OpaquePointer
    /// Output room of ``decode(_:from:appendingTo:limit:)``, grown on demand.
    private var scratch: [UInt8] = []

    public init() {
        guard let decompressor = libdeflate_alloc_decompressor() else { fatalError("libdeflate: out of memory") }
        self.decompressor = decompressor
    }

    deinit { libdeflate_free_decompressor(decompressor) }

    /// Decodes the member at `input[start...]`, appending its output to
    /// `output` when it is at most `limit` bytes.
    public func decode(_ input: [UInt8], from start: Int, appendingTo output: inout [UInt8], limit: Int) -> (
        consumed: Int, produced: Int
    )? {
        guard let (consumed, produced) = decode(input, from: start, into: &scratch, at: 0, limit: limit) else {
            return nil
        }
        output.append(contentsOf: scratch[0..<produced])
        return (consumed, produced)
    }

    /// Decodes the member at `input[start...]` straight into `output` from
    /// index `at` on (no copy), growing `output` (zero-filled) when its
    /// room there is too small, up to `limit` bytes of output. `output.count`
    /// is the caller's capacity, not the length of what was decoded: that is
    /// `produced`.
    public func decode(_ input: [UInt8], from start: Int, into output: inout [UInt8], at index: Int, limit: Int)
        -> (consumed: Int, produced: Int)?
    {
        guard start < input.count, index <= output.count else { return nil }
        if output.count - index < 1 << 16 { output.append(contentsOf: repeatElement(0, count: 1 << 16)) }
        while true {
            var used = 0
            var produced = 0
            let capacity = min(output.count - index, limit)
            let result = input.withUnsafeBufferPointer { source in
                output.withUnsafeMutableBufferPointer { out in
                    libdeflate_gzip_decompress_ex(
                        decompressor, source.baseAddress! + start, source.count - start,
                        out.baseAddress! + index, capacity, &used, &produced)
                }
            }
            if result == LIBDEFLATE_SUCCESS { return (used, produced) }
            guard result == LIBDEFLATE_INSUFFICIENT_SPACE, capacity < limit else { return nil }
            output.append(contentsOf: repeatElement(0, count: min(limit, capacity * 2) - capacity))
        }
    }
}

import CLibDeflate

/// Whole-member gzip decoding with libdeflate (2–3× zlib's streaming
/// inflate), for a member that lies entirely in memory: it reports how many
/// input bytes the member took, so a reader of many members (a `.warc.gz`)
/// knows where the next one starts. Anything it cannot do (a damaged member,
/// one cut off by the end of the input, output over the limit) returns nil,
/// and ``GzipMemberInflater`` takes the member instead.
public final class GzipMemberDecoder {
    private let decompressor: OpaquePointer
    private var scratch: [UInt8]

    public init(initialCapacity: Int = 1 << 22) {
        guard let decompressor = libdeflate_alloc_decompressor() else { fatalError("libdeflate: out of memory") }
        self.decompressor = decompressor
        scratch = [UInt8](repeating: 0, count: initialCapacity)
    }

    deinit { libdeflate_free_decompressor(decompressor) }

    /// Decodes the member at `input[start...]`, appending its output to
    /// `output` when it is at most `limit` bytes.
    public func decode(_ input: [UInt8], from start: Int, appendingTo output: inout [UInt8], limit: Int) -> (
        consumed: Int, produced: Int
    )? {
        guard start < input.count else { return nil }
        while true {
            var used = 0
            var produced = 0
            let capacity = scratch.count
            let result = input.withUnsafeBufferPointer { source in
                scratch.withUnsafeMutableBufferPointer { out in
                    libdeflate_gzip_decompress_ex(
                        decompressor, source.baseAddress! + start, source.count - start,
                        out.baseAddress, capacity, &used, &produced)
                }
            }
            if result == LIBDEFLATE_SUCCESS {
                output.append(contentsOf: scratch[0..<produced])
                return (used, produced)
            }
            guard result == LIBDEFLATE_INSUFFICIENT_SPACE, capacity < limit else { return nil }
            scratch = [UInt8](repeating: 0, count: min(limit, capacity * 2))
        }
    }
}

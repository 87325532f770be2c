import CBrotli

/// Brotli decoding (HTTP `Content-Encoding: br`): the one wrapper of libbrotlidec.
public enum Brotli {
    /// Decodes a whole brotli stream; output beyond `limit` bytes is an error.
    public static func decompress(_ input: [UInt8], limit: Int) throws(Gzip.Failure) -> [UInt8] {
        guard let state = BrotliDecoderCreateInstance(nil, nil, nil) else {
            throw Gzip.Failure(description: "brotli decoder could not start")
        }
        defer { BrotliDecoderDestroyInstance(state) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        var result = BROTLI_DECODER_RESULT_ERROR
        try input.withUnsafeBufferPointer { (source: UnsafeBufferPointer<UInt8>) throws(Gzip.Failure) in
            var availableIn = source.count
            var nextIn: UnsafePointer<UInt8>? = source.baseAddress
            repeat {
                let made = chunk.withUnsafeMutableBufferPointer { out -> Int in
                    var availableOut = out.count
                    var nextOut: UnsafeMutablePointer<UInt8>? = out.baseAddress
                    result = BrotliDecoderDecompressStream(state, &availableIn, &nextIn, &availableOut, &nextOut, nil)
                    return out.count - availableOut
                }
                guard output.count + made <= limit else {
                    throw Gzip.Failure(description: "brotli expands beyond \(limit) bytes")
                }
                output.append(contentsOf: chunk[0..<made])
            } while result == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT
        }
        switch result {
        case BROTLI_DECODER_RESULT_SUCCESS: return output
        case BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT: throw Gzip.Failure(description: "truncated brotli data")
        default: throw Gzip.Failure(description: "corrupt brotli data")
        }
    }
}

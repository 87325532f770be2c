import CZstd

/// Zstandard compression: the one place that touches libzstd.
///
/// Three shapes, for three callers: ``compress(_:level:)`` and
/// ``decompress(_:limit:)`` for whole buffers (tests, small files),
/// ``BlockCompressor`` for many independent blocks with one reused context
/// (Parquet pages: a fresh context per page costs more than a small page's
/// compression), and ``StreamCompressor`` for one frame fed in pieces (the
/// `.jsonl.zst` export, whose size is not known up front).
public enum Zstd {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// libzstd's default level; what the `zstd` CLI and most Parquet writers use.
    public static let defaultLevel: Int32 = 3

    /// One complete zstd frame holding `input`.
    public static func compress(_ input: [UInt8], level: Int32 = defaultLevel) throws(Failure) -> [UInt8] {
        let compressor = try BlockCompressor(level: level)
        return try compressor.compress(input)
    }

    /// The concatenated content of every frame in `input`. Output beyond
    /// `limit` bytes is an error, so a zstd bomb cannot exhaust memory.
    public static func decompress(_ input: [UInt8], limit: Int) throws(Failure) -> [UInt8] {
        guard let stream = ZSTD_createDStream() else {
            throw Failure(description: "zstd: cannot allocate a decompression context")
        }
        defer { ZSTD_freeDStream(stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: max(ZSTD_DStreamOutSize(), 1 << 16))
        var lastResult = 0
        var consumed = 0
        try input.withUnsafeBufferPointer { (source: UnsafeBufferPointer<UInt8>) throws(Failure) in
            while true {
                var inBuffer = ZSTD_inBuffer(src: source.baseAddress, size: source.count, pos: consumed)
                let (result, produced) = chunk.withUnsafeMutableBytes { out -> (Int, Int) in
                    var outBuffer = ZSTD_outBuffer(dst: out.baseAddress, size: out.count, pos: 0)
                    let result = ZSTD_decompressStream(stream, &outBuffer, &inBuffer)
                    return (result, outBuffer.pos)
                }
                if ZSTD_isError(result) != 0 { throw Failure(description: "zstd: " + errorName(result)) }
                if output.count + produced > limit {
                    throw Failure(description: "zstd expands beyond \(limit) bytes")
                }
                output.append(contentsOf: chunk[0..<produced])
                consumed = inBuffer.pos
                lastResult = result
                // Done when all input is read and the decoder holds nothing back.
                if consumed == source.count && produced < chunk.count { break }
            }
        }
        // A non-zero hint at the end means the last frame is incomplete.
        guard lastResult == 0 else { throw Failure(description: "truncated zstd: the data ends inside a frame") }
        return output
    }

    static func errorName(_ code: Int) -> String {
        String(cString: ZSTD_getErrorName(code))
    }

    /// Compresses independent blocks, each into its own frame, reusing one
    /// context. Not thread-safe: one per writer.
    public final class BlockCompressor {
        private let context: OpaquePointer
        public let level: Int32

        public init(level: Int32 = Zstd.defaultLevel) throws(Failure) {
            guard let context = ZSTD_createCCtx() else {
                throw Failure(description: "zstd: cannot allocate a compression context")
            }
            self.context = context
            self.level = level
        }

        deinit { ZSTD_freeCCtx(context) }

        /// One frame holding `input` (with its content size, so readers can size their buffer).
        public func compress(_ input: [UInt8]) throws(Failure) -> [UInt8] {
            let bound = ZSTD_compressBound(input.count)
            var result = 0
            let output = input.withUnsafeBytes { source in
                [UInt8](unsafeUninitializedCapacity: bound) { buffer, count in
                    result = ZSTD_compressCCtx(
                        context, buffer.baseAddress, bound, source.baseAddress, source.count, level)
                    count = ZSTD_isError(result) != 0 ? 0 : result
                }
            }
            if ZSTD_isError(result) != 0 { throw Failure(description: "zstd: " + Zstd.errorName(result)) }
            return output
        }
    }

    /// One zstd frame written in pieces: each ``compress(_:)`` returns what
    /// is ready so far (often nothing: zstd buffers up to a block), and
    /// ``finish()`` the rest and the frame's end with its checksum, as the
    /// `zstd` CLI writes it. `zstdcat` of the pieces gives back the input.
    public final class StreamCompressor {
        private let context: OpaquePointer
        private var output: [UInt8]
        private var finished = false

        public init(level: Int32 = Zstd.defaultLevel) throws(Failure) {
            guard let context = ZSTD_createCCtx() else {
                throw Failure(description: "zstd: cannot allocate a compression context")
            }
            self.context = context
            output = [UInt8](repeating: 0, count: ZSTD_CStreamOutSize())
            for (parameter, value) in [(ZSTD_c_compressionLevel, level), (ZSTD_c_checksumFlag, 1)] {
                let result = ZSTD_CCtx_setParameter(context, parameter, value)
                if ZSTD_isError(result) != 0 {
                    ZSTD_freeCCtx(context)
                    throw Failure(description: "zstd: " + Zstd.errorName(result))
                }
            }
        }

        deinit { ZSTD_freeCCtx(context) }

        /// Feeds `bytes`; returns the compressed bytes that are ready.
        public func compress(_ bytes: [UInt8]) throws(Failure) -> [UInt8] {
            guard !finished else { throw Failure(description: "zstd: compress after finish") }
            return try run(bytes, directive: ZSTD_e_continue)
        }

        /// Ends the frame; returns the last compressed bytes. Nothing may follow.
        public func finish() throws(Failure) -> [UInt8] {
            guard !finished else { return [] }
            finished = true
            return try run([], directive: ZSTD_e_end)
        }

        private func run(_ bytes: [UInt8], directive: ZSTD_EndDirective) throws(Failure) -> [UInt8] {
            var compressed: [UInt8] = []
            var failure: Int? = nil
            bytes.withUnsafeBytes { source in
                var inBuffer = ZSTD_inBuffer(src: source.baseAddress, size: source.count, pos: 0)
                while true {
                    let (remaining, produced) = output.withUnsafeMutableBytes { out -> (Int, Int) in
                        var outBuffer = ZSTD_outBuffer(dst: out.baseAddress, size: out.count, pos: 0)
                        let remaining = ZSTD_compressStream2(context, &outBuffer, &inBuffer, directive)
                        return (remaining, outBuffer.pos)
                    }
                    if ZSTD_isError(remaining) != 0 {
                        failure = remaining
                        return
                    }
                    compressed.append(contentsOf: output[0..<produced])
                    // continue: done when the input is consumed; end: when zstd has flushed everything.
                    let done = directive == ZSTD_e_end ? remaining == 0 : inBuffer.pos == inBuffer.size
                    if done { return }
                }
            }
            if let failure { throw Failure(description: "zstd: " + Zstd.errorName(failure)) }
            return compressed
        }
    }
}

import CLibDeflate

/// Whole-buffer gzip compression with libdeflate: each call makes one
/// complete gzip member. Concatenated members are one valid gzip file
/// (RFC 1952 §2.2), so a stream compressed piece by piece is read back
/// whole by `zcat`, Python's gzip, pandas and DuckDB.
public final class GzipCompressor {
    private let compressor: OpaquePointer

    /// `level` 1 (fastest) to 12 (smallest); 6 is gzip's default.
    public init(level: Int32 = 6) {
        guard let compressor = libdeflate_alloc_compressor(level) else {
            fatalError("libdeflate_alloc_compressor(\(level)) failed: out of memory")
        }
        self.compressor = compressor
    }

    deinit { libdeflate_free_compressor(compressor) }

    /// One gzip member holding `input`.
    public func member(_ input: [UInt8]) -> [UInt8] {
        input.withUnsafeBufferPointer { source in
            let bound = libdeflate_gzip_compress_bound(compressor, source.count)
            return [UInt8](unsafeUninitializedCapacity: bound) { buffer, count in
                count = libdeflate_gzip_compress(
                    compressor, source.baseAddress, source.count, buffer.baseAddress, bound)
            }
        }
    }
}

import CLibDeflate
import CZlib

/// Whole-buffer codecs beside ``Gzip/decompress(_:limit:)``: HTTP's
/// `Content-Encoding: deflate` (zlib-wrapped, or raw as some servers send it)
/// and gzip compression of one member (a WARC record).
public enum Deflate {
    /// Inflates an HTTP `deflate` body: zlib format first, raw deflate if that fails.
    public static func decompress(_ input: [UInt8], limit: Int) throws(Gzip.Failure) -> [UInt8] {
        guard !input.isEmpty else { return [] }
        if let zlib = whole(input, limit: limit, zlib: true) { return zlib }
        if let raw = whole(input, limit: limit, zlib: false) { return raw }
        throw Gzip.Failure(
            description: "corrupt deflate data (neither zlib nor raw deflate), or larger than \(limit) bytes")
    }

    private static func whole(_ input: [UInt8], limit: Int, zlib: Bool) -> [UInt8]? {
        guard let decompressor = libdeflate_alloc_decompressor() else { return nil }
        defer { libdeflate_free_decompressor(decompressor) }
        var capacity = min(limit, max(input.count * 4, 4096))
        while true {
            var result = LIBDEFLATE_BAD_DATA
            let output = input.withUnsafeBufferPointer { source in
                [UInt8](unsafeUninitializedCapacity: max(capacity, 1)) { buffer, count in
                    var used = 0
                    var produced = 0
                    result =
                        zlib
                        ? libdeflate_zlib_decompress_ex(
                            decompressor, source.baseAddress, source.count, buffer.baseAddress, capacity, &used,
                            &produced)
                        : libdeflate_deflate_decompress_ex(
                            decompressor, source.baseAddress, source.count, buffer.baseAddress, capacity, &used,
                            &produced)
                    count = result == LIBDEFLATE_SUCCESS ? produced : 0
                }
            }
            if result == LIBDEFLATE_SUCCESS { return output }
            guard result == LIBDEFLATE_INSUFFICIENT_SPACE, capacity < limit else { return nil }
            capacity = min(limit, capacity * 4)
        }
    }

    /// One gzip member holding `input` (libdeflate; level 6 is zlib's default trade-off).
    public static func gzipMember(_ input: [UInt8], level: Int32 = 6) -> [UInt8] {
        guard let compressor = libdeflate_alloc_compressor(level) else { fatalError("libdeflate: out of memory") }
        defer { libdeflate_free_compressor(compressor) }
        let bound = libdeflate_gzip_compress_bound(compressor, input.count)
        return input.withUnsafeBufferPointer { source in
            [UInt8](unsafeUninitializedCapacity: bound) { buffer, count in
                count = libdeflate_gzip_compress(
                    compressor, source.baseAddress, source.count, buffer.baseAddress, bound)
            }
        }
    }
}

import CLibDeflate
import CZlib

/// gzip decompression. libdeflate decodes whole members in one call (the
/// fast path); zlib's streaming inflate runs only when libdeflate fails, to
/// say exactly what is wrong with the file. The only place that touches
/// either library.
public enum Gzip {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Inflates a whole gzip file (several members are concatenated, as `cat a.gz b.gz` makes).
    /// Output beyond `limit` bytes is an error, so a gzip bomb cannot exhaust memory.
    public static func decompress(_ input: [UInt8], limit: Int) throws(Failure) -> [UInt8] {
        guard !input.isEmpty else { throw Failure(description: "empty gzip file") }
        if let output = input.withUnsafeBufferPointer({ wholeMembers($0, limit: limit) }) { return output }
        return try streamed(input, limit: limit)
    }

    /// libdeflate, member by member; nil when a member is damaged or the output would pass `limit`.
    private static func wholeMembers(_ input: UnsafeBufferPointer<UInt8>, limit: Int) -> [UInt8]? {
        guard input.count >= 18, let decompressor = libdeflate_alloc_decompressor() else { return nil }
        defer { libdeflate_free_decompressor(decompressor) }
        // The last four bytes give the (last) member's size modulo 2^32: a good first guess.
        let tail = input.count - 4
        let sizeHint =
            Int(input[tail]) | Int(input[tail + 1]) << 8 | Int(input[tail + 2]) << 16 | Int(input[tail + 3]) << 24
        var capacity = min(limit, max(sizeHint, 4096))
        var output: [UInt8] = []
        var consumed = 0
        while consumed < input.count {
            let member = UnsafeBufferPointer(rebasing: input[consumed...])
            let room = limit - output.count
            capacity = min(capacity, room)
            var used = 0
            var produced = 0
            var result = LIBDEFLATE_INSUFFICIENT_SPACE
            while result == LIBDEFLATE_INSUFFICIENT_SPACE {
                // Straight into an array: the first (usually only) member becomes the output without a copy.
                let piece = [UInt8](unsafeUninitializedCapacity: max(capacity, 1)) { buffer, count in
                    result = libdeflate_gzip_decompress_ex(
                        decompressor, member.baseAddress, member.count,
                        buffer.baseAddress, capacity, &used, &produced)
                    count = result == LIBDEFLATE_SUCCESS ? produced : 0
                }
                if result == LIBDEFLATE_SUCCESS {
                    if output.isEmpty { output = piece } else { output.append(contentsOf: piece) }
                } else if result == LIBDEFLATE_INSUFFICIENT_SPACE {
                    guard capacity < room else { return nil }
                    capacity = min(room, capacity * 2)
                }
            }
            guard result == LIBDEFLATE_SUCCESS else { return nil }
            consumed += used
            // Another member may follow; anything else after the end is ignored.
            guard consumed < input.count, input[consumed] == 0x1F else { break }
        }
        return output
    }

    /// zlib's streaming inflate, for files libdeflate refused: it tells a
    /// truncated file from corrupt data and from one that expands too far.
    private static func streamed(_ input: [UInt8], limit: Int) throws(Failure) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(min(limit, max(input.count * 4, 4096)))
        var stream = z_stream()
        guard czlib_inflate_init_gzip(&stream) == Z_OK else { throw Failure(description: "zlib could not start") }
        defer { inflateEnd(&stream) }

        var chunk = [UInt8](repeating: 0, count: 65_536)
        var status: Int32 = Z_OK
        var consumed = 0
        try input.withUnsafeBufferPointer { (source: UnsafeBufferPointer<UInt8>) throws(Failure) in
            while true {
                stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress! + consumed)
                stream.avail_in = UInt32(source.count - consumed)
                repeat {
                    status = chunk.withUnsafeMutableBufferPointer { out in
                        stream.next_out = out.baseAddress
                        stream.avail_out = UInt32(out.count)
                        return inflate(&stream, Z_NO_FLUSH)
                    }
                    let produced = chunk.count - Int(stream.avail_out)
                    if output.count + produced > limit {
                        throw Failure(description: "gzip expands beyond \(limit) bytes")
                    }
                    output.append(contentsOf: chunk[0..<produced])
                } while status == Z_OK && (stream.avail_in > 0 || stream.avail_out == 0)
                consumed = source.count - Int(stream.avail_in)
                if status == Z_STREAM_END {
                    // Another member may follow.
                    if consumed < source.count && source[consumed] == 0x1F {
                        inflateReset(&stream)
                        continue
                    }
                    return
                }
                if status == Z_OK || status == Z_BUF_ERROR {
                    throw Failure(description: "truncated gzip: the data ends before the end of the stream")
                }
                throw Failure(description: "corrupt gzip data (zlib error \(status))")
            }
        }
        return output
    }
}

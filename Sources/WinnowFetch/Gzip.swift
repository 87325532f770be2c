import CZlib

/// gzip decompression through zlib. The only place that touches zlib.
public enum Gzip {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Inflates a whole gzip file (several members are concatenated, as `cat a.gz b.gz` makes).
    /// Output beyond `limit` bytes is an error, so a gzip bomb cannot exhaust memory.
    public static func decompress(_ input: [UInt8], limit: Int) throws(Failure) -> [UInt8] {
        guard !input.isEmpty else { throw Failure(description: "empty gzip file") }
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

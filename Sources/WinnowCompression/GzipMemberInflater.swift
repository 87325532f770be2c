import CZlib

/// Streaming gzip inflate that stops at the end of every member, so that a
/// reader knows where each member starts and ends in the compressed file
/// (WARC files hold one member per record, and record offsets are member
/// offsets). Memory is one zlib state and one output chunk, whatever the size
/// of the member.
public final class GzipMemberInflater {
    private let stream: UnsafeMutablePointer<z_stream>
    private var chunk: [UInt8]

    public init(chunkSize: Int = 1 << 18) throws(Gzip.Failure) {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        chunk = [UInt8](repeating: 0, count: chunkSize)
        guard czlib_inflate_init_gzip(stream) == Z_OK else {
            stream.deallocate()
            throw Gzip.Failure(description: "zlib could not start")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
    }

    /// Forgets the current member: the next call starts a new one.
    public func reset() {
        inflateReset(stream)
    }

    /// What one call did: input bytes consumed, output appended, and whether the member ended.
    public struct Step: Sendable {
        public var consumed: Int
        public var produced: Int
        public var memberEnded: Bool
    }

    /// Inflates `input[start...]` (at most `maxInput` bytes of it), appending
    /// to `output`; stops once about `room` bytes were appended (at most one
    /// chunk more), so a gzip bomb costs time, never memory, and at the end
    /// of the member. Throws for corrupt data; a member that has not ended
    /// when the input runs out is the caller's to judge.
    public func inflate(
        _ input: [UInt8], from start: Int, count maxInput: Int,
        appendingTo output: inout [UInt8], room: Int
    ) throws(Gzip.Failure) -> Step {
        var consumed = 0
        var produced = 0
        var status: Int32 = Z_OK
        let available = min(maxInput, input.count - start)
        try input.withUnsafeBufferPointer { (source: UnsafeBufferPointer<UInt8>) throws(Gzip.Failure) in
            guard available > 0 else { return }
            stream.pointee.next_in = UnsafeMutablePointer(mutating: source.baseAddress! + start)
            stream.pointee.avail_in = UInt32(available)
            repeat {
                let made = chunk.withUnsafeMutableBufferPointer { out -> Int in
                    stream.pointee.next_out = out.baseAddress
                    stream.pointee.avail_out = UInt32(out.count)
                    status = CZlib.inflate(stream, Z_NO_FLUSH)
                    return out.count - Int(stream.pointee.avail_out)
                }
                if status != Z_OK && status != Z_STREAM_END && status != Z_BUF_ERROR {
                    let message = stream.pointee.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                    throw Gzip.Failure(description: "corrupt gzip data (\(message))")
                }
                if made > 0 { output.append(contentsOf: chunk[0..<made]) }
                produced += made
            } while status == Z_OK && produced < room && (stream.pointee.avail_in > 0 || stream.pointee.avail_out == 0)
            consumed = available - Int(stream.pointee.avail_in)
        }
        let ended = status == Z_STREAM_END
        return Step(consumed: consumed, produced: produced, memberEnded: ended)
    }
}

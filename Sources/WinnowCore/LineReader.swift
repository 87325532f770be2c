import Foundation

/// Reads a file line by line in 1 MB chunks, up to a byte limit (the part a
/// checkpoint covers), so exporting a large shard keeps memory flat.
public struct LineReader: Sequence, IteratorProtocol {
    private let handle: FileHandle
    private var remaining: Int
    private var buffer: [UInt8] = []
    private var start = 0

    public init(path: String, limit: Int) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ConfigurationError("cannot open \(path)")
        }
        self.handle = handle
        remaining = limit
    }

    /// The next line without its `\n`.
    public mutating func next() -> ArraySlice<UInt8>? {
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                defer { start = newline + 1 }
                return buffer[start..<newline]
            }
            guard remaining > 0, let chunk = try? handle.read(upToCount: Swift.min(remaining, 1 << 20)), !chunk.isEmpty
            else {
                if start < buffer.count {
                    defer { start = buffer.count }
                    return buffer[start...]
                }
                return nil
            }
            remaining -= chunk.count
            buffer.removeSubrange(0..<start)
            start = 0
            buffer.append(contentsOf: chunk)
        }
    }
}

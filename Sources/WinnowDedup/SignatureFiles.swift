import Foundation
import WinnowCore

/// Reads a shard's signature file one entry at a time, a few megabytes at
/// a time, so that no file is ever held whole.
struct SignatureFileReader {
    /// Handles on every signature file, for reading entries back by offset; the caller closes them.
    static func open(_ files: [(path: String, length: Int)]) throws -> [FileHandle] {
        var handles: [FileHandle] = []
        for file in files {
            guard let handle = FileHandle(forReadingAtPath: file.path) else {
                for opened in handles { try? opened.close() }
                throw ConfigurationError("\(file.path): cannot open the signature file")
            }
            handles.append(handle)
        }
        return handles
    }

    private let handle: FileHandle
    private let path: String
    /// Bytes of the file that count (its checkpoint's length).
    private let length: Int
    private var buffer: [UInt8] = []
    private var position = 0
    /// File offset of `buffer[0]`.
    private var bufferOffset = 0
    private static let chunk = 4 << 20

    init(path: String, length: Int) throws(ConfigurationError) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ConfigurationError("\(path): cannot open the signature file")
        }
        self.handle = handle
        self.path = path
        self.length = length
    }

    /// The next entry and its offset in the file, or nil at the end.
    mutating func next() throws(ConfigurationError) -> (offset: Int, signature: DedupSignature)? {
        guard bufferOffset + position < length else { return nil }
        guard try fill(4), let entryLength = DedupSignature.entryLength(buffer, at: position), try fill(entryLength)
        else {
            throw ConfigurationError("\(path): signature file is truncated at byte \(bufferOffset + position)")
        }
        let offset = bufferOffset + position
        do {
            let signature = try DedupSignature.decode(buffer, at: &position)
            return (offset, signature)
        } catch {
            throw ConfigurationError("\(path): \(error.message)")
        }
    }

    /// Makes sure `count` bytes from `position` are buffered; false past the end.
    private mutating func fill(_ count: Int) throws(ConfigurationError) -> Bool {
        if buffer.count - position >= count { return true }
        buffer.removeSubrange(0..<position)
        bufferOffset += position
        position = 0
        while buffer.count < count {
            let wanted = min(max(Self.chunk, count - buffer.count), length - bufferOffset - buffer.count)
            guard wanted > 0 else { return false }
            let data: Data?
            do { data = try handle.read(upToCount: wanted) } catch {
                throw ConfigurationError("\(path): cannot read: \(error.localizedDescription)")
            }
            guard let data, !data.isEmpty else { return false }
            buffer.append(contentsOf: data)
        }
        return true
    }

    /// Reads the one entry at `offset` of the file at `handle`.
    static func entry(at offset: Int, of handle: FileHandle, path: String) throws(ConfigurationError) -> DedupSignature
    {
        do {
            try handle.seek(toOffset: UInt64(offset))
            guard let head = try handle.read(upToCount: 4), head.count == 4,
                let length = DedupSignature.entryLength(Array(head), at: 0),
                let rest = try handle.read(upToCount: length - 4), rest.count == length - 4
            else {
                throw ConfigurationError("\(path): signature file is truncated at byte \(offset)")
            }
            var start = 0
            return try DedupSignature.decode(Array(head) + Array(rest), at: &start)
        } catch let error as ConfigurationError {
            throw error
        } catch {
            throw ConfigurationError("\(path): cannot read: \(error.localizedDescription)")
        }
    }
}

/// Fixed-size binary entries spread over numbered files by a partition
/// number, written through small buffers: the on-disk buckets of the dedup
/// phase. Each partition is later read whole, so memory is bounded by the
/// largest partition, not by the archive.
final class PartitionFiles {
    let directory: String
    let name: String
    let count: Int
    private var handles: [FileHandle] = []
    private var buffers: [[UInt8]]
    private static let flushSize = 256 << 10

    init(directory: String, name: String, count: Int) throws(ConfigurationError) {
        self.directory = directory
        self.name = name
        self.count = count
        buffers = Array(repeating: [], count: count)
        for partition in 0..<count {
            let path = Self.path(directory, name, partition)
            guard FileManager.default.createFile(atPath: path, contents: nil),
                let handle = FileHandle(forWritingAtPath: path)
            else {
                throw ConfigurationError("\(path): cannot create the dedup work file")
            }
            handles.append(handle)
        }
    }

    static func path(_ directory: String, _ name: String, _ partition: Int) -> String {
        "\(directory)/\(name)-\(String(format: "%03d", partition)).bin"
    }

    func append<T: FixedWidthInteger>(_ partition: Int, _ value: T) {
        withUnsafeBytes(of: value.littleEndian) { buffers[partition].append(contentsOf: $0) }
    }

    func endEntry(_ partition: Int) throws(ConfigurationError) {
        if buffers[partition].count >= Self.flushSize { try flush(partition) }
    }

    private func flush(_ partition: Int) throws(ConfigurationError) {
        do {
            try handles[partition].write(contentsOf: buffers[partition])
        } catch {
            throw ConfigurationError(
                "\(Self.path(directory, name, partition)): cannot write: \(error.localizedDescription)")
        }
        buffers[partition].removeAll(keepingCapacity: true)
    }

    /// Flushes, syncs and closes every file.
    func finish() throws(ConfigurationError) {
        for partition in 0..<count {
            try flush(partition)
            do {
                try handles[partition].synchronize()
                try handles[partition].close()
            } catch {
                throw ConfigurationError(
                    "\(Self.path(directory, name, partition)): cannot write: \(error.localizedDescription)")
            }
        }
    }

    /// The whole of one partition's file.
    static func read(_ directory: String, _ name: String, _ partition: Int) throws(ConfigurationError) -> [UInt8] {
        let path = path(directory, name, partition)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError("\(path): the dedup work file is missing")
        }
        return Array(data)
    }
}

/// Decodes a partition file's entries of `stride` bytes with `body`
/// (given the raw bytes and an entry's offset).
func forEachEntry(of bytes: [UInt8], stride: Int, _ body: (UnsafeRawBufferPointer, Int) -> Void) {
    bytes.withUnsafeBytes { raw in
        var offset = 0
        while offset + stride <= raw.count {
            body(raw, offset)
            offset += stride
        }
    }
}

extension UnsafeRawBufferPointer {
    func littleEndian<T: FixedWidthInteger>(at offset: Int, as _: T.Type = T.self) -> T {
        T(littleEndian: loadUnaligned(fromByteOffset: offset, as: T.self))
    }
}

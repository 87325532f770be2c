import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Small POSIX file helpers for crash safety: data that a checkpoint covers
/// must be on disk before the checkpoint is.
public enum AtomicFile {
    /// Writes `bytes` to `path` so that a reader sees the old file or the new
    /// one, never a mix: temp file, fsync, rename, fsync of the directory.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        // The pid keeps concurrent shard processes writing the same manifest apart.
        let tmp = path + ".tmp.\(getpid())"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw posixError("cannot create \(tmp)") }
        do {
            try writeAll(fd, bytes, path: tmp)
            guard fsync(fd) == 0 else { throw posixError("cannot fsync \(tmp)") }
        } catch {
            close(fd)
            throw error
        }
        close(fd)
        guard rename(tmp, path) == 0 else { throw posixError("cannot rename \(tmp) to \(path)") }
        syncDirectory(of: path)
    }

    static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { raw in
                Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw posixError("cannot write \(path)")
            }
            offset += n
        }
    }

    /// `mkdir -p`, failing with the system's reason (Foundation's names an error domain).
    public static func makeDirectories(_ path: String) throws {
        var partial = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            partial += "/" + component
            if mkdir(partial, 0o755) != 0, errno != EEXIST {
                throw posixError("cannot create output directory \(path)")
            }
        }
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
            throw OutputError("cannot create output directory \(path): not a directory")
        }
    }

    static func syncDirectory(of path: String) {
        let dir = (path as NSString).deletingLastPathComponent
        let fd = open(dir.isEmpty ? "." : dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 {
            _ = fsync(fd)
            close(fd)
        }
    }

    static func posixError(_ what: String) -> OutputError {
        OutputError("\(what): \(String(cString: strerror(errno)))")
    }
}

/// A file of the output that cannot be written (a full disk, permissions, a
/// path that is not a directory): the command exits 1, not 64, since the
/// arguments were fine.
public struct OutputError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// An output file that is only ever appended to, and truncated back to the
/// last checkpoint on resume.
public final class AppendOnlyFile {
    public let path: String
    private let fd: Int32
    public private(set) var size: Int

    /// Opens (creating if needed) and truncates to `size` bytes.
    public init(path: String, truncatingTo size: Int) throws {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw AtomicFile.posixError("cannot open \(path)") }
        guard ftruncate(fd, off_t(size)) == 0, lseek(fd, off_t(size), SEEK_SET) >= 0 else {
            close(fd)
            throw AtomicFile.posixError("cannot truncate \(path) to \(size) bytes")
        }
        self.size = size
    }

    deinit { close(fd) }

    public func append(_ bytes: [UInt8]) throws {
        guard !bytes.isEmpty else { return }
        try AtomicFile.writeAll(fd, bytes, path: path)
        size += bytes.count
    }

    public func sync() throws {
        guard fsync(fd) == 0 else { throw AtomicFile.posixError("cannot fsync \(path)") }
    }
}

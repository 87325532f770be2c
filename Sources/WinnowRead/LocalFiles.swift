import Foundation
import WinnowCompression
import WinnowCore
import WinnowWARC

/// Inputs on the local file system: files, and directories walked
/// recursively, each directory's entries in byte order of their names. WARC
/// files (`.warc`, `.warc.gz`) are containers: one unit each, whose records
/// ``forEachInput(in:_:)`` lists (see ``WARCInputs``).
///
/// The key of an input is its path relative to the root it was found under
/// (for a file named directly, its file name), so the same archive mounted in
/// another place gives the same keys, ids and shards. The walk streams: it
/// holds one directory listing per level, never the whole archive.
public struct LocalFiles: InputSource {
    /// File name endings Winnow reads; others are skipped in directory walks.
    static let pageExtensions = ["html", "htm", "xhtml", "txt"]

    public let roots: [String]

    /// Checks that every root exists and holds at least one page.
    public init(roots: [String]) throws {
        var absolute: [String] = []
        for root in roots {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) else {
                throw ConfigurationError("--input \(root): no such file or directory")
            }
            let path = URL(fileURLWithPath: root).standardizedFileURL.path
            if !isDirectory.boolValue, Self.kind(of: path) == nil {
                throw ConfigurationError(
                    "--input \(root): not a page file (expected .html, .htm, .xhtml, .txt, optionally .gz, or a .warc, "
                        + ".warc.gz)"
                )
            }
            absolute.append(path)
        }
        self.roots = absolute
        for (root, given) in zip(absolute, roots) {
            var found = false
            try Self.walk(root: root) { _ in
                found = true
                throw StopWalk()
            }
            if !found {
                throw ConfigurationError("--input \(given): no .html, .htm, .txt (or .gz) or .warc files found")
            }
        }
    }

    /// Expands the WARC units of a run's listing (``ListedInputs``): no roots, no walk.
    public static var containers: LocalFiles { LocalFiles(listed: []) }

    private init(listed roots: [String]) { self.roots = roots }

    public func forEach(_ body: (InputRef) throws -> Void) throws {
        // With several roots, two could hold the same relative path; keys must be unique.
        var seen = Set<UInt64>()
        for root in roots {
            try Self.walk(root: root) { ref in
                if roots.count > 1, !seen.insert(StableHash.hash64(ref.key)).inserted {
                    throw ConfigurationError(
                        "--input: two inputs have the key '\(ref.key)'; give them distinct relative paths")
                }
                try body(ref)
            }
        }
    }

    public func isContainer(_ unit: InputRef) -> Bool { unit.kind == .warc }

    public func forEachInput(in unit: InputRef, _ body: (InputRef) throws -> Void) throws {
        guard unit.kind == .warc else { return try body(unit) }
        try WARCInputs.forEach(in: unit, limits: warcLimits, body)
    }

    /// How WARC files are read (the block limit matches the page read limit).
    /// The reader does not check digests here: ``WARCRecordLoader`` does, on
    /// the worker threads, so that the one thread that reads the files stays
    /// free.
    public var warcLimits = WARCReadLimits(verifyBlockDigest: false)

    private struct StopWalk: Error {}

    /// Depth-first walk; `StopWalk` thrown by `body` ends it quietly.
    static func walk(root: String, _ body: (InputRef) throws -> Void) throws {
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory)
        do {
            if !isDirectory.boolValue {
                let name = (root as NSString).lastPathComponent
                try body(InputRef(key: name, kind: kind(of: name)!, location: root))
                return
            }
            try walkDirectory(root: root, relative: "", body)
        } catch is StopWalk {
            return
        }
    }

    private static func walkDirectory(root: String, relative: String, _ body: (InputRef) throws -> Void) throws {
        let directory = relative.isEmpty ? root : root + "/" + relative
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw ConfigurationError("--input: cannot read directory \(directory): \(error.localizedDescription)")
        }
        // Byte order of UTF-8 names: the same on every machine and locale.
        for name in names.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) where !name.hasPrefix(".") {
            let key = relative.isEmpty ? name : relative + "/" + name
            let location = root + "/" + key
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: location, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                try walkDirectory(root: root, relative: key, body)
            } else if let kind = kind(of: name) {
                try body(InputRef(key: key, kind: kind, location: location))
            }
        }
    }

    static func kind(of path: String) -> InputRef.Kind? {
        let lower = path.lowercased()
        if WARCInputs.fileExtensions.contains(where: { lower.hasSuffix($0) }) { return .warc }
        var name = Substring(lower)
        var kind = InputRef.Kind.file
        if name.hasSuffix(".gz") {
            name = name.dropLast(3)
            kind = .gzip
        }
        guard let dot = name.lastIndex(of: "."), pageExtensions.contains(String(name[name.index(after: dot)...])) else {
            return nil
        }
        return kind
    }

    static func format(of path: String) -> InputContent.Format {
        var lower = path.lowercased()
        if lower.hasSuffix(".gz") { lower.removeLast(3) }
        return lower.hasSuffix(".txt") ? .text : .html
    }
}

/// Loads every kind of input ``LocalFiles`` lists: page files and the
/// records of WARC files.
public struct LocalInputLoader: InputLoader {
    public var files: LocalFileLoader
    public var records: WARCRecordLoader

    public init(maxBytes: Int = 64_000_000, verifyWARCDigests: Bool = true) {
        files = LocalFileLoader(maxBytes: maxBytes)
        records = WARCRecordLoader(maxBytes: maxBytes, verifyDigests: verifyWARCDigests)
    }

    public func load(_ ref: InputRef) throws -> InputContent {
        switch ref.kind {
        case .file, .gzip: try files.load(ref)
        case .warc, .warcRecord: try records.load(ref)
        }
    }
}

/// Reads local files and gzip files.
public struct LocalFileLoader: InputLoader {
    /// Largest input read (after decompression); bigger ones are rejects.
    public var maxBytes: Int

    /// 64 MB: no news page comes near it; a bigger file is a mistake or an attack.
    public init(maxBytes: Int = 64_000_000) { self.maxBytes = maxBytes }

    public func load(_ ref: InputRef) throws -> InputContent {
        let file = open(ref.location, O_RDONLY | O_CLOEXEC)
        guard file >= 0 else { throw StageFailure(stage: "read", reason: "cannot open \(ref.location)") }
        defer { close(file) }
        var bytes: [UInt8]
        do {
            bytes = try Self.readAll(file, upTo: maxBytes + 1)
        } catch {
            throw StageFailure(stage: "read", reason: "cannot read \(ref.location): \(error.reason)")
        }
        guard bytes.count <= maxBytes else {
            throw StageFailure(stage: "read", reason: "file larger than the read limit of \(maxBytes) bytes")
        }
        if ref.kind == .gzip {
            do {
                bytes = try Gzip.decompress(bytes, limit: maxBytes)
            } catch {
                throw StageFailure(stage: "read", reason: error.description)
            }
        }
        return InputContent(bytes: bytes, format: LocalFiles.format(of: ref.key))
    }

    /// Why a read failed (the system's words for `errno`).
    struct ReadFailure: Error { let reason: String }

    /// Up to `limit` bytes of the open `file`, read straight into an array
    /// sized by `fstat` (one byte more, to see the end in one read); a file
    /// that grows meanwhile is read on in bigger pieces.
    static func readAll(_ file: Int32, upTo limit: Int) throws(ReadFailure) -> [UInt8] {
        var status = stat()
        let size = fstat(file, &status) == 0 ? Int(status.st_size) : 0
        var bytes: [UInt8] = []
        var piece = min(size + 1, limit)
        while bytes.count < limit {
            let want = min(piece, limit - bytes.count)
            var failure: Int32 = 0
            let read = [UInt8](unsafeUninitializedCapacity: want) { buffer, count in
                count = 0
                while count < want {
                    let got = Glibc.read(file, buffer.baseAddress! + count, want - count)
                    if got > 0 {
                        count += got
                    } else if got == 0 {
                        return
                    } else if errno != EINTR {
                        failure = errno
                        return
                    }
                }
            }
            if failure != 0 { throw ReadFailure(reason: String(cString: strerror(failure))) }
            if bytes.isEmpty { bytes = read } else { bytes += read }
            if read.count < want { break }  // the end of the file
            piece = max(piece * 2, 1 << 16)
        }
        return bytes
    }
}

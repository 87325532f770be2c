import Foundation
import WinnowCore

/// Inputs on the local file system: files, and directories walked
/// recursively in sorted order.
///
/// The key of an input is its path relative to the root it was found under
/// (for a file named directly, its file name), so the same archive mounted in
/// another place gives the same keys, ids and shards.
public enum LocalFiles {
    /// File name endings Winnow reads; others are skipped in directory walks.
    static let pageExtensions = ["html", "htm", "xhtml", "txt"]

    /// Lists every input under the given roots, each root's files sorted by path.
    public static func list(roots: [String]) throws(ConfigurationError) -> [InputRef] {
        var refs: [InputRef] = []
        var seen: [String: String] = [:]
        let fm = FileManager.default
        for root in roots {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: root, isDirectory: &isDirectory) else {
                throw ConfigurationError("--input \(root): no such file or directory")
            }
            let absolute = URL(fileURLWithPath: root).standardizedFileURL.path
            var found: [InputRef] = []
            if isDirectory.boolValue {
                guard let walker = fm.enumerator(atPath: absolute) else {
                    throw ConfigurationError("--input \(root): cannot read the directory")
                }
                var relatives: [String] = []
                while let relative = walker.nextObject() as? String {
                    if (walker.fileAttributes?[.type] as? FileAttributeType) == .typeDirectory {
                        if relative.split(separator: "/").last?.hasPrefix(".") == true { walker.skipDescendants() }
                        continue
                    }
                    if let _ = kind(of: relative) { relatives.append(relative) }
                }
                // Byte order of the UTF-8 path: the same on every machine and locale.
                relatives.sort { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
                found = relatives.map { InputRef(key: $0, kind: kind(of: $0)!, location: absolute + "/" + $0) }
            } else {
                let name = (absolute as NSString).lastPathComponent
                guard let k = kind(of: name) else {
                    throw ConfigurationError("--input \(root): not a page file (expected .html, .htm, .xhtml, .txt, optionally .gz)")
                }
                found = [InputRef(key: name, kind: k, location: absolute)]
            }
            for ref in found {
                if let other = seen[ref.key] {
                    throw ConfigurationError("--input: two inputs have the same key '\(ref.key)' (\(other) and \(ref.location)); give them distinct relative paths")
                }
                seen[ref.key] = ref.location
            }
            if found.isEmpty {
                throw ConfigurationError("--input \(root): no .html, .htm, .txt (or .gz) files found")
            }
            refs.append(contentsOf: found)
        }
        return refs
    }

    static func kind(of path: String) -> InputRef.Kind? {
        let lower = path.lowercased()
        var name = Substring(lower)
        var kind = InputRef.Kind.file
        if name.hasSuffix(".gz") {
            name = name.dropLast(3)
            kind = .gzip
        }
        guard let dot = name.lastIndex(of: "."), pageExtensions.contains(String(name[name.index(after: dot)...])) else { return nil }
        return kind
    }

    static func format(of path: String) -> InputContent.Format {
        var lower = path.lowercased()
        if lower.hasSuffix(".gz") { lower.removeLast(3) }
        return lower.hasSuffix(".txt") ? .text : .html
    }
}

/// Reads local files and gzip files.
public struct LocalFileLoader: InputLoader {
    /// Largest input read (after decompression); bigger ones are rejects.
    public var maxBytes: Int

    public init(maxBytes: Int = 200_000_000) { self.maxBytes = maxBytes }

    public func load(_ ref: InputRef) throws -> InputContent {
        guard let handle = FileHandle(forReadingAtPath: ref.location) else {
            throw StageFailure(stage: "read", reason: "cannot open \(ref.location)")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: maxBytes + 1) ?? Data()
        } catch {
            throw StageFailure(stage: "read", reason: "cannot read \(ref.location): \(error.localizedDescription)")
        }
        guard data.count <= maxBytes else {
            throw StageFailure(stage: "read", reason: "file larger than the read limit of \(maxBytes) bytes")
        }
        var bytes = [UInt8](data)
        if ref.kind == .gzip {
            do {
                bytes = try Gzip.decompress(bytes, limit: maxBytes)
            } catch {
                throw StageFailure(stage: "read", reason: error.description)
            }
        }
        return InputContent(bytes: bytes, format: LocalFiles.format(of: ref.key))
    }
}

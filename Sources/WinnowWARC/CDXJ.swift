import Foundation

/// CDXJ index lines, as pywb reads them and `warcio index`/`cdxj-indexer`
/// write them: `SURT TIMESTAMP {"url", "mime", "status", "digest", "length",
/// "offset", "filename"}`, sorted, for the `response`, `revisit` and
/// `resource` records of one file.
public enum CDXJ {
    public struct Entry: Sendable, Equatable {
        public var surt: String
        public var timestamp: String
        public var url: String
        public var mime: String?
        public var status: String?
        public var digest: String?
        public var length: Int
        public var offset: Int
        public var filename: String

        public var line: String {
            var json = "{\"url\": \(Self.quote(url))"
            if let mime { json += ", \"mime\": \(Self.quote(mime))" }
            if let status { json += ", \"status\": \(Self.quote(status))" }
            if let digest { json += ", \"digest\": \(Self.quote(digest))" }
            json += ", \"length\": \"\(length)\", \"offset\": \"\(offset)\", \"filename\": \(Self.quote(filename))}"
            return "\(surt) \(timestamp) \(json)"
        }

        static func quote(_ s: String) -> String {
            var out = "\""
            for scalar in s.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out + "\""
        }
    }

    /// The index entries of a WARC file, sorted as CDXJ wants them. Damaged
    /// stretches are left out. Holds them all: ``writeIndex(of:to:runLength:)``
    /// writes a long file's index in bounded memory.
    public static func index(path: String, filename: String? = nil) throws(WARCReader.OpenFailure) -> [Entry] {
        var entries: [Entry] = []
        try forEachEntry(path: path, filename: filename) { entries.append($0) }
        return entries.sorted(by: inOrder)
    }

    /// Writes the sorted index of the WARC file at `path` to `output` (one line
    /// each, a lone newline when there is none), holding at most `runLength`
    /// entries (about 0.7 kB each) in memory: a longer index is sorted in runs
    /// written beside `output` (`.run-N`, removed after) and merged, so a WARC
    /// file of a million records is indexed in the memory of `runLength`.
    /// Returns the number of entries.
    @discardableResult
    public static func writeIndex(of path: String, to output: String, runLength: Int = 20_000) throws -> Int {
        var run: [Entry] = []
        var runFiles: [String] = []
        defer { for file in runFiles { try? FileManager.default.removeItem(atPath: file) } }
        var count = 0
        let filename = (path as NSString).lastPathComponent
        try forEachEntry(path: path, filename: filename) { entry in
            run.append(entry)
            count += 1
            if run.count >= runLength {
                let file = output + ".run-\(runFiles.count)"
                runFiles.append(file)
                // A run line carries its offset first: the merge orders by (SURT, time, offset) as the sort does.
                run.sort(by: inOrder)
                let sink = try LineSink(path: file)
                for entry in run { try sink.write("\(entry.offset) \(entry.line)") }
                try sink.close()
                run.removeAll(keepingCapacity: true)
            }
        }
        run.sort(by: inOrder)
        if runFiles.isEmpty {
            let sink = try LineSink(path: output)
            if run.isEmpty { try sink.write("") }
            for entry in run { try sink.write(entry.line) }
            try sink.close()
            return count
        }
        let out = try LineSink(path: output)
        var heads: [(key: RunKey, text: Substring)?] = []
        var readers: [RunReader] = []
        for file in runFiles {
            let reader = try RunReader(path: file)
            readers.append(reader)
            heads.append(reader.next().map { (RunKey($0), $0) })
        }
        var memory = run.makeIterator()
        var pending = memory.next()
        while true {
            var best: Int?
            for (n, head) in heads.enumerated() {
                guard let head else { continue }
                if let b = best, let current = heads[b], !(head.key < current.key) { continue }
                best = n
            }
            if let entry = pending, best == nil || RunKey(entry) < heads[best!]!.key {
                try out.write(entry.line)
                pending = memory.next()
                continue
            }
            guard let best, let head = heads[best] else { break }
            try out.write(head.text[head.text.index(after: head.text.firstIndex(of: " ")!)...])
            heads[best] = readers[best].next().map { (RunKey($0), $0) }
        }
        try out.close()
        return count
    }

    static func inOrder(_ a: Entry, _ b: Entry) -> Bool {
        (a.surt, a.timestamp, a.offset) < (b.surt, b.timestamp, b.offset)
    }

    /// The sort key of an entry, or of a run line (`OFFSET SURT TIMESTAMP {…}`).
    private struct RunKey {
        var surt: Substring
        var timestamp: Substring
        var offset: Int

        init(_ entry: Entry) {
            surt = entry.surt[...]
            timestamp = entry.timestamp[...]
            offset = entry.offset
        }

        init(_ line: Substring) {
            let parts = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false)
            offset = parts.count > 0 ? Int(parts[0]) ?? 0 : 0
            surt = parts.count > 1 ? parts[1] : ""
            timestamp = parts.count > 2 ? parts[2] : ""
        }

        static func < (a: RunKey, b: RunKey) -> Bool {
            (a.surt, a.timestamp, a.offset) < (b.surt, b.timestamp, b.offset)
        }
    }

    /// Calls `body` with each index entry of the WARC file, in file order.
    static func forEachEntry(
        path: String, filename: String?, _ body: (Entry) throws -> Void
    ) throws(WARCReader.OpenFailure) {
        let reader = try WARCReader(
            path: path, limits: WARCReadLimits(maxBlockBytes: 1 << 30, verifyBlockDigest: false))
        let name = filename ?? (path as NSString).lastPathComponent
        while let found = reader.next() {
            guard case .record(let record) = found.content, let length = found.length,
                ["response", "revisit", "resource"].contains(record.type), let url = record.targetURI
            else { continue }
            var mime = HTTPResponse.mediaType(record.headers["Content-Type"])
            var status: String?
            if record.type != "resource", record.block.starts(with: "HTTP/".utf8),
                let response = try? HTTPResponse.parse(record.block)
            {
                status = String(response.status)
                mime = response.mediaType ?? "unk"
            }
            if record.type == "revisit" { mime = "warc/revisit" }
            let digest = record.headers["WARC-Payload-Digest"].map { value in
                value.lowercased().hasPrefix("sha1:") ? String(value.dropFirst(5)) : value
            }
            let entry = Entry(
                surt: surt(url), timestamp: timestamp14(record.date ?? ""), url: url, mime: mime,
                status: status, digest: digest, length: length, offset: found.offset, filename: name)
            do {
                try body(entry)
            } catch {
                throw WARCReader.OpenFailure(description: "\(path): \(error)")
            }
        }
    }

    /// `2026-12-02T17:55:00.123Z` → `20261202175500`.
    static func timestamp14(_ date: String) -> String {
        let digits = date.filter(\.isNumber)
        return String(digits.prefix(14)).padding(toLength: 14, withPad: "0", startingAt: 0)
    }

    /// Sort-friendly URI Reordering Transform, as pywb spells it:
    /// `http://www.Example.com:80/a?b=1` → `com,example)/a?b=1`.
    public static func surt(_ url: String) -> String {
        var rest = Substring(url)
        if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
        let pathStart = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        var host = rest[..<pathStart].lowercased()
        var path = String(rest[pathStart...])
        if let at = host.lastIndex(of: "@") { host = String(host[host.index(after: at)...]) }
        if host.hasSuffix(":80") || host.hasSuffix(":443") { host = String(host[..<host.lastIndex(of: ":")!]) }
        if host.hasPrefix("www.") { host = String(host.dropFirst(4)) }
        if let hash = path.firstIndex(of: "#") { path = String(path[..<hash]) }
        if path.isEmpty { path = "/" }
        if let q = path.firstIndex(of: "?") {
            let query = path[path.index(after: q)...].split(separator: "&").sorted().joined(separator: "&")
            path = String(path[..<q]) + (query.isEmpty ? "" : "?" + query)
        }
        let reversed = host.split(separator: ".").reversed().joined(separator: ",")
        return reversed + ")" + path.lowercased()
    }
}

/// Lines to a file through a 64 KiB buffer.
private final class LineSink {
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path]) }
        self.handle = handle
        buffer.reserveCapacity(1 << 16)
    }

    func write(_ line: Substring) throws {
        buffer += line.utf8
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= 1 << 16 {
            try handle.write(contentsOf: buffer)
            buffer.removeAll(keepingCapacity: true)
        }
    }

    func write(_ line: String) throws { try write(line[...]) }

    func close() throws {
        try handle.write(contentsOf: buffer)
        buffer = []
        try handle.close()
    }
}

/// The lines of a run file, read 64 KiB at a time.
private final class RunReader {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false

    init(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        self.handle = handle
    }

    deinit { try? handle.close() }

    func next() -> Substring? {
        while true {
            if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[start..<newline], as: UTF8.self)
                start = newline + 1
                return line[...]
            }
            if atEnd { return nil }
            buffer.removeFirst(start)
            start = 0
            let chunk = (try? handle.read(upToCount: 1 << 16)) ?? nil
            if let chunk, !chunk.isEmpty { buffer += chunk } else { atEnd = true }
            if atEnd && buffer.isEmpty { return nil }
            if atEnd, start < buffer.count, buffer.last != UInt8(ascii: "\n") { buffer.append(UInt8(ascii: "\n")) }
        }
    }
}

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
    /// stretches are left out.
    public static func index(path: String, filename: String? = nil) throws(WARCReader.OpenFailure) -> [Entry] {
        let reader = try WARCReader(
            path: path, limits: WARCReadLimits(maxBlockBytes: 1 << 30, verifyBlockDigest: false))
        let name = filename ?? (path as NSString).lastPathComponent
        var entries: [Entry] = []
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
            entries.append(
                Entry(
                    surt: surt(url), timestamp: timestamp14(record.date ?? ""), url: url, mime: mime,
                    status: status, digest: digest, length: length, offset: found.offset, filename: name))
        }
        return entries.sorted { ($0.surt, $0.timestamp, $0.offset) < ($1.surt, $1.timestamp, $1.offset) }
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

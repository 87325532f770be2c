import Foundation
import WinnowCore

/// One SOURCE argument of `winnow fetch`: where the URLs to fetch come from.
public enum SourceSpec: Sendable, Equatable, CustomStringConvertible {
    /// `urls:FILE`: a local file, one URL a line, `#` comments and blank lines ignored.
    case urls(file: String)
    /// `sitemap:URL`: a sitemap, sitemap index, news sitemap, text sitemap, RSS or Atom feed.
    case sitemap(url: String)
    /// `robots:URL`: the sitemaps a site's robots.txt lists.
    case robots(url: String)

    static let usage = "use urls:FILE, sitemap:URL or robots:URL"

    /// Parses one SOURCE argument; the error is one line naming the argument.
    public init(parsing argument: String) throws(SourceSpecError) {
        guard let colon = argument.firstIndex(of: ":") else {
            throw SourceSpecError(message: "source '\(argument)' has no kind: \(Self.usage)")
        }
        let kind = String(argument[..<colon])
        let value = String(argument[argument.index(after: colon)...])
        switch kind {
        case "urls":
            guard !value.isEmpty else {
                throw SourceSpecError(message: "source '\(argument)' names no file: \(Self.usage)")
            }
            self = .urls(file: value)
        case "sitemap", "robots":
            guard SitemapParser.isWebURL(value) else {
                throw SourceSpecError(message: "source '\(argument)': '\(value)' is not an absolute http(s) URL")
            }
            self = kind == "sitemap" ? .sitemap(url: value) : .robots(url: value)
        case "http", "https":
            throw SourceSpecError(
                message: "source '\(argument)' has no kind: \(Self.usage) (a page URL goes into a urls: file)")
        default:
            throw SourceSpecError(message: "source '\(argument)' has unknown kind '\(kind)': \(Self.usage)")
        }
    }

    /// For `robots:URL`, the robots.txt to read: the one at the top of the
    /// URL's origin (RFC 9309 section 2.3), so `robots:https://example.com`
    /// and `robots:https://example.com/news/` both mean `https://example.com/robots.txt`.
    public var robotsTxtURL: String? {
        guard case .robots(let url) = self else { return nil }
        return URLNormalizer.robotsTxtURL(for: url)
    }

    public var description: String {
        switch self {
        case .urls(let file): "urls:\(file)"
        case .sitemap(let url): "sitemap:\(url)"
        case .robots(let url): "robots:\(url)"
        }
    }
}

public struct SourceSpecError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// The URLs of a `urls:` file.
public enum URLList {
    /// Parses a URL list's text: one absolute http(s) URL a line; blank
    /// lines and lines starting with `#` are skipped; surrounding whitespace
    /// is ignored. The first bad line is an error naming `name:line`.
    public static func parse(_ text: String, name: String) throws(SourceSpecError) -> [String] {
        var urls: [String] = []
        var lineNumber = 0
        var body = Substring(text)
        if body.hasPrefix("\u{FEFF}") { body = body.dropFirst() }
        for line in body.split(
            omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
        {
            lineNumber += 1
            if let url = try entry(line, name: name, lineNumber: lineNumber) { urls.append(url) }
        }
        return urls
    }

    /// The URL of one line, nil for a blank or comment line.
    private static func entry(_ line: Substring, name: String, lineNumber: Int) throws(SourceSpecError) -> String? {
        let entry = line.trimmingASCIIWhitespace()
        if entry.isEmpty || entry.hasPrefix("#") { return nil }
        guard SitemapParser.isWebURL(entry) else {
            throw SourceSpecError(message: "\(name):\(lineNumber): '\(entry)' is not an absolute http(s) URL")
        }
        return entry
    }

    /// Reads and parses a `urls:` file.
    public static func read(path: String) throws(SourceSpecError) -> [String] {
        var urls: [String] = []
        try forEach(path: path) { urls.append($0) }
        return urls
    }

    /// Calls `body` with each URL of a `urls:` file, read line by line (a list of
    /// millions is never held whole); the same rules and errors as ``parse(_:name:)``.
    public static func forEach(path: String, _ body: (String) -> Void) throws(SourceSpecError) {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        guard exists, !isDirectory.boolValue, var lines = try? LineReader(path: path, limit: Int.max) else {
            throw SourceSpecError(
                message: "urls:\(path): "
                    + (exists ? (isDirectory.boolValue ? "is a directory" : "cannot be read") : "no such file"))
        }
        var lineNumber = 0
        while var bytes = lines.next() {
            if lineNumber == 0, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
            // A lone CR ends a line too, as in parse; CRLF is one line end.
            var parts = String(decoding: bytes, as: UTF8.self).utf8.split(
                separator: UInt8(ascii: "\r"), omittingEmptySubsequences: false)
            if parts.count > 1, parts.last?.isEmpty == true { parts.removeLast() }
            for part in parts {
                lineNumber += 1
                if let url = try entry(Substring(part), name: path, lineNumber: lineNumber) { body(url) }
            }
        }
    }
}

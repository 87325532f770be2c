import Foundation
import WinnowCore

/// One line of `ARCHIVE_DIR/fetch-log.jsonl`: what happened to one URL.
public struct FetchLogEntry: Codable, Sendable, Equatable {
    public enum Outcome: String, Codable, Sendable {
        /// A 2xx response, in the WARC.
        case fetched
        /// robots.txt disallows the URL (or, after a redirect, its target): never requested.
        case robotsDisallowed = "robots-disallowed"
        /// The host resolves only to loopback, private, link-local or multicast addresses: never contacted.
        case blockedPrivate = "blocked-private"
        /// No usable response after the retries, or a final status that is not 2xx or 3xx.
        case failed
        /// Not requested: `--max-pages` reached.
        case skippedLimit = "skipped-limit"
        /// A redirect chain that comes back to a URL already in it.
        case redirectLoop = "redirect-loop"
        /// More redirects than allowed (5).
        case tooManyRedirects = "too-many-redirects"
        /// A redirect to a URL that is fetched (or was) as its own entry: not fetched twice.
        case redirectToSeen = "redirect-to-seen"
        /// Not an absolute http(s) URL.
        case invalidURL = "invalid-url"
        /// `--refresh`: the server answered 304 to a conditional request; the earlier copy stands.
        case notModified = "not-modified"
        /// A 2xx response of a type not kept whole (images, PDF, video …: see `KeptContentTypes`):
        /// its head is in the WARC (`WARC-Truncated: unspecified`), its body was not read.
        case skippedType = "skipped-type"
        /// A `kind: host` line: the host failed `--max-host-failures` times in a row and was put
        /// aside; its remaining URLs (`skipped`) were not requested and get no line of their own.
        case hostSetAside = "host-set-aside"
    }

    enum CodingKeys: String, CodingKey {
        case kind, url, outcome, status, bytes, attempts, redirects, seconds, truncated, error, time, etag, skipped
        case lastModified = "last_modified"
        case contentType = "content_type"
    }

    /// `page` (from a source), `sitemap` (read for its URLs) or `host` (a host put aside).
    public var kind: String
    /// The URL as listed, normalised.
    public var url: String
    public var outcome: Outcome
    /// The last HTTP status received (nil when none was).
    public var status: Int?
    /// Body bytes of the last response as received (coding kept).
    public var bytes: Int
    /// Requests sent for this URL, redirect hops and retries included.
    public var attempts: Int
    /// The URLs redirected from, in order, ending with the final one (empty without redirects).
    public var redirects: [String]
    public var seconds: Double
    /// The body was cut at `--max-bytes`.
    public var truncated: Bool?
    /// Why it failed, in words.
    public var error: String?
    /// When the line was written (ISO 8601, UTC).
    public var time: String
    /// The final response's `ETag` and `Last-Modified`, for a later `--refresh`'s conditional request.
    public var etag: String?
    public var lastModified: String?
    /// A `host-set-aside` line: how many of the host's URLs were not requested.
    public var skipped: Int?
    /// A `skipped-type` line: the response's `Content-Type` as sent.
    public var contentType: String?

    public init(
        kind: String, url: String, outcome: Outcome, status: Int? = nil, bytes: Int = 0, attempts: Int = 0,
        redirects: [String] = [], seconds: Double = 0, truncated: Bool? = nil, error: String? = nil,
        time: Date = Date(),
        etag: String? = nil, lastModified: String? = nil, skipped: Int? = nil, contentType: String? = nil
    ) {
        self.kind = kind
        self.url = url
        self.outcome = outcome
        self.status = status
        self.bytes = bytes
        self.attempts = attempts
        self.redirects = redirects
        self.seconds = (seconds * 1000).rounded() / 1000
        self.truncated = truncated
        self.error = error
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        self.time = formatter.string(from: time)
        self.etag = etag
        self.lastModified = lastModified
        self.skipped = skipped
        self.contentType = contentType
    }
}

/// Appends `fetch-log.jsonl` lines, one write each (whole lines reach the
/// file or nothing does past the last newline), from any thread.
public final class FetchLog: @unchecked Sendable {
    public let path: String
    private let handle: FileHandle
    private let lock = NSLock()
    private let encoder = JSONEncoder()

    /// Opens `path` for appending; a torn last line (a kill mid-write) is cut first.
    public init(path: String) throws {
        self.path = path
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
            }
        }
        handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        let data = try handle.readToEnd() ?? Data()
        if let last = data.last, last != UInt8(ascii: "\n") {
            let keep = (data.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 }) ?? 0
            try handle.truncate(atOffset: UInt64(keep))
        }
        try handle.seekToEnd()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
    }

    public func append(_ entry: FetchLogEntry) {
        lock.lock()
        defer { lock.unlock() }
        guard var line = try? encoder.encode(entry) else { return }
        line.append(UInt8(ascii: "\n"))
        handle.write(line)
    }

    /// The entries of an existing log; torn or foreign lines are skipped.
    public static func read(path: String) -> [FetchLogEntry] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let decoder = JSONDecoder()
        return data.split(separator: UInt8(ascii: "\n")).compactMap {
            try? decoder.decode(FetchLogEntry.self, from: Data($0))
        }
    }

    /// The entries of an existing log one at a time, read in 1 MB chunks (a resume of a long crawl
    /// keeps memory flat); torn or foreign lines are skipped.
    public static func forEach(path: String, _ body: (FetchLogEntry) -> Void) {
        guard let lines = try? LineReader(path: path, limit: Int.max) else { return }
        let decoder = JSONDecoder()
        for line in lines where !line.isEmpty {
            if let entry = try? decoder.decode(FetchLogEntry.self, from: Data(line)) { body(entry) }
        }
    }
}

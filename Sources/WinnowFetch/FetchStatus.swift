import Foundation
import WinnowWARC

/// What `winnow status ARCHIVE_DIR` reports about a fetch: pages by
/// outcome, errors by kind, hosts, WARC files, and whether the crawl
/// finished, read from `fetch-log.jsonl`, `fetch-summary.json` and the
/// directory listing (the network is not touched).
public struct FetchStatus: Codable, Sendable {
    public var directory: String
    /// The last line of each page URL (a later `--refresh` line wins), by outcome.
    public var pages: [String: Int]
    /// `failed` pages by what went wrong (`HTTP 404`, `timeout`, `reset`, …).
    public var errors: [String: Int]
    /// `skipped-type` pages by media type (`image/jpeg`, `application/pdf`, …).
    public var skippedTypes: [String: Int]
    public var hosts: Int
    /// Hosts put aside for failing (their origins).
    public var hostsSetAside: [String]
    /// Sitemaps read, by outcome.
    public var sitemaps: [String: Int]
    public var warcFiles: Int
    /// WARC files still `.open`: a crawl running, or killed (`--resume` closes them).
    public var openWARCFiles: Int
    public var warcBytes: Int
    /// The last run ended (its summary is written and no WARC file is open).
    public var finished: Bool
    /// The last finished run's summary, when there is one.
    public var seconds: Double?
    public var bytesReceived: Int?

    /// Whether `directory` holds a fetch (a `fetch-log.jsonl`).
    public static func isArchive(_ directory: String) -> Bool {
        FileManager.default.fileExists(atPath: directory + "/" + Crawler.logName)
    }

    public static func read(_ directory: String) -> FetchStatus {
        var last: [String: FetchLogEntry] = [:]
        var sitemaps: [String: Int] = [:]
        var setAside: [String] = []
        for entry in FetchLog.read(path: directory + "/" + Crawler.logName) {
            switch entry.kind {
            case "page": last[entry.url] = entry
            case "sitemap": sitemaps[entry.outcome.rawValue, default: 0] += 1
            case "host" where entry.outcome == .hostSetAside: setAside.append(entry.url)
            default: break
            }
        }
        var pages: [String: Int] = [:]
        var errors: [String: Int] = [:]
        var types: [String: Int] = [:]
        var origins: Set<String> = []
        for entry in last.values {
            pages[entry.outcome.rawValue, default: 0] += 1
            if let origin = URLNormalizer.Parts(entry.url)?.origin { origins.insert(origin) }
            if entry.outcome == .failed { errors[errorKind(entry.error), default: 0] += 1 }
            if entry.outcome == .skippedType {
                types[HTTPResponse.mediaType(entry.contentType) ?? "(none)", default: 0] += 1
            }
        }
        var files = 0
        var open = 0
        var bytes = 0
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] {
            guard name.hasSuffix(".warc.gz") || name.hasSuffix(".warc.gz.open") else { continue }
            if name.hasSuffix(".open") { open += 1 } else { files += 1 }
            bytes += (try? FileManager.default.attributesOfItem(atPath: directory + "/" + name)[.size] as? Int) ?? 0
        }
        var summary: [String: Any]?
        if let data = FileManager.default.contents(atPath: directory + "/" + Crawler.summaryName) {
            summary = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        }
        return FetchStatus(
            directory: directory, pages: pages, errors: errors, skippedTypes: types, hosts: origins.count,
            hostsSetAside: setAside,
            sitemaps: sitemaps, warcFiles: files, openWARCFiles: open, warcBytes: bytes,
            finished: summary?["finished"] as? Bool == true && open == 0,
            seconds: (summary?["seconds"] as? NSNumber)?.doubleValue,
            bytesReceived: (summary?["bytes"] as? NSNumber)?.intValue)
    }

    /// The kind of a failure, without its details: `HTTP 404`, `timeout`, `reset`, `does not resolve`.
    static func errorKind(_ error: String?) -> String {
        guard let error else { return "unknown" }
        if error.hasPrefix("HTTP ") { return String(error.prefix(8)) }
        if error.contains("does not resolve") { return "does not resolve" }
        if error.hasPrefix("redirect to an unusable") { return "bad redirect" }
        return error.split(separator: ":").first.map(String.init) ?? error
    }

    /// A table for people.
    public func rendered() -> String {
        let total = pages.values.reduce(0, +)
        func counts(_ map: [String: Int]) -> String {
            map.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        }
        var lines = [
            "fetch archive \(directory): "
                + (finished ? "finished" : "not finished (running, or killed: --resume continues it)")
        ]
        lines.append("  pages: \(total)" + (pages.isEmpty ? "" : " (\(counts(pages)))"))
        if !errors.isEmpty { lines.append("  errors: \(counts(errors))") }
        if !skippedTypes.isEmpty { lines.append("  not kept (type): \(counts(skippedTypes))") }
        lines.append(
            "  hosts: \(hosts)"
                + (hostsSetAside.isEmpty ? "" : ", put aside: \(hostsSetAside.joined(separator: ", "))"))
        if !sitemaps.isEmpty { lines.append("  sitemaps: \(counts(sitemaps))") }
        lines.append(
            "  WARC: \(warcFiles) file(s)" + (openWARCFiles > 0 ? " + \(openWARCFiles) open" : "")
                + ", \(FetchProgress.bytesText(warcBytes))")
        if let seconds, let bytesReceived {
            lines.append(
                "  last run: \(FetchProgress.bytesText(bytesReceived)) received in \(String(format: "%.1f", seconds)) s"
            )
        }
        return lines.joined(separator: "\n")
    }
}

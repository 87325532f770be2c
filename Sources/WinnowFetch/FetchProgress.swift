import Foundation

/// How a crawl is going, at one moment.
public struct FetchProgress: Sendable, Equatable {
    /// Hosts being fetched now, and all hosts with URLs to fetch.
    public var hostsActive = 0
    public var hosts = 0
    /// Pages with a log line (any outcome), and of them those fetched (2xx) and those that went wrong.
    public var pagesDone = 0
    public var fetched = 0
    public var errors = 0
    /// Pages not yet started.
    public var queued = 0
    /// Pages to fetch in this run (not counting those of hosts put aside).
    public var total = 0
    /// Bytes received (bodies as sent, every response: retries, redirects, robots.txt and sitemaps too).
    public var bytes = 0
    public var elapsedSeconds = 0.0
    /// The crawl is over (the last snapshot).
    public var finished = false

    public init() {}

    public var pagesPerSecond: Double { elapsedSeconds > 0 ? Double(pagesDone) / elapsedSeconds : 0 }

    /// One terminal line, redrawn in place.
    public var barLine: String {
        let fraction = total > 0 ? Double(pagesDone) / Double(total) : 1
        let width = 20
        let filled = min(width, Int(fraction * Double(width)))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        return
            "fetch \(bar) \(pagesDone)/\(total) pages  \(fetched) fetched  \(errors) errors  \(Self.bytesText(bytes)) "
            + " \(String(format: "%.1f", pagesPerSecond)) pages/s  hosts \(hostsActive)/\(hosts)  queue \(queued)"
    }

    /// One plain line, for logs.
    public var plainLine: String {
        "fetch: \(pagesDone)/\(total) pages done (\(fetched) fetched, \(errors) errors), \(queued) queued, "
            + "\(Self.bytesText(bytes)), \(String(format: "%.1f", pagesPerSecond)) pages/s, \(hostsActive) of "
            + "\(hosts) hosts active, \(Self.duration(elapsedSeconds))"
    }

    public static func bytesText(_ bytes: Int) -> String {
        if bytes < 1_000_000 { return String(format: "%.1f kB", Double(bytes) / 1000) }
        if bytes < 1_000_000_000 { return String(format: "%.1f MB", Double(bytes) / 1_000_000) }
        return String(format: "%.2f GB", Double(bytes) / 1_000_000_000)
    }

    public static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        if total < 60 { return "\(total)s" }
        if total < 3600 { return "\(total / 60)m\(String(format: "%02d", total % 60))s" }
        return "\(total / 3600)h\(String(format: "%02d", total % 3600 / 60))m"
    }
}

/// Shows a crawl's progress on stderr: a bar redrawn in place on a terminal,
/// a plain line every `lineInterval` seconds otherwise (batch job logs).
/// Notes printed while the bar is up clear it first, so they stay readable.
public final class FetchProgressReporter: @unchecked Sendable {
    public enum Style: Sendable { case bar, lines, none }

    public let style: Style
    private let lineInterval: Double
    private let write: @Sendable (String) -> Void
    private let lock = NSLock()
    private var lastLine = 0.0
    private var barShown = false

    public init(
        style: Style, lineInterval: Double = 10,
        write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }
    ) {
        self.style = style
        self.lineInterval = lineInterval
        self.write = write
    }

    /// `bar` when stderr is a terminal, `lines` otherwise.
    public static func automaticStyle() -> Style { isatty(2) != 0 ? .bar : .lines }

    public func update(_ progress: FetchProgress) {
        lock.withLock {
            switch style {
            case .none: return
            case .bar:
                write("\r" + progress.barLine + "\u{1B}[K" + (progress.finished ? "\n" : ""))
                barShown = !progress.finished
            case .lines:
                guard !progress.finished, progress.elapsedSeconds - lastLine >= lineInterval else { return }
                lastLine = progress.elapsedSeconds
                write(progress.plainLine + "\n")
            }
        }
    }

    /// A message line (a URL that failed, a host put aside).
    public func note(_ line: String) {
        lock.withLock {
            write((barShown ? "\r\u{1B}[K" : "") + line + "\n")
            barShown = false
        }
    }
}

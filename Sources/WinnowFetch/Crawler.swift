import Foundation
import WinnowHTTP
import WinnowWARC

/// The settings of one `winnow fetch` run.
public struct FetchOptions: Sendable {
    public static let defaultUserAgent = "Winnow/0.1 (+https://github.com/winnow-news/winnow; news-archive crawler)"
    public var userAgent = FetchOptions.defaultUserAgent
    /// Seconds between the starts of two requests to one host (raised by Crawl-delay).
    public var delay = 1.0
    /// The longest delay a Crawl-delay can ask for.
    public var maxDelay = 30.0
    /// Hosts fetched in parallel.
    public var hostsAtOnce = 32
    /// Requests in flight to one host at once (their starts still `delay` apart).
    public var perHost = 1
    public var maxRetries = 3
    /// Connect and total timeout of one request, in seconds.
    public var timeout = 30.0
    /// Body bytes kept per response; more are cut (WARC-Truncated: length).
    public var maxBytes = 10_000_000
    /// Pages requested at most (sitemaps and robots.txt not counted); nil for no limit.
    public var maxPages: Int?
    public var allowPrivateAddresses = false
    public var resume = false
    /// Request again the URLs the archive's log holds as fetched, conditionally (If-None-Match, If-Modified-Since).
    public var refresh = false
    /// RFC 9309 and common practice: five redirects.
    public var maxRedirects = 5
    /// First retry backoff in seconds (doubles each retry).
    public var backoffBase = 1.0
    /// The longest wait for a Retry-After or a backoff.
    public var maxRetryWait = 120.0
    /// This crawl's share of the hosts (`--shard K/N`); nil for all of them.
    public var shard: HostShard?
    /// Failed pages in a row (no answer, 5xx or 429 after the retries) that put a host aside; 0: never.
    public var maxHostFailures = 5
    /// Seconds a robots.txt is obeyed before it is fetched again (RFC 9309 section 2.4: at most 24 hours).
    public var robotsTTL = 86_400.0
    /// Seconds before an unreachable robots.txt is tried again (doubling each time, at most `maxRetries` times).
    public var robotsRetryWait = 60.0
    /// Seconds a resolved host name is used before it is resolved again.
    public var dnsTTL = 3600.0

    public init() {}
}

/// What a run did, by outcome.
public struct FetchSummary: Sendable {
    public var counts: [FetchLogEntry.Outcome: Int] = [:]
    public var skippedAsDone = 0
    /// URLs of hosts put aside, not requested (no log line of their own).
    public var notRequested = 0
    public var bytes = 0
    public var seconds = 0.0
    public var warnings: [String] = []
    public var line: String {
        let parts = counts.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \($0.value)" }
        let pages = counts.filter { $0.key != .hostSetAside }.values.reduce(0, +)
        return "fetch: " + (parts.isEmpty ? "nothing to do" : parts.joined(separator: ", "))
            + (skippedAsDone > 0 ? "; \(skippedAsDone) already done (resume)" : "")
            + (notRequested > 0 ? "; \(notRequested) not requested (host put aside)" : "")
            + "; \(FetchProgress.bytesText(bytes)) in \(String(format: "%.1f", seconds)) s"
            + (seconds > 0 ? String(format: " (%.1f pages/s)", Double(pages) / seconds) : "")
    }
}

public struct FetchFailure: Error, Sendable, CustomStringConvertible {
    public var description: String
}

/// The crawler: reads the sources, fetches robots.txt per host first and
/// obeys it, fetches pages host by host (`hostsAtOnce` hosts in parallel,
/// `perHost` requests in flight per host, `delay` between starts), retries
/// what is worth retrying, puts aside a host that keeps failing, follows
/// redirects itself, refuses private addresses, and writes every response
/// to the WARC and one line per URL to the log.
public final class Crawler: @unchecked Sendable {
    public let options: FetchOptions
    public let archiveDirectory: String
    private let note: @Sendable (String) -> Void
    private let retry: RetryPolicy
    private let pacer = HostPacer()
    private let resolver: HostResolver
    private var warc: WARCWriter!
    private let warcLock = NSLock()
    private var log: FetchLog!
    private let stateLock = NSLock()
    private var robotsCache: RobotsCache
    private var robotsLocks: [String: NSLock] = [:]
    /// The seen-set and the waiting URLs, on disk (memory stays flat however long the list); guarded by `frontierLock`.
    private var frontier: FrontierFile?
    private let frontierLock = NSLock()
    private var pagesStarted = 0
    private var summary = FetchSummary()
    private var progress = FetchProgress()
    private var queue: HostQueue?
    /// Failed pages in a row, per host index; hosts put aside.
    private var failuresInRow: [Int: Int] = [:]
    private var hostsSetAside: Set<Int> = []

    public static let logName = "fetch-log.jsonl"
    /// Written when a run ends (counts, bytes, seconds); absent while one runs or after a kill.
    public static let summaryName = "fetch-summary.json"
    /// The frontier's scratch file while a run lasts (hidden: `winnow run --input` skips it).
    public static let frontierName = ".fetch-frontier.sqlite"

    public init(options: FetchOptions, archiveDirectory: String, note: @escaping @Sendable (String) -> Void = { _ in })
    {
        self.options = options
        self.archiveDirectory = archiveDirectory
        self.note = note
        retry = RetryPolicy(
            maxRetries: options.maxRetries, baseDelay: options.backoffBase, maxWait: options.maxRetryWait)
        resolver = HostResolver(ttl: options.dnsTTL)
        robotsCache = RobotsCache(
            ttl: options.robotsTTL, retryWait: options.robotsRetryWait, maxRetries: options.maxRetries)
    }

    /// Host names resolved (getaddrinfo calls) so far.
    public var dnsLookups: Int { resolver.lookups }

    // MARK: - The run

    /// Runs the crawl. `report`, when given, gets a snapshot about ten times a second and a last one at the end.
    public func run(sources: [SourceSpec], report: (@Sendable (FetchProgress) -> Void)? = nil) throws(FetchFailure)
        -> FetchSummary
    {
        let started = Date()
        do {
            try FileManager.default.createDirectory(atPath: archiveDirectory, withIntermediateDirectories: true)
        } catch {
            throw FetchFailure(description: "cannot create \(archiveDirectory): \(error.localizedDescription)")
        }
        let logPath = archiveDirectory + "/" + Self.logName
        let summaryPath = archiveDirectory + "/" + Self.summaryName
        let frontier: FrontierFile
        do throws(FrontierFile.Failure) {
            frontier = try FrontierFile(path: archiveDirectory + "/" + Self.frontierName)
        } catch {
            throw FetchFailure(description: error.description)
        }
        self.frontier = frontier
        defer { frontierLock.withLock { frontier.remove() } }
        // Adding URLs and the seen-checks of the list go in one transaction (ten times faster than one each).
        do throws(FrontierFile.Failure) { try frontier.begin() } catch {
            throw FetchFailure(description: error.description)
        }
        // 2xx responses in the WARC whose log line the kill prevented: logged now, attempts 0.
        var archivedOnly: [String: (status: Int, mime: String?)] = [:]
        let hasLog =
            FileManager.default.fileExists(atPath: logPath)
            && (try? FileManager.default.attributesOfItem(atPath: logPath)[.size] as? Int) ?? 0 > 0
        if options.resume || options.refresh {
            do {
                let closed = try WARCWriter.recover(directory: archiveDirectory)
                if !closed.isEmpty {
                    note("resume: closed \(closed.count) interrupted WARC file(s), incomplete tail cut")
                }
            } catch {
                throw FetchFailure(description: "resume: \(error.description)")
            }
        }
        if options.refresh {
            // The validators of each URL's last fetch, by the URL the response came from: on disk too.
            var unreadable: FrontierFile.Failure?
            FetchLog.forEach(path: logPath) { entry in
                guard entry.kind == "page", [.fetched, .notModified].contains(entry.outcome),
                    entry.etag != nil || entry.lastModified != nil, unreadable == nil
                else { return }
                do throws(FrontierFile.Failure) {
                    try frontier.setValidators(
                        url: entry.redirects.last ?? entry.url, etag: entry.etag, lastModified: entry.lastModified)
                } catch {
                    unreadable = error
                }
            }
            if let unreadable { throw FetchFailure(description: unreadable.description) }
        } else if options.resume {
            var unreadable: FrontierFile.Failure?
            FetchLog.forEach(path: logPath) { entry in
                guard entry.kind == "page", unreadable == nil else { return }
                do throws(FrontierFile.Failure) { try frontier.markDone(SeenKey(entry.url)) } catch {
                    unreadable = error
                }
            }
            if let unreadable { throw FetchFailure(description: unreadable.description) }
            // A 2xx response stored but not yet logged when the run was killed counts as done too.
            for name in ((try? FileManager.default.contentsOfDirectory(atPath: archiveDirectory)) ?? []).sorted()
            where name.hasSuffix(".warc.gz") {
                guard let entries = try? CDXJ.index(path: archiveDirectory + "/" + name) else { continue }
                for entry in entries where entry.status?.hasPrefix("2") == true {
                    if let key = URLNormalizer.normalize(entry.url), (try? frontier.isDone(SeenKey(key))) == false,
                        let status = entry.status.flatMap({ Int($0) })
                    {
                        archivedOnly[key] = (status, entry.mime)
                    }
                }
            }
        } else if hasLog {
            throw FetchFailure(
                description: "\(logPath) exists: use --resume to continue that crawl, or another --output")
        }
        // The summary marks a finished run: gone while this one runs.
        try? FileManager.default.removeItem(atPath: summaryPath)
        do {
            log = try FetchLog(path: logPath)
        } catch {
            throw FetchFailure(description: "cannot write \(logPath): \(error.localizedDescription)")
        }
        warc = WARCWriter(
            directory: archiveDirectory, prefix: "winnow-fetch",
            info: [
                ("software", "Winnow fetch (\(HTTPClient.libraryVersion))"),
                ("format", "WARC File Format 1.1"),
                ("robots", "obey"),
                ("http-header-user-agent", options.userAgent),
            ])

        let ticker = report.map { report in ProgressTicker(interval: 0.1) { [self] in report(snapshot(since: started)) }
        }
        ticker?.start()

        // urls: files first, then what sitemaps and robots.txt files list. A file is read
        // twice, line by line: checked whole before anything is fetched, then queued.
        for source in sources {
            if case .urls(let file) = source {
                do throws(SourceSpecError) {
                    try URLList.forEach(path: file) { _ in }
                } catch {
                    ticker?.stop()
                    throw FetchFailure(description: error.description)
                }
            }
        }
        // Hosts in parallel, each host's URLs in order, `perHost` at a time.
        let hosts = HostQueue(
            file: frontier, fileLock: frontierLock, hostsAtOnce: options.hostsAtOnce, perHost: options.perHost)
        stateLock.withLock { queue = hosts }
        var unwritable: FrontierFile.Failure?
        func enqueue(_ url: String) {
            // Another shard's host: that shard fetches it.
            if let shard = options.shard, !shard.owns(url: url) { return }
            guard let key = URLNormalizer.normalize(url), let origin = URLNormalizer.Parts(key)?.origin else {
                record(
                    FetchLogEntry(kind: "page", url: url, outcome: .invalidURL, error: "not an absolute http(s) URL"))
                return
            }
            let claim: FrontierFile.Claim
            do throws(FrontierFile.Failure) {
                claim = try withFrontier { file throws(FrontierFile.Failure) in try file.claim(SeenKey(key)) }
            } catch {
                unwritable = unwritable ?? error
                return
            }
            if claim == .claimed { return }
            if claim == .doneBefore {
                stateLock.withLock { summary.skippedAsDone += 1 }
                return
            }
            if let (status, mime) = archivedOnly[key] {
                let kept = mime.map { KeptContentTypes.keepsBody(status: status, contentType: $0) } ?? true
                record(
                    FetchLogEntry(
                        kind: "page", url: key, outcome: kept ? .fetched : .skippedType, status: status, attempts: 0,
                        contentType: kept ? nil : mime))
                return
            }
            do throws(FrontierFile.Failure) { try hosts.add(origin: origin, url: key) } catch {
                unwritable = unwritable ?? error
            }
        }
        for source in sources {
            if case .urls(let file) = source { try? URLList.forEach(path: file, enqueue) }
        }
        discoverSitemapPages(sources, each: enqueue)
        do throws(FrontierFile.Failure) {
            try withFrontier { file throws(FrontierFile.Failure) in try file.commit() }
        } catch {
            unwritable = unwritable ?? error
        }
        if let unwritable {
            ticker?.stop()
            throw FetchFailure(description: unwritable.description)
        }
        stateLock.withLock {
            progress.hosts = hosts.hostCount
            progress.total = hosts.queuedURLs
        }
        let group = DispatchGroup()
        // No more threads than can have work at once (a thread more would only be woken and sleep
        // again each time a URL finishes: at 1 host, 99 of 100 threads did that for every page).
        let workers = min(
            min(max(1, options.hostsAtOnce), hosts.hostCount) * max(1, options.perHost), hosts.queuedURLs)
        for _ in 0..<workers {
            group.enter()
            let thread = Thread { [self] in
                while let job = hosts.next() {
                    switch fetchPage(job.url) {
                    case .deferred(let until):
                        hosts.postpone(job, until: until)
                    case .done(let entry):
                        record(entry)
                        // Judged before the job ends, so no other thread takes the host's next URL meanwhile.
                        judgeHost(job.host, entry, hosts)
                        hosts.finished(job)
                    }
                }
                group.leave()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        group.wait()
        ticker?.stop()
        if let failure = hosts.failure { note("\(failure): the URLs of that host not yet fetched were dropped") }
        warcLock.lock()
        defer { warcLock.unlock() }
        do {
            try warc.close()
        } catch {
            throw FetchFailure(description: error.description)
        }
        let final = stateLock.withLock { () -> FetchSummary in
            summary.seconds = Date().timeIntervalSince(started)
            summary.bytes = progress.bytes
            return summary
        }
        var last = snapshot(since: started)
        last.finished = true
        report?(last)
        writeSummary(final, started: started, path: summaryPath)
        return final
    }

    private func snapshot(since started: Date) -> FetchProgress {
        let queue = stateLock.withLock { self.queue }
        var snapshot = stateLock.withLock { progress }
        snapshot.hostsActive = queue?.activeHosts ?? 0
        snapshot.queued = queue?.queuedURLs ?? 0
        snapshot.elapsedSeconds = Date().timeIntervalSince(started)
        return snapshot
    }

    private func writeSummary(_ summary: FetchSummary, started: Date, path: String) {
        let formatter = ISO8601DateFormatter()
        let object: [String: Any] = [
            "finished": true,
            "started": formatter.string(from: started),
            "ended": formatter.string(from: Date()),
            "seconds": (summary.seconds * 1000).rounded() / 1000,
            "bytes": summary.bytes,
            "outcomes": Dictionary(uniqueKeysWithValues: summary.counts.map { ($0.key.rawValue, $0.value) }),
            "already_done": summary.skippedAsDone,
            "not_requested": summary.notRequested,
        ]
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])
        else { return }
        // Write, then rename: a reader never sees half of it.
        let temporary = path + ".tmp"
        if FileManager.default.createFile(atPath: temporary, contents: data + Data("\n".utf8)) {
            _ = rename(temporary, path)
        } else {
            note("cannot write \(path)")
        }
    }

    /// Claims a redirect's target for this run: false when this run has it already.
    private func claim(_ key: String) -> Bool {
        do throws(FrontierFile.Failure) {
            return try withFrontier { file throws(FrontierFile.Failure) in try file.claim(SeenKey(key)) } != .claimed
        } catch {
            note(error.description)
            return true
        }
    }

    /// Runs `body` on the frontier file under its lock.
    private func withFrontier<R>(_ body: (FrontierFile) throws(FrontierFile.Failure) -> R) throws(FrontierFile.Failure)
        -> R
    {
        frontierLock.lock()
        defer { frontierLock.unlock() }
        guard let frontier else { throw FrontierFile.Failure(description: "no frontier file open") }
        return try body(frontier)
    }

    private func record(_ entry: FetchLogEntry) {
        log.append(entry)
        stateLock.withLock {
            summary.counts[entry.outcome, default: 0] += 1
            guard entry.kind == "page" else { return }
            progress.pagesDone += 1
            switch entry.outcome {
            case .fetched, .notModified: progress.fetched += 1
            case .failed, .redirectLoop, .tooManyRedirects, .invalidURL: progress.errors += 1
            default: break
            }
        }
        if entry.outcome != .fetched && entry.outcome != .notModified {
            note(
                "\(entry.outcome.rawValue) \(entry.url)" + (entry.status.map { " (HTTP \($0))" } ?? "")
                    + (entry.error.map { ": \($0)" } ?? ""))
        }
    }

    /// Counts a host's failed pages in a row; at `maxHostFailures` the host is put aside (one log line).
    private func judgeHost(_ host: Int, _ entry: FetchLogEntry, _ queue: HostQueue) {
        guard options.maxHostFailures > 0 else { return }
        // Only pages that were requested say something about the host.
        guard [.fetched, .notModified, .skippedType, .failed, .redirectLoop, .tooManyRedirects].contains(entry.outcome)
        else {
            return
        }
        let serverTrouble = entry.outcome == .failed && (entry.status.map { $0 >= 500 || $0 == 429 } ?? true)
        let putAside = stateLock.withLock { () -> Bool in
            guard serverTrouble else {
                failuresInRow[host] = 0
                return false
            }
            failuresInRow[host, default: 0] += 1
            guard failuresInRow[host]! >= options.maxHostFailures, !hostsSetAside.contains(host) else { return false }
            hostsSetAside.insert(host)
            return true
        }
        guard putAside else { return }
        let dropped = queue.setAside(host)
        stateLock.withLock {
            summary.notRequested += dropped
            progress.total -= dropped
        }
        record(
            FetchLogEntry(
                kind: "host", url: queue.origin(host), outcome: .hostSetAside,
                error:
                    "\(options.maxHostFailures) failed pages in a row (last: \(entry.error ?? "?")); "
                    + "\(dropped) URL(s) not requested, --resume tries them again",
                skipped: dropped))
    }

    // MARK: - Sources

    /// Reads the sitemaps the sources name and hands `each` the pages they list, as they come.
    private func discoverSitemapPages(_ sources: [SourceSpec], each: (String) -> Void) {
        var frontier = SitemapFrontier()
        for source in sources {
            switch source {
            case .urls: break
            case .sitemap(let url):
                // A sitemap is read by the shard of its host, like a page.
                if let shard = options.shard, !shard.owns(url: url) { continue }
                do throws(SitemapFrontier.Refusal) { try frontier.add(url) } catch { note(error.description) }
            case .robots:
                guard let robotsURL = source.robotsTxtURL, let origin = URLNormalizer.Parts(robotsURL)?.origin,
                    options.shard?.owns(url: robotsURL) ?? true
                else {
                    continue
                }
                for sitemap in robots(for: origin).sitemaps {
                    do throws(SitemapFrontier.Refusal) { try frontier.add(sitemap) } catch { note(error.description) }
                }
            }
        }
        while let item = frontier.next() {
            if let shard = options.shard, !shard.owns(url: item.url) {
                note(
                    "sitemap \(item.url) not read: its host belongs to another shard than \(shard) "
                        + "(run without --shard to read it)"
                )
                continue
            }
            let (entry, result) = fetch(URLNormalizer.normalize(item.url) ?? item.url, kind: "sitemap")
            record(entry)
            guard entry.outcome == .fetched, let result else { continue }
            do {
                let body = try HTTPResponse.parse(result.response).decodedBody(limit: SitemapLimits.standard.maxBytes)
                let contents = try SitemapParser.parse(body, url: item.url)
                for warning in contents.warnings { note("sitemap \(item.url): \(warning)") }
                for page in contents.pages { each(page.url) }
                if let shard = options.shard {
                    let elsewhere = contents.pages.filter { !shard.owns(url: $0.url) }.count
                    if elsewhere > 0 {
                        note(
                            "sitemap \(item.url) lists \(elsewhere) page(s) on hosts of other shards than \(shard): "
                                + "not fetched (give them in a urls: file)"
                        )
                    }
                }
                for refusal in frontier.addChildren(of: item, contents.sitemaps) { note(refusal.description) }
            } catch {
                note("sitemap \(item.url) not read: \(error)")
            }
        }
    }

    // MARK: - One URL

    enum PageResult {
        case done(FetchLogEntry)
        /// Not fetched: the host's robots.txt is unreachable and tried again at this time.
        case deferred(Date)
    }

    private func fetchPage(_ url: String) -> PageResult {
        // robots.txt first: an unreachable one makes the host wait for its retry rather than disallow its pages.
        if let parts = URLNormalizer.Parts(url), case .use = checkAddress(parts.host) {
            let entry = robotsEntry(for: parts.origin)
            if entry.retryPending { return .deferred(entry.expires) }
        }
        let overLimit = stateLock.withLock { () -> Bool in
            if let limit = options.maxPages, pagesStarted >= limit { return true }
            pagesStarted += 1
            return false
        }
        if overLimit {
            return .done(
                FetchLogEntry(
                    kind: "page", url: url, outcome: .skippedLimit, error: "--max-pages \(options.maxPages!) reached"))
        }
        return .done(fetch(url, kind: "page").0)
    }

    /// Fetches `url` (normalised), following redirects hop by hop; every
    /// response goes to the WARC. Returns the log line and the final response.
    func fetch(_ url: String, kind: String) -> (FetchLogEntry, HTTPResult?) {
        let started = Date()
        var chain: [String] = []
        var current = url
        var attempts = 0
        var sentValidators: (etag: String?, lastModified: String?)?
        func entry(
            _ outcome: FetchLogEntry.Outcome, _ result: HTTPResult? = nil, error: String? = nil,
            contentType: String? = nil
        ) -> FetchLogEntry {
            let brokenOff = result.map { $0.failure != nil && $0.status != nil } ?? false
            let keepsValidators = outcome == .fetched || outcome == .notModified
            return FetchLogEntry(
                kind: kind, url: url, outcome: outcome, status: result?.status, bytes: result?.body.count ?? 0,
                attempts: attempts, redirects: chain.isEmpty ? [] : chain + [current],
                seconds: Date().timeIntervalSince(started),
                truncated: result?.truncated == true || brokenOff ? true : nil, error: error,
                etag: keepsValidators ? result?.header("ETag") ?? sentValidators?.etag : nil,
                lastModified: keepsValidators ? result?.header("Last-Modified") ?? sentValidators?.lastModified : nil,
                contentType: contentType)
        }
        while true {
            guard let parts = URLNormalizer.Parts(current) else {
                return (entry(.invalidURL, error: "not an absolute http(s) URL"), nil)
            }
            let origin = parts.origin
            // The address first: a private host gets no request at all, robots.txt included.
            let address: String?
            switch checkAddress(parts.host) {
            case .blocked(let why): return (entry(.blockedPrivate, error: why), nil)
            case .unresolved: return (entry(.failed, error: "host \(parts.host) does not resolve"), nil)
            case .use(let pinned): address = pinned
            }
            let robots = robots(for: origin)
            let decision = robots.decision(for: current, userAgent: options.userAgent)
            guard decision.allowed else { return (entry(.robotsDisallowed, error: decision.explanation), nil) }
            let known =
                kind == "page" && options.refresh
                ? (try? withFrontier { file throws(FrontierFile.Failure) in try file.validators(for: current) }) ?? nil
                : nil
            var conditional: [String] = []
            if let etag = known?.etag { conditional.append("If-None-Match: \(etag)") }
            if let date = known?.lastModified { conditional.append("If-Modified-Since: \(date)") }
            sentValidators = known
            let (result, tries) = requestWithRetries(
                current, origin: origin, pinnedAddress: address, delay: politeDelay(robots), headers: conditional,
                textOnly: kind == "page")
            attempts += tries
            if let failure = result.failure { return (entry(.failed, result, error: failure.description), result) }
            guard let status = result.status else { return (entry(.failed, result, error: "no response"), result) }
            if status == 304 && known != nil { return (entry(.notModified, result), result) }
            if (300..<400).contains(status), let location = result.header("Location") {
                guard let target = URL(string: location, relativeTo: URL(string: current))?.absoluteString,
                    let next = URLNormalizer.normalize(target)
                else {
                    return (entry(.failed, result, error: "redirect to an unusable Location '\(location)'"), result)
                }
                chain.append(current)
                if chain.contains(next) {
                    current = next
                    return (entry(.redirectLoop, result, error: "redirect loop back to \(next)"), result)
                }
                if chain.count > options.maxRedirects {
                    current = next
                    return (
                        entry(.tooManyRedirects, result, error: "more than \(options.maxRedirects) redirects"), result
                    )
                }
                if kind == "page" && !claim(next) && !options.refresh {
                    current = next
                    return (entry(.redirectToSeen, result, error: "\(next) is fetched as its own entry"), result)
                }
                current = next
                continue
            }
            if (200..<300).contains(status), let type = result.skippedType {
                let shown = type.isEmpty ? "(none)" : type
                return (
                    entry(.skippedType, result, error: "Content-Type \(shown): not kept", contentType: type), result
                )
            }
            if (200..<300).contains(status) { return (entry(.fetched, result), result) }
            return (entry(.failed, result, error: "HTTP \(status)"), result)
        }
    }

    /// One request, retried as the policy says; every response is archived,
    /// and a last try that broke partway is archived with what came of it.
    /// `textOnly`: a 2xx response of a type not in `KeptContentTypes` is stopped after its head.
    private func requestWithRetries(
        _ url: String, origin: String, pinnedAddress: String?, delay: Double, headers: [String] = [],
        textOnly: Bool = false
    ) -> (HTTPResult, Int) {
        var attempt = 0
        while true {
            attempt += 1
            pacer.waitTurn(origin, delay: delay)
            let started = Date()
            let result = perform(
                HTTPRequest(
                    url: url, userAgent: options.userAgent, connectTimeout: min(options.timeout, 10),
                    totalTimeout: options.timeout, maxBodyBytes: options.maxBytes,
                    pinnedAddress: pinnedAddress, headers: headers,
                    keepsBody: textOnly ? KeptContentTypes.keepsBody(status:contentType:) : nil))
            let retriesLeft = attempt <= options.maxRetries
            if let failure = result.failure {
                if retriesLeft && [.timeout, .connect, .reset].contains(failure.kind) {
                    pacer.postpone(origin, seconds: retry.backoff(retry: attempt))
                    continue
                }
                // The response broke off (a reset mid-body, the timeout): keep what came, marked as cut.
                // Earlier broken tries are not kept: the retry replaced them.
                if result.status != nil {
                    archive(url, result, date: started, truncated: failure.kind == .timeout ? "time" : "disconnect")
                }
                return (result, attempt)
            }
            if result.status != nil {
                // WARC 1.1's reasons are length, time, disconnect and "unspecified" (other): a body
                // left unread for its type is the last; the log line says which type.
                let cut = result.skippedType != nil ? "unspecified" : result.truncated ? "length" : nil
                archive(url, result, date: started, truncated: cut)
            }
            guard let status = result.status, RetryPolicy.isRetryable(status: status), retriesLeft else {
                return (result, attempt)
            }
            let wait =
                (status == 429 || status == 503 ? retry.retryAfter(result.header("Retry-After")) : nil)
                ?? retry.backoff(retry: attempt)
            note(
                "HTTP \(status) from \(url): retry \(attempt) of \(options.maxRetries) in "
                    + "\(String(format: "%.1f", wait)) s"
            )
            pacer.postpone(origin, seconds: wait)
        }
    }

    /// One request through libcurl, its bytes counted for the progress line.
    private func perform(_ request: HTTPRequest) -> HTTPResult {
        let result = HTTPClient.perform(request)
        stateLock.withLock { progress.bytes += result.body.count }
        return result
    }

    private func archive(_ url: String, _ result: HTTPResult, date: Date, truncated: String?) {
        let exchange = HTTPExchange(
            uri: url, date: date, ipAddress: result.peerAddress, request: result.request.isEmpty ? nil : result.request,
            response: result.response, truncated: truncated)
        warcLock.lock()
        defer { warcLock.unlock() }
        do {
            try warc.write(exchange)
        } catch {
            note("WARC: \(error.description)")
        }
    }

    private func politeDelay(_ robots: RobotsTxt) -> Double {
        min(options.maxDelay, max(options.delay, robots.crawlDelay(for: options.userAgent) ?? 0))
    }

    // MARK: - robots.txt, addresses

    /// The robots.txt to obey for `origin` now.
    func robots(for origin: String) -> RobotsTxt { robotsEntry(for: origin).robots }

    /// The robots.txt of `origin`, fetched when not cached or expired (redirects followed, at most five).
    private func robotsEntry(for origin: String) -> RobotsCache.Entry {
        let lock = stateLock.withLock { () -> NSLock in
            if let lock = robotsLocks[origin] { return lock }
            let lock = NSLock()
            robotsLocks[origin] = lock
            return lock
        }
        lock.lock()
        defer { lock.unlock() }
        if let cached = stateLock.withLock({ robotsCache.valid(origin) }) { return cached }
        let robots = fetchRobots(origin + "/robots.txt")
        let entry = stateLock.withLock { robotsCache.store(origin, robots) }
        if case .unreachable(let reason) = robots.availability {
            if entry.retryPending {
                note(
                    "\(origin): \(reason); its pages wait, robots.txt tried again in "
                        + "\(String(format: "%.0f", entry.expires.timeIntervalSinceNow)) s "
                        + "(\(entry.failures) of \(options.maxRetries))"
                )
            } else if options.maxRetries > 0 {
                note("\(origin): \(reason) after \(entry.failures) tries; its pages are not fetched")
            }
        }
        return entry
    }

    private func fetchRobots(_ url: String) -> RobotsTxt {
        var current = url
        for _ in 0...5 {
            guard let parts = URLNormalizer.Parts(current) else { break }
            let address: String?
            switch checkAddress(parts.host) {
            case .blocked(let why): return .unreachable("robots.txt not fetched: \(why)")
            case .unresolved: return .unreachable("robots.txt not fetched: host \(parts.host) does not resolve")
            case .use(let pinned): address = pinned
            }
            pacer.waitTurn(parts.origin, delay: options.delay)
            let started = Date()
            let result = perform(
                HTTPRequest(
                    url: current, userAgent: options.userAgent, connectTimeout: min(options.timeout, 10),
                    totalTimeout: options.timeout, maxBodyBytes: RobotsTxt.parseLimit * 2,
                    pinnedAddress: address))
            guard result.failure == nil || result.truncated, let status = result.status else {
                return .fetched(status: nil, body: [])
            }
            archive(current, result, date: started, truncated: result.truncated ? "length" : nil)
            if (300..<400).contains(status), let location = result.header("Location"),
                let target = URL(string: location, relativeTo: URL(string: current))?.absoluteString,
                let next = URLNormalizer.normalize(target)
            {
                current = next
                continue
            }
            let body =
                (try? HTTPResponse.parse(result.response).decodedBody(limit: RobotsTxt.parseLimit * 4)) ?? result.body
            return .fetched(status: status, body: body)
        }
        return .fetched(status: 310, body: [])  // redirects left over: unavailable, allow all (RFC 9309 2.3.1.2)
    }

    enum AddressCheck {
        case use(String?)
        case blocked(String)
        case unresolved
    }

    /// The address to pin the request to, after DNS (cached), or why the host is refused.
    private func checkAddress(_ host: String) -> AddressCheck {
        if NetworkAddress.bytes(host) != nil {
            let bare = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
            if options.allowPrivateAddresses || NetworkAddress.isPublic(bare) { return .use(nil) }
            return .blocked(
                "\(host) is \(bare): loopback, private, link-local or multicast (--allow-private-addresses lifts this)")
        }
        let addresses = resolver.addresses(host)
        guard let first = addresses.first else { return .unresolved }
        if options.allowPrivateAddresses { return .use(first) }
        guard let usable = addresses.first(where: NetworkAddress.isPublic) else {
            return .blocked(
                "\(host) is \(addresses.joined(separator: ", ")): loopback, private, link-local or multicast "
                    + "(--allow-private-addresses lifts this)"
            )
        }
        return .use(usable)
    }
}

/// Calls `tick` every `interval` seconds on its own thread until stopped.
final class ProgressTicker: @unchecked Sendable {
    private let interval: Double
    private let tick: @Sendable () -> Void
    private let condition = NSCondition()
    private var stopped = false
    private var running = false

    init(interval: Double, tick: @escaping @Sendable () -> Void) {
        self.interval = interval
        self.tick = tick
    }

    func start() {
        running = true
        Thread { [self] in
            condition.lock()
            while !stopped {
                _ = condition.wait(until: Date().addingTimeInterval(interval))
                if stopped { break }
                condition.unlock()
                tick()
                condition.lock()
            }
            running = false
            condition.broadcast()
            condition.unlock()
        }.start()
    }

    /// Returns once the last tick is over.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        while running { condition.wait() }
        condition.unlock()
    }
}

/// The start times of requests per host: at least `delay` seconds between
/// two starts, the delay given by each request (so a Crawl-delay learnt from
/// robots.txt already applies to the request that follows it).
final class HostPacer: @unchecked Sendable {
    private let lock = NSLock()
    private var lastStart: [String: Date] = [:]
    private var blockedUntil: [String: Date] = [:]

    /// Sleeps until `origin` may be contacted, and books the slot.
    func waitTurn(_ origin: String, delay: Double) {
        let start = lock.withLock { () -> Date in
            var start = Date()
            if let last = lastStart[origin] { start = max(start, last.addingTimeInterval(delay)) }
            if let until = blockedUntil[origin] { start = max(start, until) }
            lastStart[origin] = start
            return start
        }
        let wait = start.timeIntervalSinceNow
        if wait > 0 { Thread.sleep(forTimeInterval: wait) }
    }

    /// No request to `origin` for `seconds` from now (Retry-After, backoff).
    func postpone(_ origin: String, seconds: Double) {
        lock.withLock {
            let until = Date().addingTimeInterval(seconds)
            blockedUntil[origin] = max(blockedUntil[origin] ?? .distantPast, until)
        }
    }
}

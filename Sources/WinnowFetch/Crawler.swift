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
    /// Hosts fetched in parallel, one request at a time each.
    public var hostsAtOnce = 32
    public var maxRetries = 3
    /// Connect and total timeout of one request, in seconds.
    public var timeout = 30.0
    /// Body bytes kept per response; more are cut (WARC-Truncated: length).
    public var maxBytes = 10_000_000
    /// Pages requested at most (sitemaps and robots.txt not counted); nil for no limit.
    public var maxPages: Int?
    public var allowPrivateAddresses = false
    public var resume = false
    /// RFC 9309 and common practice: five redirects.
    public var maxRedirects = 5
    /// First retry backoff in seconds (doubles each retry).
    public var backoffBase = 1.0
    /// The longest wait for a Retry-After or a backoff.
    public var maxRetryWait = 120.0
    /// This crawl's share of the hosts (`--shard K/N`); nil for all of them.
    public var shard: HostShard?

    public init() {}
}

/// What a run did, by outcome.
public struct FetchSummary: Sendable {
    public var counts: [FetchLogEntry.Outcome: Int] = [:]
    public var skippedAsDone = 0
    public var warnings: [String] = []
    public var line: String {
        let parts = counts.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \($0.value)" }
        return "fetch: " + (parts.isEmpty ? "nothing to do" : parts.joined(separator: ", "))
            + (skippedAsDone > 0 ? "; \(skippedAsDone) already done (resume)" : "")
    }
}

public struct FetchFailure: Error, Sendable, CustomStringConvertible {
    public var description: String
}

/// The crawler: reads the sources, fetches robots.txt per host first and
/// obeys it, fetches pages host by host (`hostsAtOnce` hosts in parallel,
/// one request at a time per host, `delay` between starts), retries what is
/// worth retrying, follows redirects itself, refuses private addresses, and
/// writes every response to the WARC and one line per URL to the log.
public final class Crawler: @unchecked Sendable {
    public let options: FetchOptions
    public let archiveDirectory: String
    private let note: @Sendable (String) -> Void
    private let retry: RetryPolicy
    private let pacer = HostPacer()
    private var warc: WARCWriter!
    private let warcLock = NSLock()
    private var log: FetchLog!
    private let stateLock = NSLock()
    private var robotsCache: [String: RobotsTxt] = [:]
    private var robotsLocks: [String: NSLock] = [:]
    private var claimed: Set<String> = []
    private var pagesStarted = 0
    private var summary = FetchSummary()

    public static let logName = "fetch-log.jsonl"

    public init(options: FetchOptions, archiveDirectory: String, note: @escaping @Sendable (String) -> Void = { _ in })
    {
        self.options = options
        self.archiveDirectory = archiveDirectory
        self.note = note
        retry = RetryPolicy(
            maxRetries: options.maxRetries, baseDelay: options.backoffBase, maxWait: options.maxRetryWait)
    }

    // MARK: - The run

    public func run(sources: [SourceSpec]) throws(FetchFailure) -> FetchSummary {
        do {
            try FileManager.default.createDirectory(atPath: archiveDirectory, withIntermediateDirectories: true)
        } catch {
            throw FetchFailure(description: "cannot create \(archiveDirectory): \(error.localizedDescription)")
        }
        let logPath = archiveDirectory + "/" + Self.logName
        var done: Set<String> = []
        // 2xx responses in the WARC whose log line the kill prevented: logged now, attempts 0.
        var archivedOnly: [String: Int] = [:]
        if options.resume {
            do {
                let closed = try WARCWriter.recover(directory: archiveDirectory)
                if !closed.isEmpty {
                    note("resume: closed \(closed.count) interrupted WARC file(s), incomplete tail cut")
                }
            } catch {
                throw FetchFailure(description: "resume: \(error.description)")
            }
            for entry in FetchLog.read(path: logPath) where entry.kind == "page" { done.insert(entry.url) }
            // A 2xx response stored but not yet logged when the run was killed counts as done too.
            for name in ((try? FileManager.default.contentsOfDirectory(atPath: archiveDirectory)) ?? []).sorted()
            where name.hasSuffix(".warc.gz") {
                guard let entries = try? CDXJ.index(path: archiveDirectory + "/" + name) else { continue }
                for entry in entries where entry.status?.hasPrefix("2") == true {
                    if let key = URLNormalizer.normalize(entry.url), !done.contains(key) {
                        archivedOnly[key] = Int(entry.status!)
                    }
                }
            }
        } else if FileManager.default.fileExists(atPath: logPath),
            (try? FileManager.default.attributesOfItem(atPath: logPath)[.size] as? Int) ?? 0 > 0
        {
            throw FetchFailure(
                description: "\(logPath) exists: use --resume to continue that crawl, or another --output")
        }
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

        // urls: files first, then what sitemaps and robots.txt files list.
        var pages: [String] = []
        for source in sources {
            if case .urls(let file) = source {
                do throws(SourceSpecError) {
                    pages += try URLList.read(path: file)
                } catch {
                    throw FetchFailure(description: error.description)
                }
            }
        }
        pages += discoverSitemapPages(sources)

        var byOrigin: [String: [String]] = [:]
        var origins: [String] = []
        for url in pages {
            // Another shard's host: that shard fetches it.
            if let shard = options.shard, !shard.owns(url: url) { continue }
            guard let key = URLNormalizer.normalize(url), let origin = URLNormalizer.Parts(key)?.origin else {
                record(
                    FetchLogEntry(kind: "page", url: url, outcome: .invalidURL, error: "not an absolute http(s) URL"))
                continue
            }
            guard claim(key) else { continue }
            if done.contains(key) {
                stateLock.withLock { summary.skippedAsDone += 1 }
                continue
            }
            if let status = archivedOnly[key] {
                record(FetchLogEntry(kind: "page", url: key, outcome: .fetched, status: status, attempts: 0))
                continue
            }
            if byOrigin[origin] == nil { origins.append(origin) }
            byOrigin[origin, default: []].append(key)
        }

        // Hosts in parallel; each host's URLs in order, one at a time.
        let next = Counter()
        let hosts = origins.map { byOrigin[$0]! }
        let group = DispatchGroup()
        for _ in 0..<max(1, min(options.hostsAtOnce, origins.count)) {
            group.enter()
            let thread = Thread { [self] in
                while true {
                    let index = next.take()
                    guard index < hosts.count else { break }
                    for url in hosts[index] { fetchPage(url) }
                }
                group.leave()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        group.wait()
        warcLock.lock()
        defer { warcLock.unlock() }
        do {
            try warc.close()
        } catch {
            throw FetchFailure(description: error.description)
        }
        return stateLock.withLock { summary }
    }

    private func claim(_ key: String) -> Bool { stateLock.withLock { claimed.insert(key).inserted } }

    private func record(_ entry: FetchLogEntry) {
        log.append(entry)
        stateLock.withLock { summary.counts[entry.outcome, default: 0] += 1 }
        if entry.outcome != .fetched {
            note(
                "\(entry.outcome.rawValue) \(entry.url)" + (entry.status.map { " (HTTP \($0))" } ?? "")
                    + (entry.error.map { ": \($0)" } ?? ""))
        }
    }

    // MARK: - Sources

    private func discoverSitemapPages(_ sources: [SourceSpec]) -> [String] {
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
        var pages: [String] = []
        while let item = frontier.next() {
            if let shard = options.shard, !shard.owns(url: item.url) {
                note(
                    "sitemap \(item.url) not read: its host belongs to another shard than \(shard) (run without --shard to read it)"
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
                pages += contents.pages.map(\.url)
                if let shard = options.shard {
                    let elsewhere = contents.pages.filter { !shard.owns(url: $0.url) }.count
                    if elsewhere > 0 {
                        note(
                            "sitemap \(item.url) lists \(elsewhere) page(s) on hosts of other shards than \(shard): not fetched (give them in a urls: file)"
                        )
                    }
                }
                for refusal in frontier.addChildren(of: item, contents.sitemaps) { note(refusal.description) }
            } catch {
                note("sitemap \(item.url) not read: \(error)")
            }
        }
        return pages
    }

    // MARK: - One URL

    private func fetchPage(_ url: String) {
        let overLimit = stateLock.withLock { () -> Bool in
            if let limit = options.maxPages, pagesStarted >= limit { return true }
            pagesStarted += 1
            return false
        }
        if overLimit {
            record(
                FetchLogEntry(
                    kind: "page", url: url, outcome: .skippedLimit, error: "--max-pages \(options.maxPages!) reached"))
            return
        }
        record(fetch(url, kind: "page").0)
    }

    /// Fetches `url` (normalised), following redirects hop by hop; every
    /// response goes to the WARC. Returns the log line and the final response.
    func fetch(_ url: String, kind: String) -> (FetchLogEntry, HTTPResult?) {
        let started = Date()
        var chain: [String] = []
        var current = url
        var attempts = 0
        func entry(_ outcome: FetchLogEntry.Outcome, _ result: HTTPResult? = nil, error: String? = nil) -> FetchLogEntry
        {
            FetchLogEntry(
                kind: kind, url: url, outcome: outcome, status: result?.status, bytes: result?.body.count ?? 0,
                attempts: attempts, redirects: chain.isEmpty ? [] : chain + [current],
                seconds: Date().timeIntervalSince(started), truncated: result?.truncated == true ? true : nil,
                error: error)
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
            let (result, tries) = requestWithRetries(
                current, origin: origin, pinnedAddress: address, delay: politeDelay(robots))
            attempts += tries
            if let failure = result.failure { return (entry(.failed, result, error: failure.description), result) }
            guard let status = result.status else { return (entry(.failed, result, error: "no response"), result) }
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
                if kind == "page" && !claim(next) {
                    current = next
                    return (entry(.redirectToSeen, result, error: "\(next) is fetched as its own entry"), result)
                }
                current = next
                continue
            }
            if (200..<300).contains(status) { return (entry(.fetched, result), result) }
            return (entry(.failed, result, error: "HTTP \(status)"), result)
        }
    }

    /// One request, retried as the policy says; every response is archived.
    private func requestWithRetries(_ url: String, origin: String, pinnedAddress: String?, delay: Double) -> (
        HTTPResult, Int
    ) {
        var attempt = 0
        while true {
            attempt += 1
            pacer.waitTurn(origin, delay: delay)
            let started = Date()
            let result = HTTPClient.perform(
                HTTPRequest(
                    url: url, userAgent: options.userAgent, connectTimeout: min(options.timeout, 10),
                    totalTimeout: options.timeout, maxBodyBytes: options.maxBytes,
                    pinnedAddress: pinnedAddress))
            if result.failure == nil, result.status != nil { archive(url, result, date: started) }
            let retriesLeft = attempt <= options.maxRetries
            if let failure = result.failure {
                guard retriesLeft, [.timeout, .connect, .reset].contains(failure.kind) else { return (result, attempt) }
                pacer.postpone(origin, seconds: retry.backoff(retry: attempt))
                continue
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

    private func archive(_ url: String, _ result: HTTPResult, date: Date) {
        let exchange = HTTPExchange(
            uri: url, date: date, ipAddress: result.peerAddress, request: result.request.isEmpty ? nil : result.request,
            response: result.response, truncated: result.truncated ? "length" : nil)
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

    /// The robots.txt of `origin`, fetched once per run (redirects followed, at most five).
    func robots(for origin: String) -> RobotsTxt {
        let lock = stateLock.withLock { () -> NSLock in
            if let lock = robotsLocks[origin] { return lock }
            let lock = NSLock()
            robotsLocks[origin] = lock
            return lock
        }
        lock.lock()
        defer { lock.unlock() }
        if let cached = stateLock.withLock({ robotsCache[origin] }) { return cached }
        let robots = fetchRobots(origin + "/robots.txt")
        stateLock.withLock { robotsCache[origin] = robots }
        return robots
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
            // robots.txt is fetched once: a 5xx or no answer disallows the host for this run.
            pacer.waitTurn(parts.origin, delay: options.delay)
            let started = Date()
            let result = HTTPClient.perform(
                HTTPRequest(
                    url: current, userAgent: options.userAgent, connectTimeout: min(options.timeout, 10),
                    totalTimeout: options.timeout, maxBodyBytes: RobotsTxt.parseLimit * 2,
                    pinnedAddress: address))
            guard result.failure == nil || result.truncated, let status = result.status else {
                return .fetched(status: nil, body: [])
            }
            archive(current, result, date: started)
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

    /// The address to pin the request to, after DNS, or why the host is refused.
    private func checkAddress(_ host: String) -> AddressCheck {
        if options.allowPrivateAddresses { return .use(nil) }
        let literal = NetworkAddress.bytes(host) != nil
        let addresses =
            literal ? [host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host] : NetworkAddress.resolve(host)
        guard !addresses.isEmpty else { return .unresolved }
        guard let usable = addresses.first(where: NetworkAddress.isPublic) else {
            return .blocked(
                "\(host) is \(addresses.joined(separator: ", ")): loopback, private, link-local or multicast "
                    + "(--allow-private-addresses lifts this)"
            )
        }
        return .use(literal ? nil : usable)
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

private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func take() -> Int {
        lock.withLock {
            defer { value += 1 }
            return value
        }
    }
}

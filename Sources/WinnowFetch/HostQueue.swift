import Foundation

/// Which URL a crawler thread fetches next. Hosts start in the order they
/// were first listed, at most `hostsAtOnce` at a time; each host's URLs go in
/// list order with at most `perHost` of them in flight. A host can wait
/// (`postpone`: its robots.txt is to be tried again) or be put aside
/// (`setAside`: it kept failing). `next()` blocks until a URL is ready and
/// returns nil once every host is finished.
///
/// The URLs wait on disk, in the `FrontierFile`: `add` writes them there and a
/// started host reads `window` of them at a time, so memory holds about
/// `hostsAtOnce × window` URLs whatever the list's length (it held the whole
/// list, grouped by host: about 200 bytes a URL).
final class HostQueue: @unchecked Sendable {
    struct Job: Sendable {
        var host: Int
        var url: String
    }

    private struct Host {
        let origin: String
        /// URLs added, and read back from the file (or skipped by `setAside`).
        var added = 0
        var loaded = 0
        /// The seq of the last URL read back.
        var lastSeq = -1
        /// URLs read back, not yet handed out (at most `window`).
        var window: [String] = []
        var windowNext = 0
        /// URLs handed back by `postpone`, fetched before the window's.
        var returned: [String] = []
        var inFlight = 0
        var readyAt: Date?
        var remaining: Int { returned.count + window.count - windowNext + added - loaded }
        var hasWork: Bool { remaining > 0 }
    }

    /// URLs a started host keeps in memory: 64 is a few kB a host, and one read of the file per 64 pages.
    static let defaultWindow = 64

    private let file: FrontierFile
    private let fileLock: NSLock
    private let hostsAtOnce: Int
    private let perHost: Int
    private let window: Int
    private let condition = NSCondition()
    private var hosts: [Host] = []
    private var hostIndex: [String: Int] = [:]
    private var nextSeq = 0
    private var active: [Int] = []
    private var firstUnstarted = 0
    private var queued = 0
    private var fileFailure: String?

    /// `fileLock` guards `file`, which the crawler shares (its seen-set).
    init(file: FrontierFile, fileLock: NSLock, hostsAtOnce: Int, perHost: Int, window: Int = HostQueue.defaultWindow) {
        self.file = file
        self.fileLock = fileLock
        self.hostsAtOnce = max(1, hostsAtOnce)
        self.perHost = max(1, perHost)
        self.window = max(1, window)
    }

    /// Queues `url` after `origin`'s earlier URLs (a new origin after the earlier origins).
    func add(origin: String, url: String) throws(FrontierFile.Failure) {
        condition.lock()
        defer { condition.unlock() }
        let index: Int
        if let known = hostIndex[origin] {
            index = known
        } else {
            index = hosts.count
            hosts.append(Host(origin: origin))
            hostIndex[origin] = index
        }
        fileLock.lock()
        defer { fileLock.unlock() }
        try file.append(host: index, seq: nextSeq, url: url)
        nextSeq += 1
        hosts[index].added += 1
        queued += 1
        condition.signal()
    }

    /// The hosts in the order they were first added (a job's `host` indexes it).
    var origins: [String] { condition.withLock { hosts.map(\.origin) } }
    func origin(_ host: Int) -> String { condition.withLock { hosts[host].origin } }
    var hostCount: Int { condition.withLock { hosts.count } }
    /// Hosts being worked on now (started, not finished).
    var activeHosts: Int { condition.withLock { active.count } }
    /// URLs not yet handed out.
    var queuedURLs: Int { condition.withLock { queued } }
    /// URLs held in memory now (windows and postponed URLs): at most about `hostsAtOnce × (window + perHost)`.
    var urlsInMemory: Int {
        condition.withLock { hosts.reduce(0) { $0 + $1.returned.count + $1.window.count - $1.windowNext } }
    }
    /// Why reading the frontier file failed (the host's remaining URLs were dropped); nil when it never did.
    var failure: String? { condition.withLock { fileFailure } }

    /// The next URL to fetch, waiting while every startable host is busy or postponed; nil when all are done.
    func next() -> Job? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            let now = Date()
            var earliest: Date?
            for index in active where hosts[index].inFlight < perHost && hosts[index].hasWork {
                if let ready = hosts[index].readyAt, ready > now {
                    earliest = min(earliest ?? ready, ready)
                    continue
                }
                if let job = take(index) { return job }
            }
            if active.count < hostsAtOnce && firstUnstarted < hosts.count {
                if hosts[firstUnstarted].hasWork { active.append(firstUnstarted) }
                firstUnstarted += 1
                continue
            }
            if active.isEmpty && firstUnstarted >= hosts.count { return nil }
            if let earliest { _ = condition.wait(until: earliest) } else { condition.wait() }
        }
    }

    /// Hands out the host's next URL, reading the next window from the file when the last is used up.
    private func take(_ index: Int) -> Job? {
        if !hosts[index].returned.isEmpty {
            hosts[index].inFlight += 1
            queued -= 1
            return Job(host: index, url: hosts[index].returned.removeFirst())
        }
        if hosts[index].windowNext == hosts[index].window.count {
            refill(index)
            guard !hosts[index].window.isEmpty else {
                if retireIfDone(index) { condition.broadcast() }
                return nil
            }
        }
        hosts[index].inFlight += 1
        queued -= 1
        let url = hosts[index].window[hosts[index].windowNext]
        hosts[index].window[hosts[index].windowNext] = ""
        hosts[index].windowNext += 1
        return Job(host: index, url: url)
    }

    private func refill(_ index: Int) {
        var rows: [(seq: Int, url: String)] = []
        fileLock.lock()
        do {
            rows = try file.urls(host: index, after: hosts[index].lastSeq, limit: window)
        } catch {
            fileFailure = fileFailure ?? error.description
        }
        fileLock.unlock()
        hosts[index].window = rows.map(\.url)
        hosts[index].windowNext = 0
        hosts[index].loaded += rows.count
        hosts[index].lastSeq = rows.last?.seq ?? hosts[index].lastSeq
        if rows.isEmpty {
            // The file lost the host's rest (it failed): nothing more to hand out.
            queued -= hosts[index].added - hosts[index].loaded
            hosts[index].loaded = hosts[index].added
        }
    }

    /// `job` is done (logged).
    func finished(_ job: Job) {
        condition.withLock {
            hosts[job.host].inFlight -= 1
            // One slot freed: one waiting thread can use it. A finished host frees room for
            // another host (up to `perHost` URLs) or ends the crawl: then every thread looks.
            if retireIfDone(job.host) { condition.broadcast() } else { condition.signal() }
        }
    }

    /// `job` was not fetched: it goes back to the front of its host, and the host waits until `until`.
    func postpone(_ job: Job, until: Date) {
        condition.withLock {
            hosts[job.host].inFlight -= 1
            hosts[job.host].returned.insert(job.url, at: 0)
            hosts[job.host].readyAt = max(hosts[job.host].readyAt ?? until, until)
            queued += 1
            condition.broadcast()
        }
    }

    /// Drops the host's URLs not yet handed out; returns how many there were.
    func setAside(_ host: Int) -> Int {
        condition.withLock {
            let dropped = hosts[host].remaining
            queued -= dropped
            hosts[host].returned = []
            hosts[host].window = []
            hosts[host].windowNext = 0
            hosts[host].loaded = hosts[host].added
            retireIfDone(host)
            condition.broadcast()
            return dropped
        }
    }

    @discardableResult
    private func retireIfDone(_ host: Int) -> Bool {
        guard hosts[host].inFlight == 0 && !hosts[host].hasWork, let position = active.firstIndex(of: host) else {
            return false
        }
        active.remove(at: position)
        hosts[host].window = []  // frees the host's last window
        hosts[host].windowNext = 0
        return true
    }
}

import Foundation

/// Which URL a crawler thread fetches next. Hosts start in the order they
/// were first listed, at most `hostsAtOnce` at a time; each host's URLs go in
/// list order with at most `perHost` of them in flight. A host can wait
/// (`postpone`: its robots.txt is to be tried again) or be put aside
/// (`setAside`: it kept failing). `next()` blocks until a URL is ready and
/// returns nil once every host is finished.
final class HostQueue: @unchecked Sendable {
    struct Job: Sendable {
        var host: Int
        var url: String
    }

    private struct Host {
        var urls: [String]
        var next = 0
        /// URLs handed back by `postpone`, fetched before `urls[next...]`.
        var returned: [String] = []
        var inFlight = 0
        var readyAt: Date?
        var hasWork: Bool { !returned.isEmpty || next < urls.count }
        var remaining: Int { returned.count + urls.count - next }
    }

    let origins: [String]
    private let hostsAtOnce: Int
    private let perHost: Int
    private let condition = NSCondition()
    private var hosts: [Host]
    private var active: [Int] = []
    private var firstUnstarted = 0
    private var queued: Int

    init(origins: [String], urls: [[String]], hostsAtOnce: Int, perHost: Int) {
        self.origins = origins
        self.hostsAtOnce = max(1, hostsAtOnce)
        self.perHost = max(1, perHost)
        hosts = urls.map { Host(urls: $0) }
        queued = urls.reduce(0) { $0 + $1.count }
    }

    /// Hosts being worked on now (started, not finished).
    var activeHosts: Int { condition.withLock { active.count } }
    /// URLs not yet handed out.
    var queuedURLs: Int { condition.withLock { queued } }

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
                return take(index)
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

    private func take(_ index: Int) -> Job {
        hosts[index].inFlight += 1
        queued -= 1
        if !hosts[index].returned.isEmpty {
            return Job(host: index, url: hosts[index].returned.removeFirst())
        }
        let next = hosts[index].next
        hosts[index].next += 1
        // The queue lets go of a URL once it is handed out: a long list's text is freed as it is fetched.
        let url = hosts[index].urls[next]
        hosts[index].urls[next] = ""
        return Job(host: index, url: url)
    }

    /// `job` is done (logged).
    func finished(_ job: Job) {
        condition.withLock {
            hosts[job.host].inFlight -= 1
            retireIfDone(job.host)
            condition.broadcast()
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
            hosts[host].urls = []
            hosts[host].next = 0
            retireIfDone(host)
            condition.broadcast()
            return dropped
        }
    }

    private func retireIfDone(_ host: Int) {
        if hosts[host].inFlight == 0 && !hosts[host].hasWork {
            active.removeAll { $0 == host }
            hosts[host].urls = []  // frees the host's URL list
            hosts[host].next = 0
        }
    }
}

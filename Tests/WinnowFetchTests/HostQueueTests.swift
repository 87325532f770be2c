import Foundation
import Testing

@testable import WinnowFetch

/// A queue over a fresh frontier file in a temporary directory, with `urls[i]` added for `origins[i]`
/// (interleaved when `interleave`: a1, b1, a2, b2, …, as a list not grouped by host gives them).
private func makeQueue(
    _ origins: [String], _ urls: [[String]], hostsAtOnce: Int, perHost: Int, window: Int = HostQueue.defaultWindow,
    interleave: Bool = false
) throws -> (HostQueue, FrontierFile) {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hostqueue-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let file = try FrontierFile(path: directory.path + "/frontier.sqlite")
    let queue = HostQueue(file: file, fileLock: NSLock(), hostsAtOnce: hostsAtOnce, perHost: perHost, window: window)
    if interleave {
        for round in 0..<(urls.map(\.count).max() ?? 0) {
            for (host, list) in urls.enumerated() where round < list.count {
                try queue.add(origin: origins[host], url: list[round])
            }
        }
    } else {
        for (host, list) in urls.enumerated() {
            for url in list { try queue.add(origin: origins[host], url: url) }
        }
    }
    return (queue, file)
}

@Suite struct HostQueueTests {
    @Test func oneHostAtATimeInListOrder() throws {
        let (queue, _) = try makeQueue(["a", "b"], [["a1", "a2"], ["b1"]], hostsAtOnce: 1, perHost: 1)
        let first = queue.next()!
        #expect(first.url == "a1")
        queue.finished(first)
        let second = queue.next()!
        #expect(second.url == "a2")
        queue.finished(second)
        let third = queue.next()!
        #expect(third.url == "b1" && third.host == 1)
        queue.finished(third)
        #expect(queue.next() == nil)
    }

    @Test func perHostLimitsURLsInFlight() throws {
        let (queue, _) = try makeQueue(["a", "b"], [["a1", "a2", "a3"], ["b1"]], hostsAtOnce: 2, perHost: 2)
        let jobs = (0..<3).map { _ in queue.next()! }
        // Two of host a in flight, then host b: a3 waits for a slot.
        #expect(jobs.map(\.url) == ["a1", "a2", "b1"])
        #expect(queue.activeHosts == 2 && queue.queuedURLs == 1)
        queue.finished(jobs[0])
        #expect(queue.next()?.url == "a3")
    }

    @Test func postponedURLComesBackFirstAfterTheWait() throws {
        let (queue, _) = try makeQueue(["a"], [["a1", "a2"]], hostsAtOnce: 1, perHost: 1)
        let job = queue.next()!
        let started = Date()
        queue.postpone(job, until: started.addingTimeInterval(0.2))
        #expect(queue.queuedURLs == 2)
        let again = queue.next()!
        #expect(again.url == "a1")
        #expect(Date().timeIntervalSince(started) >= 0.19)
    }

    @Test func setAsideDropsTheRestAndFreesTheSlot() throws {
        let (queue, _) = try makeQueue(["a", "b"], [["a1", "a2", "a3"], ["b1"]], hostsAtOnce: 1, perHost: 1)
        let job = queue.next()!
        #expect(queue.setAside(job.host) == 2)
        queue.finished(job)
        #expect(queue.next()?.url == "b1")
        #expect(queue.queuedURLs == 0)
    }

    // MARK: - The window: URLs wait on disk

    @Test func urlsComeBackFromTheFileInListOrderAcrossWindows() throws {
        let a = (1...25).map { "a\($0)" }
        let b = (1...7).map { "b\($0)" }
        // Interleaved in the list, a window of 3: each host still gets its own URLs in list order.
        let (queue, _) = try makeQueue(["a", "b"], [a, b], hostsAtOnce: 1, perHost: 1, window: 3, interleave: true)
        #expect(queue.origins == ["a", "b"] && queue.queuedURLs == 32)
        var order: [String] = []
        while let job = queue.next() {
            order.append(job.url)
            queue.finished(job)
        }
        #expect(order == a + b)
        #expect(queue.queuedURLs == 0 && queue.activeHosts == 0)
    }

    @Test func memoryHoldsAWindowPerStartedHostNotTheList() throws {
        let lists = (0..<5).map { host in (0..<2000).map { "https://h\(host).test/\($0)" } }
        let (queue, _) = try makeQueue(
            (0..<5).map { "h\($0)" }, lists, hostsAtOnce: 2, perHost: 1, window: 8, interleave: true)
        #expect(queue.urlsInMemory == 0)
        let first = queue.next()!
        let second = queue.next()!
        #expect(first.url == "https://h0.test/0" && second.url == "https://h1.test/0")
        // Two started hosts, each with its window less the URL handed out.
        #expect(queue.urlsInMemory == 14)
        #expect(queue.queuedURLs == 9998)
    }

    @Test func setAsideCountsTheURLsStillOnDisk() throws {
        let (queue, _) = try makeQueue(
            ["a", "b"], [(1...10).map { "a\($0)" }, ["b1"]], hostsAtOnce: 1, perHost: 1, window: 2)
        let job = queue.next()!
        #expect(queue.setAside(job.host) == 9)
        queue.finished(job)
        #expect(queue.next()?.url == "b1")
        #expect(queue.queuedURLs == 0)
    }

    @Test func postponedURLComesBackBeforeTheNextWindow() throws {
        let (queue, _) = try makeQueue(["a"], [["a1", "a2", "a3"]], hostsAtOnce: 1, perHost: 1, window: 1)
        let first = queue.next()!
        queue.finished(first)
        let second = queue.next()!
        #expect(second.url == "a2")
        queue.postpone(second, until: Date())
        #expect(queue.next()?.url == "a2")
    }

    /// Many threads, few hosts, a small window: every URL handed out once, in each host's list order
    /// (one in flight a host: the next is handed out after the last finished, so the order is observable),
    /// never two in flight to a host; and the threads all end (a finished URL wakes one thread, a finished
    /// crawl wakes all).
    @Test(.timeLimit(.minutes(1))) func threadsKeepPolitenessAndOrder() throws {
        let lists = (0..<3).map { host in (0..<200).map { "h\(host)-\($0)" } }
        let (queue, _) = try makeQueue(
            ["h0", "h1", "h2"], lists, hostsAtOnce: 2, perHost: 1, window: 5, interleave: true)
        let tally = Tally(hosts: 3)
        let group = DispatchGroup()
        for _ in 0..<8 {
            group.enter()
            Thread {
                while let job = queue.next() {
                    tally.start(job)
                    usleep(200)
                    tally.end(job)
                    queue.finished(job)
                }
                group.leave()
            }.start()
        }
        group.wait()
        let (started, mostInFlight) = tally.results
        #expect(started == lists)
        #expect(mostInFlight == [1, 1, 1])
    }
}

/// What the threads of `threadsKeepPolitenessAndOrder` saw, per host.
private final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    private var inFlight: [Int]
    private var mostInFlight: [Int]
    private var started: [[String]]

    init(hosts: Int) {
        inFlight = Array(repeating: 0, count: hosts)
        mostInFlight = inFlight
        started = Array(repeating: [], count: hosts)
    }

    func start(_ job: HostQueue.Job) {
        lock.withLock {
            inFlight[job.host] += 1
            mostInFlight[job.host] = max(mostInFlight[job.host], inFlight[job.host])
            started[job.host].append(job.url)
        }
    }

    func end(_ job: HostQueue.Job) { lock.withLock { inFlight[job.host] -= 1 } }

    var results: (started: [[String]], mostInFlight: [Int]) { lock.withLock { (started, mostInFlight) } }
}

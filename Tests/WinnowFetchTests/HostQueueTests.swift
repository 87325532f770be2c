import Foundation
import Testing

@testable import WinnowFetch

@Suite struct HostQueueTests {
    @Test func oneHostAtATimeInListOrder() {
        let queue = HostQueue(origins: ["a", "b"], urls: [["a1", "a2"], ["b1"]], hostsAtOnce: 1, perHost: 1)
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

    @Test func perHostLimitsURLsInFlight() {
        let queue = HostQueue(origins: ["a", "b"], urls: [["a1", "a2", "a3"], ["b1"]], hostsAtOnce: 2, perHost: 2)
        let jobs = (0..<3).map { _ in queue.next()! }
        // Two of host a in flight, then host b: a3 waits for a slot.
        #expect(jobs.map(\.url) == ["a1", "a2", "b1"])
        #expect(queue.activeHosts == 2 && queue.queuedURLs == 1)
        queue.finished(jobs[0])
        #expect(queue.next()?.url == "a3")
    }

    @Test func postponedURLComesBackFirstAfterTheWait() {
        let queue = HostQueue(origins: ["a"], urls: [["a1", "a2"]], hostsAtOnce: 1, perHost: 1)
        let job = queue.next()!
        let started = Date()
        queue.postpone(job, until: started.addingTimeInterval(0.2))
        #expect(queue.queuedURLs == 2)
        let again = queue.next()!
        #expect(again.url == "a1")
        #expect(Date().timeIntervalSince(started) >= 0.19)
    }

    @Test func setAsideDropsTheRestAndFreesTheSlot() {
        let queue = HostQueue(origins: ["a", "b"], urls: [["a1", "a2", "a3"], ["b1"]], hostsAtOnce: 1, perHost: 1)
        let job = queue.next()!
        #expect(queue.setAside(job.host) == 2)
        queue.finished(job)
        #expect(queue.next()?.url == "b1")
        #expect(queue.queuedURLs == 0)
    }
}

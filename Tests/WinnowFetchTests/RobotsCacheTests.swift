import Foundation
import Testing

@testable import WinnowFetch

@Suite struct RobotsCacheTests {
    let now = Date(timeIntervalSince1970: 1_000_000)

    @Test func keptForTheTTLThenExpired() {
        var cache = RobotsCache(ttl: 86_400, retryWait: 60, maxRetries: 3)
        cache.store("http://a", RobotsTxt("User-agent: *\nDisallow: /x\n"), now: now)
        #expect(cache.valid("http://a", now: now.addingTimeInterval(86_399)) != nil)
        #expect(cache.valid("http://a", now: now.addingTimeInterval(86_400)) == nil)
    }

    @Test func unreachableIsRetriedWithDoublingWaitThenStands() {
        var cache = RobotsCache(ttl: 86_400, retryWait: 60, maxRetries: 2)
        let down = RobotsTxt.fetched(status: 503, body: [])
        var entry = cache.store("http://a", down, now: now)
        #expect(entry.retryPending && entry.expires == now.addingTimeInterval(60))
        entry = cache.store("http://a", down, now: now.addingTimeInterval(60))
        #expect(entry.retryPending && entry.expires == now.addingTimeInterval(60 + 120))
        entry = cache.store("http://a", down, now: now.addingTimeInterval(180))
        #expect(!entry.retryPending && entry.exhausted && entry.expires == now.addingTimeInterval(180 + 86_400))
        #expect(!entry.robots.decision(for: "http://a/page", userAgent: "Bot").allowed)
    }

    @Test func aSuccessEndsTheFailures() {
        var cache = RobotsCache(ttl: 100, retryWait: 60, maxRetries: 2)
        cache.store("http://a", .fetched(status: nil, body: []), now: now)
        let entry = cache.store("http://a", .fetched(status: 404, body: []), now: now.addingTimeInterval(60))
        #expect(!entry.retryPending && entry.failures == 0)
        #expect(entry.robots.decision(for: "http://a/page", userAgent: "Bot").allowed)
    }
}

import Foundation
import Testing

@testable import WinnowFetch

@Suite struct HostResolverTests {
    final class Lookups: @unchecked Sendable {
        let lock = NSLock()
        var names: [String] = []
        var now = Date(timeIntervalSince1970: 0)
    }

    @Test func resolvesOncePerTTL() {
        let seen = Lookups()
        let resolver = HostResolver(
            ttl: 3600,
            lookup: { name in
                seen.lock.withLock { seen.names.append(name) }
                return ["93.184.216.34"]
            }, clock: { seen.lock.withLock { seen.now } })
        for _ in 0..<5 { #expect(resolver.addresses("example.com") == ["93.184.216.34"]) }
        #expect(resolver.addresses("example.org") == ["93.184.216.34"])
        #expect(seen.names == ["example.com", "example.org"])
        seen.lock.withLock { seen.now = seen.now.addingTimeInterval(3600) }
        _ = resolver.addresses("example.com")
        #expect(seen.names == ["example.com", "example.org", "example.com"] && resolver.lookups == 3)
    }

    @Test func manyThreadsAskingAtOnceMakeOneLookup() {
        let seen = Lookups()
        let resolver = HostResolver(lookup: { name in
            Thread.sleep(forTimeInterval: 0.05)
            seen.lock.withLock { seen.names.append(name) }
            return []
        })
        DispatchQueue.concurrentPerform(iterations: 8) { _ in #expect(resolver.addresses("down.example").isEmpty) }
        #expect(seen.names == ["down.example"])
    }
}

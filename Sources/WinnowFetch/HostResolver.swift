import Foundation
import WinnowHTTP

/// Host names resolved once and kept `ttl` seconds (getaddrinfo reports no
/// DNS TTL; an hour lets a long crawl follow a site that moves), so a
/// host's hundred thousand pages cost one lookup, not one each. The address
/// a request is pinned to comes from here.
final class HostResolver: @unchecked Sendable {
    private let ttl: Double
    private let lookup: @Sendable (String) -> [String]
    private let clock: @Sendable () -> Date
    private let condition = NSCondition()
    private var cache: [String: (addresses: [String], expires: Date)] = [:]
    private var resolving: Set<String> = []
    private var lookupCount = 0

    init(
        ttl: Double = 3600, lookup: @escaping @Sendable (String) -> [String] = NetworkAddress.resolve,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.ttl = ttl
        self.lookup = lookup
        self.clock = clock
    }

    /// getaddrinfo calls made so far.
    var lookups: Int { condition.withLock { lookupCount } }

    /// The addresses of `host` (IPv4 first); empty when it does not resolve (kept as well, for the TTL).
    func addresses(_ host: String) -> [String] {
        condition.lock()
        while true {
            if let hit = cache[host], hit.expires > clock() {
                condition.unlock()
                return hit.addresses
            }
            // Another thread is resolving this host: wait for its answer rather than ask again.
            guard resolving.contains(host) else { break }
            condition.wait()
        }
        resolving.insert(host)
        condition.unlock()
        let found = lookup(host)
        condition.withLock {
            lookupCount += 1
            cache[host] = (found, clock().addingTimeInterval(ttl))
            resolving.remove(host)
            condition.broadcast()
        }
        return found
    }
}

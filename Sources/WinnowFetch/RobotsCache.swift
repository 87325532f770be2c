import Foundation

/// robots.txt per origin (scheme, host, port), kept `ttl` seconds: RFC 9309
/// section 2.4 says a crawler should not use a cached robots.txt for more
/// than 24 hours. An unreachable one (5xx, 429, no answer) disallows the
/// host only until it is tried again, after `retryWait` × 2^(failures−1)
/// seconds, at most `maxRetries` times; after that it stands for `ttl`.
struct RobotsCache {
    struct Entry {
        var robots: RobotsTxt
        var expires: Date
        /// Unreachable fetches in a row.
        var failures = 0
        /// An unreachable robots.txt that will be tried again at `expires`.
        var retryPending: Bool { failures > 0 && !exhausted }
        var exhausted = false
    }

    var ttl: Double
    var retryWait: Double
    var maxRetries: Int
    private var entries: [String: Entry] = [:]

    init(ttl: Double, retryWait: Double, maxRetries: Int) {
        self.ttl = ttl
        self.retryWait = retryWait
        self.maxRetries = maxRetries
    }

    /// The entry still valid at `now`, if any.
    func valid(_ origin: String, now: Date = Date()) -> Entry? {
        guard let entry = entries[origin], entry.expires > now else { return nil }
        return entry
    }

    /// The last entry stored, valid or not.
    func last(_ origin: String) -> Entry? { entries[origin] }

    /// Stores a fetched robots.txt and returns its entry.
    @discardableResult
    mutating func store(_ origin: String, _ robots: RobotsTxt, now: Date = Date()) -> Entry {
        var entry = Entry(robots: robots, expires: now.addingTimeInterval(ttl))
        if case .unreachable = robots.availability {
            entry.failures = (entries[origin]?.failures ?? 0) + 1
            if entry.failures > maxRetries {
                entry.exhausted = true
            } else {
                entry.expires = now.addingTimeInterval(retryWait * pow(2, Double(entry.failures - 1)))
            }
        }
        entries[origin] = entry
        return entry
    }
}

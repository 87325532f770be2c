import WinnowCore

/// `winnow fetch --shard K/N`: every host belongs to one shard, by a stable
/// hash of its name (the shard hash of `winnow run`), so N crawls on N hosts
/// never contact one host from two places and per-host politeness holds
/// across shards; together their fetch logs are the one-shard crawl's log.
public struct HostShard: Sendable, Equatable, CustomStringConvertible {
    public var spec: ShardSpec

    public init(_ spec: ShardSpec) { self.spec = spec }

    /// Whether this shard fetches from `host` (lowercase, no port).
    public func owns(host: String) -> Bool { spec.contains(key: host.lowercased()) }

    /// Whether this shard fetches `url`; a URL without a host (logged as
    /// invalid) belongs to shard 0, so that it is logged once.
    public func owns(url: String) -> Bool {
        guard let normalized = URLNormalizer.normalize(url), let parts = URLNormalizer.Parts(normalized) else {
            return spec.index == 0
        }
        return owns(host: parts.host)
    }

    public var description: String { spec.description }
}

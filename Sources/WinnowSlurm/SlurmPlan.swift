import WinnowCore

/// How the shards of a run become Slurm job arrays: `--array=0-(n-1)%max`
/// per array, each array task one shard, and more shards than the
/// cluster's `MaxArraySize` (array indices must stay below it) split over
/// several arrays, each with its first shard.
public struct SlurmPlan: Sendable, Equatable {
    public struct RunArray: Sendable, Equatable, Codable {
        /// The shard of task 0.
        public var firstShard: Int
        public var tasks: Int
        public init(firstShard: Int, tasks: Int) {
            self.firstShard = firstShard
            self.tasks = tasks
        }
    }

    public var shards: Int
    public var arrays: [RunArray]
    /// At most this many tasks of one array run at once (`%max`); nil for no limit.
    public var maxParallel: Int?

    public init(shards: Int, maxArraySize: Int, maxParallel: Int?) throws(ConfigurationError) {
        guard shards >= 1, shards <= 100_000 else {
            throw ConfigurationError("--shards must be between 1 and 100000, not \(shards)")
        }
        guard maxArraySize >= 1 else {
            throw ConfigurationError("the cluster's MaxArraySize is \(maxArraySize); job arrays are disabled")
        }
        if let maxParallel, maxParallel < 1 { throw ConfigurationError("--max-parallel must be at least 1") }
        self.shards = shards
        self.maxParallel = maxParallel
        arrays = stride(from: 0, to: shards, by: maxArraySize).map {
            RunArray(firstShard: $0, tasks: min(maxArraySize, shards - $0))
        }
    }

    /// The `--array` value for an array of `tasks` tasks.
    public func arraySpec(tasks: Int) -> String {
        "0-\(tasks - 1)" + (maxParallel.map { "%\($0)" } ?? "")
    }
}

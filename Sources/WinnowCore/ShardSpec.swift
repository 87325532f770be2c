/// Which part of the inputs one process handles: shard `index` of `count`.
///
/// An input belongs to a shard by a stable hash of its key, never by its
/// position in a listing, so adding or reordering inputs does not move the
/// others and every host computes the same split.
public struct ShardSpec: Sendable, Equatable, CustomStringConvertible {
    public var index: Int
    public var count: Int

    public static let single = ShardSpec(index: 0, count: 1)

    public init(index: Int, count: Int) {
        precondition(count >= 1 && index >= 0 && index < count)
        self.index = index
        self.count = count
    }

    /// Parses `K/N`.
    public init(parsing text: String) throws(ConfigurationError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]) else {
            throw ConfigurationError("--shard '\(text)': expected K/N (for example 0/4) or auto")
        }
        guard n >= 1, n <= 100_000, k >= 0, k < n else {
            throw ConfigurationError("--shard '\(text)': need 0 <= K < N and 1 <= N <= 100000")
        }
        self.init(index: k, count: n)
    }

    /// `--shard auto`: a Slurm job array (`SLURM_ARRAY_TASK_ID`, `SLURM_ARRAY_TASK_COUNT`)
    /// or an indexed Kubernetes job (`JOB_COMPLETION_INDEX` with `--shards N`).
    public static func fromEnvironment(_ env: [String: String], shards: Int?) throws(ConfigurationError) -> ShardSpec {
        if let id = env["SLURM_ARRAY_TASK_ID"] {
            guard let k = Int(id) else {
                throw ConfigurationError("--shard auto: SLURM_ARRAY_TASK_ID='\(id)' is not a number")
            }
            let n: Int
            if let count = env["SLURM_ARRAY_TASK_COUNT"], let c = Int(count) {
                n = c
            } else if let shards {
                n = shards
            } else {
                throw ConfigurationError("--shard auto: SLURM_ARRAY_TASK_COUNT is not set; pass --shards N")
            }
            // Slurm arrays may start at 1 (--array=1-N); shift when the minimum says so.
            let minimum = env["SLURM_ARRAY_TASK_MIN"].flatMap(Int.init) ?? 0
            return try ShardSpec(parsing: "\(k - minimum)/\(n)")
        }
        if let id = env["JOB_COMPLETION_INDEX"] {
            guard let shards else { throw ConfigurationError("--shard auto: JOB_COMPLETION_INDEX needs --shards N") }
            return try ShardSpec(parsing: "\(id)/\(shards)")
        }
        throw ConfigurationError("--shard auto: neither SLURM_ARRAY_TASK_ID nor JOB_COMPLETION_INDEX is set")
    }

    public func contains(key: String) -> Bool {
        count == 1 || Int(StableHash.hash64(key) % UInt64(count)) == index
    }

    /// `shard-KKKKK-of-NNNNN`, the stem of this shard's files.
    public var fileStem: String {
        "shard-\(Self.pad(index))-of-\(Self.pad(count))"
    }

    public var description: String { "\(index)/\(count)" }

    private static func pad(_ n: Int) -> String {
        let s = String(n)
        return s.count >= 5 ? s : String(repeating: "0", count: 5 - s.count) + s
    }
}

import Foundation

/// Counts for one shard. Written as `shard-…stats.json` and carried inside
/// every checkpoint so that a resumed run ends with the same counts as an
/// uninterrupted one.
public struct ShardStats: Codable, Sendable, Equatable {
    public var shard: String
    /// Inputs that belong to this shard.
    public var inputs: Int
    /// Inputs handled so far (records + rejects + dropped).
    public var processed = 0
    public var records = 0
    public var rejects = 0
    public var dropped = 0
    /// Bytes read from inputs (after gzip decompression).
    public var bytesIn = 0
    public var rejectsByStage: [String: Int] = [:]
    public var droppedByStage: [String: Int] = [:]
    /// Wall-clock figures of the last process that worked on the shard. The
    /// only part of the stats that differs between otherwise equal runs.
    public var timing: Timing?

    public struct Timing: Codable, Sendable, Equatable {
        public var elapsedSeconds: Double
        public var pagesPerSecond: Double
    }

    public init(shard: ShardSpec, inputs: Int) {
        self.shard = shard.description
        self.inputs = inputs
    }
}

/// Where a shard stands: everything before `nextIndex` is in the output files,
/// which are exactly `recordsBytes` and `rejectsBytes` long.
public struct Checkpoint: Codable, Sendable, Equatable {
    public var shard: String
    public var nextIndex: Int
    public var recordsBytes: Int
    public var rejectsBytes: Int
    public var signaturesBytes: Int
    public var complete: Bool
    public var stats: ShardStats
}

/// What a run is: resuming or adding shards requires the same manifest.
public struct Manifest: Codable, Sendable, Equatable {
    public var winnowVersion: String
    /// The pipeline file, or `built-in default`.
    public var pipeline: String
    public var pipelineHash: String
    /// Every stage with every option, defaults included.
    public var pipelineStages: String
    public var shards: Int
    public var inputCount: Int
    /// A hash of every input key, in order.
    public var inputHash: String
    /// Every stage with its options, for later phases (`winnow dedup` reads its settings here).
    public var steps: [Step]

    public struct Step: Codable, Sendable, Equatable {
        public var stage: String
        public var options: [String: String]
    }
}

/// The files of a run directory (docs/ARCHITECTURE.md "Run directory").
public struct RunDirectory: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    public var manifestPath: String { path + "/manifest.json" }

    public func recordsPath(_ shard: ShardSpec) -> String { "\(path)/\(shard.fileStem).jsonl" }
    public func checkpointPath(_ shard: ShardSpec) -> String { "\(path)/\(shard.fileStem).checkpoint.json" }
    public func rejectsPath(_ shard: ShardSpec) -> String { "\(path)/\(shard.fileStem).rejects.jsonl" }
    public func signaturesPath(_ shard: ShardSpec) -> String { "\(path)/\(shard.fileStem).signatures.bin" }
    /// Where `winnow dedup` writes its decisions.
    public var dedupPath: String { path + "/dedup" }
    public func statsPath(_ shard: ShardSpec) -> String { "\(path)/\(shard.fileStem).stats.json" }

    public func readManifest() throws -> Manifest? {
        try Self.read(Manifest.self, at: manifestPath)
    }

    public func readCheckpoint(_ shard: ShardSpec) throws -> Checkpoint? {
        try Self.read(Checkpoint.self, at: checkpointPath(shard))
    }

    public func readStats(_ shard: ShardSpec) throws -> ShardStats? {
        try Self.read(ShardStats.self, at: statsPath(shard))
    }

    /// Sorted keys, snake_case, pretty: stable bytes for equal values.
    public static func encode<T: Encodable>(_ value: T) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        // Encoding these plain structs cannot fail.
        return Array(try! encoder.encode(value)) + [0x0A]
    }

    static func read<T: Decodable>(_ type: T.Type, at path: String) throws -> T? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(type, from: data)
        } catch {
            throw ConfigurationError("\(path) is damaged or not a Winnow file (\(error.localizedDescription))")
        }
    }
}

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
    /// WARC inputs read past on purpose (absent when there were none): not
    /// HTML, not status 200, revisits, and notices about the files.
    public var skipped: Skipped?
    /// Wall-clock figures of the last process that worked on the shard. The
    /// only part of the stats that differs between otherwise equal runs.
    public var timing: Timing?

    public struct Skipped: Codable, Sendable, Equatable {
        public var byContentType: [String: Int] = [:]
        public var byStatus: [String: Int] = [:]
        public var revisits = 0
        /// Notices about inputs as a whole (a WARC file gzipped as one stream, …), in input order.
        public var notices: [String] = []

        public init() {}

        public var total: Int { byContentType.values.reduce(0, +) + byStatus.values.reduce(0, +) + revisits }

        public mutating func count(_ reason: InputSkipped.Reason) {
            switch reason {
            case .contentType(let type): byContentType[type, default: 0] += 1
            case .status(let status): byStatus[String(status), default: 0] += 1
            case .revisit: revisits += 1
            case .notice(let text): if notices.count < 100 { notices.append(text) }
            }
        }
    }

    public struct Timing: Codable, Sendable, Equatable {
        public var elapsedSeconds: Double
        public var pagesPerSecond: Double
    }

    public init(shard: ShardSpec, inputs: Int) {
        self.shard = shard.description
        self.inputs = inputs
    }
}

/// Where a shard stands: everything before `nextIndex` is in the shard's
/// output files, each exactly as long as its sink's `bytes`.
public struct Checkpoint: Codable, Sendable, Equatable {
    public var shard: String
    public var nextIndex: Int
    /// Every per-shard output file and its committed length, in the runner's order.
    public var sinks: [Sink]
    public var complete: Bool
    public var stats: ShardStats

    /// One output file's committed length.
    public struct Sink: Codable, Sendable, Equatable {
        /// ``ShardSink/name``.
        public var name: String
        /// The file's name in the run directory.
        public var file: String
        public var bytes: Int

        public init(name: String, file: String, bytes: Int) {
            self.name = name
            self.file = file
            self.bytes = bytes
        }

        public init(_ sink: ShardSink, of shard: ShardSpec, bytes: Int) {
            self.init(name: sink.name, file: RunDirectory.file(sink, shard), bytes: bytes)
        }
    }

    public init(shard: String, nextIndex: Int, sinks: [Sink], complete: Bool, stats: ShardStats) {
        self.shard = shard
        self.nextIndex = nextIndex
        self.sinks = sinks
        self.complete = complete
        self.stats = stats
    }

    /// The committed length of a sink; 0 when the shard has not written it.
    public func bytes(_ sink: ShardSink) -> Int { sinks.first { $0.name == sink.name }?.bytes ?? 0 }

    public var recordsBytes: Int { bytes(.records) }
    public var rejectsBytes: Int { bytes(.rejects) }
}

/// What a run is: resuming or adding shards requires the same manifest.
public struct Manifest: Codable, Sendable, Equatable {
    /// The run directory's layout (``RunDirectory/format``); absent in directories of older versions.
    public var format: Int?
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
    /// Every stage with its options, and the settings it records for later
    /// phases (`winnow dedup` reads the `minhash` stage's).
    public var steps: [Step]

    public struct Step: Codable, Sendable, Equatable {
        public var stage: String
        public var options: [String: String]
        public var settings: StageSettings?

        public init(stage: String, options: [String: String], settings: StageSettings? = nil) {
            self.stage = stage
            self.options = options
            self.settings = settings
        }
    }

    public init(
        format: Int? = RunDirectory.format, winnowVersion: String, pipeline: String, pipelineHash: String,
        pipelineStages: String, shards: Int, inputCount: Int, inputHash: String, steps: [Step]
    ) {
        self.format = format
        self.winnowVersion = winnowVersion
        self.pipeline = pipeline
        self.pipelineHash = pipelineHash
        self.pipelineStages = pipelineStages
        self.shards = shards
        self.inputCount = inputCount
        self.inputHash = inputHash
        self.steps = steps
    }
}

/// The files of a run directory (docs/ARCHITECTURE.md "Run directory").
public struct RunDirectory: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    public var manifestPath: String { path + "/manifest.json" }

    public func recordsPath(_ shard: ShardSpec) -> String { sinkPath(.records, shard) }
    public func checkpointPath(_ shard: ShardSpec) -> String { "\(path)/\(shard.fileStem).checkpoint.json" }
    public func rejectsPath(_ shard: ShardSpec) -> String { sinkPath(.rejects, shard) }
    /// WARC `revisit` records and the records they repeat (shards that read WARC files).
    public func revisitsPath(_ shard: ShardSpec) -> String { sinkPath(.revisits, shard) }
    /// The file of one of a shard's sinks.
    public func sinkPath(_ sink: ShardSink, _ shard: ShardSpec) -> String { "\(path)/\(Self.file(sink, shard))" }
    /// The name of a sink's file in the run directory.
    public static func file(_ sink: ShardSink, _ shard: ShardSpec) -> String { "\(shard.fileStem).\(sink.suffix)" }
    /// Where `winnow dedup` writes its decisions.
    public var dedupPath: String { path + "/dedup" }
    public func statsPath(_ shard: ShardSpec) -> String { "\(path)/\(shard.fileStem).stats.json" }

    /// The layout this version writes and reads: 2 has a checkpoint's sinks
    /// and the stages' recorded settings (docs/ARCHITECTURE.md "Run directory").
    public static let format = 2

    /// The run's manifest, or nil when there is none. A directory of another
    /// layout is refused with one line.
    public func readManifest() throws -> Manifest? {
        guard let manifest = try Self.read(Manifest.self, at: manifestPath) else { return nil }
        guard manifest.format == Self.format else {
            throw ConfigurationError(
                "\(path) was written by \(manifest.format.map { "run-directory format \($0)" } ?? "an older Winnow") "
                    + "and this version reads format \(Self.format) only; run winnow run again into a new --output"
            )
        }
        return manifest
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

import Foundation

/// Settings of one `winnow run` process that do not change its output.
public struct RunOptions: Sendable {
    public var workers: Int
    /// Inputs between two checkpoints.
    public var checkpointEvery: Int
    public var resume: Bool

    public init(workers: Int, checkpointEvery: Int = 500, resume: Bool = false) {
        self.workers = workers
        self.checkpointEvery = checkpointEvery
        self.resume = resume
    }
}

/// Where a running shard stands, for progress displays.
public struct ProgressSnapshot: Sendable {
    public var done: Int
    public var total: Int
    public var records: Int
    public var rejects: Int
    public var dropped: Int
    /// Inputs done by this process (a resumed run starts past zero).
    public var doneThisRun: Int
    public var elapsedSeconds: Double
}

/// Runs one shard of a run: reads its inputs in key-hash order, runs the
/// pipeline on a worker pool, writes records and rejects in input order, and
/// checkpoints so that a killed run resumes to byte-identical output.
public struct ShardRunner {
    public var config: PipelineConfig
    public var pipeline: Pipeline
    public var loader: any InputLoader
    /// Every input of the run, all shards, in input order.
    public var inputs: [InputRef]
    public var shard: ShardSpec
    public var directory: RunDirectory
    public var options: RunOptions

    public init(config: PipelineConfig, pipeline: Pipeline, loader: any InputLoader, inputs: [InputRef],
                shard: ShardSpec, directory: RunDirectory, options: RunOptions) {
        self.config = config
        self.pipeline = pipeline
        self.loader = loader
        self.inputs = inputs
        self.shard = shard
        self.directory = directory
        self.options = options
    }

    public var manifest: Manifest {
        var keys: [UInt8] = []
        var h: UInt64 = 0
        for ref in inputs {
            keys.removeAll(keepingCapacity: true)
            keys.append(contentsOf: ref.key.utf8)
            h = StableHash.mix(h ^ StableHash.hash64(keys))
        }
        return Manifest(
            winnowVersion: WinnowVersion.current, pipeline: config.origin, pipelineHash: config.hash,
            pipelineStages: config.canonicalDescription, shards: shard.count,
            inputCount: inputs.count, inputHash: StableHash.hex(h))
    }

    /// Runs the shard to the end. Throws ``ConfigurationError`` for a run
    /// directory that does not fit (or I/O failures on the output).
    @discardableResult
    public func run(progress: (ProgressSnapshot) -> Void = { _ in }) throws -> ShardStats {
        let started = ContinuousClock.now
        let mine = inputs.filter { shard.contains(key: $0.key) }
        try prepareDirectory()

        var checkpoint = Checkpoint(
            shard: shard.description, nextIndex: 0, recordsBytes: 0, rejectsBytes: 0, complete: false,
            stats: ShardStats(shard: shard, inputs: mine.count))
        if options.resume, let saved = try directory.readCheckpoint(shard) {
            guard saved.stats.inputs == mine.count, saved.nextIndex <= mine.count else {
                throw ConfigurationError("cannot resume \(directory.path): the checkpoint of shard \(shard) does not match its inputs")
            }
            checkpoint = saved
            if saved.complete {
                return saved.stats
            }
        }

        let records = try AppendOnlyFile(path: directory.recordsPath(shard), truncatingTo: checkpoint.recordsBytes)
        let rejects = try AppendOnlyFile(path: directory.rejectsPath(shard), truncatingTo: checkpoint.rejectsBytes)
        var recordBuffer: [UInt8] = []
        var rejectBuffer: [UInt8] = []
        let startIndex = checkpoint.nextIndex

        func saveCheckpoint(nextIndex: Int, complete: Bool) throws {
            try records.append(recordBuffer)
            try rejects.append(rejectBuffer)
            recordBuffer.removeAll(keepingCapacity: true)
            rejectBuffer.removeAll(keepingCapacity: true)
            try records.sync()
            try rejects.sync()
            checkpoint.nextIndex = nextIndex
            checkpoint.recordsBytes = records.size
            checkpoint.rejectsBytes = rejects.size
            checkpoint.complete = complete
            try AtomicFile.write(RunDirectory.encode(checkpoint), to: directory.checkpointPath(shard))
        }

        let pipeline = self.pipeline
        let loader = self.loader
        let pool = OrderedWorkerPool(workers: options.workers)
        try pool.run(
            indices: startIndex..<mine.count,
            work: { index in PageProcessor.process(mine[index], pipeline: pipeline, loader: loader) },
            emit: { index, result in
                var stats = checkpoint.stats
                stats.processed += 1
                stats.bytesIn += result.bytesIn
                switch result.outcome {
                case .record(let line):
                    stats.records += 1
                    recordBuffer.append(contentsOf: line)
                case .rejected(let stage, let line):
                    stats.rejects += 1
                    stats.rejectsByStage[stage, default: 0] += 1
                    rejectBuffer.append(contentsOf: line)
                case .dropped(let stage):
                    stats.dropped += 1
                    stats.droppedByStage[stage, default: 0] += 1
                }
                checkpoint.stats = stats
                if (index + 1 - startIndex) % options.checkpointEvery == 0 {
                    try saveCheckpoint(nextIndex: index + 1, complete: false)
                }
                progress(ProgressSnapshot(
                    done: index + 1, total: mine.count, records: stats.records, rejects: stats.rejects,
                    dropped: stats.dropped, doneThisRun: index + 1 - startIndex,
                    elapsedSeconds: (ContinuousClock.now - started).seconds))
            })
        try saveCheckpoint(nextIndex: mine.count, complete: true)

        var stats = checkpoint.stats
        let elapsed = (ContinuousClock.now - started).seconds
        let doneHere = mine.count - startIndex
        stats.timing = .init(elapsedSeconds: (elapsed * 1000).rounded() / 1000,
                             pagesPerSecond: elapsed > 0 ? (Double(doneHere) / elapsed).rounded() : 0)
        try AtomicFile.write(RunDirectory.encode(stats), to: directory.statsPath(shard))
        return stats
    }

    /// Creates the directory and checks (or writes) the manifest.
    private func prepareDirectory() throws {
        do {
            try FileManager.default.createDirectory(atPath: directory.path, withIntermediateDirectories: true)
        } catch {
            throw ConfigurationError("cannot create output directory \(directory.path): \(error.localizedDescription)")
        }
        let wanted = manifest
        if let existing = try directory.readManifest() {
            let verb = options.resume ? "cannot resume" : "cannot write to"
            if existing.pipelineHash != wanted.pipelineHash {
                throw ConfigurationError("\(verb) \(directory.path): the pipeline differs from the run's (\(existing.pipeline), stages hash \(existing.pipelineHash); now \(wanted.pipeline), \(wanted.pipelineHash)); use a new --output")
            }
            if existing.shards != wanted.shards {
                throw ConfigurationError("\(verb) \(directory.path): the run has \(existing.shards) shards, not \(wanted.shards)")
            }
            if existing.inputCount != wanted.inputCount || existing.inputHash != wanted.inputHash {
                throw ConfigurationError("\(verb) \(directory.path): the input set differs from the run's (\(existing.inputCount) inputs then, \(wanted.inputCount) now)")
            }
        }
        if !options.resume {
            let fm = FileManager.default
            if fm.fileExists(atPath: directory.checkpointPath(shard)) || fm.fileExists(atPath: directory.recordsPath(shard)) {
                throw ConfigurationError("\(directory.path) already holds shard \(shard); pass --resume to continue it, or choose a new --output")
            }
        }
        if try directory.readManifest() == nil {
            try AtomicFile.write(RunDirectory.encode(wanted), to: directory.manifestPath)
        }
    }
}

public enum WinnowVersion {
    public static let current = "0.1.0"
}

extension Duration {
    var seconds: Double {
        let (s, attoseconds) = components
        return Double(s) + Double(attoseconds) / 1e18
    }
}

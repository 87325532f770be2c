import Foundation

/// Settings of one `winnow run` process that do not change its output.
public struct RunOptions: Sendable {
    public var workers: Int
    /// Inputs between two checkpoints.
    public var checkpointEvery: Int
    public var resume: Bool
    /// Polled between records; when set, the run checkpoints and throws ``ShardInterrupted``.
    public var stop: StopRequest?

    public init(workers: Int, checkpointEvery: Int = 500, resume: Bool = false, stop: StopRequest? = nil) {
        self.workers = workers
        self.checkpointEvery = checkpointEvery
        self.resume = resume
        self.stop = stop
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

    public init(
        done: Int, total: Int, records: Int, rejects: Int, dropped: Int, doneThisRun: Int, elapsedSeconds: Double
    ) {
        self.done = done
        self.total = total
        self.records = records
        self.rejects = rejects
        self.dropped = dropped
        self.doneThisRun = doneThisRun
        self.elapsedSeconds = elapsedSeconds
    }
}

/// Runs one shard of a run: reads its inputs in key-hash order, runs the
/// pipeline on a worker pool, writes records and rejects in input order, and
/// checkpoints so that a killed run resumes to byte-identical output.
public struct ShardRunner {
    public var config: PipelineConfig
    public var pipeline: Pipeline
    public var loader: any InputLoader
    /// Every input of the run, all shards, in input order; or this shard's part of
    /// the run's ``InputListing`` (``ListedInputs``).
    public var inputs: any InputSource
    public var shard: ShardSpec
    public var directory: RunDirectory
    public var options: RunOptions

    public init(
        config: PipelineConfig, pipeline: Pipeline, loader: any InputLoader, inputs: any InputSource,
        shard: ShardSpec, directory: RunDirectory, options: RunOptions
    ) {
        self.config = config
        self.pipeline = pipeline
        self.loader = loader
        self.inputs = inputs
        self.shard = shard
        self.directory = directory
        self.options = options
    }

    /// What the first pass over the inputs learns: the run's identity and
    /// this shard's size, without holding the list.
    struct InputSurvey {
        var count = 0
        var hash: UInt64 = 0
        /// This shard's inputs outside containers.
        var mine = 0
        /// This shard's containers (WARC files): their inputs are counted as they are read.
        var containers = 0
    }

    /// The run's identity is its units (files, whole WARC files): the same
    /// for every shard, and cheap. Containers are not opened here (a WARC
    /// file is read once per run, by the shard that owns it).
    func survey() throws -> InputSurvey {
        // Listed once for the whole run: the listing knows what a walk would count.
        if let listed = inputs as? ListedInputs {
            return InputSurvey(
                count: listed.listing.inputCount, hash: UInt64(listed.listing.inputHash, radix: 16) ?? 0,
                mine: listed.part.inputs, containers: listed.part.containers)
        }
        var survey = InputSurvey()
        try inputs.forEach { unit in
            // A walk of a huge tree can take minutes: a stop request ends it (nothing is written yet).
            if let reason = options.stop?.requestedReason {
                throw ShardInterrupted(shard: shard, reason: reason, done: 0, total: 0)
            }
            survey.count += 1
            survey.hash = StableHash.mix(survey.hash ^ StableHash.hash64(unit.key))
            if shard.contains(key: unit.key) {
                if inputs.isContainer(unit) { survey.containers += 1 } else { survey.mine += 1 }
            }
        }
        guard survey.count > 0 else { throw ConfigurationError("no inputs found") }
        return survey
    }

    /// The manifest this run writes (or must find, to resume).
    public func manifest() throws -> Manifest { manifest(try survey()) }

    func manifest(_ survey: InputSurvey) -> Manifest {
        Manifest(
            winnowVersion: WinnowVersion.current, pipeline: config.origin, pipelineHash: config.hash,
            pipelineStages: config.canonicalDescription, shards: shard.count,
            inputCount: survey.count, inputHash: StableHash.hex(survey.hash),
            steps: config.steps.map { step in
                Manifest.Step(
                    stage: step.stage, options: step.options.values.mapValues(\.description), settings: step.settings)
            })
    }

    /// Runs the shard to the end. Throws ``ConfigurationError`` for a run
    /// directory that does not fit (or I/O failures on the output).
    @discardableResult
    public func run(progress: (ProgressSnapshot) -> Void = { _ in }) throws -> ShardStats {
        let started = ContinuousClock.now
        let survey = try survey()
        try prepareDirectory(manifest(survey))

        var checkpoint = Checkpoint(
            shard: shard.description, nextIndex: 0, sinks: [], complete: false,
            stats: ShardStats(shard: shard, inputs: survey.mine))
        // With containers, `inputs` holds the inputs outside them until the shard completes.
        let exact = survey.containers == 0
        if options.resume, let saved = try directory.readCheckpoint(shard) {
            let fits =
                exact
                ? saved.stats.inputs == survey.mine && saved.nextIndex <= survey.mine
                : saved.complete || saved.stats.inputs == survey.mine
            guard fits else {
                throw ConfigurationError(
                    "cannot resume \(directory.path): the checkpoint of shard \(shard) does not match its inputs")
            }
            checkpoint = saved
            if saved.complete {
                return saved.stats
            }
        }

        // Records and rejects, then the pipeline's outputs in stage order, then revisits (WARC shards).
        let kinds = [ShardSink.records, .rejects] + pipeline.outputs.map(\.sink) + (exact ? [] : [.revisits])
        let sinks = try kinds.map { sink in
            SinkFile(
                sink: sink,
                output: try AppendOnlyFile(path: directory.sinkPath(sink, shard), truncatingTo: checkpoint.bytes(sink)))
        }
        let recordSink = 0
        let rejectSink = 1
        let firstOutputSink = 2
        let revisitSink = exact ? nil : sinks.count - 1
        let startIndex = checkpoint.nextIndex

        func saveCheckpoint(complete: Bool) throws {
            for sink in sinks { try sink.commit() }
            checkpoint.sinks = sinks.map { Checkpoint.Sink($0.sink, of: shard, bytes: $0.output.size) }
            checkpoint.complete = complete
            try AtomicFile.write(RunDirectory.encode(checkpoint), to: directory.checkpointPath(shard))
        }

        /// Commits what is emitted so far and stops, when a stop was requested.
        func stopIfRequested() throws {
            guard let reason = options.stop?.requestedReason else { return }
            try saveCheckpoint(complete: false)
            throw ShardInterrupted(shard: shard, reason: reason, done: checkpoint.nextIndex, total: survey.mine)
        }

        func emit(_ result: PageResult) throws {
            var stats = checkpoint.stats
            stats.processed += 1
            stats.bytesIn += result.bytesIn
            switch result.outcome {
            case .record(let line, let outputs):
                stats.records += 1
                sinks[recordSink].buffer.append(contentsOf: line)
                for (k, entry) in outputs.enumerated() { sinks[firstOutputSink + k].buffer.append(contentsOf: entry) }
            case .rejected(let stage, let line):
                stats.rejects += 1
                stats.rejectsByStage[stage, default: 0] += 1
                sinks[rejectSink].buffer.append(contentsOf: line)
            case .dropped(let stage):
                stats.dropped += 1
                stats.droppedByStage[stage, default: 0] += 1
            case .skipped(let reason, let revisitLine):
                if let revisitSink { sinks[revisitSink].buffer.append(contentsOf: revisitLine) }
                var skipped = stats.skipped ?? ShardStats.Skipped()
                skipped.count(reason)
                stats.skipped = skipped
            }
            checkpoint.stats = stats
            checkpoint.nextIndex += 1
            if (checkpoint.nextIndex - startIndex) % options.checkpointEvery == 0 {
                try saveCheckpoint(complete: false)
            }
            progress(
                ProgressSnapshot(
                    done: checkpoint.nextIndex, total: exact ? survey.mine : max(survey.mine, checkpoint.nextIndex),
                    records: stats.records, rejects: stats.rejects,
                    dropped: stats.dropped, doneThisRun: checkpoint.nextIndex - startIndex,
                    elapsedSeconds: (ContinuousClock.now - started).seconds))
            try stopIfRequested()
        }

        let pipeline = self.pipeline
        let loader = self.loader
        let pool = OrderedWorkerPool<InputRef, PageResult>(workers: options.workers) { ref in
            PageProcessor.process(ref, pipeline: pipeline, loader: loader)
        }
        var position = 0
        try inputs.forEach { unit in
            guard shard.contains(key: unit.key) else { return }
            try inputs.forEachInput(in: unit) { ref in
                defer { position += 1 }
                // Inputs before the checkpoint are already in the output.
                guard position >= startIndex else {
                    if let reason = options.stop?.requestedReason {
                        throw ShardInterrupted(shard: shard, reason: reason, done: startIndex, total: survey.mine)
                    }
                    return
                }
                try stopIfRequested()
                try pool.submit(ref, emit: emit)
            }
        }
        try pool.finish(emit: emit)
        guard !exact || position == survey.mine else {
            throw ConfigurationError(
                "the inputs changed while the run was reading them (\(survey.mine) then \(position))")
        }
        checkpoint.stats.inputs = position
        try saveCheckpoint(complete: true)

        var stats = checkpoint.stats
        let elapsed = (ContinuousClock.now - started).seconds
        let doneHere = position - startIndex
        stats.timing = .init(
            elapsedSeconds: (elapsed * 1000).rounded() / 1000,
            pagesPerSecond: elapsed > 0 ? (Double(doneHere) / elapsed).rounded() : 0)
        try AtomicFile.write(RunDirectory.encode(stats), to: directory.statsPath(shard))
        return stats
    }

    /// Creates the directory and checks (or writes) the manifest.
    private func prepareDirectory(_ wanted: Manifest) throws {
        try AtomicFile.makeDirectories(directory.path)
        if let existing = try directory.readManifest() {
            let verb = options.resume ? "cannot resume" : "cannot write to"
            if existing.pipelineHash != wanted.pipelineHash {
                throw ConfigurationError(
                    "\(verb) \(directory.path): the pipeline differs from the run's (\(existing.pipeline), stages "
                        + "hash \(existing.pipelineHash); now \(wanted.pipeline), \(wanted.pipelineHash)); use a new "
                        + "--output"
                )
            }
            if existing.shards != wanted.shards {
                throw ConfigurationError(
                    "\(verb) \(directory.path): the run has \(existing.shards) shards, not \(wanted.shards)")
            }
            if existing.inputCount != wanted.inputCount || existing.inputHash != wanted.inputHash {
                throw ConfigurationError(
                    "\(verb) \(directory.path): the input set differs from the run's (\(existing.inputCount) inputs "
                        + "then, \(wanted.inputCount) now)"
                )
            }
        }
        if !options.resume {
            let fm = FileManager.default
            if fm.fileExists(atPath: directory.checkpointPath(shard))
                || fm.fileExists(atPath: directory.recordsPath(shard))
            {
                throw ConfigurationError(
                    "\(directory.path) already holds shard \(shard); pass --resume to continue it, or choose a new "
                        + "--output"
                )
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

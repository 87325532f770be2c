import ArgumentParser
import Foundation
import WinnowCore
import WinnowHTML
import WinnowPipelines
import WinnowRead

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a pipeline over inputs into a run directory (one shard of it).",
        discussion: """
            Records go to RUNDIR/shard-KKKKK-of-NNNNN.jsonl in input order; inputs that fail go to the shard's \
            .rejects.jsonl with the reason, and the run goes on.

            On SIGTERM (a Slurm time limit, preemption, scancel, kill) the run finishes the record in hand, writes a \
            checkpoint of everything committed and exits 75; run it again with --resume (a requeued Slurm task does) \
            to continue from there. SIGKILL at any moment is safe too: --resume continues from the last periodic \
            checkpoint.

            With --list-only, the inputs are walked once and listed into RUNDIR/listing/ for --shards N (one file per \
            shard); the shards then read their part of that listing instead of walking the tree (--input may then be \
            left out; if given, it must name the listed roots). `winnow slurm` and `make backfill` list first.

            Exit status: 0 when the shard completed (rejects included), 75 when SIGTERM stopped it after a checkpoint \
            (resume it), 64 for bad arguments or configuration, 1 for an I/O failure on the output.
            """)

    @Argument(
        help: ArgumentHelp(
            "Pipeline file (YAML). Without it the built-in default pipeline runs (Pipelines/default.yml).",
            valueName: "PIPELINE.yml"))
    var pipeline: String?

    @Option(
        name: .long, parsing: .upToNextOption,
        help: ArgumentHelp(
            "Files or directories to read (directories are walked recursively in sorted order; .html, .htm, .txt and "
                + "their .gz; .warc and .warc.gz web archives, each file one shard's work).",
            valueName: "PATH"))
    var input: [String] = []

    @Option(name: .long, help: ArgumentHelp("The run directory to write.", valueName: "RUNDIR"))
    var output: String

    @Option(name: .long, help: "Worker threads (default: the number of cores). Output does not depend on it.")
    var workers: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(
        name: .long,
        help: ArgumentHelp(
            "This process's shard: K/N (0-based), or auto to read SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT or "
                + "JOB_COMPLETION_INDEX.",
            valueName: "K/N|auto"))
    var shard: String?

    @Option(
        name: .long, help: "Shard count for --shard auto when the environment does not give one (JOB_COMPLETION_INDEX)."
    )
    var shards: Int?

    @Flag(
        name: .long,
        help: ArgumentHelp(
            "Continue a stopped run in RUNDIR from its last checkpoint. Refused if the pipeline, inputs or shard count "
                + "differ.")
    )
    var resume = false

    @Flag(name: .long, help: "Draw the progress bar even when stderr is not a terminal.")
    var progress = false

    @Flag(name: .long, help: "Print no progress, only the summary.")
    var quiet = false

    @Flag(
        name: .long,
        help:
            ArgumentHelp(
                "Only list the inputs into RUNDIR/listing/ for --shards N (or the N of --shard K/N), once for all "
                    + "shards; run nothing.")
    )
    var listOnly = false

    @Option(name: .long, help: "Inputs between two checkpoints.")
    var checkpointEvery: Int = 500

    @Flag(
        name: .long,
        help:
            ArgumentHelp(
                "Do not check the SHA-1 digests of WARC records (WARC-Block-Digest, else WARC-Payload-Digest); "
                    + "checking costs about 5% of a run over WARC files.")
    )
    var noWarcDigests = false

    func validate() throws {
        if input.isEmpty && listOnly { throw ValidationError("--list-only needs --input") }
        if listOnly && shards == nil && (shard == nil || shard == "auto") {
            throw ValidationError("--list-only needs the shard count: --shards N")
        }
        if workers < 1 || workers > 1024 {
            throw ValidationError("--workers must be between 1 and 1024, not \(workers)")
        }
        if checkpointEvery < 1 { throw ValidationError("--checkpoint-every must be at least 1") }
        if progress && quiet { throw ValidationError("--progress and --quiet contradict each other") }
    }

    func run() throws {
        do {
            try execute()
        } catch let error as ConfigurationError {
            fail(error)
        } catch let error as OutputError {
            fail(error)
        } catch let stopped as ShardInterrupted {
            FileHandle.standardError.write(Data("winnow: \(stopped)\n".utf8))
            Foundation.exit(RunCommand.interruptedExitCode)
        }
    }

    /// EX_TEMPFAIL: stopped by SIGTERM after a checkpoint; `--resume` continues.
    static let interruptedExitCode: Int32 = 75

    /// Turns SIGTERM into a stop request the runner polls between records.
    private static func stopOnSIGTERM() -> (StopRequest, DispatchSourceSignal) {
        let stop = StopRequest()
        signal(SIGTERM, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGTERM, queue: .global())
        source.setEventHandler { stop.request("SIGTERM") }
        source.resume()
        return (stop, source)
    }

    private func execute() throws {
        let catalog = StandardStages.catalog
        let config = try StandardStages.pipeline(at: pipeline)
        let stages = try config.makePipeline(catalog: catalog)

        let spec: ShardSpec
        switch shard {
        case nil: spec = .single
        case "auto"?: spec = try ShardSpec.fromEnvironment(ProcessInfo.processInfo.environment, shards: shards)
        case let text?: spec = try ShardSpec(parsing: text)
        }

        let directory = RunDirectory(path: output)
        if listOnly {
            let count = shards ?? spec.count
            let started = ContinuousClock.now
            let (listing, written) = try Self.listInputs(input, shards: count, into: directory)
            let seconds = (ContinuousClock.now - started) / .milliseconds(1) / 1000
            let verb = written ? "listed" : "already listed (the same inputs)"
            print(
                "winnow: \(verb) \(listing.inputCount) inputs for \(count) shards into "
                    + "\(InputListing.directory(of: directory))/ in \(String(format: "%.1f", seconds)) s"
            )
            return
        }
        let inputs = try Self.inputs(input, shard: spec, directory: directory)
        HTMLParser.initializeOnce()

        let (stop, signalSource) = Self.stopOnSIGTERM()
        defer { signalSource.cancel() }
        let runner = ShardRunner(
            config: config, pipeline: stages, loader: LocalInputLoader(verifyWARCDigests: !noWarcDigests),
            inputs: inputs, shard: spec,
            directory: directory,
            options: RunOptions(workers: workers, checkpointEvery: checkpointEvery, resume: resume, stop: stop))
        let style: ProgressReporter.Style = quiet ? .none : (progress ? .bar : ProgressReporter.automaticStyle())
        let reporter = ProgressReporter(style: style, label: "shard \(spec)")
        let stats = try runner.run(progress: reporter.update)
        reporter.finish()
        print(Summary.text(stats, directory: runner.directory, shard: spec))
    }
}

extension RunCommand {
    /// Walks `roots` once and lists them into `directory` for `shards` shards.
    static func listInputs(_ roots: [String], shards: Int, into directory: RunDirectory) throws -> (
        InputListing, Bool
    ) {
        let files = try LocalFiles(roots: roots)
        return try InputListing.write(inputs: files, roots: files.roots, shards: shards, to: directory)
    }

    /// A shard's inputs: its part of the run's listing when there is one
    /// (no walk), else the walk of `roots`.
    static func inputs(_ roots: [String], shard: ShardSpec, directory: RunDirectory) throws -> any InputSource {
        guard let listing = try InputListing.read(directory) else {
            if roots.isEmpty {
                throw ConfigurationError(
                    "missing --input: give at least one file or directory (\(directory.path) has no listing)")
            }
            return try LocalFiles(roots: roots)
        }
        let given = roots.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        if !given.isEmpty && given != listing.roots {
            throw ConfigurationError(
                "--input \(roots.joined(separator: " ")): \(directory.path) lists the inputs of "
                    + "\(listing.roots.joined(separator: " ")); leave --input out or use a new --output"
            )
        }
        return try ListedInputs(listing: listing, shard: shard, run: directory, containers: LocalFiles.containers)
    }
}

enum Summary {
    static func text(_ stats: ShardStats, directory: RunDirectory, shard: ShardSpec) -> String {
        var lines: [String] = []
        let timing =
            stats.timing.map { t in
                " in \(String(format: "%.2f", t.elapsedSeconds)) s (\(Int(t.pagesPerSecond)) pages/s, "
                    + "\(String(format: "%.1f", Double(stats.bytesIn) / 1e6 / max(t.elapsedSeconds, 1e-9))) MB/s)"
            } ?? " (already complete)"
        lines.append(
            "winnow: shard \(shard) done\(timing): \(stats.inputs) inputs → \(stats.records) records, "
                + "\(stats.rejects) rejects, \(stats.dropped) dropped"
        )
        lines.append("  records: \(directory.recordsPath(shard))")
        if stats.rejects > 0 {
            let byStage = stats.rejectsByStage.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(
                separator: ", ")
            lines.append("  rejects: \(directory.rejectsPath(shard)) (\(byStage))")
        }
        if let skipped = stats.skipped, skipped.total > 0 || !skipped.notices.isEmpty {
            var parts = skipped.byContentType.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
            parts += skipped.byStatus.sorted { $0.key < $1.key }.map { "status \($0.key): \($0.value)" }
            if skipped.revisits > 0 { parts.append("revisits: \(skipped.revisits)") }
            lines.append("  WARC records read past: \(skipped.total) (\(parts.joined(separator: ", ")))")
            for notice in skipped.notices.prefix(5) { lines.append("  warning: \(notice)") }
        }
        return lines.joined(separator: "\n")
    }
}

import ArgumentParser
import Foundation
import WinnowCore
import WinnowSlurm

struct SlurmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slurm",
        abstract: "Submit a whole backfill to Slurm: the run as job arrays, then dedup parts, then merge and export.",
        discussion: """
            Task T of the run array runs `winnow run … --shard T/N --resume` (more shards than the cluster's \
            MaxArraySize are split over several arrays). The dedup parts (`winnow dedup RUNDIR --part K/P`) start when \
            every run task succeeded (afterok), then one job merges them and exports to --export. Job scripts go to \
            RUNDIR/slurm/, logs to RUNDIR/logs/, the job ids to RUNDIR/slurm/jobs.json; `winnow status RUNDIR` shows \
            per-shard progress, the job ids and the failed tasks with their reason.

            The inputs are listed once into RUNDIR/listing/ before anything is submitted (as `winnow run \
            --list-only`), and each task reads its part of that listing instead of walking the input tree.

            With --fetch SOURCE (instead of --input), a fetch array runs first: task K runs `winnow fetch SOURCES \
            --shard K/F` into RUNDIR/archive/fetch-KKKKK-of-FFFFF/ (each host belongs to one fetch shard, so \
            politeness holds across the array); then one job lists that archive, and the run arrays read it.

            A task that gets SIGTERM (time limit, preemption) checkpoints, exits 75 and requeues itself; it resumes \
            when it starts again. Every path must be on a filesystem all nodes share.
            """)

    @Argument(
        help: ArgumentHelp("Pipeline file (YAML); without it the built-in default pipeline.", valueName: "PIPELINE.yml")
    )
    var pipeline: String?

    @Option(
        name: .long, parsing: .upToNextOption,
        help: ArgumentHelp("Files or directories to read (as for winnow run).", valueName: "PATH"))
    var input: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Fetch first: a winnow fetch SOURCE (urls:FILE, sitemap:URL, robots:URL; repeat for more) as a job array "
                + "with hosts sharded; the run reads the archive. Instead of --input.",
            valueName: "SOURCE"))
    var fetch: [String] = []

    @Option(name: .long, help: "Fetch array tasks (winnow fetch --shard K/F); default 4.")
    var fetchShards: Int = 4

    @Option(
        name: .long,
        help: ArgumentHelp(
            "One more argument for every winnow fetch task, e.g. --fetch-argument=--delay=2 (repeat for more).",
            valueName: "ARG"))
    var fetchArgument: [String] = []

    @Option(name: .long, help: ArgumentHelp("The run directory (on the shared filesystem).", valueName: "RUNDIR"))
    var output: String

    @Option(name: .long, help: "Shard count: one array task per shard.")
    var shards: Int

    @Option(name: .long, help: "Worker threads (and CPUs asked for) per run task.")
    var workers: Int = 1

    @Option(name: .long, help: "At most this many run tasks at once (--array=0-(N-1)%M).")
    var maxParallel: Int?

    @Option(name: .long, help: "Dedup parts (winnow dedup --part K/P), one array task each.")
    var dedupParts: Int = 4

    @Option(
        name: .long,
        help: ArgumentHelp("Export file written by the last job (default RUNDIR/export.jsonl).", valueName: "PATH"))
    var export: String?

    @Option(name: .long, help: "Slurm partition (sbatch --partition).")
    var partition: String?

    @Option(name: .long, help: "Time limit per job (sbatch --time), e.g. 2:00:00.")
    var time: String?

    @Option(name: .long, help: ArgumentHelp("The winnow binary the jobs run (default: this one).", valueName: "PATH"))
    var winnow: String?

    @Option(name: .long, help: "The cluster's MaxArraySize (default: read from scontrol show config, else 1001).")
    var maxArraySize: Int?

    @Flag(
        name: .long,
        help: ArgumentHelp(
            "Submit again though RUNDIR/slurm/jobs.json exists (after the earlier jobs ended: tasks resume, finished "
                + "shards return at once).")
    )
    var resubmit = false

    func validate() throws {
        if input.isEmpty && fetch.isEmpty {
            throw ValidationError("missing --input: give at least one file or directory (or --fetch SOURCE)")
        }
        if !input.isEmpty && !fetch.isEmpty {
            throw ValidationError("--input and --fetch exclude each other: the run reads the fetched archive")
        }
        if fetchShards < 1 || fetchShards > 100_000 {
            throw ValidationError("--fetch-shards must be between 1 and 100000, not \(fetchShards)")
        }
        if workers < 1 || workers > 1024 {
            throw ValidationError("--workers must be between 1 and 1024, not \(workers)")
        }
        if dedupParts < 1 || dedupParts > 10_000 {
            throw ValidationError("--dedup-parts must be between 1 and 10000, not \(dedupParts)")
        }
    }

    func run() throws {
        do {
            try execute()
        } catch let error as ConfigurationError {
            fail(error)
        } catch let error as OutputError {
            fail(error)
        }
    }

    private func execute() throws {
        let cwd = FileManager.default.currentDirectoryPath
        func absolute(_ path: String) -> String {
            URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: cwd, isDirectory: true)).standardizedFileURL
                .path
        }
        let run = absolute(output)
        if !resubmit, let jobs = try SlurmJobs.read(run) {
            throw ConfigurationError(
                "\(run) was already submitted (run arrays \(jobs.runArrays.map(\.jobID).joined(separator: ", ")), "
                    + "merge \(jobs.mergeJobID)); see winnow status \(run), or pass --resubmit once those jobs ended"
            )
        }
        let arraySize =
            try maxArraySize ?? (try? Sbatch.command("scontrol", ["show", "config"])).flatMap(
                SlurmJobID.maxArraySize(fromConfig:)) ?? 1001
        let plan = try SlurmPlan(shards: shards, maxArraySize: arraySize, maxParallel: maxParallel)
        let binary = winnow.map(absolute) ?? URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        var fetchSettings: SlurmScripts.Fetch?
        var inputs = input.map(absolute)
        if fetch.isEmpty {
            // Listed here, once: the tasks read their part of RUNDIR/listing/.
            let started = ContinuousClock.now
            let (listing, written) = try RunCommand.listInputs(inputs, shards: shards, into: RunDirectory(path: run))
            let seconds = (ContinuousClock.now - started) / .milliseconds(1) / 1000
            print(
                "winnow: \(written ? "listed" : "already listed:") \(listing.inputCount) inputs for \(shards) shards "
                    + "into \(InputListing.directory(of: RunDirectory(path: run)))/ in "
                    + "\(String(format: "%.1f", seconds)) s"
            )
        } else {
            var sources: [String] = []
            for source in fetch {
                // A urls: file is read on the nodes: its path must be absolute.
                sources.append(source.hasPrefix("urls:") ? "urls:" + absolute(String(source.dropFirst(5))) : source)
            }
            let archive = run + "/archive"
            fetchSettings = SlurmScripts.Fetch(
                sources: sources, shards: fetchShards, arguments: fetchArgument, archive: archive)
            inputs = [archive]
        }
        let settings = SlurmScripts.Settings(
            winnow: binary, pipeline: pipeline.map(absolute), inputs: inputs, runDirectory: run,
            shards: shards, workers: workers, dedupParts: dedupParts,
            exportPath: export.map(absolute) ?? run + "/export.jsonl",
            partition: partition, timeLimit: time, fetch: fetchSettings)
        let jobs = try SlurmBackfill(scripts: SlurmScripts(settings), plan: plan).submit()
        let arrays = jobs.runArrays.map { "\($0.jobID) (shards \($0.firstShard)-\($0.firstShard + $0.tasks - 1))" }
            .joined(separator: ", ")
        if let fetchID = jobs.fetchJobID, let listID = jobs.listJobID {
            print(
                "winnow: submitted the fetch as job array \(fetchID) (\(fetchShards) shards, hosts sharded), the "
                    + "listing of its archive as \(listID) (afterok)"
            )
        }
        print(
            """
            winnow: submitted \(shards) shards as job array\(jobs.runArrays.count == 1 ? "" : "s") \(arrays), dedup \
            parts as \(jobs.dedupJobID) (\(dedupParts) parts, afterok), merge and export as \(jobs.mergeJobID)
              logs: \(SlurmScripts.logsPath(run))/   job ids: \(SlurmJobs.path(run))
              watch: winnow status \(run)
            """)
    }
}

import Foundation
import WinnowCore

/// The Slurm jobs of a run, kept in `RUNDIR/slurm/jobs.json` so that
/// `winnow status` can name them (no Slurm command needed).
public struct SlurmJobs: Codable, Sendable, Equatable {
    public struct RunArray: Codable, Sendable, Equatable {
        public var jobID: String
        public var firstShard: Int
        public var tasks: Int

        // `jobId` becomes `job_id` and back under the snake-case key strategies.
        enum CodingKeys: String, CodingKey {
            case jobID = "jobId"
            case firstShard, tasks
        }
    }

    public var submittedAt: String
    public var shards: Int
    public var runArrays: [RunArray]
    public var dedupJobID: String
    public var dedupParts: Int
    public var mergeJobID: String
    public var exportPath: String
    /// With `--fetch`: the fetch array (one task per fetch shard) and the
    /// job that lists its archive before the run arrays start.
    public var fetchJobID: String?
    public var fetchShards: Int?
    public var listJobID: String?

    enum CodingKeys: String, CodingKey {
        case submittedAt, shards, runArrays
        case dedupJobID = "dedupJobId"
        case dedupParts
        case mergeJobID = "mergeJobId"
        case exportPath
        case fetchJobID = "fetchJobId"
        case fetchShards
        case listJobID = "listJobId"
    }

    public static func path(_ runDirectory: String) -> String { SlurmScripts.scriptsPath(runDirectory) + "/jobs.json" }

    public static func read(_ runDirectory: String) throws(ConfigurationError) -> SlurmJobs? {
        let path = path(runDirectory)
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do { return try decoder.decode(SlurmJobs.self, from: data) } catch {
            throw ConfigurationError("\(path) is damaged (\(error.localizedDescription))")
        }
    }

    public func write(_ runDirectory: String) throws {
        try AtomicFile.write(RunDirectory.encode(self), to: Self.path(runDirectory))
    }

    /// The array job and task that run `shard`.
    public func task(ofShard shard: Int) -> (jobID: String, task: Int)? {
        for array in runArrays where shard >= array.firstShard && shard < array.firstShard + array.tasks {
            return (array.jobID, shard - array.firstShard)
        }
        return nil
    }

    /// `afterok` on every run task one by one: what the dedup job's
    /// dependency must be re-armed to after a failed task was requeued by
    /// hand (Slurm keeps an array's failure even when the task later succeeds).
    public var rearmDependency: String {
        "afterok:"
            + runArrays.flatMap { array in (0..<array.tasks).map { "\(array.jobID)_\($0)" } }.joined(separator: ":")
    }
}

extension SlurmJobs {
    /// Lines for `winnow status`: the jobs, and every failed shard, dedup
    /// part or merge with its reason and log. `complete(k)` says whether
    /// shard k's checkpoint is complete (a finished shard is not reported).
    public func statusLines(runDirectory: String, complete: (Int) -> Bool) -> [String] {
        let logs = SlurmScripts.logsPath(runDirectory)
        let arrays = runArrays.map { "\($0.jobID) (shards \($0.firstShard)-\($0.firstShard + $0.tasks - 1))" }.joined(
            separator: ", ")
        var lines = [
            "slurm: run array\(runArrays.count == 1 ? "" : "s") \(arrays); dedup parts \(dedupJobID) (\(dedupParts) "
                + "parts); merge and export \(mergeJobID); submitted \(submittedAt); logs in \(logs)/"
        ]
        if let fetchJobID, let listJobID {
            lines.append("slurm: fetch array \(fetchJobID) (\(fetchShards ?? 0) shards), then the listing \(listJobID)")
            for task in 0..<(fetchShards ?? 0) {
                let path = "\(logs)/fetch-\(fetchJobID)_\(task).log"
                if let line = Self.failure("fetch shard \(task)/\(fetchShards ?? 0)", log: path) { lines.append(line) }
            }
            if let line = Self.failure("the listing", log: "\(logs)/list-\(listJobID).log") { lines.append(line) }
        }
        var failed: [String] = []
        for shard in 0..<shards where !complete(shard) {
            guard let (job, task) = task(ofShard: shard) else { continue }
            let path = "\(logs)/run-\(job)_\(task).log"
            guard let report = SlurmLogReport.read(path), report.failed else { continue }
            lines.append(
                "  shard \(shard)/\(shards) (task \(job)_\(task)) failed with exit \(report.exitStatus ?? -1) on "
                    + "\(report.hosts.last ?? "?"): \(report.error ?? "no error line; see the log") (log: \(path))"
            )
            failed.append("\(job)_\(task)")
        }
        if !failed.isEmpty {
            let dependency =
                shards <= 64
                ? rearmDependency : "afterok:<every run task: \(runArrays[0].jobID)_0:\(runArrays[0].jobID)_1:…>"
            lines.append(
                "  after fixing the cause: scontrol requeue \(failed.joined(separator: ",")); scontrol update "
                    + "JobId=\(dedupJobID) Dependency=\(dependency)"
            )
        }
        for part in 0..<dedupParts {
            let path = "\(logs)/dedup-\(dedupJobID)_\(part).log"
            if let line = Self.failure("dedup part \(part)/\(dedupParts)", log: path) { lines.append(line) }
        }
        if let line = Self.failure("merge and export", log: "\(logs)/merge-\(mergeJobID).log") { lines.append(line) }
        return lines
    }

    /// `  WHAT failed with exit N: ERROR (log: PATH)` when the job's log says it failed, else nil.
    static func failure(_ what: String, log path: String) -> String? {
        guard let report = SlurmLogReport.read(path), report.failed else { return nil }
        return "  \(what) failed with exit \(report.exitStatus ?? -1): \(report.error ?? "see the log") (log: \(path))"
    }
}

import Foundation
import WinnowCore

/// Submits a whole backfill: the run as job arrays, the dedup parts as an
/// array that starts when every run task succeeded (`afterok`), then the
/// merge and export. Writes the job scripts into `RUNDIR/slurm/` and the
/// job ids into `RUNDIR/slurm/jobs.json`.
public struct SlurmBackfill {
    public var scripts: SlurmScripts
    public var plan: SlurmPlan
    /// Runs `sbatch` with these arguments and returns what it printed.
    public var sbatch: ([String]) throws -> String

    public init(scripts: SlurmScripts, plan: SlurmPlan, sbatch: @escaping ([String]) throws -> String = Sbatch.run) {
        self.scripts = scripts
        self.plan = plan
        self.sbatch = sbatch
    }

    public func submit(now: Date = Date()) throws -> SlurmJobs {
        let run = scripts.settings.runDirectory
        try AtomicFile.makeDirectories(SlurmScripts.logsPath(run))
        try AtomicFile.makeDirectories(SlurmScripts.scriptsPath(run))
        func write(_ text: String, _ name: String) throws -> String {
            let path = SlurmScripts.scriptsPath(run) + "/" + name
            try AtomicFile.write(Array(text.utf8), to: path)
            return path
        }
        // With --fetch: the fetch array, then the listing of its archive; the run arrays wait for both.
        var fetchID: String?
        var listID: String?
        var runDependency: [String] = []
        if let fetch = scripts.settings.fetch {
            let fetchScript = try write(scripts.fetchScript(), "fetch.sh")
            let fetchJob = try SlurmJobID.parse(try sbatch(["--array=0-\(fetch.shards - 1)", fetchScript]))
            let listScript = try write(scripts.listScript(), "list.sh")
            let listJob = try SlurmJobID.parse(try sbatch(["--dependency=afterok:\(fetchJob)", listScript]))
            runDependency = ["--dependency=afterok:\(listJob)"]
            fetchID = fetchJob
            listID = listJob
        }
        var arrays: [SlurmJobs.RunArray] = []
        for (n, array) in plan.arrays.enumerated() {
            let script = try write(scripts.runScript(array), "run-\(n).sh")
            let id = try SlurmJobID.parse(
                try sbatch(["--array=\(plan.arraySpec(tasks: array.tasks))"] + runDependency + [script]))
            arrays.append(.init(jobID: id, firstShard: array.firstShard, tasks: array.tasks))
        }
        let parts = scripts.settings.dedupParts
        let dedupScript = try write(scripts.dedupPartScript(), "dedup-part.sh")
        let dedup = try SlurmJobID.parse(
            try sbatch([
                "--array=0-\(parts - 1)", "--dependency=afterok:" + arrays.map(\.jobID).joined(separator: ":"),
                dedupScript,
            ]))
        let mergeScript = try write(scripts.mergeScript(), "merge.sh")
        let merge = try SlurmJobID.parse(try sbatch(["--dependency=afterok:\(dedup)", mergeScript]))
        let formatter = ISO8601DateFormatter()
        let jobs = SlurmJobs(
            submittedAt: formatter.string(from: now), shards: plan.shards, runArrays: arrays, dedupJobID: dedup,
            dedupParts: parts, mergeJobID: merge, exportPath: scripts.settings.exportPath,
            fetchJobID: fetchID, fetchShards: scripts.settings.fetch?.shards, listJobID: listID)
        try jobs.write(run)
        return jobs
    }
}

/// The real `sbatch` (on PATH).
public enum Sbatch {
    public static func run(_ arguments: [String]) throws -> String {
        try command("sbatch", arguments)
    }

    /// Runs a Slurm command; its stdout, or an error with its stderr.
    public static func command(_ name: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [name] + arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch {
            throw ConfigurationError("cannot start \(name): \(error.localizedDescription)")
        }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errors, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw ConfigurationError(
                "\(name) \(arguments.joined(separator: " ")) failed (exit \(process.terminationStatus)): \(message)")
        }
        return String(decoding: output, as: UTF8.self)
    }
}

import Foundation
import Testing

@testable import WinnowCore
@testable import WinnowSlurm

@Suite("Slurm submission")
struct SlurmTests {
    @Test(arguments: [
        ("Submitted batch job 42\n", "42"),
        ("Submitted batch job 42 on cluster alpha\n", "42"),
        ("sbatch: warning: something\nSubmitted batch job 7 on cluster beta", "7"),
        ("1234\n", "1234"),
        ("1234;alpha\n", "1234"),
    ])
    func jobIDsAreReadFromWhatSbatchPrints(output: String, id: String) throws {
        #expect(try SlurmJobID.parse(output) == id)
    }

    @Test(arguments: [
        "", "sbatch: error: Batch job submission failed: Invalid job array specification", "Submitted batch job x",
    ])
    func outputWithoutAJobIDIsAnError(output: String) {
        #expect(throws: ConfigurationError.self) { try SlurmJobID.parse(output) }
    }

    @Test func maxArraySizeComesFromTheConfig() {
        #expect(SlurmJobID.maxArraySize(fromConfig: "MaxArraySize            = 10\nMaxJobCount = 10000\n") == 10)
        #expect(SlurmJobID.maxArraySize(fromConfig: "MaxJobCount = 1\n") == nil)
    }

    @Test func shardsBeyondMaxArraySizeAreSplitOverArrays() throws {
        let plan = try SlurmPlan(shards: 25, maxArraySize: 10, maxParallel: 4)
        #expect(
            plan.arrays == [
                .init(firstShard: 0, tasks: 10), .init(firstShard: 10, tasks: 10), .init(firstShard: 20, tasks: 5),
            ])
        #expect(plan.arraySpec(tasks: 5) == "0-4%4")
        let one = try SlurmPlan(shards: 8, maxArraySize: 1001, maxParallel: nil)
        #expect(one.arrays == [.init(firstShard: 0, tasks: 8)])
        #expect(one.arraySpec(tasks: 8) == "0-7")
        #expect(throws: ConfigurationError.self) { try SlurmPlan(shards: 0, maxArraySize: 10, maxParallel: nil) }
    }

    static let settings = SlurmScripts.Settings(
        winnow: "/opt/winnow", pipeline: "/p/it's.yml", inputs: ["/in/a", "/in/b c"], runDirectory: "/runs/r",
        shards: 25,
        workers: 2, dedupParts: 4, exportPath: "/runs/r/export.jsonl", partition: "batch", timeLimit: "1:00:00")

    @Test func theRunScriptStartsOneShardAndRequeuesAfterSIGTERM() {
        let script = SlurmScripts(Self.settings).runScript(.init(firstShard: 10, tasks: 10))
        #expect(script.hasPrefix("#!/bin/bash\n"))
        for line in [
            "#SBATCH --output=/runs/r/logs/run-%A_%a.log", "#SBATCH --partition=batch", "#SBATCH --time=1:00:00",
            "#SBATCH --requeue", "#SBATCH --cpus-per-task=2", "shard=$(( 10 + SLURM_ARRAY_TASK_ID ))",
            "'/opt/winnow' run '/p/it'\\''s.yml' --input '/in/a' '/in/b c' --output '/runs/r' --shard \"$shard/25\" "
                + "--workers 2 --resume --quiet &",
            "if [ $rc -eq 75 ]; then",
        ] {
            #expect(script.contains(line + "\n"), "missing: \(line)")
        }
    }

    @Test func backfillSubmitsArraysThenDependentJobsAndRecordsTheIds() throws {
        let tmp = FileManager.default.temporaryDirectory.path + "/winnow-slurm-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        var settings = Self.settings
        settings.runDirectory = tmp
        var calls: [[String]] = []
        var next = 100
        let backfill = SlurmBackfill(
            scripts: SlurmScripts(settings), plan: try SlurmPlan(shards: 25, maxArraySize: 10, maxParallel: nil),
            sbatch: { arguments in
                calls.append(arguments)
                next += 1
                return "Submitted batch job \(next) on cluster test\n"
            })
        let jobs = try backfill.submit()
        #expect(
            calls.map { $0.dropLast() } == [
                ["--array=0-9"], ["--array=0-9"], ["--array=0-4"],
                ["--array=0-3", "--dependency=afterok:101:102:103"], ["--dependency=afterok:104"],
            ])
        #expect(jobs.runArrays.map(\.jobID) == ["101", "102", "103"])
        #expect(jobs.task(ofShard: 23)! == ("103", 3))
        #expect(try SlurmJobs.read(tmp) == jobs)
        #expect(jobs.rearmDependency.hasPrefix("afterok:101_0:101_1:") && jobs.rearmDependency.hasSuffix(":103_4"))
        #expect(FileManager.default.fileExists(atPath: tmp + "/logs"))
    }

    /// --fetch: the fetch array first, then the listing job (afterok on it),
    /// then the run arrays (afterok on the listing), then dedup and merge.
    @Test func fetchArrayAndListingComeBeforeTheRunArrays() throws {
        let tmp = FileManager.default.temporaryDirectory.path + "/winnow-slurm-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        var settings = Self.settings
        settings.runDirectory = tmp
        settings.inputs = [tmp + "/archive"]
        settings.fetch = SlurmScripts.Fetch(
            sources: ["urls:/lists/a b.txt", "sitemap:https://x.example/s.xml"], shards: 3,
            arguments: ["--delay=2"], archive: tmp + "/archive")
        var calls: [[String]] = []
        var next = 200
        let backfill = SlurmBackfill(
            scripts: SlurmScripts(settings), plan: try SlurmPlan(shards: 25, maxArraySize: 10, maxParallel: nil),
            sbatch: { arguments in
                calls.append(arguments)
                next += 1
                return "Submitted batch job \(next)\n"
            })
        let jobs = try backfill.submit()
        #expect(
            calls.map { $0.dropLast() } == [
                ["--array=0-2"], ["--dependency=afterok:201"],
                ["--array=0-9", "--dependency=afterok:202"], ["--array=0-9", "--dependency=afterok:202"],
                ["--array=0-4", "--dependency=afterok:202"],
                ["--array=0-3", "--dependency=afterok:203:204:205"], ["--dependency=afterok:206"],
            ])
        #expect(jobs.fetchJobID == "201" && jobs.listJobID == "202" && jobs.fetchShards == 3)
        #expect(try SlurmJobs.read(tmp) == jobs)
        let fetch = try String(contentsOfFile: calls[0].last!, encoding: .utf8)
        for line in [
            "out='\(tmp)/archive'/fetch-$(printf %05d \"$SLURM_ARRAY_TASK_ID\")-of-00003",
            "[ -s \"$out/fetch-log.jsonl\" ] && resume=--resume",
            "'/opt/winnow' fetch 'urls:/lists/a b.txt' 'sitemap:https://x.example/s.xml' --output \"$out\" --shard "
                + "\"$SLURM_ARRAY_TASK_ID/3\" --quiet '--delay=2' $resume",
        ] {
            #expect(fetch.contains(line + "\n"), "missing: \(line)\n\(fetch)")
        }
        let list = try String(contentsOfFile: calls[1].last!, encoding: .utf8)
        #expect(
            list.contains(
                "'/opt/winnow' run '/p/it'\\''s.yml' --input '\(tmp)/archive' --output '\(tmp)' --shards 25 "
                    + "--list-only\n"
            ),
            "\(list)")
    }

    @Test func aFailedTaskIsReportedWithItsReason() throws {
        let tmp = FileManager.default.temporaryDirectory.path + "/winnow-slurm-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        try FileManager.default.createDirectory(atPath: tmp + "/logs", withIntermediateDirectories: true)
        let jobs = SlurmJobs(
            submittedAt: "now", shards: 3, runArrays: [.init(jobID: "5", firstShard: 0, tasks: 3)],
            dedupJobID: "6", dedupParts: 2, mergeJobID: "7", exportPath: "x")
        try """
        winnow-slurm: shard 1/3 task 5_1 on n2 restart 0 at 2026-12-02T18:00:00Z
        winnow: error: bad.yml: unknown stage 'nope'
        winnow-slurm: shard 1/3 exit 64 on n2 at 2026-12-02T18:00:01Z

        """.write(toFile: tmp + "/logs/run-5_1.log", atomically: true, encoding: .utf8)
        try "winnow-slurm: shard 2/3 task 5_2 on vm restart 0 at t\nwinnow-slurm: shard 2/3 exit 75 on vm at t\n"
            .write(toFile: tmp + "/logs/run-5_2.log", atomically: true, encoding: .utf8)
        let lines = jobs.statusLines(runDirectory: tmp) { $0 == 0 }
        #expect(lines.count == 3, "\(lines)")
        #expect(
            lines[2].contains("scontrol requeue 5_1; scontrol update JobId=6 Dependency=afterok:5_0:5_1:5_2"),
            "\(lines)")
        #expect(
            lines[1].contains("shard 1/3 (task 5_1) failed with exit 64 on n2: bad.yml: unknown stage 'nope'"),
            "\(lines)")
    }
}

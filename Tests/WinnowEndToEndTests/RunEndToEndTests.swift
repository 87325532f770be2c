import Foundation
import Testing

/// The properties of docs/ARCHITECTURE.md ("Properties"), checked through the real binary on a
/// generated archive of 2,000 pages plus broken inputs.
@Suite(.serialized)
struct RunEndToEndTests {
    static let pages = 2_000

    @Test func workerCountDoesNotChangeOutput() throws {
        let tmp = try TemporaryDirectory("workers")
        try Archive.write(to: tmp.sub("in"), pages: Self.pages)

        let one = try Winnow.run([
            "run", "--input", tmp.sub("in"), "--output", tmp.sub("w1"), "--workers", "1", "--quiet",
        ])
        #expect(one.status == 0, "\(one.stderr)")
        let four = try Winnow.run([
            "run", "--input", tmp.sub("in"), "--output", tmp.sub("w4"), "--workers", "4", "--quiet",
        ])
        #expect(four.status == 0, "\(four.stderr)")

        let a = try comparableContents(of: tmp.sub("w1"))
        let b = try comparableContents(of: tmp.sub("w4"))
        #expect(a.keys.sorted() == b.keys.sorted())
        for (name, content) in a { #expect(content == b[name], "\(name) differs between --workers 1 and 4") }
        #expect(try lines(tmp.sub("w1/shard-00000-of-00001.jsonl")).count == Self.pages)
    }

    @Test func recordsFollowInputOrderAndCarryTheSchema() throws {
        let tmp = try TemporaryDirectory("order")
        let keys = try Archive.write(to: tmp.sub("in"), pages: 300, malformed: false)
        let result = try Winnow.run([
            "run", "--input", tmp.sub("in"), "--output", tmp.sub("run"), "--workers", "3", "--quiet",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("300 inputs → 300 records, 0 rejects"))

        let records = try lines(tmp.sub("run/shard-00000-of-00001.jsonl")).map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        // Directory walks go depth first, each directory's names in byte order.
        let paths = records.map { ($0["source"] as? [String: Any])?["path"] as? String ?? "" }
        let walkOrder = keys.sorted {
            $0.split(separator: "/").lexicographicallyPrecedes($1.split(separator: "/")) {
                $0.utf8.lexicographicallyPrecedes($1.utf8)
            }
        }
        #expect(paths == walkOrder)
        let first = try #require(records.first)
        let page = Int(try #require(paths.first).split(separator: "-").last!.prefix(6))!
        #expect(first["title"] as? String == "Headline \(page)")
        let text = try #require(first["text"] as? String)
        #expect(text.hasPrefix("Page \(page) paragraph 0: "))
        #expect(!text.contains("not text") && !text.contains("Contact us") && !text.contains("Home"))
        #expect((first["id"] as? String)?.count == 32)
        // Fixed key order: id first, then source before title and text.
        let line = try lines(tmp.sub("run/shard-00000-of-00001.jsonl"))[0]
        let order = ["\"id\"", "\"source\"", "\"title\"", "\"text\"", "\"paragraphs\"", "\"dedup\""].map {
            line.range(of: $0)!.lowerBound
        }
        #expect(order == order.sorted())
    }

    @Test func killedRunsResumeToIdenticalOutput() throws {
        let tmp = try TemporaryDirectory("resume")
        try Archive.write(to: tmp.sub("in"), pages: Self.pages)
        let common = ["--input", tmp.sub("in"), "--workers", "2", "--checkpoint-every", "50", "--quiet"]

        let reference = try Winnow.run(["run"] + common + ["--output", tmp.sub("reference")])
        #expect(reference.status == 0, "\(reference.stderr)")
        let expected = try comparableContents(of: tmp.sub("reference"))
        let fullSize = fileSize(tmp.sub("reference/shard-00000-of-00001.jsonl"))

        // Fractions of the records file at which to kill: 0 is as soon as the
        // run directory exists; the others fall around and between checkpoints.
        let killPoints: [(fraction: Double, extraDelay: UInt32)] = [
            (0, 0), (0.05, 3_000), (0.3, 0), (0.55, 7_000), (0.8, 1_000), (0.95, 0),
        ]
        var killed = 0
        for (n, point) in killPoints.enumerated() {
            let out = tmp.sub("run\(n)")
            let running = try Winnow.Running(["run"] + common + ["--output", out])
            let records = out + "/shard-00000-of-00001.jsonl"
            let threshold = Int(Double(fullSize) * point.fraction)
            while running.process.isRunning {
                if FileManager.default.fileExists(atPath: out + "/manifest.json"), fileSize(records) >= threshold,
                    threshold > 0 || point.fraction == 0
                {
                    usleep(point.extraDelay)
                    running.kill()
                    break
                }
                usleep(200)
            }
            let first = running.wait()
            if first.killedBySignal { killed += 1 }

            let resumed = try Winnow.run(["run"] + common + ["--output", out, "--resume"])
            #expect(resumed.status == 0, "resume after kill point \(point.fraction): \(resumed.stderr)")
            let actual = try comparableContents(of: out)
            #expect(actual.keys.sorted() == expected.keys.sorted())
            for (name, content) in expected {
                #expect(actual[name] == content, "\(name) differs after kill at \(point.fraction) and resume")
            }
        }
        #expect(killed >= 5, "only \(killed) of \(killPoints.count) runs were killed before they finished")
    }

    /// SIGTERM (what Slurm sends at a time limit, on preemption or scancel):
    /// the run checkpoints what it wrote, exits 75, and --resume finishes it
    /// to the bytes of an uninterrupted run.
    @Test func terminatedRunsCheckpointExit75AndResumeToIdenticalOutput() throws {
        let tmp = try TemporaryDirectory("sigterm")
        try Archive.write(to: tmp.sub("in"), pages: 800, malformed: false)
        let common = ["--input", tmp.sub("in"), "--workers", "2", "--checkpoint-every", "100", "--quiet"]
        #expect(try Winnow.run(["run"] + common + ["--output", tmp.sub("reference")]).status == 0)
        let expected = try comparableContents(of: tmp.sub("reference"))
        let fullSize = fileSize(tmp.sub("reference/shard-00000-of-00001.jsonl"))
        var interrupted = 0
        for (n, fraction) in [0.1, 0.5, 0.85].enumerated() {
            let out = tmp.sub("run\(n)")
            let records = out + "/shard-00000-of-00001.jsonl"
            let running = try Winnow.Running(["run"] + common + ["--output", out])
            while running.process.isRunning && fileSize(records) < Int(Double(fullSize) * fraction) { usleep(200) }
            running.terminate()
            let first = running.wait()
            #expect(!first.killedBySignal, "SIGTERM must not kill the run outright")
            if first.status == 75 {
                interrupted += 1
                #expect(
                    first.stderr.contains("stopped by SIGTERM") && first.stderr.contains("--resume"), "\(first.stderr)")
                let checkpoint = try String(
                    contentsOfFile: out + "/shard-00000-of-00001.checkpoint.json", encoding: .utf8)
                #expect(checkpoint.contains("\"complete\" : false"), "\(checkpoint)")
                // Everything written is committed: the checkpoint covers the whole records file.
                let sinks = try committedBytes(out + "/shard-00000-of-00001.checkpoint.json")
                #expect(sinks["records"] == fileSize(records), "\(checkpoint)")
            } else {
                #expect(first.status == 0, "\(first.stderr)")
            }
            let resumed = try Winnow.run(["run"] + common + ["--output", out, "--resume"])
            #expect(resumed.status == 0, "\(resumed.stderr)")
            #expect(try comparableContents(of: out) == expected, "differs after SIGTERM at \(fraction) and resume")
        }
        #expect(interrupted >= 2, "only \(interrupted) runs were stopped before they finished")
    }

    @Test func resumingTwiceAfterTwoKillsStillMatches() throws {
        let tmp = try TemporaryDirectory("twice")
        try Archive.write(to: tmp.sub("in"), pages: 800, malformed: false)
        let common = ["--input", tmp.sub("in"), "--workers", "2", "--checkpoint-every", "25", "--quiet"]
        #expect(try Winnow.run(["run"] + common + ["--output", tmp.sub("reference")]).status == 0)
        let out = tmp.sub("run")
        for attempt in 0..<2 {
            let running = try Winnow.Running(["run"] + common + ["--output", out] + (attempt > 0 ? ["--resume"] : []))
            while running.process.isRunning && fileSize(out + "/shard-00000-of-00001.jsonl") < 20_000 * (attempt + 1) {
                usleep(200)
            }
            running.kill()
            _ = running.wait()
        }
        #expect(try Winnow.run(["run"] + common + ["--output", out, "--resume"]).status == 0)
        #expect(try comparableContents(of: out) == comparableContents(of: tmp.sub("reference")))
    }

    @Test func shardsTogetherHoldExactlyTheOneShardRecords() throws {
        let tmp = try TemporaryDirectory("shards")
        try Archive.write(to: tmp.sub("in"), pages: Self.pages)
        let common = ["--input", tmp.sub("in"), "--workers", "2", "--quiet"]
        #expect(try Winnow.run(["run"] + common + ["--output", tmp.sub("single")]).status == 0)
        let single = try lines(tmp.sub("single/shard-00000-of-00001.jsonl"))
        let singleRejects = try lines(tmp.sub("single/shard-00000-of-00001.rejects.jsonl"))
        let position = Dictionary(uniqueKeysWithValues: single.enumerated().map { ($1, $0) })

        var union: [String] = []
        var rejectUnion: [String] = []
        for k in 0..<4 {
            let result = try Winnow.run(["run"] + common + ["--output", tmp.sub("sharded"), "--shard", "\(k)/4"])
            #expect(result.status == 0, "\(result.stderr)")
            let shard = try lines(tmp.sub("sharded/shard-0000\(k)-of-00004.jsonl"))
            #expect(shard.count > Self.pages / 8, "shard \(k) holds \(shard.count) records")
            let positions = shard.map { position[$0] ?? -1 }
            #expect(!positions.contains(-1), "shard \(k) has a record the one-shard run does not")
            #expect(positions == positions.sorted(), "shard \(k) is not in input order")
            union += shard
            rejectUnion += try lines(tmp.sub("sharded/shard-0000\(k)-of-00004.rejects.jsonl"))
        }
        #expect(union.count == single.count)
        #expect(Set(union) == Set(single))
        #expect(Set(rejectUnion) == Set(singleRejects))

        let status = try Winnow.run(["status", tmp.sub("sharded")])
        #expect(status.status == 0)
        #expect(status.stdout.contains("4/4 shards complete"))
    }

    @Test func slurmArrayEnvironmentPicksTheShard() throws {
        let tmp = try TemporaryDirectory("slurm")
        try Archive.write(to: tmp.sub("in"), pages: 200, malformed: false)
        let viaFlag = try Winnow.run([
            "run", "--input", tmp.sub("in"), "--output", tmp.sub("flag"), "--shard", "2/3", "--quiet",
        ])
        #expect(viaFlag.status == 0)
        let viaEnv = try Winnow.run(
            ["run", "--input", tmp.sub("in"), "--output", tmp.sub("env"), "--shard", "auto", "--quiet"],
            environment: ["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "3"])
        #expect(viaEnv.status == 0, "\(viaEnv.stderr)")
        #expect(
            try lines(tmp.sub("env/shard-00002-of-00003.jsonl")) == lines(tmp.sub("flag/shard-00002-of-00003.jsonl")))
    }

    @Test func malformedInputsBecomeRejectsAndTheRunGoesOn() throws {
        let tmp = try TemporaryDirectory("malformed")
        try Archive.write(to: tmp.sub("in"), pages: 100)
        let result = try Winnow.run(["run", "--input", tmp.sub("in"), "--output", tmp.sub("run"), "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("105 inputs → 100 records, 5 rejects"), "\(result.stdout)")

        let rejects = try lines(tmp.sub("run/shard-00000-of-00001.rejects.jsonl")).map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(rejects.count == Archive.malformedInputs.count)
        for expected in Archive.malformedInputs {
            let line = try #require(
                rejects.first { $0["key"] as? String == expected.key }, "no reject for \(expected.key)")
            #expect(line["stage"] as? String == expected.stage, "\(expected.key)")
            #expect(
                (line["reason"] as? String ?? "").contains(expected.reasonFragment),
                "\(expected.key): \(line["reason"] ?? "")")
        }
        let stats = try #require(
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: tmp.sub("run/shard-00000-of-00001.stats.json"))))
                as? [String: Any])
        #expect(stats["records"] as? Int == 100)
        #expect(stats["rejects"] as? Int == 5)
        #expect(stats["processed"] as? Int == 105)

        let status = try Winnow.run(["status", tmp.sub("run"), "--json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        let shard = try #require((json["shards"] as? [[String: Any]])?.first)
        #expect(shard["rejects"] as? Int == 5)
        #expect(shard["state"] as? String == "complete")
    }

    @Test func resumeWithAChangedPipelineIsRefused() throws {
        let tmp = try TemporaryDirectory("changed")
        try Archive.write(to: tmp.sub("in"), pages: 50, malformed: false)
        #expect(try Winnow.run(["run", "--input", tmp.sub("in"), "--output", tmp.sub("run"), "--quiet"]).status == 0)
        try Archive.write(
            "stages:\n  - decode\n  - clean\n  - extract:\n      min_text_chars: 500\n  - text_hash\n",
            to: tmp.sub("changed.yml"))

        let refused = try Winnow.run([
            "run", tmp.sub("changed.yml"), "--input", tmp.sub("in"), "--output", tmp.sub("run"), "--resume",
        ])
        #expect(refused.status == 64)
        #expect(
            refused.stderr.contains("cannot resume") && refused.stderr.contains("pipeline differs"), "\(refused.stderr)"
        )
        #expect(refused.stderr.split(separator: "\n").count == 1)

        let moreShards = try Winnow.run([
            "run", "--input", tmp.sub("in"), "--output", tmp.sub("run"), "--resume", "--shard", "0/2",
        ])
        #expect(moreShards.status == 64)
        #expect(moreShards.stderr.contains("1 shards, not 2"), "\(moreShards.stderr)")

        try Archive.write("<html><body><p>one more page</p></body></html>", to: tmp.sub("in/extra.html"))
        let moreInputs = try Winnow.run(["run", "--input", tmp.sub("in"), "--output", tmp.sub("run"), "--resume"])
        #expect(moreInputs.status == 64)
        #expect(moreInputs.stderr.contains("input set differs"), "\(moreInputs.stderr)")

        let again = try Winnow.run(["run", "--input", tmp.sub("in"), "--output", tmp.sub("run")])
        #expect(again.status == 64)
        #expect(again.stderr.contains("--resume") || again.stderr.contains("differs"), "\(again.stderr)")
    }
}

import Foundation
import Testing

@testable import WinnowCore

@Suite("RunStatus")
struct RunStatusTests {
    private func writeManifest(_ dir: RunDirectory, shards: Int) throws {
        let manifest = Manifest(
            winnowVersion: "0.1.0", pipeline: "p.yml", pipelineHash: "h", pipelineStages: "s",
            shards: shards, inputCount: 15, inputHash: "i", steps: [])
        try AtomicFile.write(RunDirectory.encode(manifest), to: dir.manifestPath)
    }

    private func rejectLine(_ stage: String, _ reason: String) -> String {
        "{\"stage\":\"\(stage)\",\"reason\":\"\(reason)\"}\n"
    }

    /// Shard 0/3 complete, 1/3 stopped with three committed rejects (and one past the checkpoint), 2/3 not started.
    private func makeRun(_ path: String) throws -> RunDirectory {
        let dir = RunDirectory(path: path)
        try writeManifest(dir, shards: 3)

        let first = ShardSpec(index: 0, count: 3)
        var s0 = ShardStats(shard: first, inputs: 5)
        s0.processed = 5
        s0.records = 5
        try AtomicFile.write(
            RunDirectory.encode(
                Checkpoint(
                    shard: "0/3", nextIndex: 5,
                    sinks: [
                        .init(.records, of: ShardSpec(index: 0, count: 3), bytes: 0),
                        .init(.rejects, of: ShardSpec(index: 0, count: 3), bytes: 0),
                    ], complete: true,
                    stats: s0)), to: dir.checkpointPath(first))

        let second = ShardSpec(index: 1, count: 3)
        let committed =
            rejectLine("extract", "empty file")
            + rejectLine("extract", "page too large: 99 bytes, over the limit max_bytes=10")
            + rejectLine("extract", "empty file")
        let uncommitted = rejectLine("read", "cannot open /x")
        try writeBytes(Array((committed + uncommitted).utf8), to: dir.rejectsPath(second))
        var s1 = ShardStats(shard: second, inputs: 10)
        s1.processed = 4
        s1.records = 1
        s1.rejects = 3
        s1.rejectsByStage = ["extract": 3]
        try AtomicFile.write(
            RunDirectory.encode(
                Checkpoint(
                    shard: "1/3", nextIndex: 4,
                    sinks: [
                        .init(.records, of: ShardSpec(index: 1, count: 3), bytes: 0),
                        .init(.rejects, of: ShardSpec(index: 1, count: 3), bytes: committed.utf8.count),
                    ],
                    complete: false, stats: s1)),
            to: dir.checkpointPath(second))
        return dir
    }

    @Test func reportsEachShardsState() throws {
        let path = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(path) }
        let status = try RunStatus.read(try makeRun(path))
        #expect(status.directory == path)
        #expect(status.pipeline == "p.yml")
        #expect(status.shards.map(\.shard) == ["0/3", "1/3", "2/3"])
        #expect(status.shards.map(\.state) == ["complete", "running or stopped", "not started"])
        #expect(!status.complete)
    }

    @Test func reportsCountsFromCheckpoints() throws {
        let path = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(path) }
        let status = try RunStatus.read(try makeRun(path))
        let done = status.shards[0]
        #expect(done.inputs == 5 && done.processed == 5 && done.records == 5 && done.rejects == 0 && done.dropped == 0)
        #expect(done.topRejectReasons == nil)
        let stopped = status.shards[1]
        #expect(stopped.inputs == 10 && stopped.processed == 4 && stopped.records == 1 && stopped.rejects == 3)
        let notStarted = status.shards[2]
        #expect(notStarted.inputs == nil && notStarted.processed == nil && notStarted.topRejectReasons == nil)
    }

    @Test func groupsCommittedRejectReasonsByKind() throws {
        let path = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(path) }
        let status = try RunStatus.read(try makeRun(path))
        // The read failure lies past the checkpoint's rejectsBytes and is not counted.
        #expect(status.shards[1].topRejectReasons == ["extract: empty file": 2, "extract: page too large": 1])
    }

    @Test func keepsTheFiveMostCommonReasons() throws {
        let path = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(path) }
        let dir = RunDirectory(path: path)
        try writeManifest(dir, shards: 1)
        var lines = ""
        for (reason, count) in [("r1", 6), ("r2", 5), ("r3", 4), ("r4", 3), ("r5", 2), ("r6", 1)] {
            for n in 0..<count { lines += rejectLine("s", "\(reason): detail \(n)") }
        }
        try writeBytes(Array(lines.utf8), to: dir.rejectsPath(.single))
        var stats = ShardStats(shard: .single, inputs: 21)
        stats.processed = 21
        stats.rejects = 21
        try AtomicFile.write(
            RunDirectory.encode(
                Checkpoint(
                    shard: "0/1", nextIndex: 21,
                    sinks: [
                        .init(.records, of: .single, bytes: 0), .init(.rejects, of: .single, bytes: lines.utf8.count),
                    ],
                    complete: true, stats: stats)),
            to: dir.checkpointPath(.single))
        let status = try RunStatus.read(dir)
        #expect(status.shards[0].topRejectReasons == ["s: r1": 6, "s: r2": 5, "s: r3": 4, "s: r4": 3, "s: r5": 2])
        #expect(status.complete)
    }

    @Test func rendersATableForPeople() throws {
        let path = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(path) }
        let status = try RunStatus.read(try makeRun(path))
        #expect(
            status.rendered() == """
                run \(path) (pipeline: p.yml)
                  shard 0/3: complete, 5/5 inputs, 5 records, 0 rejects, 0 dropped
                  shard 1/3: running or stopped, 4/10 inputs, 1 records, 3 rejects, 0 dropped
                      2 × extract: empty file
                      1 × extract: page too large
                  shard 2/3: not started
                total: 1/3 shards complete, 9/15 inputs, 6 records, 3 rejects
                dedup: not run yet (winnow dedup \(path))
                """)
    }

    @Test func reportsTheDedupSummaryOnceDedupRan() throws {
        let path = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(path) }
        let dir = try makeRun(path)
        try FileManager.default.createDirectory(atPath: dir.dedupPath, withIntermediateDirectories: true)
        try AtomicFile.write(
            Array(#"{"clusters": 4, "duplicates": 7, "boilerplate_paragraphs": 2, "threshold": 0.8}"#.utf8),
            to: dir.dedupPath + "/summary.json")
        let status = try RunStatus.read(dir)
        #expect(status.dedup?["duplicates"] == 7)
        #expect(
            status.rendered().hasSuffix("dedup: 4 clusters, 7 duplicates, 2 boilerplate paragraphs (threshold 0.8)"))
    }

    @Test func directoryWithoutManifestIsNotARun() throws {
        let path = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(path) }
        let error = try #require(throws: ConfigurationError.self) { try RunStatus.read(RunDirectory(path: path)) }
        #expect(error.message == "\(path) is not a Winnow run directory (no manifest.json)")
    }
}

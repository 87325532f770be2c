import Foundation
import Testing

@testable import WinnowCore

@Suite("RunDirectory files")
struct RunFilesTests {
    @Test func shardFilesAreNamedAfterTheShardStem() {
        let dir = RunDirectory(path: "/runs/demo")
        let shard = ShardSpec(index: 3, count: 16)
        #expect(dir.manifestPath == "/runs/demo/manifest.json")
        #expect(dir.recordsPath(shard) == "/runs/demo/shard-00003-of-00016.jsonl")
        #expect(dir.checkpointPath(shard) == "/runs/demo/shard-00003-of-00016.checkpoint.json")
        #expect(dir.rejectsPath(shard) == "/runs/demo/shard-00003-of-00016.rejects.jsonl")
        #expect(dir.statsPath(shard) == "/runs/demo/shard-00003-of-00016.stats.json")
    }

    @Test func encodeUsesSortedSnakeCaseKeysAndEndsWithNewline() {
        var stats = ShardStats(shard: ShardSpec(index: 1, count: 2), inputs: 9)
        stats.bytesIn = 5
        let checkpoint = Checkpoint(
            shard: "1/2", nextIndex: 4, recordsBytes: 10, rejectsBytes: 0, signaturesBytes: 0, complete: false,
            stats: stats)
        let text = String(decoding: RunDirectory.encode(checkpoint), as: UTF8.self)
        #expect(text.hasSuffix("}\n"))
        let keys = [
            "\"complete\"", "\"next_index\"", "\"records_bytes\"", "\"rejects_bytes\"", "\"shard\"", "\"stats\"",
        ]
        let positions = keys.compactMap { text.range(of: $0)?.lowerBound }
        #expect(positions.count == keys.count)
        #expect(positions == positions.sorted())
        #expect(text.contains("\"bytes_in\""))
        #expect(!text.contains("nextIndex"))
    }

    @Test func equalValuesEncodeToEqualBytes() {
        var a = ShardStats(shard: .single, inputs: 3)
        a.rejectsByStage = ["read": 1, "extract": 2, "zeta": 3]
        var b = ShardStats(shard: .single, inputs: 3)
        b.rejectsByStage["zeta"] = 3
        b.rejectsByStage["extract"] = 2
        b.rejectsByStage["read"] = 1
        #expect(RunDirectory.encode(a) == RunDirectory.encode(b))
    }

    @Test func manifestCheckpointAndStatsRoundTrip() throws {
        let path = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(path) }
        let dir = RunDirectory(path: path)
        let shard = ShardSpec(index: 0, count: 2)
        let manifest = Manifest(
            winnowVersion: "0.1.0", pipeline: "p.yml", pipelineHash: "0123456789abcdef",
            pipelineStages: "extract(max_bytes=1)", shards: 2, inputCount: 7, inputHash: "fedcba9876543210",
            steps: [Manifest.Step(stage: "extract", options: ["max_bytes": "1"])])
        var stats = ShardStats(shard: shard, inputs: 4)
        stats.processed = 4
        stats.records = 3
        stats.dropped = 1
        stats.droppedByStage = ["filter": 1]
        stats.timing = .init(elapsedSeconds: 1.25, pagesPerSecond: 3)
        let checkpoint = Checkpoint(
            shard: "0/2", nextIndex: 4, recordsBytes: 100, rejectsBytes: 0, signaturesBytes: 0, complete: true,
            stats: stats)
        try AtomicFile.write(RunDirectory.encode(manifest), to: dir.manifestPath)
        try AtomicFile.write(RunDirectory.encode(checkpoint), to: dir.checkpointPath(shard))
        try AtomicFile.write(RunDirectory.encode(stats), to: dir.statsPath(shard))
        #expect(try dir.readManifest() == manifest)
        #expect(try dir.readCheckpoint(shard) == checkpoint)
        #expect(try dir.readStats(shard) == stats)
    }

    @Test func missingFilesReadAsNil() throws {
        let path = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(path) }
        let dir = RunDirectory(path: path)
        #expect(try dir.readManifest() == nil)
        #expect(try dir.readCheckpoint(.single) == nil)
        #expect(try dir.readStats(.single) == nil)
    }

    @Test func damagedFileIsAConfigurationErrorNamingIt() throws {
        let path = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(path) }
        let dir = RunDirectory(path: path)
        try writeBytes(Array("{\"winnow_version\": 3".utf8), to: dir.manifestPath)
        let error = try #require(throws: ConfigurationError.self) { try dir.readManifest() }
        #expect(error.message.hasPrefix("\(dir.manifestPath) is damaged or not a Winnow file"))
    }
}

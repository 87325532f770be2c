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
            shard: "1/2", nextIndex: 4,
            sinks: [
                .init(.records, of: ShardSpec(index: 1, count: 2), bytes: 10),
                .init(.rejects, of: ShardSpec(index: 1, count: 2), bytes: 0),
            ], complete: false,
            stats: stats)
        let text = String(decoding: RunDirectory.encode(checkpoint), as: UTF8.self)
        #expect(text.hasSuffix("}\n"))
        let keys = ["\"complete\"", "\"next_index\"", "\"shard\"", "\"sinks\"", "\"stats\""]
        let positions = keys.compactMap { text.range(of: $0)?.lowerBound }
        #expect(positions.count == keys.count)
        #expect(positions == positions.sorted())
        #expect(text.contains("\"bytes_in\""))
        #expect(text.contains("\"file\" : \"shard-00001-of-00002.jsonl\""))
        #expect(checkpoint.recordsBytes == 10 && checkpoint.bytes(ShardSink(name: "other", suffix: "x")) == 0)
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
            shard: "0/2", nextIndex: 4,
            sinks: [
                .init(.records, of: ShardSpec(index: 0, count: 2), bytes: 100),
                .init(.rejects, of: ShardSpec(index: 0, count: 2), bytes: 0),
            ], complete: true,
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

    /// A manifest as versions before run-directory format 2 wrote it (no `format`).
    @Test func aRunDirectoryOfAnOlderLayoutIsRefusedInOneLine() throws {
        let path = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(path) }
        let dir = RunDirectory(path: path)
        let old = """
            {"winnow_version":"0.1.0","pipeline":"built-in default","pipeline_hash":"0","pipeline_stages":"minhash()",
             "shards":1,"input_count":3,"input_hash":"0","steps":[{"stage":"minhash","options":{"threshold":"0.8"}}]}
            """
        try writeBytes(Array(old.utf8), to: dir.manifestPath)
        let error = try #require(throws: ConfigurationError.self) { try dir.readManifest() }
        #expect(
            error.message
                == "\(path) was written by an older Winnow and this version reads format 2 only; run winnow run again "
                + "into a new --output"
        )
        #expect(!error.message.contains("\n"))
    }

    private struct Knobs: Codable, Equatable {
        var seed: Int
        var share: Double
        var name: String
        var list: [Int]
        var nested: [String: Bool]
    }

    @Test func stageSettingsComeBackAsTheTypeThatWroteThem() throws {
        let path = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(path) }
        let dir = RunDirectory(path: path)
        let knobs = Knobs(
            seed: 9_007_199_254_740_993, share: 0.8, name: "x", list: [1, 2], nested: ["camelCase": true])
        let manifest = Manifest(
            winnowVersion: "0.1.0", pipeline: "p.yml", pipelineHash: "0", pipelineStages: "knobs()", shards: 1,
            inputCount: 1, inputHash: "0",
            steps: [Manifest.Step(stage: "knobs", options: [:], settings: try StageSettings(knobs))])
        try AtomicFile.write(RunDirectory.encode(manifest), to: dir.manifestPath)
        let read = try #require(try dir.readManifest())
        #expect(try read.steps[0].settings?.decode(Knobs.self) == knobs)
        // Integers keep every digit (a Double would round 2^53 + 1).
        let text = String(decoding: try #require(FileManager.default.contents(atPath: dir.manifestPath)), as: UTF8.self)
        #expect(text.contains("9007199254740993"))
    }
}

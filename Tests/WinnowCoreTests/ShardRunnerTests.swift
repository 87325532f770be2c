import Foundation
import Testing

@testable import WinnowCore

@Suite("ShardRunner")
struct ShardRunnerTests {
    static let keys: [String] = (0..<20).map { String(format: "doc-%03d.txt", $0) }
    static let inputs = keys.map { InputRef(key: $0, kind: .file, location: "/in/" + $0) }

    /// doc-003 and doc-011 fail in the stage, doc-005 is dropped, doc-007 cannot be read.
    static let pages: [String: String] = {
        var pages: [String: String] = [:]
        for key in keys where key != "doc-007.txt" { pages[key] = "text of \(key)" }
        pages["doc-003.txt"] = "FAIL please"
        pages["doc-005.txt"] = "DROP please"
        pages["doc-011.txt"] = "FAIL again"
        return pages
    }()
    static let keptKeys = keys.filter { !["doc-003.txt", "doc-005.txt", "doc-007.txt", "doc-011.txt"].contains($0) }

    static func config(_ yaml: String = "stages:\n  - echo\n") throws -> PipelineConfig {
        try PipelineConfig.parse(yaml: yaml, origin: "test pipeline", catalog: testCatalog)
    }

    static func runner(
        _ path: String, config: PipelineConfig? = nil, inputs: [InputRef] = ShardRunnerTests.inputs,
        shard: ShardSpec = .single, workers: Int = 4, checkpointEvery: Int = 3,
        resume: Bool = false
    ) throws -> ShardRunner {
        let config = try config ?? Self.config()
        return ShardRunner(
            config: config, pipeline: try config.makePipeline(catalog: testCatalog),
            loader: FakeLoader(pages: Self.pages),
            inputs: inputs, shard: shard, directory: RunDirectory(path: path),
            options: RunOptions(workers: workers, checkpointEvery: checkpointEvery, resume: resume))
    }

    static func withoutTiming(_ stats: ShardStats) -> ShardStats {
        var copy = stats
        copy.timing = nil
        return copy
    }

    /// The line a kept page must produce: Page's record with the echoed text.
    static func expectedRecordLine(_ key: String) -> [UInt8] {
        var record = Record(id: StableHash.recordID(forKey: key), source: .init(kind: "file", path: key))
        record.text = Self.pages[key]
        return record.jsonLine()
    }

    @Test func writesRecordsInInputOrder() throws {
        let path = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(path) }
        try Self.runner(path).run()
        let dir = RunDirectory(path: path)
        #expect(readBytes(dir.recordsPath(.single)) == Self.keptKeys.flatMap(Self.expectedRecordLine))
        let lines = readBytes(dir.recordsPath(.single)).split(separator: 0x0A)
        let records = try lines.map { try JSONDecoder().decode(Record.self, from: Data($0)) }
        #expect(records.map(\.source.path) == Self.keptKeys)
        #expect(records.map(\.id) == Self.keptKeys.map { StableHash.recordID(forKey: $0) })
    }

    @Test func writesRejectLinesWithKeyStageAndReason() throws {
        let path = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(path) }
        try Self.runner(path).run()
        let text = String(decoding: readBytes(RunDirectory(path: path).rejectsPath(.single)), as: UTF8.self)
        func line(_ key: String, _ stage: String, _ reason: String) -> String {
            #"{"id":"\#(StableHash.recordID(forKey: key))","key":"\#(key)","stage":"\#(stage)","#
                + #""reason":"\#(reason)","source":{"kind":"file","location":"/in/\#(key)"}}"#
                + "\n"
        }
        #expect(
            text == line("doc-003.txt", "echo", "asked to fail")
                + line("doc-007.txt", "read", "cannot open /in/doc-007.txt")
                + line("doc-011.txt", "echo", "asked to fail"))
    }

    @Test func countsEveryOutcomeInStats() throws {
        let path = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(path) }
        let stats = try Self.runner(path).run()
        #expect(stats.shard == "0/1")
        #expect(stats.inputs == 20)
        #expect(stats.processed == 20)
        #expect(stats.records == 16)
        #expect(stats.rejects == 3)
        #expect(stats.dropped == 1)
        #expect(stats.rejectsByStage == ["echo": 2, "read": 1])
        #expect(stats.droppedByStage == ["echo": 1])
        #expect(stats.bytesIn == Self.pages.values.reduce(0) { $0 + $1.utf8.count })
        #expect(stats.timing != nil)
        let saved = try #require(try RunDirectory(path: path).readStats(.single))
        #expect(Self.withoutTiming(saved) == Self.withoutTiming(stats))
        #expect(saved.timing != nil)
    }

    @Test func finalCheckpointIsCompleteAndCoversTheFiles() throws {
        let path = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(path) }
        let stats = try Self.runner(path).run()
        let dir = RunDirectory(path: path)
        let checkpoint = try #require(try dir.readCheckpoint(.single))
        #expect(checkpoint.complete)
        #expect(checkpoint.shard == "0/1")
        #expect(checkpoint.nextIndex == 20)
        #expect(checkpoint.recordsBytes == readBytes(dir.recordsPath(.single)).count)
        #expect(checkpoint.rejectsBytes == readBytes(dir.rejectsPath(.single)).count)
        #expect(checkpoint.stats == Self.withoutTiming(stats))
    }

    @Test func writesTheManifest() throws {
        let path = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(path) }
        let config = try Self.config()
        try Self.runner(path, config: config).run()
        let manifest = try #require(try RunDirectory(path: path).readManifest())
        #expect(manifest.winnowVersion == WinnowVersion.current)
        #expect(manifest.pipeline == "test pipeline")
        #expect(manifest.pipelineHash == config.hash)
        #expect(manifest.pipelineStages == "echo(prefix=)")
        #expect(manifest.shards == 1)
        #expect(manifest.inputCount == 20)
        #expect(manifest.inputHash.count == 16)
    }

    @Test func inputHashDependsOnInputOrder() throws {
        let forward = try Self.runner("/unused").manifest()
        let backward = try Self.runner("/unused", inputs: Array(Self.inputs.reversed())).manifest()
        #expect(forward.inputHash != backward.inputHash)
        #expect(forward.inputCount == backward.inputCount)
    }

    @Test func reportsProgressForEveryInputInOrder() throws {
        let path = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(path) }
        var done: [Int] = []
        var last: ProgressSnapshot?
        try Self.runner(path).run { snapshot in
            done.append(snapshot.done)
            last = snapshot
        }
        #expect(done == Array(1...20))
        #expect(last?.total == 20)
        #expect(last?.records == 16)
        #expect(last?.rejects == 3)
        #expect(last?.dropped == 1)
        #expect(last?.doneThisRun == 20)
    }

    @Test func outputDoesNotDependOnWorkerCount() throws {
        let one = try makeTemporaryDirectory()
        let many = try makeTemporaryDirectory()
        defer {
            removeTemporaryDirectory(one)
            removeTemporaryDirectory(many)
        }
        try Self.runner(one, workers: 1, checkpointEvery: 500).run()
        try Self.runner(many, workers: 8, checkpointEvery: 1).run()
        let a = RunDirectory(path: one)
        let b = RunDirectory(path: many)
        #expect(readBytes(a.recordsPath(.single)) == readBytes(b.recordsPath(.single)))
        #expect(readBytes(a.rejectsPath(.single)) == readBytes(b.rejectsPath(.single)))
        #expect(readBytes(a.checkpointPath(.single)) == readBytes(b.checkpointPath(.single)))
        #expect(readBytes(a.manifestPath) == readBytes(b.manifestPath))
    }

    @Test func shardsTogetherHoldExactlyTheOneShardRecords() throws {
        let path = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(path) }
        var union: [String] = []
        var inputsSeen = 0
        for k in 0..<3 {
            let shard = ShardSpec(index: k, count: 3)
            let stats = try Self.runner(path, shard: shard, workers: 2).run()
            let mine = Self.keys.filter { shard.contains(key: $0) }
            #expect(stats.inputs == mine.count)
            #expect(!mine.isEmpty)
            inputsSeen += stats.inputs
            let dir = RunDirectory(path: path)
            let records = try readBytes(dir.recordsPath(shard)).split(separator: 0x0A).map {
                try JSONDecoder().decode(Record.self, from: Data($0))
            }
            #expect(records.map(\.source.path) == Self.keptKeys.filter { shard.contains(key: $0) })
            union += records.map(\.source.path)
        }
        #expect(inputsSeen == 20)
        #expect(union.sorted() == Self.keptKeys.sorted())
    }

    @Test func refusesToRunTwiceIntoTheSameDirectoryWithoutResume() throws {
        let path = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(path) }
        try Self.runner(path).run()
        let before = readBytes(RunDirectory(path: path).recordsPath(.single))
        let error = try #require(throws: ConfigurationError.self) { try Self.runner(path).run() }
        #expect(error.message.contains("already holds shard 0/1"))
        #expect(error.message.contains("--resume"))
        #expect(readBytes(RunDirectory(path: path).recordsPath(.single)) == before)
    }

    @Test func resumingACompleteRunReturnsTheSameStatsAndChangesNothing() throws {
        let path = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(path) }
        let first = try Self.runner(path).run()
        let dir = RunDirectory(path: path)
        let records = readBytes(dir.recordsPath(.single))
        let rejects = readBytes(dir.rejectsPath(.single))
        let again = try Self.runner(path, resume: true).run()
        #expect(Self.withoutTiming(again) == Self.withoutTiming(first))
        #expect(readBytes(dir.recordsPath(.single)) == records)
        #expect(readBytes(dir.rejectsPath(.single)) == rejects)
    }

    @Test func resumeFromAnEarlierCheckpointGivesIdenticalOutput() throws {
        let path = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(path) }
        let dir = RunDirectory(path: path)
        // Keep the checkpoint as it was after 9 inputs: what a process killed soon after leaves behind,
        // with records and rejects already written past it.
        var earlier: [UInt8] = []
        let first = try Self.runner(path, checkpointEvery: 3).run { snapshot in
            if snapshot.done == 9 { earlier = readBytes(dir.checkpointPath(.single)) }
        }
        let records = readBytes(dir.recordsPath(.single))
        let rejects = readBytes(dir.rejectsPath(.single))
        try AtomicFile.write(earlier, to: dir.checkpointPath(.single))
        let saved = try #require(try dir.readCheckpoint(.single))
        #expect(saved.nextIndex == 9)
        #expect(!saved.complete)
        #expect(saved.recordsBytes < records.count)
        #expect(saved.rejectsBytes < rejects.count)

        var resumedDone: [Int] = []
        let resumed = try Self.runner(path, checkpointEvery: 3, resume: true).run { resumedDone.append($0.done) }
        #expect(resumedDone == Array(10...20))
        #expect(readBytes(dir.recordsPath(.single)) == records)
        #expect(readBytes(dir.rejectsPath(.single)) == rejects)
        #expect(Self.withoutTiming(resumed) == Self.withoutTiming(first))
    }

    /// A stage's own per-shard file is one more sink: written in input order,
    /// named in the checkpoint with its committed length, resumed like the records.
    @Test func aStagesSinkIsWrittenCheckpointedAndResumedLikeTheRecords() throws {
        let path = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(path) }
        let dir = RunDirectory(path: path)
        let config = try Self.config("stages:\n  - echo\n  - tally:\n      mark: seen\n")
        var earlier: [UInt8] = []
        try Self.runner(path, config: config, checkpointEvery: 3).run { snapshot in
            if snapshot.done == 9 { earlier = readBytes(dir.checkpointPath(.single)) }
        }
        let tally = readBytes(dir.sinkPath(TallyStage.sink, .single))
        #expect(tally == Array(Self.keptKeys.map { "seen \($0)\n" }.joined().utf8))
        let done = try #require(try dir.readCheckpoint(.single))
        #expect(done.sinks.map(\.name) == ["records", "rejects", "tally"])
        #expect(
            done.sinks.map(\.file) == [
                "shard-00000-of-00001.jsonl", "shard-00000-of-00001.rejects.jsonl", "shard-00000-of-00001.tally.txt",
            ])
        #expect(done.bytes(TallyStage.sink) == tally.count)
        // The manifest records the stage's settings, typed.
        let manifest = try #require(try dir.readManifest())
        #expect(try manifest.steps[1].settings?.decode(TallySettings.self) == TallySettings(mark: "seen"))

        // Back to the checkpoint after 9 inputs (the sink already written past it): resume gives the same bytes.
        try AtomicFile.write(earlier, to: dir.checkpointPath(.single))
        let saved = try #require(try dir.readCheckpoint(.single))
        #expect(saved.bytes(TallyStage.sink) > 0 && saved.bytes(TallyStage.sink) < tally.count)
        try Self.runner(path, config: config, checkpointEvery: 3, resume: true).run()
        #expect(readBytes(dir.sinkPath(TallyStage.sink, .single)) == tally)
    }

    @Test func twoStagesWritingOneSinkAreRefused() throws {
        let config = try Self.config("stages:\n  - tally\n  - tally\n")
        #expect(
            throws: ConfigurationError("test pipeline: two stages write the shard's 'tally' file; name each stage once")
        ) {
            try config.makePipeline(catalog: testCatalog)
        }
    }

    @Test func aStopRequestCheckpointsWhatIsWrittenAndResumeFinishesIdentically() throws {
        let reference = try makeTemporaryDirectory()
        let path = try makeTemporaryDirectory()
        defer {
            removeTemporaryDirectory(reference)
            removeTemporaryDirectory(path)
        }
        let first = try Self.runner(reference).run()
        let dir = RunDirectory(path: path)

        let stop = StopRequest()
        var runner = try Self.runner(path, checkpointEvery: 100)
        runner.options.stop = stop
        #expect {
            try runner.run { snapshot in if snapshot.done == 7 { stop.request("SIGTERM") } }
        } throws: { error in
            guard let stopped = error as? ShardInterrupted else { return false }
            return stopped.done == 7 && stopped.total == 20 && stopped.reason == "SIGTERM"
        }
        // No periodic checkpoint was due (every 100): the stop wrote one covering all 7 inputs and their output.
        let saved = try #require(try dir.readCheckpoint(.single))
        #expect(saved.nextIndex == 7 && !saved.complete)
        #expect(saved.recordsBytes == readBytes(dir.recordsPath(.single)).count && saved.recordsBytes > 0)

        let resumed = try Self.runner(path, resume: true).run()
        #expect(readBytes(dir.recordsPath(.single)) == readBytes(RunDirectory(path: reference).recordsPath(.single)))
        #expect(readBytes(dir.rejectsPath(.single)) == readBytes(RunDirectory(path: reference).rejectsPath(.single)))
        #expect(Self.withoutTiming(resumed) == Self.withoutTiming(first))
    }

    @Test func aStopRequestedBeforeTheStartWritesNothing() throws {
        let path = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(path) }
        let stop = StopRequest()
        stop.request("SIGTERM")
        var runner = try Self.runner(path)
        runner.options.stop = stop
        #expect(throws: ShardInterrupted.self) { try runner.run() }
        #expect(try RunDirectory(path: path).readCheckpoint(.single) == nil)
    }

    @Test func resumeRefusesADifferentPipeline() throws {
        let path = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(path) }
        try Self.runner(path).run()
        let other = try Self.config("stages:\n  - echo:\n      prefix: \">\"\n")
        let error = try #require(throws: ConfigurationError.self) {
            try Self.runner(path, config: other, resume: true).run()
        }
        #expect(error.message.hasPrefix("cannot resume \(path): the pipeline differs from the run's"))
        #expect(error.message.contains("use a new --output"))
    }

    @Test func newRunRefusesADifferentPipelineInAnExistingDirectory() throws {
        let path = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(path) }
        try Self.runner(path).run()
        let other = try Self.config("stages:\n  - echo:\n      prefix: \">\"\n")
        let error = try #require(throws: ConfigurationError.self) { try Self.runner(path, config: other).run() }
        #expect(error.message.hasPrefix("cannot write to \(path): the pipeline differs from the run's"))
    }

    @Test func resumeRefusesADifferentShardCount() throws {
        let path = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(path) }
        try Self.runner(path).run()
        let error = try #require(throws: ConfigurationError.self) {
            try Self.runner(path, shard: ShardSpec(index: 0, count: 2), resume: true).run()
        }
        #expect(error.message == "cannot resume \(path): the run has 1 shards, not 2")
    }

    @Test func resumeRefusesDifferentInputs() throws {
        let path = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(path) }
        try Self.runner(path).run()
        let fewer = try #require(throws: ConfigurationError.self) {
            try Self.runner(path, inputs: Array(Self.inputs.dropLast()), resume: true).run()
        }
        #expect(fewer.message == "cannot resume \(path): the input set differs from the run's (20 inputs then, 19 now)")
        var renamed = Self.inputs
        renamed[4] = InputRef(key: "other.txt", kind: .file, location: "/in/other.txt")
        let changed = try #require(throws: ConfigurationError.self) {
            try Self.runner(path, inputs: renamed, resume: true).run()
        }
        #expect(
            changed.message == "cannot resume \(path): the input set differs from the run's (20 inputs then, 20 now)")
    }

    @Test func resumeIntoAnEmptyDirectoryRunsFromTheStart() throws {
        let path = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(path) }
        let stats = try Self.runner(path, resume: true).run()
        #expect(stats.processed == 20)
        #expect(try RunDirectory(path: path).readCheckpoint(.single)?.complete == true)
    }
}

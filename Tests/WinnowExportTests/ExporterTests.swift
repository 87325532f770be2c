import Foundation
import Testing
import WinnowDedup

@testable import WinnowCore
@testable import WinnowExport

/// A one-shard run directory written by hand: records, a complete checkpoint,
/// and (optionally) dedup decisions and boilerplate.
private func makeRun(records: [Record], decisions: String?, boilerplate: String?) throws -> RunDirectory {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-export-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    let dir = RunDirectory(path: path)
    let shard = ShardSpec.single
    let lines = records.flatMap { $0.jsonLine() }
    try AtomicFile.write(lines, to: dir.recordsPath(shard))
    let manifest = Manifest(
        winnowVersion: "0.1.0", pipeline: "p", pipelineHash: "h", pipelineStages: "s",
        shards: 1, inputCount: records.count, inputHash: "i", steps: [])
    try AtomicFile.write(RunDirectory.encode(manifest), to: dir.manifestPath)
    var stats = ShardStats(shard: shard, inputs: records.count)
    stats.processed = records.count
    stats.records = records.count
    try AtomicFile.write(
        RunDirectory.encode(
            Checkpoint(
                shard: "0/1", nextIndex: records.count,
                sinks: [.init(.records, of: .single, bytes: lines.count), .init(.rejects, of: .single, bytes: 0)],
                complete: true, stats: stats)),
        to: dir.checkpointPath(shard))
    if let decisions, let boilerplate {
        let phase = DedupPhase(directory: dir)
        try FileManager.default.createDirectory(atPath: dir.dedupPath, withIntermediateDirectories: true)
        try AtomicFile.write(Array(decisions.utf8), to: phase.decisionsPath)
        try AtomicFile.write(Array(boilerplate.utf8), to: phase.boilerplatePath)
        try AtomicFile.write(Array("{}".utf8), to: phase.summaryPath)
    }
    return dir
}

private func record(_ id: String, path: String, paragraphs: [String]) -> Record {
    var r = Record(id: id, source: .init(kind: "file", path: path))
    r.paragraphs = paragraphs.map { Record.Paragraph(text: $0) }
    r.text = paragraphs.joined(separator: "\n\n")
    return r
}

private func exportedRecords(_ dir: RunDirectory, drop: Bool) throws -> (Exporter.Summary, [Record]) {
    let out = dir.path + "/out.jsonl"
    let summary = try Exporter(directory: dir, dropDuplicates: drop).export(to: out)
    let records = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").map {
        try JSONDecoder().decode(Record.self, from: Data($0.utf8))
    }
    return (summary, records)
}

@Suite("Exporter")
struct ExporterTests {
    let records = [
        record("a", path: "site/1.html", paragraphs: ["Story one.", "Read our newsletter."]),
        record("b", path: "site/2.html", paragraphs: ["Story one.", "Read our newsletter."]),
        record("c", path: "other/3.html", paragraphs: ["Read our newsletter.", "Story three."]),
    ]
    let decisions = "{\"id\":\"a\",\"cluster\":\"a\"}\n{\"id\":\"b\",\"cluster\":\"a\",\"duplicate_of\":\"a\"}\n"
    var boilerplate: String {
        "{\"site\":\"site\","
            + "\"paragraph_hash\":\"\(StableHash.hex(MinHashStage.paragraphHash("Read our newsletter.")))\","
            + "\"pages\":2}\n"
    }

    @Test func withoutDecisionsRecordsAreCopiedUnchanged() throws {
        let dir = try makeRun(records: records, decisions: nil, boilerplate: nil)
        defer { try? FileManager.default.removeItem(atPath: dir.path) }
        let (summary, exported) = try exportedRecords(dir, drop: false)
        #expect(!summary.deduplicated)
        #expect(exported == records)
    }

    @Test func duplicatesAreMarkedAndBoilerplateLeavesOnlyItsSite() throws {
        let dir = try makeRun(records: records, decisions: decisions, boilerplate: boilerplate)
        defer { try? FileManager.default.removeItem(atPath: dir.path) }
        let (summary, exported) = try exportedRecords(dir, drop: false)
        #expect(summary.duplicatesMarked == 1)
        #expect(summary.boilerplateParagraphsRemoved == 2)
        #expect(exported.map(\.id) == ["a", "b", "c"])
        #expect(exported[0].dedup == Record.Dedup(cluster: "a"))
        #expect(exported[1].dedup == Record.Dedup(cluster: "a", duplicateOf: "a"))
        #expect(exported[0].text == "Story one.")
        #expect(exported[0].paragraphs.map(\.text) == ["Story one."])
        #expect(exported[2].text == "Read our newsletter.\n\nStory three.", "another site keeps it")
    }

    @Test func dropDuplicatesLeavesThemOut() throws {
        let dir = try makeRun(records: records, decisions: decisions, boilerplate: boilerplate)
        defer { try? FileManager.default.removeItem(atPath: dir.path) }
        let (summary, exported) = try exportedRecords(dir, drop: true)
        #expect(summary.duplicatesDropped == 1)
        #expect(exported.map(\.id) == ["a", "c"])
    }
}

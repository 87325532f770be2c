import Foundation
import Testing

@testable import WinnowCore
@testable import WinnowDedup

/// The on-disk dedup phase against the in-memory rules, and its resuming.
@Suite("DedupPhase")
struct DedupPhaseTests {
    /// 60 unrelated texts of 120 random words; every 6th has an exact copy
    /// (the same `published`), a copy with 2 words changed (Jaccard about
    /// 0.85, published earliest, and in every other group `modified` later)
    /// and one with every third word changed (far apart). Ids are random hex,
    /// so id order is not the order of creation; keys run the other way
    /// (each copy's key is smaller than its original's); every 5th is canonical.
    static func signatures() -> [DedupSignature] {
        var rng = SeededGenerator(seed: 42)
        let vocabulary = (0..<3000).map { "word\($0)" }
        func text(_ words: [String]) -> String { words.joined(separator: " ") }
        var texts: [(body: String, published: String?, modified: String?)] = []
        for n in 0..<60 {
            let words = (0..<120).map { _ in vocabulary[Int(rng.next() % 3000)] }
            let published = n % 2 == 0 ? "2016-0\(1 + n % 9)-10T17:02:00+09:00" : nil
            texts.append((text(words), published, nil))
            guard n % 6 == 0 else { continue }
            texts.append((text(words), published, nil))
            var near = words
            near[40] = "changed-a"
            near[90] = "changed-b"
            texts.append((text(near), "2015-01-01T00:00:00Z", n % 12 == 0 ? "2021-03-04T05:06:07Z" : nil))
            var far = words
            for k in stride(from: 0, to: 120, by: 3) { far[k] = "far\(k)" }
            texts.append((text(far), nil, nil))
        }
        let stage = MinHashStage()
        return texts.enumerated().map { index, entry in
            let id = String(format: "%016llx%016llx", rng.next(), rng.next())
            let shingles = Shingles.hashes(of: entry.body)
            let sketch = ShingleSketch(shingleHashes: shingles)
            return DedupSignature(
                id: id, site: "example.org", published: entry.published, modified: entry.modified,
                isCanonical: index % 5 == 0, key: "site/\(String(format: "%03d", 999 - index)).html",
                textHash: TextHashStage.hash(entry.body),
                minHash: stage.hasher.signature(shingles), paragraphHashes: [StableHash.hash64(entry.body), 7],
                shingleHashes: sketch.hashes, shingleTotal: sketch.total)
        }
    }

    /// A run directory with `signatures` spread over `shards` complete shards.
    static func writeRun(_ path: String, _ signatures: [DedupSignature], shards: Int) throws -> RunDirectory {
        let directory = RunDirectory(path: path)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let manifest = Manifest(
            winnowVersion: "test", pipeline: "test", pipelineHash: "0", pipelineStages: "minhash()", shards: shards,
            inputCount: signatures.count, inputHash: "0",
            steps: [Manifest.Step(stage: "minhash", options: [:], settings: try StageSettings(MinHashSettings()))])
        try AtomicFile.write(RunDirectory.encode(manifest), to: directory.manifestPath)
        for k in 0..<shards {
            let shard = ShardSpec(index: k, count: shards)
            let bytes = signatures.enumerated().filter { $0.offset % shards == k }.flatMap { $0.element.encoded() }
            try AtomicFile.write(bytes, to: directory.sinkPath(.signatures, shard))
            let checkpoint = Checkpoint(
                shard: shard.description, nextIndex: 0,
                sinks: [
                    .init(.records, of: shard, bytes: 0), .init(.rejects, of: shard, bytes: 0),
                    .init(.signatures, of: shard, bytes: bytes.count),
                ],
                complete: true, stats: ShardStats(shard: shard, inputs: 0))
            try AtomicFile.write(RunDirectory.encode(checkpoint), to: directory.checkpointPath(shard))
        }
        return directory
    }

    static func outputs(_ phase: DedupPhase) throws -> [String] {
        try [phase.decisionsPath, phase.pairsPath, phase.boilerplatePath, phase.summaryPath].map {
            try String(contentsOfFile: $0, encoding: .utf8)
        }
    }

    @Test func theOnDiskPhaseFollowsTheInMemoryRules() throws {
        let tmp = try TemporaryFolder()
        let signatures = Self.signatures()
        let phase = DedupPhase(directory: try Self.writeRun(tmp.path + "/run", signatures, shards: 3))
        let summary = try phase.run()
        #expect((summary.bands, summary.rows) == (16, 6))

        let clusters = NearDuplicateClusters(parameters: LSHParameters(bands: 16, rows: 6), threshold: 0.8)
        let items = signatures.map {
            NearDuplicateClusters.Item(
                id: $0.id, published: $0.published, modified: $0.modified, isCanonical: $0.isCanonical, key: $0.key,
                textHash: $0.textHash, signature: $0.minHash,
                sketch: ShingleSketch(hashes: $0.shingleHashes, total: $0.shingleTotal))
        }
        let expected = clusters.decisions(for: items)
        let written = try String(contentsOfFile: phase.decisionsPath, encoding: .utf8).split(separator: "\n").map(
            String.init)
        #expect(
            written
                == expected.map { d in
                    "{\"id\":\"\(d.id)\",\"cluster\":\"\(d.cluster)\""
                        + (d.duplicateOf.map { ",\"duplicate_of\":\"\($0)\"" } ?? "") + "}"
                })
        // 10 groups of base + exact copy + near copy; the far copies stay out.
        #expect(expected.count == 30)
        #expect(summary.duplicates == 20)
        // base~near per group; the exact copy shares its bucket with base, so it is joined by its text hash, not
        // compared.
        #expect(summary.verifiedPairs == 10)
        // Each group is original, exact copy, near copy (in creation order). The near copy is the
        // earliest published and kept, unless it was modified later; then the original and its
        // copy tie on dates, and the canonical one is kept, else the copy (its key is smaller).
        var keptByRule: Set<String> = []
        for (k, near) in signatures.enumerated() where near.published == "2015-01-01T00:00:00Z" {
            let (original, copy) = (signatures[k - 2], signatures[k - 1])
            if near.modified == nil {
                keptByRule.insert(near.id)
            } else if original.isCanonical != copy.isCanonical {
                keptByRule.insert(original.isCanonical ? original.id : copy.id)
            } else {
                keptByRule.insert(copy.id)
            }
        }
        #expect(keptByRule.count == 10)
        #expect(Set(expected.filter { $0.duplicateOf == nil }.map(\.id)) == keptByRule)
        // Paragraph 7 is on every page: boilerplate; the text's own hash is on at most 3.
        #expect(try String(contentsOfFile: phase.boilerplatePath, encoding: .utf8).split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: phase.workPath), "work files are removed when done")
    }

    @Test func theResultDoesNotDependOnTheShardCount() throws {
        let tmp = try TemporaryFolder()
        let signatures = Self.signatures()
        var results: [[String]] = []
        for shards in [1, 2, 7] {
            let phase = DedupPhase(
                directory: try Self.writeRun(tmp.path + "/run\(shards)", signatures.reversed(), shards: shards))
            try phase.run()
            results.append(try Self.outputs(phase))
        }
        #expect(results[0] == results[1])
        #expect(results[0] == results[2])
    }

    @Test(arguments: DedupPhase.Step.allCases)
    func aStoppedPhaseResumesAndGivesTheSameFiles(after step: DedupPhase.Step) throws {
        let tmp = try TemporaryFolder()
        let signatures = Self.signatures()
        let whole = DedupPhase(directory: try Self.writeRun(tmp.path + "/whole", signatures, shards: 2))
        try whole.run()

        let stopped = DedupPhase(directory: try Self.writeRun(tmp.path + "/stopped", signatures, shards: 2))
        try stopped.run(stoppingAfter: step)
        #expect(!FileManager.default.fileExists(atPath: stopped.summaryPath))
        let state = try String(contentsOfFile: stopped.statePath, encoding: .utf8)
        #expect(state.contains("\"\(step.rawValue)\""))

        var log: [String] = []
        try stopped.run(log: { log.append($0) })
        #expect(log.first?.contains("buckets kept from the stopped run") == true, "\(log)")
        #expect(try Self.outputs(stopped) == Self.outputs(whole))
    }

    @Test func workFilesOfOtherSignaturesAreNotReused() throws {
        let tmp = try TemporaryFolder()
        let signatures = Self.signatures()
        let phase = DedupPhase(directory: try Self.writeRun(tmp.path + "/run", Array(signatures.prefix(20)), shards: 1))
        try phase.run(stoppingAfter: .verify)
        // The run is redone with more records (same directory, new signature files).
        _ = try Self.writeRun(tmp.path + "/run", signatures, shards: 1)
        var log: [String] = []
        let summary = try phase.run(log: { log.append($0) })
        #expect(log.first?.contains("kept from the stopped run") == false, "\(log)")
        #expect(summary.records == signatures.count)
    }

    @Test func aDamagedSignatureFileIsOneClearError() throws {
        let tmp = try TemporaryFolder()
        let signatures = Self.signatures()
        let directory = try Self.writeRun(tmp.path + "/run", signatures, shards: 1)
        let path = directory.sinkPath(.signatures, .single)
        var bytes = Array(FileManager.default.contents(atPath: path)!)
        bytes[3] = 0x7F  // the first entry's length now runs past the end
        try AtomicFile.write(bytes, to: path)
        #expect {
            try DedupPhase(directory: directory).run()
        } throws: { error in
            "\(error)".contains("signatures.bin") && "\(error)".contains("truncated")
        }
    }
}

/// A temporary folder removed when the value goes away.
final class TemporaryFolder {
    let path: String
    init() throws {
        path = FileManager.default.temporaryDirectory.path + "/winnow-dedup-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}

import Foundation
import Testing

@testable import WinnowCore
@testable import WinnowDedup

/// `--part K/N` then `--merge` against the one-process phase.
@Suite("DedupPart and DedupMerge")
struct DedupPartTests {
    /// The phase tests' signatures over three sites, each with its own
    /// repeated paragraph, in an order and shard count set by `seed`.
    static func signatures(seed: UInt64) -> [DedupSignature] {
        var rng = SeededGenerator(seed: seed)
        var signatures = DedupPhaseTests.signatures()
        for k in signatures.indices {
            let site = Int(rng.next() % 3)
            signatures[k].site = "site\(site).example"
            if rng.next() % 4 != 0 { signatures[k].paragraphHashes.append(1000 + UInt64(site)) }
        }
        signatures.shuffle(using: &rng)
        return signatures
    }

    static func runParts(_ directory: RunDirectory, count: Int) throws -> [String] {
        for index in (0..<count).reversed() {
            try DedupPart(directory: directory, part: ShardSpec(index: index, count: count)).run()
        }
        try DedupMerge(directory: directory).run()
        return try DedupPhaseTests.outputs(DedupPhase(directory: directory))
    }

    @Test(arguments: [(1, 1), (2, 3), (3, 2), (4, 7), (5, 4)] as [(Int, Int)])
    func partsThenMergeEqualTheOneProcessPhase(parts: Int, shards: Int) throws {
        let tmp = try TemporaryFolder()
        for seed in [UInt64(parts), UInt64(parts * 100 + 7)] {
            let signatures = Self.signatures(seed: seed)
            let whole = DedupPhase(
                directory: try DedupPhaseTests.writeRun(tmp.path + "/whole\(seed)", signatures, shards: shards))
            let summary = try whole.run()
            #expect(summary.verifiedPairs ?? 0 > 0)
            #expect(summary.boilerplateParagraphs > 0)
            let split = try DedupPhaseTests.writeRun(tmp.path + "/split\(seed)", signatures, shards: shards)
            let merged = try Self.runParts(split, count: parts)
            #expect(merged == (try DedupPhaseTests.outputs(whole)))
        }
    }

    @Test func eachPartKeepsOnlyItsShare() throws {
        let tmp = try TemporaryFolder()
        let directory = try DedupPhaseTests.writeRun(tmp.path + "/run", Self.signatures(seed: 1), shards: 2)
        let whole = try DedupPart(directory: directory, part: .single).run()
        var entries = 0
        for index in 0..<4 {
            let result = try DedupPart(directory: directory, part: ShardSpec(index: index, count: 4)).run()
            #expect(result.bandEntries < whole.bandEntries / 2)
            entries += result.bandEntries
        }
        #expect(entries == whole.bandEntries)
    }

    @Test func aMissingPartIsNamed() throws {
        let tmp = try TemporaryFolder()
        let directory = try DedupPhaseTests.writeRun(tmp.path + "/run", Self.signatures(seed: 3), shards: 2)
        #expect { try DedupMerge(directory: directory).run() } throws: { "\($0)".contains("no dedup parts") }
        for index in [0, 1, 3] { try DedupPart(directory: directory, part: ShardSpec(index: index, count: 4)).run() }
        #expect { try DedupMerge(directory: directory).run() } throws: { error in
            "\(error)".contains("dedup part 2/4 of 4 is missing") && "\(error)".contains("--part 2/4")
        }
        try DedupPart(directory: directory, part: ShardSpec(index: 2, count: 4)).run()
        try DedupMerge(directory: directory).run()
    }

    @Test func aStalePartIsRefused() throws {
        let tmp = try TemporaryFolder()
        let signatures = Self.signatures(seed: 4)
        let directory = try DedupPhaseTests.writeRun(tmp.path + "/run", Array(signatures.prefix(30)), shards: 1)
        for index in 0..<2 { try DedupPart(directory: directory, part: ShardSpec(index: index, count: 2)).run() }
        _ = try DedupPhaseTests.writeRun(tmp.path + "/run", signatures, shards: 1)
        #expect { try DedupMerge(directory: directory).run() } throws: {
            "\($0)".contains("made from other signatures")
        }
    }
}

import Foundation
import WinnowCore
import WinnowDedup

/// What `winnow dedup` decided for a run, read back for export: each
/// record's cluster and the record it duplicates, and each site's
/// boilerplate paragraph hashes.
public struct DedupDecisions {
    struct Decision {
        var cluster: String
        var duplicateOf: String?
    }

    var decisions: [String: Decision] = [:]
    var boilerplate: [String: Set<UInt64>] = [:]

    /// Nil when the run has no dedup decisions yet.
    public init?(directory: RunDirectory) throws {
        let phase = DedupPhase(directory: directory)
        guard FileManager.default.fileExists(atPath: phase.summaryPath) else { return nil }
        for line in try LineReader(path: phase.decisionsPath, limit: .max) {
            let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: String] ?? [:]
            if let id = object["id"], let cluster = object["cluster"] {
                decisions[id] = Decision(cluster: cluster, duplicateOf: object["duplicate_of"])
            }
        }
        for line in try LineReader(path: phase.boilerplatePath, limit: .max) {
            let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] ?? [:]
            if let site = object["site"] as? String, let hex = object["paragraph_hash"] as? String,
                let hash = UInt64(hex, radix: 16)
            {
                boilerplate[site, default: []].insert(hash)
            }
        }
    }

    public struct Outcome: Equatable {
        public var isDuplicate = false
        public var boilerplateParagraphsRemoved = 0
    }

    /// Sets `dedup.cluster` and `dedup.duplicate_of`, and removes the site's
    /// boilerplate paragraphs from `paragraphs` and `text`.
    public func apply(to record: inout Record) -> Outcome {
        var outcome = Outcome()
        if let decision = decisions[record.id] {
            outcome.isDuplicate = decision.duplicateOf != nil
            var dedup = record.dedup ?? Record.Dedup()
            dedup.cluster = decision.cluster
            dedup.duplicateOf = decision.duplicateOf
            record.dedup = dedup
        }
        if let hashes = boilerplate[MinHashStage.site(of: record)] {
            let before = record.paragraphs.count
            record.paragraphs.removeAll { hashes.contains(MinHashStage.paragraphHash($0.text)) }
            if record.paragraphs.count != before {
                outcome.boilerplateParagraphsRemoved = before - record.paragraphs.count
                let text = record.paragraphs.map(\.text).joined(separator: "\n\n")
                record.text = text.isEmpty ? nil : text
            }
        }
        return outcome
    }
}

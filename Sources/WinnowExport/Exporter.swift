import Foundation
import WinnowCore
import WinnowDedup

/// `winnow export`: writes every shard's records, in shard order and input
/// order within a shard, into one file, applying what `winnow dedup` decided:
/// `dedup.cluster` and `dedup.duplicate_of` are set, repeated boilerplate
/// paragraphs leave `paragraphs` and `text`, and duplicates are dropped or
/// only marked.
public struct Exporter {
    public let directory: RunDirectory
    public var dropDuplicates: Bool

    public init(directory: RunDirectory, dropDuplicates: Bool) {
        self.directory = directory
        self.dropDuplicates = dropDuplicates
    }

    public struct Summary: Sendable, Equatable {
        public var records = 0
        public var written = 0
        public var duplicatesMarked = 0
        public var duplicatesDropped = 0
        public var boilerplateParagraphsRemoved = 0
        /// False when the run has no dedup decisions yet.
        public var deduplicated = false
    }

    struct Decision {
        var cluster: String
        var duplicateOf: String?
    }

    /// Writes JSON Lines to `output` (a path, or `-` for stdout).
    public func export(to output: String) throws -> Summary {
        guard let manifest = try directory.readManifest() else {
            throw ConfigurationError("\(directory.path) is not a Winnow run directory (no manifest.json)")
        }
        var summary = Summary()
        let phase = DedupPhase(directory: directory)
        var decisions: [String: Decision] = [:]
        var boilerplate: [String: Set<UInt64>] = [:]
        if FileManager.default.fileExists(atPath: phase.summaryPath) {
            summary.deduplicated = true
            for line in try LineReader(path: phase.decisionsPath, limit: .max) {
                let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: String] ?? [:]
                if let id = object["id"], let cluster = object["cluster"] {
                    decisions[id] = Decision(cluster: cluster, duplicateOf: object["duplicate_of"])
                }
            }
            for line in try LineReader(path: phase.boilerplatePath, limit: .max) {
                let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] ?? [:]
                if let site = object["site"] as? String, let hex = object["paragraph_hash"] as? String, let hash = UInt64(hex, radix: 16) {
                    boilerplate[site, default: []].insert(hash)
                }
            }
        }

        // A pipe or terminal cannot be truncated; stdout is written as it is.
        let write: ([UInt8]) throws -> Void
        if output == "-" {
            write = { FileHandle.standardOutput.write(Data($0)) }
        } else {
            let file = try AppendOnlyFile(path: output, truncatingTo: 0)
            write = { try file.append($0) }
        }
        var buffer: [UInt8] = []
        let decoder = JSONDecoder()
        for index in 0..<manifest.shards {
            let shard = ShardSpec(index: index, count: manifest.shards)
            guard let checkpoint = try directory.readCheckpoint(shard), checkpoint.complete else {
                throw ConfigurationError("\(directory.path): shard \(shard) is not complete; finish it first (see winnow status)")
            }
            for line in try LineReader(path: directory.recordsPath(shard), limit: checkpoint.recordsBytes) {
                summary.records += 1
                guard summary.deduplicated else {
                    buffer += line + [0x0A]
                    summary.written += 1
                    continue
                }
                var record = try decoder.decode(Record.self, from: Data(line))
                if let decision = decisions[record.id] {
                    if decision.duplicateOf != nil {
                        if dropDuplicates { summary.duplicatesDropped += 1; continue }
                        summary.duplicatesMarked += 1
                    }
                    var dedup = record.dedup ?? Record.Dedup()
                    dedup.cluster = decision.cluster
                    dedup.duplicateOf = decision.duplicateOf
                    record.dedup = dedup
                }
                if let hashes = boilerplate[MinHashStage.site(of: record)] {
                    let before = record.paragraphs.count
                    record.paragraphs.removeAll { hashes.contains(MinHashStage.paragraphHash($0.text)) }
                    if record.paragraphs.count != before {
                        summary.boilerplateParagraphsRemoved += before - record.paragraphs.count
                        let text = record.paragraphs.map(\.text).joined(separator: "\n\n")
                        record.text = text.isEmpty ? nil : text
                    }
                }
                buffer += record.jsonLine()
                summary.written += 1
                if buffer.count > 1 << 20 {
                    try write(buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
        }
        try write(buffer)
        return summary
    }
}

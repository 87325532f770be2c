import Foundation
import WinnowCore

/// `winnow dedup RUNDIR`: the global phase over every shard's signature
/// file. Finds exact and near-duplicate clusters and repeated boilerplate
/// paragraphs, and writes them under `RUNDIR/dedup/`. The result depends only
/// on the set of records, never on how the run was split into shards.
///
/// Memory: the signatures of all records are held (about 600 bytes each at
/// 128 permutations); the bucket step keeps one entry per band key.
public struct DedupPhase {
    public let directory: RunDirectory

    public init(directory: RunDirectory) { self.directory = directory }

    public struct Settings: Sendable, Equatable {
        public var threshold: Double
        public var permutations: Int
        public var boilerplateShare: Double
        public var boilerplateMinPages: Int
    }

    public struct Summary: Codable, Sendable, Equatable {
        public var records: Int
        public var clusters: Int
        public var duplicates: Int
        public var boilerplateParagraphs: Int
        public var threshold: Double
        public var bands: Int
        public var rows: Int
    }

    public var decisionsPath: String { directory.dedupPath + "/decisions.jsonl" }
    public var boilerplatePath: String { directory.dedupPath + "/boilerplate.jsonl" }
    public var summaryPath: String { directory.dedupPath + "/summary.json" }

    /// The dedup settings the run was made with (its `minhash` stage).
    public func settings(_ manifest: Manifest) throws(ConfigurationError) -> Settings {
        guard let step = manifest.steps.first(where: { $0.stage == "minhash" }) else {
            throw ConfigurationError("\(directory.path): the run's pipeline has no minhash stage, so there are no signatures to deduplicate")
        }
        func number(_ name: String, _ fallback: Double) -> Double { step.options[name].flatMap(Double.init) ?? fallback }
        return Settings(
            threshold: number("threshold", 0.8), permutations: Int(number("permutations", 128)),
            boilerplateShare: number("boilerplate_share", 0.5), boilerplateMinPages: Int(number("boilerplate_min_pages", 5)))
    }

    /// Reads every shard's signatures (all shards must be complete).
    public func loadSignatures(_ manifest: Manifest) throws -> [DedupSignature] {
        var all: [DedupSignature] = []
        for index in 0..<manifest.shards {
            let shard = ShardSpec(index: index, count: manifest.shards)
            guard let checkpoint = try directory.readCheckpoint(shard), checkpoint.complete else {
                throw ConfigurationError("\(directory.path): shard \(shard) is not complete; finish it first (see winnow status)")
            }
            guard let data = FileManager.default.contents(atPath: directory.signaturesPath(shard)), data.count >= checkpoint.signaturesBytes else {
                throw ConfigurationError("\(directory.signaturesPath(shard)) is missing or shorter than its checkpoint says")
            }
            do {
                all += try DedupSignature.decodeAll(Array(data.prefix(checkpoint.signaturesBytes)))
            } catch {
                throw ConfigurationError("\(directory.signaturesPath(shard)): \(error.message)")
            }
        }
        return all
    }

    @discardableResult
    public func run() throws -> Summary {
        guard let manifest = try directory.readManifest() else {
            throw ConfigurationError("\(directory.path) is not a Winnow run directory (no manifest.json)")
        }
        let settings = try settings(manifest)
        let signatures = try loadSignatures(manifest)

        let parameters = LSHParameters.optimal(threshold: settings.threshold, permutations: settings.permutations)
        let clusters = NearDuplicateClusters(parameters: parameters, threshold: settings.threshold)
        let decisions = clusters.decisions(for: signatures.map {
            NearDuplicateClusters.Item(id: $0.id, published: $0.published, textHash: $0.textHash, signature: $0.minHash)
        })
        let boilerplate = Self.boilerplate(signatures, share: settings.boilerplateShare, minPages: settings.boilerplateMinPages)

        try FileManager.default.createDirectory(atPath: directory.dedupPath, withIntermediateDirectories: true)
        var lines: [UInt8] = []
        for d in decisions {
            var w = JSONWriter()
            w.beginObject()
            w.field("id", d.id)
            w.field("cluster", d.cluster)
            w.field("duplicate_of", d.duplicateOf)
            w.endObject()
            lines += w.bytes + [0x0A]
        }
        try AtomicFile.write(lines, to: decisionsPath)
        lines = []
        for b in boilerplate {
            var w = JSONWriter()
            w.beginObject()
            w.field("site", b.site)
            w.field("paragraph_hash", StableHash.hex(b.paragraphHash))
            w.field("pages", b.pages)
            w.endObject()
            lines += w.bytes + [0x0A]
        }
        try AtomicFile.write(lines, to: boilerplatePath)
        let summary = Summary(
            records: signatures.count, clusters: Set(decisions.map(\.cluster)).count,
            duplicates: decisions.filter { $0.duplicateOf != nil }.count, boilerplateParagraphs: boilerplate.count,
            threshold: settings.threshold, bands: parameters.bands, rows: parameters.rows)
        // The summary is written last: its presence means the phase completed.
        try AtomicFile.write(RunDirectory.encode(summary), to: summaryPath)
        return summary
    }

    public struct BoilerplateParagraph: Sendable, Equatable, Hashable {
        public var site: String
        public var paragraphHash: UInt64
        public var pages: Int
    }

    /// Paragraphs found on more than `share` of a site's pages and on at least
    /// `minPages` of them, sorted by site and hash.
    public static func boilerplate(_ signatures: [DedupSignature], share: Double, minPages: Int) -> [BoilerplateParagraph] {
        var sitePages: [String: Int] = [:]
        var counts: [String: [UInt64: Int]] = [:]
        for s in signatures {
            sitePages[s.site, default: 0] += 1
            for hash in Set(s.paragraphHashes) { counts[s.site, default: [:]][hash, default: 0] += 1 }
        }
        var result: [BoilerplateParagraph] = []
        for (site, hashes) in counts {
            let pages = Double(sitePages[site] ?? 0)
            for (hash, count) in hashes where count >= minPages && Double(count) > share * pages {
                result.append(BoilerplateParagraph(site: site, paragraphHash: hash, pages: count))
            }
        }
        return result.sorted { $0.site != $1.site ? $0.site < $1.site : $0.paragraphHash < $1.paragraphHash }
    }
}

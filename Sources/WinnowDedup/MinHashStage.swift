import Foundation
import WinnowCore

/// Makes the record's dedup signature (MinHash of its shingles, paragraph
/// hashes, site, dates, whether the URL is canonical, the input key) for the
/// global `winnow dedup` phase, as a ``DedupSignature`` attachment that the
/// runner appends to the shard's `signatures.bin` (``ShardSink/signatures``).
/// Runs after `text_hash`. Its ``MinHashSettings`` are recorded in the run's
/// manifest, where `winnow dedup` reads them.
public struct MinHashStage: Stage {
    public let name = "minhash"
    public let settings: MinHashSettings
    public let hasher: MinHasher

    public init(_ settings: MinHashSettings = MinHashSettings()) {
        self.settings = settings
        hasher = MinHasher(permutations: settings.permutations, seed: UInt64(settings.seed))
    }

    public static let definition = StageDefinition(
        name: "minhash",
        summary:
            "MinHash signature and paragraph hashes of the body, for near-duplicate and boilerplate detection in "
            + "`winnow dedup`.",
        options: MinHashSettings.options,
        requires: ["text_hash"],
        outputs: [PageOutput(sink: .signatures) { page in page.attachments[DedupSignature.self]?.encoded() ?? [] }],
        settings: { options in try StageSettings(MinHashSettings(options)) },
        make: { options in
            let settings = MinHashSettings(options)
            try settings.validate()
            return MinHashStage(settings)
        })

    public func process(_ page: inout Page) throws -> StageOutcome {
        let record = page.record
        // Normalize each paragraph once: its hash needs it, and the body's
        // normal form is the paragraphs' joined by one space (`text` joins them
        // with a blank line, which normalization collapses to a space).
        let normalized = record.paragraphs.map { TextHashStage.normalize($0.text) }
        let shingles = Shingles.hashes(
            ofNormalized: normalized.filter { !$0.isEmpty }.joined(separator: " "),
            wordsPerShingle: settings.wordsPerShingle, charactersPerShingle: settings.charactersPerShingle)
        let sketch = ShingleSketch(shingleHashes: shingles, capacity: settings.sketchSize)
        page.attachments[DedupSignature.self] = DedupSignature(
            id: record.id, site: Self.site(of: record), published: record.published, modified: record.modified,
            isCanonical: Self.isCanonical(record), key: page.input.key, textHash: record.dedup?.textHash,
            minHash: hasher.signature(shingles), paragraphHashes: normalized.map { StableHash.hash64($0) },
            shingleHashes: sketch.hashes, shingleTotal: sketch.total)
        return .keep
    }

    /// Whether the record's URL is the canonical URL it names (a republished
    /// copy names the original's). Compared without a fragment and a final slash.
    public static func isCanonical(_ record: Record) -> Bool {
        guard let url = record.url, let canonical = record.canonicalURL else { return false }
        func trimmed(_ text: String) -> Substring {
            var text = text[...]
            if let hash = text.firstIndex(of: "#") { text = text[..<hash] }
            if text.hasSuffix("/") { text = text.dropLast() }
            return text
        }
        return trimmed(url) == trimmed(canonical)
    }

    /// The stable hash of a paragraph's normalized text (the same in every shard).
    public static func paragraphHash(_ text: String) -> UInt64 {
        StableHash.hash64(TextHashStage.normalize(text))
    }

    /// The host of the record's URL, else the first folder of its input key.
    public static func site(of record: Record) -> String {
        for candidate in [record.url, record.canonicalURL] {
            if let candidate, let host = URL(string: candidate)?.host, !host.isEmpty { return host.lowercased() }
        }
        let key = record.source.path
        if let slash = key.firstIndex(of: "/") { return String(key[..<slash]) }
        return ""
    }
}

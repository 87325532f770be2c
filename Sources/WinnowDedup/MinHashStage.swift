import Foundation
import WinnowCore

/// Makes the record's dedup signature (MinHash of its shingles, paragraph
/// hashes, site, publication time) for the global `winnow dedup` phase.
/// Runs after `text_hash`. The threshold is stored with the run and read by
/// `winnow dedup`.
public struct MinHashStage: Stage {
    public let name = "minhash"
    public let hasher: MinHasher
    public let wordsPerShingle: Int
    public let charactersPerShingle: Int
    public let sketchSize: Int

    public init(
        permutations: Int = 128, seed: UInt64 = 1, wordsPerShingle: Int = 5, charactersPerShingle: Int = 5,
        sketchSize: Int = ShingleSketch.defaultCapacity
    ) {
        hasher = MinHasher(permutations: permutations, seed: seed)
        self.wordsPerShingle = wordsPerShingle
        self.charactersPerShingle = charactersPerShingle
        self.sketchSize = sketchSize
    }

    public static let definition = StageDefinition(
        name: "minhash",
        summary:
            "MinHash signature and paragraph hashes of the body, for near-duplicate and boilerplate detection in `winnow dedup`.",
        options: [
            OptionSpec("permutations", default: .int(128), help: "MinHash permutations."),
            OptionSpec("seed", default: .int(1), help: "Seed of the permutations."),
            OptionSpec("words_per_shingle", default: .int(5), help: "Words per shingle (texts written with spaces)."),
            OptionSpec(
                "characters_per_shingle", default: .int(5),
                help: "Characters per shingle (Chinese, Japanese, Thai, ...)."),
            OptionSpec(
                "sketch_size", default: .int(ShingleSketch.defaultCapacity),
                help:
                    "Shingle hashes kept per record to verify candidates: texts with up to this many shingles are compared exactly."
            ),
            OptionSpec(
                "threshold", default: .double(0.8),
                help:
                    "Jaccard similarity of the shingle sets from which two records are near-duplicates (used by winnow dedup)."
            ),
            OptionSpec(
                "bands", default: .int(0), help: "LSH bands; 0 chooses bands and rows for the threshold (see README)."),
            OptionSpec("rows", default: .int(0), help: "LSH rows per band; set with bands."),
            OptionSpec(
                "boilerplate_share", default: .double(0.5),
                help: "A paragraph on more than this share of a site's pages is boilerplate (used by winnow dedup)."),
            OptionSpec(
                "boilerplate_min_pages", default: .int(5),
                help: "... and on at least this many pages (used by winnow dedup)."),
        ],
        requires: ["text_hash"],
        make: { options in
            guard (1...1024).contains(options.int("permutations")) else {
                throw ConfigurationError("minhash: permutations must be between 1 and 1024")
            }
            guard options.double("threshold") > 0, options.double("threshold") <= 1 else {
                throw ConfigurationError("minhash: threshold must be in (0, 1]")
            }
            guard options.int("sketch_size") >= 1 else {
                throw ConfigurationError("minhash: sketch_size must be at least 1")
            }
            let bands = options.int("bands")
            let rows = options.int("rows")
            guard (bands == 0 && rows == 0) || (bands > 0 && rows > 0 && bands * rows <= options.int("permutations"))
            else {
                throw ConfigurationError(
                    "minhash: bands and rows are both 0 (chosen for the threshold) or both positive with bands × rows ≤ permutations"
                )
            }
            return MinHashStage(
                permutations: options.int("permutations"), seed: UInt64(max(0, options.int("seed"))),
                wordsPerShingle: options.int("words_per_shingle"),
                charactersPerShingle: options.int("characters_per_shingle"),
                sketchSize: options.int("sketch_size"))
        })

    public func process(_ page: inout Page) throws -> StageOutcome {
        let record = page.record
        // Normalize each paragraph once: its hash needs it, and the body's
        // normal form is the paragraphs' joined by one space (`text` joins them
        // with a blank line, which normalization collapses to a space).
        let normalized = record.paragraphs.map { TextHashStage.normalize($0.text) }
        let shingles = Shingles.hashes(
            ofNormalized: normalized.filter { !$0.isEmpty }.joined(separator: " "),
            wordsPerShingle: wordsPerShingle, charactersPerShingle: charactersPerShingle)
        let sketch = ShingleSketch(shingleHashes: shingles, capacity: sketchSize)
        page.signature = DedupSignature(
            id: record.id, site: Self.site(of: record), published: record.published,
            textHash: record.dedup?.textHash, minHash: hasher.signature(shingles),
            paragraphHashes: normalized.map { StableHash.hash64($0) },
            shingleHashes: sketch.hashes, shingleTotal: sketch.total)
        return .keep
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

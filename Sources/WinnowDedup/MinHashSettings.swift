import WinnowCore

/// The `minhash` stage's options, the one place their defaults live: the
/// stage is built from this value, the run's manifest records it, and
/// `winnow dedup` reads it back from there (threshold, bands and rows, the
/// boilerplate rule).
public struct MinHashSettings: Codable, Sendable, Equatable {
    public var permutations = 128
    public var seed = 1
    public var wordsPerShingle = 5
    public var charactersPerShingle = 5
    public var sketchSize = ShingleSketch.defaultCapacity
    public var threshold = 0.8
    /// 0 with `rows` 0: chosen for the threshold (``LSHParameters/forRecall(threshold:permutations:recall:)``).
    public var bands = 0
    public var rows = 0
    public var boilerplateShare = 0.5
    public var boilerplateMinPages = 5

    public init() {}

    /// The manifest's keys are the pipeline file's option names.
    enum CodingKeys: String, CodingKey {
        case permutations, seed, threshold, bands, rows
        case wordsPerShingle = "words_per_shingle"
        case charactersPerShingle = "characters_per_shingle"
        case sketchSize = "sketch_size"
        case boilerplateShare = "boilerplate_share"
        case boilerplateMinPages = "boilerplate_min_pages"
    }

    /// The LSH bands and rows: set in the pipeline, or chosen for the threshold.
    public var lsh: LSHParameters {
        bands > 0 && rows > 0
            ? LSHParameters(bands: bands, rows: rows)
            : LSHParameters.forRecall(threshold: threshold, permutations: permutations)
    }

    /// The pipeline file's options, with these defaults and their help.
    static var options: [OptionSpec] {
        let defaults = MinHashSettings()
        return [
            OptionSpec("permutations", default: .int(defaults.permutations), help: "MinHash permutations."),
            OptionSpec("seed", default: .int(defaults.seed), help: "Seed of the permutations."),
            OptionSpec(
                "words_per_shingle", default: .int(defaults.wordsPerShingle),
                help: "Words per shingle (texts written with spaces)."),
            OptionSpec(
                "characters_per_shingle", default: .int(defaults.charactersPerShingle),
                help: "Characters per shingle (Chinese, Japanese, Thai, ...)."),
            OptionSpec(
                "sketch_size", default: .int(defaults.sketchSize),
                help:
                    "Shingle hashes kept per record to verify candidates: texts with up to this many shingles are "
                    + "compared exactly."
            ),
            OptionSpec(
                "threshold", default: .double(defaults.threshold),
                help:
                    "Jaccard similarity of the shingle sets from which two records are near-duplicates (used by "
                    + "winnow dedup)."
            ),
            OptionSpec(
                "bands", default: .int(defaults.bands),
                help: "LSH bands; 0 chooses bands and rows for the threshold (see README)."),
            OptionSpec("rows", default: .int(defaults.rows), help: "LSH rows per band; set with bands."),
            OptionSpec(
                "boilerplate_share", default: .double(defaults.boilerplateShare),
                help: "A paragraph on more than this share of a site's pages is boilerplate (used by winnow dedup)."),
            OptionSpec(
                "boilerplate_min_pages", default: .int(defaults.boilerplateMinPages),
                help: "... and on at least this many pages (used by winnow dedup)."),
        ]
    }

    /// The settings a pipeline step's options give (every option is present: the catalog fills in defaults).
    init(_ options: StageOptions) {
        permutations = options.int("permutations")
        seed = max(0, options.int("seed"))
        wordsPerShingle = options.int("words_per_shingle")
        charactersPerShingle = options.int("characters_per_shingle")
        sketchSize = options.int("sketch_size")
        threshold = options.double("threshold")
        bands = options.int("bands")
        rows = options.int("rows")
        boilerplateShare = options.double("boilerplate_share")
        boilerplateMinPages = options.int("boilerplate_min_pages")
    }

    /// Refuses settings the stage and the dedup phase cannot work with.
    func validate() throws(ConfigurationError) {
        guard (1...1024).contains(permutations) else {
            throw ConfigurationError("minhash: permutations must be between 1 and 1024")
        }
        guard threshold > 0, threshold <= 1 else {
            throw ConfigurationError("minhash: threshold must be in (0, 1]")
        }
        guard sketchSize >= 1 else {
            throw ConfigurationError("minhash: sketch_size must be at least 1")
        }
        guard (bands == 0 && rows == 0) || (bands > 0 && rows > 0 && bands * rows <= permutations) else {
            throw ConfigurationError(
                "minhash: bands and rows are both 0 (chosen for the threshold) or both positive with bands × rows ≤ "
                    + "permutations"
            )
        }
    }

    /// The settings the run recorded in its manifest (its `minhash` step).
    public static func recorded(in manifest: Manifest, of directory: RunDirectory) throws(ConfigurationError)
        -> MinHashSettings
    {
        guard let step = manifest.steps.first(where: { $0.stage == MinHashStage.definition.name }) else {
            throw ConfigurationError(
                "\(directory.path): the run's pipeline has no minhash stage, so there are no signatures to deduplicate")
        }
        do {
            guard let settings = step.settings else { throw ConfigurationError("no settings recorded") }
            let value = try settings.decode(MinHashSettings.self)
            try value.validate()
            return value
        } catch {
            throw ConfigurationError(
                "\(directory.manifestPath): the minhash stage's settings are missing or damaged (\(error)); run "
                    + "winnow run again into a new --output"
            )
        }
    }
}

import Foundation
import WinnowCore
import WinnowDedup
import WinnowExtract
import WinnowLanguage

/// The stages a pipeline file can name, and the built-in default pipeline.
public enum StandardStages {
    public static let catalog = StageCatalog([
        DecodeStage.definition,
        CleanStage.definition,
        ExtractStage.definition,
        TranslationStage.definition,
        LanguageStage.definition,
        TextHashStage.definition,
        MinHashStage.definition,
    ])

    /// What `winnow run` runs without a pipeline file. `Pipelines/default.yml`
    /// holds the same text (a test keeps them equal).
    public static let defaultPipelineYAML = """
        # The built-in default pipeline: what `winnow run` does without a pipeline file.
        name: default
        stages:
          - decode:                 # sniff, NUL bytes, charset chain -> UTF-8
              max_bytes: 20000000   # larger pages are rejected before anything else
          - clean:                  # the pre-parse filter: scripts, styles, landmarks, skipped blocks
              max_tags: 500000      # pages of more tags (each '<') are rejected: bounds parser memory
          - extract:                # one parse and walk: body, title, authors, dates, captions, related
              min_text_chars: 1     # pages with no body text nor description are rejected
              max_parse_seconds: 10 # a page whose parsing takes longer is abandoned and rejected
          - translation             # credits, editorial notes, cross-language links, original
          - language                # CLD2: language, language_confidence, paragraphs[].language
          - text_hash               # dedup.text_hash of the normalized body
          - minhash:                # signatures for `winnow dedup`
              threshold: 0.8        # near-duplicates from this estimated Jaccard similarity
              boilerplate_share: 0.5   # a paragraph on more than half of a site's pages...
              boilerplate_min_pages: 5 # ...and on at least 5 of them is boilerplate

        """

    /// The pipeline in the YAML file at `path`, or the built-in default when nil.
    public static func pipeline(at path: String?) throws(ConfigurationError) -> PipelineConfig {
        guard let path else { return defaultPipeline() }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError("pipeline file \(path): cannot read it (no such file?)")
        }
        return try PipelineConfig.parse(yaml: String(decoding: data, as: UTF8.self), origin: path, catalog: catalog)
    }

    public static func defaultPipeline() -> PipelineConfig {
        // The text above is fixed and tested; it always parses.
        try! PipelineConfig.parse(yaml: defaultPipelineYAML, origin: "built-in default", catalog: catalog)
    }
}

extension StandardStages {
    /// The pipeline with its `clean` stage parsing whole pages: the records must
    /// not change (the pre-parse filter only cuts what the extractor never reads).
    public static func withoutPreParseFilter(_ pipeline: Pipeline) -> Pipeline {
        var pipeline = pipeline
        pipeline.stages = pipeline.stages.map { stage in
            guard var clean = stage as? CleanStage else { return stage }
            clean.usesPreParseFilter = false
            return clean
        }
        return pipeline
    }
}

extension StandardStages {
    /// The bytes libxml2 parses for the page (after `clean`, the pre-parse
    /// filter): the pipeline run up to its `clean` stage. Nil when the page
    /// has none (a text page, or no `clean` stage).
    public static func parserInput(_ page: inout Page, pipeline: Pipeline) throws -> [UInt8]? {
        for stage in pipeline.stages {
            guard try stage.process(&page) == .keep else { return nil }
            if stage is CleanStage { return page.attachments[CleanedPage.self]?.parserInput }
        }
        return nil
    }
}

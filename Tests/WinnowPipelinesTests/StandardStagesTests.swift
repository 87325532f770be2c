import Foundation
import Testing
import WinnowCore
import WinnowDedup

@testable import WinnowPipelines

@Suite("StandardStages")
struct StandardStagesTests {
    /// `Pipelines/default.yml` in the package.
    static let defaultFile = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Pipelines/default.yml").path

    @Test func builtInDefaultEqualsPipelinesDefaultYml() throws {
        let text = try String(contentsOfFile: Self.defaultFile, encoding: .utf8)
        let fromFile = try PipelineConfig.parse(yaml: text, origin: Self.defaultFile, catalog: StandardStages.catalog)
        let builtIn = StandardStages.defaultPipeline()
        #expect(fromFile.canonicalDescription == builtIn.canonicalDescription)
        #expect(fromFile.hash == builtIn.hash)
        #expect(fromFile.steps == builtIn.steps)
    }

    @Test func builtInDefaultTextIsTheFilesText() throws {
        let text = try String(contentsOfFile: Self.defaultFile, encoding: .utf8)
        #expect(text == StandardStages.defaultPipelineYAML)
    }

    @Test func defaultPipelineIsExtractThenTextHash() {
        let config = StandardStages.defaultPipeline()
        #expect(config.origin == "built-in default")
        #expect(
            config.canonicalDescription
                == "decode(max_bytes=20000000) | clean(max_tags=500000) | extract(max_parse_seconds=10.0,"
                + "min_text_chars=1,site_profiles=built-in) | translation() | language(min_paragraph_bytes=40) | "
                + "text_hash() | minhash(bands=0,boilerplate_min_pages=5,boilerplate_share=0.5,"
                + "characters_per_shingle=5,permutations=128,rows=0,seed=1,sketch_size=4096,threshold=0.8,"
                + "words_per_shingle=5)"
        )
        #expect(config.hash == StableHash.hex(StableHash.hash64(config.canonicalDescription)))
    }

    @Test func catalogListsTheStandardStages() {
        #expect(
            StandardStages.catalog.names == [
                "decode", "clean", "extract", "translation", "language", "text_hash", "minhash",
            ])
    }

    @Test func everyCatalogStageBuildsWithItsDefaults() throws {
        let catalog = StandardStages.catalog
        for name in catalog.names {
            let definition = try #require(catalog.definition(name))
            #expect(!definition.summary.isEmpty, "stage \(name) has no summary")
            for option in definition.options {
                #expect(!option.help.isEmpty, "option \(name).\(option.name) has no help")
            }
            let defaults = StageOptions(
                Dictionary(uniqueKeysWithValues: definition.options.map { ($0.name, $0.defaultValue) }))
            let stage = try definition.make(defaults)
            #expect(stage.name == name)
        }
    }

    /// Each stage after the stages it needs (and theirs) makes a valid pipeline; without them, an error naming the
    /// need.
    @Test func everyCatalogStageCanBeNamedAfterWhatItNeeds() throws {
        let catalog = StandardStages.catalog
        func needs(_ name: String) -> [String] {
            catalog.definition(name)!.requires.flatMap { needs($0) + [$0] }
        }
        for name in catalog.names {
            var prefix: [String] = []
            for need in needs(name) where !prefix.contains(need) { prefix.append(need) }
            let yaml = "stages:\n" + (prefix + [name]).map { "  - \($0)\n" }.joined()
            let pipeline = try PipelineConfig.parse(yaml: yaml, origin: "t.yml", catalog: catalog).makePipeline(
                catalog: catalog)
            #expect(pipeline.stages.map { $0.name } == prefix + [name])
            if let need = catalog.definition(name)!.requires.first {
                #expect(throws: ConfigurationError.self) {
                    try PipelineConfig.parse(
                        yaml: "stages:\n" + prefix.filter { $0 != need }.map { "  - \($0)\n" }.joined()
                            + "  - \(name)\n",
                        origin: "t.yml", catalog: catalog)
                }
            }
        }
    }

    @Test func defaultPipelineTurnsAPageIntoARecordWithATextHash() throws {
        let pipeline = try StandardStages.defaultPipeline().makePipeline(catalog: StandardStages.catalog)
        #expect(
            pipeline.stages.map { $0.name } == [
                "decode", "clean", "extract", "translation", "language", "text_hash", "minhash",
            ])
        var page = Page(
            input: InputRef(key: "en/a.html", kind: .file, location: "/in/en/a.html"),
            content: InputContent(
                bytes: Array("<html><head><title>T</title></head><body><p>Hello   world.</p></body></html>".utf8),
                format: .html))
        let outcome = pipeline.run(&page)
        #expect(outcome == .kept)
        #expect(page.record.title == "T")
        #expect(page.record.text == "Hello world.")
        #expect(page.record.dedup?.textHash?.count == 32)
    }

    @Test func defaultPipelineRejectsAnEmptyPage() throws {
        let pipeline = try StandardStages.defaultPipeline().makePipeline(catalog: StandardStages.catalog)
        var page = Page(
            input: InputRef(key: "e.html", kind: .file, location: "/in/e.html"),
            content: InputContent(bytes: [], format: .html))
        let outcome = pipeline.run(&page)
        #expect(outcome == .rejected(StageFailure(stage: "decode", reason: "empty file")))
    }
}

/// The default pipeline's signatures choose the original over its
/// republished copy (the same text plus an update line, a later
/// `dateModified`, the same `datePublished`).
@Suite("Kept copy through the default pipeline")
struct KeptCopyPipelineTests {
    static func page(canonical: String, modified: String?, update: Bool) -> String {
        let sentences = (0..<60).map { n in
            "Sentence \(n) of the report says that the river rose by \(n + 3) centimetres near bridge \(n % 7)."
        }
        let paragraphs = stride(from: 0, to: 60, by: 6).map {
            "<p>" + sentences[$0..<($0 + 6)].joined(separator: " ") + "</p>"
        }
        let jsonLD = """
            {"@context":"https://schema.org","@type":"NewsArticle","headline":"The river rose",
            "datePublished":"2017-02-23T17:18:13-08:00"\(modified.map { ",\"dateModified\":\"\($0)\"" } ?? "")}
            """
        return """
            <html><head><title>The river rose</title>
            <link rel="canonical" href="\(canonical)">
            <script type="application/ld+json">\(jsonLD)</script></head>
            <body><article><h1>The river rose</h1>
            \(paragraphs.joined(separator: "\n"))
            \(update ? "<p>Update: the bridge reopened on Friday morning after the water went down.</p>" : "")
            </article></body></html>
            """
    }

    @Test func theOriginalIsKeptOverItsRepublishedCopy() throws {
        let pipeline = try StandardStages.defaultPipeline().makePipeline(catalog: StandardStages.catalog)
        var items: [NearDuplicateClusters.Item] = []
        // Each names its own URL as canonical and the copy's key sorts first, so only the dates keep the original.
        let pages = [
            (
                "a/copy.html", "https://mirror.example/river-copy",
                Self.page(
                    canonical: "https://mirror.example/river-copy", modified: "2017-02-24T10:00:00-08:00", update: true)
            ),
            (
                "z/original.html", "https://news.example/2017/river",
                Self.page(canonical: "https://news.example/2017/river", modified: nil, update: false)
            ),
        ]
        var idOf: [String: String] = [:]
        for (key, url, html) in pages {
            var page = Page(
                input: InputRef(key: key, kind: .file, location: "/in/" + key),
                content: InputContent(bytes: Array(html.utf8), format: .html, url: url))
            #expect(pipeline.run(&page) == .kept)
            let signature = try #require(page.attachments[DedupSignature.self])
            #expect(signature.key == key)
            idOf[key] = signature.id
            items.append(
                NearDuplicateClusters.Item(
                    id: signature.id, published: signature.published, modified: signature.modified,
                    isCanonical: signature.isCanonical, key: signature.key, textHash: signature.textHash,
                    signature: signature.minHash,
                    sketch: ShingleSketch(hashes: signature.shingleHashes, total: signature.shingleTotal)))
        }
        #expect(items[0].modified != nil && items[1].modified == nil)
        #expect(items[0].published == items[1].published)
        #expect(items[0].isCanonical && items[1].isCanonical)
        let decisions = NearDuplicateClusters(parameters: LSHParameters(bands: 16, rows: 6), threshold: 0.8)
            .decisions(for: items)
        #expect(decisions.count == 2, "the copy is a near-duplicate")
        #expect(decisions.first { $0.duplicateOf == nil }?.id == idOf["z/original.html"])
    }
}

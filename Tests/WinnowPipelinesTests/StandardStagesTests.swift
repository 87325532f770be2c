import Foundation
import Testing
import WinnowCore

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

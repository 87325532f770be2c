import Foundation
import Testing
import WinnowCore

@testable import WinnowExtract

@Suite("ExtractStage")
struct ExtractStageTests {
    @Test func textIsTheParagraphsJoinedByBlankLines() throws {
        let record = try extract("<html><body><p>One.</p><p>Two.</p><p>Three.</p></body></html>")
        #expect(record.text == "One.\n\nTwo.\n\nThree.")
        #expect(record.paragraphs.count == 3)
        #expect(record.charset == "UTF-8")
        #expect(record.warnings.isEmpty)
    }

    @Test func emptyFileIsRejected() {
        #expect(rejection([]) == StageFailure(stage: "decode", reason: "empty file"))
    }

    @Test func pngBytesAreRejectedAsNotAPage() throws {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52]
        let failure = try #require(rejection(png))
        #expect(failure.stage == "decode")
        #expect(failure.reason == "not a text page: looks like PNG image")
    }

    @Test func pageOverMaxBytesIsRejectedNamingTheLimit() throws {
        let bytes = Array("<p>0123456789</p>".utf8)
        let failure = try #require(rejection(bytes, stages: ExtractionStages(decode: DecodeStage(maxBytes: 10))))
        #expect(
            failure == StageFailure(stage: "decode", reason: "page too large: 17 bytes, over the limit max_bytes=10"))
    }

    @Test func pageOfExactlyMaxBytesIsAccepted() throws {
        let record = try extract("<p>0123456789</p>", stages: ExtractionStages(decode: DecodeStage(maxBytes: 17)))
        #expect(record.text == "0123456789")
    }

    @Test func pageWithoutBodyTextIsRejected() {
        let html =
            "<html><head><title>Only a title</title></head><body><nav><p>menu</p></nav><script>x()</script></body>"
            + "</html>"
        #expect(
            rejection(Array(html.utf8))
                == StageFailure(stage: "extract", reason: "no body text (0 characters, min_text_chars=1)"))
    }

    @Test func pageShorterThanMinTextCharsIsRejected() {
        let failure = rejection(
            Array("<html><body><p>Short.</p></body></html>".utf8), stage: ExtractStage(minTextCharacters: 50))
        #expect(failure == StageFailure(stage: "extract", reason: "no body text (6 characters, min_text_chars=50)"))
    }

    @Test func nulBytesAreRemovedWithAWarning() throws {
        let bytes =
            Array("<html><body><p>a".utf8) + [0] + Array("b</p><p>c".utf8) + [0, 0] + Array("d</p></body></html>".utf8)
        let record = try extract(bytes)
        #expect(record.paragraphs.map(\.text) == ["ab", "cd"])
        #expect(record.warnings == ["removed 3 NUL bytes"])
    }

    @Test func invalidUTF8GoesToTheDetectorWithAWarning() throws {
        let bytes = Array("<html><body><p>Caf".utf8) + [0xE9] + Array(" au lait</p></body></html>".utf8)
        let record = try extract(bytes)
        #expect(record.text == "Café au lait")
        // uchardet 0.0.7 says ISO-8859-2 for this short text; 0xE9 is é there too.
        #expect(record.charset != "UTF-8")
        #expect(record.warnings.count == 1)
        #expect(record.warnings.first?.hasPrefix("no usable charset declared; detected ") == true)
    }

    @Test func plainTextWithAHeadline() throws {
        let record = try extract(
            "Flood hits Sinuiju\n\nRain fell for days.\nIt kept falling.\n\n\nSecond paragraph.\n", format: .text)
        #expect(record.title == "Flood hits Sinuiju")
        #expect(
            record.paragraphs == [
                Record.Paragraph(text: "Rain fell for days. It kept falling."),
                Record.Paragraph(text: "Second paragraph."),
            ])
        #expect(record.text == "Rain fell for days. It kept falling.\n\nSecond paragraph.")
    }

    @Test func plainTextHeadlineDirectlyAboveTheBody() throws {
        let record = try extract("Headline\r\nBody text here.\r\n\r\nMore.", format: .text)
        #expect(record.title == "Headline")
        #expect(record.paragraphs.map(\.text) == ["Body text here.", "More."])
    }

    @Test func plainTextWithOneBlockHasNoHeadline() throws {
        let record = try extract("Just one line of text.", format: .text)
        #expect(record.title == nil)
        #expect(record.text == "Just one line of text.")
    }

    @Test func plainTextInWindows1252() throws {
        let bytes = Array("Caf".utf8) + [0xE9] + Array(" news\n\nBody.".utf8)
        let record = try extract(bytes, format: .text)
        #expect(record.charset != "UTF-8")
        #expect(record.title == "Café news")
        #expect(record.text == "Body.")
    }

    @Test func koreanPageInCP949WithMetaEucKrDecodes() throws {
        let bytes =
            Array("<html><head><meta charset=\"euc-kr\"><title>".utf8) + koreanTitleCP949
            + Array("</title></head><body><p>".utf8) + koreanSentenceCP949 + Array("</p></body></html>".utf8)
        let record = try extract(bytes)
        #expect(record.charset == "CP949")
        #expect(record.title == "제목")
        #expect(record.text == koreanSentence)
        #expect(record.warnings.isEmpty)
    }

    @Test func koreanPageWithTransportCharsetDecodes() throws {
        let bytes = Array("<html><body><p>".utf8) + koreanSentenceCP949 + Array("</p></body></html>".utf8)
        let record = try extract(bytes, declared: "ks_c_5601-1987")
        #expect(record.charset == "CP949")
        #expect(record.text == koreanSentence)
    }

    @Test func definitionBuildsTheStageFromItsOptions() throws {
        #expect(ExtractStage.definition.name == "extract")
        #expect(
            ExtractStage.definition.options.map(\.name) == ["min_text_chars", "max_parse_seconds", "site_profiles"])
        #expect(ExtractStage.definition.options.map(\.defaultValue) == [.int(1), .double(10), .string("built-in")])
        #expect(ExtractStage.definition.requires == ["decode", "clean"])
        let stage = try ExtractStage.definition.make(StageOptions(["min_text_chars": .int(7)]))
        let built = try #require(stage as? ExtractStage)
        #expect(built.name == "extract")
        #expect(built.minTextCharacters == 7)
        let decode = try #require(
            try DecodeStage.definition.make(StageOptions(["max_bytes": .int(500)])) as? DecodeStage)
        #expect(decode.maxBytes == 500)
        let clean = try #require(try CleanStage.definition.make(StageOptions(["max_tags": .int(9)])) as? CleanStage)
        #expect(clean.maxTags == 9)
        #expect(CleanStage.definition.requires == ["decode"] && TranslationStage.definition.requires == ["extract"])
    }

    @Test func withoutTheTranslationStageRecordsHaveNoTranslationFieldsAndAreOtherwiseEqual() throws {
        let html = """
            <html lang="en"><head><link rel="alternate" hreflang="ko" \
            href="https://example.org/ko/1"></head><body><article>
            <p>Rice prices rose again in the market this week [Chinese], traders said.</p>
            <p>Translated by Kim Min. Edited by Lee Ha.</p><p><a href="https://example.org/ko/1">Read in Korean</a></p>
            </article></body></html>
            """
        var without = ExtractionStages()
        without.translation = nil
        let full = try extract(html)
        var bare = try extract(html, stages: without)
        #expect(full.translation?.translators == ["Kim Min"] && full.translation?.editors == ["Lee Ha"])
        #expect(full.translation?.notes.map(\.text) == ["[Chinese]"])
        #expect(full.alternates.map(\.url) == ["https://example.org/ko/1"])
        #expect(bare.translation == nil && bare.alternates.isEmpty)
        bare.translation = full.translation
        bare.alternates = full.alternates
        #expect(bare == full)
    }
}

/// The pre-parse filter cuts only what the extractor never reads: every
/// Samples and benchmark page (when the benchmark sits beside the checkout)
/// gives the same record, or the same reject, with and without it.
@Suite("ExtractStage pre-parse filter on real pages")
struct PreParseFilterEquivalenceTests {
    static let pages: [URL] = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        var pages: [URL] = []
        for folder in [
            root.appendingPathComponent("Samples"),
            root.appendingPathComponent("../shared/bench/article-extraction/html"),
        ] {
            guard let files = FileManager.default.enumerator(atPath: folder.path) else { continue }
            for case let file as String in files where file.hasSuffix(".html") || file.hasSuffix(".html.gz") {
                pages.append(folder.appendingPathComponent(file).standardizedFileURL)
            }
        }
        return pages.sorted { $0.path < $1.path }
    }()

    /// The WCXB and Fundus development sets (``../shared/bench``, which CI has beside the checkout).
    static let developmentPages: [URL] = {
        let bench = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("../shared/bench")
        var pages: [URL] = []
        for set in ["wcxb", "fundus"] {
            let folder = bench.appendingPathComponent(set).appendingPathComponent("html")
            guard let files = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { continue }
            for file in files where file.hasSuffix(".html") || file.hasSuffix(".html.gz") {
                pages.append(folder.appendingPathComponent(file).standardizedFileURL)
            }
        }
        return pages.sorted { $0.path < $1.path }
    }()
    /// A fourth of them (every fourth page; the whole sets cost two minutes of a debug build:
    /// `scripts/filter-equivalence.sh` checks them all with a release binary), and the pages where
    /// the filter once changed the record (the causes have their own tests above).
    static let checkedDevelopmentPages = developmentPages.enumerated().filter { k, page in
        k % 4 == 0 || pastDifferences.contains(page.lastPathComponent)
    }.map(\.element)
    static let pastDifferences: Set<String> = Set(
        ["0024", "0217", "0381", "2362", "2831", "2902", "2970", "4010", "4280", "4289", "4614"].map {
            "wcxb-dev-\($0).html.gz"
        })
    static let developmentShards = 4

    static func bytes(of page: URL) throws -> [UInt8] {
        guard page.pathExtension == "gz" else { return Array(try Data(contentsOf: page)) }
        let gunzip = Process()
        gunzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        gunzip.arguments = ["gzip", "-dc", page.path]
        let pipe = Pipe()
        gunzip.standardOutput = pipe
        try gunzip.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        gunzip.waitUntilExit()
        return Array(data)
    }

    static func outcome(_ bytes: [UInt8], filtered: Bool) -> String {
        let stage = ExtractionStages(preParseFilter: filtered)
        var page = makePage(bytes)
        do {
            _ = try stage.process(&page)
            return String(decoding: page.record.jsonLine(), as: UTF8.self)
        } catch {
            return "reject: \(error)"
        }
    }

    /// A chrome-classed block holding much text inside a `<header>` holding much text:
    /// the filter cuts the inner one, which the walk on trial of the header skips.
    @Test func aTrialBlockInsideATrialBlockGivesTheSameRecord() {
        let paragraph =
            "<p>" + String(repeating: "The council met on Monday to discuss the budget. ", count: 6) + "</p>"
        let inner = #"<div class="share-container">\#(paragraph)\#(paragraph)</div>"#
        for body in [
            "<header><h1>Budget</h1>\(paragraph)\(inner)\(paragraph)</header><article>\(paragraph)</article>",
            "<header>\(paragraph)\(paragraph)\(inner)</header><p>after</p>",
            "<article>\(paragraph)</article><header>\(paragraph)\(inner)\(paragraph)\(paragraph)</header>",
        ] {
            let bytes = Array("<html><head><title>Budget</title></head><body>\(body)</body></html>".utf8)
            #expect(Self.outcome(bytes, filtered: true) == Self.outcome(bytes, filtered: false))
        }
    }

    /// Pages of many nested or unclosed elements the filter reads (it once overflowed the stack
    /// on the first and took minutes on the second): the same outcome with and without it.
    @Test func pagesOfUnclosedElementsGiveTheSameRecord() {
        for body in [
            String(repeating: "<template>", count: 100_000),
            "<p>x</p>" + String(repeating: "<noscript><img src=a.png>", count: 20_000),
        ] {
            let bytes = Array("<html><body>\(body)</body></html>".utf8)
            #expect(Self.outcome(bytes, filtered: true) == Self.outcome(bytes, filtered: false))
        }
    }

    static func page(head: String = "", body: String) -> [UInt8] {
        Array("<!DOCTYPE html><html><head><title>Budget</title>\(head)</head><body>\(body)</body></html>".utf8)
    }

    static let paragraph =
        "<p>" + String(repeating: "The council met on Monday to discuss the budget. ", count: 6) + "</p>"

    /// A `<template>` (or `<noscript>`) whose `<div>` is left open: libxml2 keeps it open, and the
    /// article after it inside; the filter leaves it to libxml2 instead of cutting it.
    @Test func aTemplateWithAnOpenDivGivesTheSameRecord() {
        for name in ["template", "noscript"] {
            let bytes = Self.page(
                body: "<nav><ul><\(name)><li><div class=\"menu\">Menu</li></\(name)></ul></nav>"
                    + "<article>\(Self.paragraph)\(Self.paragraph)</article>")
            #expect(Self.outcome(bytes, filtered: true) == Self.outcome(bytes, filtered: false), "\(name)")
        }
    }

    /// A JSON-LD type written with a character reference is read once libxml2 decodes it.
    @Test func aJSONLDTypeWithAReferenceGivesTheSameRecord() throws {
        let bytes = Self.page(
            head: #"<script type="application/ld&#x2B;json">{"@type":"NewsArticle","datePublished":"2020-03-04"}"#
                + "</script>",
            body: "<article>\(Self.paragraph)</article>")
        #expect(Self.outcome(bytes, filtered: true) == Self.outcome(bytes, filtered: false))
        #expect(try extract(bytes).published?.hasPrefix("2020-03-04") == true)
    }

    /// A style before `<html>`: libxml2 opens `<html>` for it and drops the later tag's `lang`.
    @Test func aStyleBeforeTheHTMLTagGivesTheSameRecord() {
        let bytes = Array(
            ("<style>p{}</style>\n<!DOCTYPE html><html lang=\"de\"><head><title>Haushalt</title></head>"
                + "<body>\(Self.paragraph)</body></html>").utf8)
        #expect(Self.outcome(bytes, filtered: true) == Self.outcome(bytes, filtered: false))
    }

    /// Whitespace on both sides of a cut element is one run with the filter, two without:
    /// the same in code (spaces kept) and in link density (blank bytes count).
    @Test func whitespaceAroundACutElementGivesTheSameRecord() {
        let icon = "\n    <svg><path d=\"M0 0\"/></svg>\n    "
        let code = "<pre><code><span>let x = 1</span>\(icon)<span>let y = 2</span></code></pre>"
        let links = (1...6).map { "<li><a href=\"/s\($0)\">Section \($0)</a>\(icon)\(icon)\(icon)</li>" }.joined()
        for body in [
            "<article>\(Self.paragraph)\(code)\(Self.paragraph)</article>",
            "<article>\(Self.paragraph)<ul>\(links)</ul>\(Self.paragraph)</article>",
        ] {
            let bytes = Self.page(body: body)
            #expect(Self.outcome(bytes, filtered: true) == Self.outcome(bytes, filtered: false))
        }
    }

    @Test func everyRealPageGivesTheSameRecordWithAndWithoutTheFilter() throws {
        #expect(Self.pages.count >= 30)
        var differing: [String] = []
        for page in Self.pages {
            let bytes = try Self.bytes(of: page)
            if Self.outcome(bytes, filtered: true) != Self.outcome(bytes, filtered: false) {
                differing.append(page.lastPathComponent)
            }
        }
        #expect(differing.isEmpty, "records differ with the filter: \(differing)")
    }

    /// The same on WCXB and Fundus (a sample), in shards that run side by side.
    @Test(
        .enabled(
            if: !developmentPages.isEmpty,
            "../shared/bench/wcxb/html and ../shared/bench/fundus/html are not beside the checkout: not checked"),
        arguments: 0..<developmentShards)
    func everyDevelopmentSetPageGivesTheSameRecordWithAndWithoutTheFilter(shard: Int) throws {
        var differing: [String] = []
        for (k, page) in Self.checkedDevelopmentPages.enumerated() where k % Self.developmentShards == shard {
            let bytes = try Self.bytes(of: page)
            if Self.outcome(bytes, filtered: true) != Self.outcome(bytes, filtered: false) {
                differing.append(page.lastPathComponent)
            }
        }
        #expect(differing.isEmpty, "records differ with the filter: \(differing)")
    }
}

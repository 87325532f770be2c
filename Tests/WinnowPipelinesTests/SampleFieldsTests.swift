import Foundation
import Testing
import WinnowCore
import WinnowRead

@testable import WinnowPipelines

/// Every field of every sample page (Daily NK English and Korean editions in
/// two theme generations, EUC-KR pages, plain-text scrapes, a generic site)
/// against the ground truth that `scripts/make-samples.py` writes from its
/// own article data: `Fixtures/samples-expected.json`. And no noise line of
/// a page (byline, credits, captions, related titles, policy and contact
/// lines, menus) may survive in `text`.
@Suite("Sample pages, field by field")
struct SampleFieldsTests {
    struct Expected: Decodable, Sendable {
        struct Link: Decodable, Equatable, Sendable {
            var title: String?
            var url: String
        }
        struct Alternate: Decodable, Equatable, Sendable {
            var language: String?
            var url: String
        }
        struct Note: Decodable, Equatable, Sendable {
            var text: String
            var paragraph: Int
        }
        struct Paragraph: Decodable, Equatable, Sendable {
            var text: String
            var kind: String
        }
        var title: String?
        var authors: [String]
        var published: String?
        var modified: String?
        var site_name: String?
        var language: String?
        var translators: [String]
        var editors: [String]
        var original_language: String?
        var original_url: String?
        var notes: [Note]
        var alternates: [Alternate]
        var captions: [String]
        var related: [Link]
        var paragraphs: [Paragraph]
        var boilerplate: [String]
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    static let expected: [String: Expected] = {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path + "/Fixtures/samples-expected.json"
        // The fixture is committed; a decoding failure is a broken checkout.
        return try! JSONDecoder().decode([String: Expected].self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }()

    static let pipeline = try! StandardStages.defaultPipeline().makePipeline(catalog: StandardStages.catalog)

    static func record(_ key: String) throws -> Record {
        let path = root + "/Samples/" + key
        let ref = InputRef(key: key, kind: key.hasSuffix(".gz") ? .gzip : .file, location: path)
        let content = try LocalFileLoader().load(ref)
        var page = Page(input: ref, content: content)
        guard case .kept = pipeline.run(&page) else { throw ConfigurationError("\(key) did not become a record") }
        return page.record
    }

    @Test(arguments: expected.keys.sorted())
    func fields(of key: String) throws {
        let want = try #require(Self.expected[key])
        let got = try Self.record(key)
        #expect(got.title == want.title, "title")
        #expect(got.authors == want.authors, "authors")
        #expect(got.published == want.published, "published")
        #expect(got.modified == want.modified, "modified")
        #expect(got.siteName == want.site_name, "site_name")
        #expect(got.language == want.language, "language")
        #expect((got.translation?.translators ?? []) == want.translators, "translators")
        #expect((got.translation?.editors ?? []) == want.editors, "editors")
        #expect(got.translation?.originalLanguage == want.original_language, "original_language")
        #expect(got.translation?.originalURL == want.original_url, "original_url")
        #expect(
            (got.translation?.notes ?? []).map { Expected.Note(text: $0.text, paragraph: $0.paragraph) } == want.notes,
            "notes")
        #expect(
            got.alternates.map { Expected.Alternate(language: $0.language, url: $0.url) } == want.alternates,
            "alternates")
        #expect(got.captions == want.captions, "captions")
        #expect(got.related.map { Expected.Link(title: $0.title, url: $0.url ?? "") } == want.related, "related")
        #expect(got.paragraphs.map(\.text) == want.paragraphs.map(\.text), "paragraph texts")
        #expect(got.paragraphs.map(\.kind.rawValue) == want.paragraphs.map(\.kind), "paragraph kinds")
        let text = got.text ?? ""
        let leaks = want.boilerplate.filter { text.contains($0) }
        #expect(leaks.isEmpty, "boilerplate left in text: \(leaks)")
    }
}

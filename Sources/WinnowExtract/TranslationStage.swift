import Foundation
import WinnowCore

/// What `extract`'s walk found that bears on translation: credit lines and
/// language links it took out of the body, the page's `hreflang` links and
/// all its links. Attached by ``ExtractStage`` for ``TranslationStage``.
public struct TranslationEvidence: Sendable {
    var finds: FurnitureFinds
    var hreflangLinks: [(language: String, url: String)] = []
    var links: [(text: String, url: String)] = []
    /// The site profile's extra language-link texts.
    var languageLinks: [String: String] = [:]
    var pageLanguage: String?
    var base: URL?
    /// A plain-text page: a language link names the original's language, its URL is lost.
    var plainText: Bool
}

/// `translation`: translator and editor credits, bracketed editorial notes
/// (`[Chinese]`), links to the same article in other languages (`hreflang`,
/// "Read in Korean", "영문 보기"), and for a translated page the original's
/// language and URL. Sets `translation` and `alternates`; needs `extract`
/// (which takes credit lines and language links out of the body whether
/// this stage runs or not).
public struct TranslationStage: Stage {
    public let name = "translation"

    public init() {}

    public static let definition = StageDefinition(
        name: "translation",
        summary:
            "Translator/editor credits, bracketed editorial notes, cross-language links, original language and URL.",
        options: [], requires: ["extract"],
        make: { _ in TranslationStage() })

    public func process(_ page: inout Page) throws -> StageOutcome {
        guard let evidence = page.attachments[TranslationEvidence.self] else { return .keep }
        let notes = Self.bracketedNotes(page.record.paragraphs)
        if evidence.plainText {
            page.record.translation = evidence.finds.translation(
                original: evidence.finds.linkedLanguages.first.map { ($0, nil) }, notes: notes)
            return .keep
        }
        let base = evidence.base
        let pageLanguage = evidence.pageLanguage
        var alternates: [Record.Alternate] = []
        func addAlternate(_ language: String?, _ url: String) {
            let absolute = RecordAssembler.absolute(url, base: base)
            guard !alternates.contains(where: { $0.url == absolute }) else { return }
            alternates.append(Record.Alternate(language: language, url: absolute))
        }
        for link in evidence.hreflangLinks where link.language.lowercased() != "x-default" {
            let language = RecordAssembler.languageCode(link.language)
            if let pageLanguage, language == pageLanguage { continue }
            if pageLanguage == nil, let canonical = page.record.canonicalURL,
                RecordAssembler.absolute(link.url, base: base) == canonical
            {
                continue
            }
            addAlternate(language, link.url)
        }
        // Links such as "Read in Korean" (most are dropped from the body as link text, so all links are looked at).
        var languageLinkTargets: [(language: String, url: String)] = []
        for link in evidence.links {
            guard
                let language = PageFurniture.languageOfLink(link.text, extra: evidence.languageLinks)
                    ?? LanguageLinkText.language(of: link.text, allowsBareName: true).flatMap({ language in
                        // A bare name: only a link to a page, not to a language's front page.
                        LanguageLinkText.isArticleURL(RecordAssembler.absolute(link.url, base: base)) ? language : nil
                    }),
                language != pageLanguage
            else { continue }
            addAlternate(language, link.url)
            languageLinkTargets.append((language, RecordAssembler.absolute(link.url, base: base)))
        }
        page.record.alternates = alternates
        page.record.translation = evidence.finds.translation(
            original: languageLinkTargets.first.map { ($0.language, $0.url) }, notes: notes)
        return .keep
    }

    /// Editorial insertions such as `[Chinese]` with the index of their paragraph.
    static func bracketedNotes(_ paragraphs: [Record.Paragraph]) -> [Record.Translation.Note] {
        var notes: [Record.Translation.Note] = []
        for (index, paragraph) in paragraphs.enumerated() where paragraph.text.containsByte(UInt8(ascii: "[")) {
            var rest = paragraph.text[...]
            while let open = rest.firstIndex(of: "[") {
                guard let close = rest[open...].firstIndex(of: "]") else { break }
                let inside = rest[rest.index(after: open)..<close]
                if (1...40).contains(inside.count), inside.contains(where: { $0.isLetter }), !inside.contains("["),
                    !inside.allSatisfy({ $0.isNumber || $0 == " " || $0 == "," })
                {
                    notes.append(Record.Translation.Note(text: "[" + inside + "]", paragraph: index))
                }
                rest = rest[rest.index(after: close)...]
            }
        }
        return notes
    }

}

import Foundation
import WinnowBytes
import WinnowCore
import WinnowHTML

/// What a short line of a news page is when it is not article text: the
/// lines a naive scrape leaves in (see the seeds), each either captured in
/// a record field or dropped. Generic rules; a site profile adds phrases.
public enum PageFurniture: Equatable, Sendable {
    /// `By Name`, `Name | 2016-08-10 17:02`, `Name 기자`.
    case byline(authors: [String], date: WrittenDate?)
    /// `*Translated by A`, `Translated by A. Edited by B.`, `번역: A`.
    case credit(translators: [String], editors: [String])
    /// `Read in Korean`, `영문 보기`: a link to the article in another language.
    case languageLink(language: String)
    /// `FILE PHOTO: ...`, `Photo: ...`, `사진=...`.
    case caption
    /// `Related Articles`, `관련기사`: the heading of a related list.
    case relatedHeading
    /// Comment policy, contact line, copyright, syndication note, a profile's boilerplate.
    case boilerplate

    /// The line's part of the record, gathered into `finds`.
    func add(_ line: String, to finds: inout FurnitureFinds) {
        switch self {
        case .byline(let authors, let date): finds.bylines.append((authors, date))
        case .credit(let translators, let editors):
            finds.translators += translators
            finds.editors += editors
        case .languageLink(let language): finds.linkedLanguages.append(language)
        case .caption: finds.captions.append(line)
        case .relatedHeading, .boilerplate: break
        }
    }

    /// Link texts that point to the same article in another language (a profile can add more).
    public static let languageLinkTexts: [String: String] = [
        "read in korean": "ko", "read in english": "en", "korean version": "ko", "english version": "en",
        "read this article in korean": "ko", "read this article in english": "en", "in korean": "ko",
        "in english": "en",
        "read in japanese": "ja", "read in chinese": "zh", "read in russian": "ru",
        "영문 보기": "en", "영문보기": "en", "영어로 읽기": "en", "영문 기사 보기": "en",
        "한글 보기": "ko", "한국어로 읽기": "ko",
        "한국어판": "ko", "영문판": "en",
    ]

    static let relatedHeadings: Set<String> = [
        "related articles", "related article", "related stories", "related news", "related posts", "related",
        "related content", "related coverage", "see also", "read more", "more stories", "you may also like",
        "you might also like", "you may like", "recommended", "recommended for you", "more on this story",
        "관련기사", "관련 기사", "관련뉴스", "관련 뉴스", "함께 볼 기사", "你可能还喜欢",
        "相关新闻", "相关文章", "関連記事",
        "você pode gostar", "veja também", "leia também", "leia mais", "te puede interesar", "lea también",
        "noticias relacionadas", "lire aussi", "à lire aussi", "sur le même sujet", "mehr zum thema",
        "das könnte sie auch interessieren", "читайте также", "похожие новости",
        "по теме",
    ]

    /// The byte counts of ``relatedHeadings``: a text of another length is unhashed.
    static let relatedHeadingLengths = Set(relatedHeadings.map(\.utf8.count))

    /// Whether lowercased `text` is one of ``relatedHeadings``.
    static func isRelatedHeading(_ text: String) -> Bool {
        relatedHeadingLengths.contains(text.utf8.count) && relatedHeadings.contains(text)
    }

    /// Whether `text` lowercased is one of ``relatedHeadings`` (ASCII text
    /// keeps its length when lowercased: of another length, it is not lowercased).
    static func isRelatedHeading(lowercasing text: String) -> Bool {
        if !relatedHeadingLengths.contains(text.utf8.count), text.utf8.allSatisfy({ $0 < 0x80 }) { return false }
        return isRelatedHeading(text.lowercased())
    }

    /// First bytes of the credit and caption prefixes: most lines start with none of them.
    static let creditFirstBytes = Set(creditStarts.compactMap(\.utf8.first))
    static let captionFirstBytes = Set(captionPrefixes.compactMap(\.utf8.first))
    static let captionPrefixes = [
        "file photo:", "file photo -", "photo:", "photo -", "photos:", "image:", "picture:", "pictured:", "above:",
        "caption:", "자료사진:", "자료사진=", "사진=", "(사진=", "사진:", "▲",
    ]

    /// The language a link's text points to ("Read in Korean" → `ko`), or nil.
    public static func languageOfLink(_ text: String, extra: [String: String] = [:]) -> String? {
        guard text.unicodeScalarCount <= 40 else { return nil }
        // Hashing a string is the cost here: the empty extra list and texts of another length go unhashed.
        if !extra.isEmpty, let language = extra[text] { return language }
        let bare: String
        if let bounds = asciiBareBounds(text) {
            // ASCII keeps its length lowercased: of no listed length, no text is made.
            if extra.isEmpty, !languageLinkLengths.contains(bounds.count) {
                return LanguageLinkText.language(of: text, allowsBareName: false)
            }
            bare = asciiLowercased(text, bounds)
        } else {
            bare = text.lowercased().trimmed(linkPunctuation)
        }
        if !extra.isEmpty, let language = extra[bare] { return language }
        if languageLinkLengths.contains(bare.utf8.count), let language = languageLinkTexts[bare] { return language }
        return LanguageLinkText.language(of: text, allowsBareName: false)
    }

    /// The byte counts of ``languageLinkTexts``' keys.
    static let languageLinkLengths = Set(languageLinkTexts.keys.map(\.utf8.count))

    /// `text.lowercased().trimmed(linkPunctuation)` for ASCII text, on the
    /// bytes (most link texts); nil for anything else.
    static func asciiBare(_ text: String) -> String? {
        asciiBareBounds(text).map { asciiLowercased(text, $0) }
    }

    /// The byte range of ASCII `text` without the leading and trailing
    /// characters `linkPunctuation` and whitespace trim; nil when `text` is not ASCII.
    static func asciiBareBounds(_ text: String) -> Range<Int>? {
        var text = text
        return text.withUTF8 { bytes -> Range<Int>? in
            guard bytes.span.isASCII else { return nil }
            // The ASCII members of `linkPunctuation`, and ASCII whitespace (`Character.isWhitespace`).
            func trims(_ c: UInt8) -> Bool {
                c == 0x2A || c == 0x3A || c == 0x3E || c == 0x2E || c == 0x7C || c == 0x20 || (c >= 0x09 && c <= 0x0D)
            }
            var start = 0
            var end = bytes.count
            while start < end, trims(bytes[start]) { start += 1 }
            while end > start, trims(bytes[end - 1]) { end -= 1 }
            // "\r\n" is one Character: trimming by bytes removes it whole as trimming by Characters does.
            return start..<end
        }
    }

    /// The ASCII bytes of `text` in `bounds`, lowercased, as one new string.
    private static func asciiLowercased(_ text: String, _ bounds: Range<Int>) -> String {
        var text = text
        return text.withUTF8 { TextNormalizer.asciiLowercased(UnsafeBufferPointer(rebasing: $0[bounds])) }
    }

    /// The kind of furniture `text` is, or nil for article text.
    /// `languageLinks` and `boilerplatePhrases` extend the generic lists.
    /// `scalars`: the length of `text` in Unicode scalars, when the caller has it.
    public static func classify(
        _ text: String, scalars: Int? = nil, languageLinks: [String: String] = [:], boilerplatePhrases: [String] = []
    ) -> PageFurniture? {
        // Most lines are article text: cheap tests on length and prefix first.
        let bytes = text.utf8.count
        guard bytes <= 1600 else { return nil }
        let scalars = scalars ?? text.unicodeScalarCount
        guard scalars <= 400 else { return nil }
        // One byte a scalar: ASCII only, so no Hangul or other non-ASCII phrase needs a search.
        let ascii = bytes == scalars
        if scalars <= 40, let language = languageOfLink(text, extra: languageLinks) {
            return .languageLink(language: language)
        }
        let head = text.asciiLowercasedPrefix(40)
        if scalars <= 60 {
            let bare = head.trimmed(linkPunctuation)
            if isRelatedHeading(bare) || bare.hasBytePrefix("more from ") { return .relatedHeading }
        }
        let firstByte = head.utf8.first ?? 0
        if scalars <= 200,
            creditFirstBytes.contains(firstByte) && creditStarts.contains(where: { head.hasBytePrefix($0) })
                || !ascii && (text.containsBytes("번역") || text.containsBytes("감수")),
            let credit = credit(text)
        {
            return credit
        }
        for phrase in boilerplatePhrases where !phrase.isEmpty && text.containsBytes(phrase) { return .boilerplate }
        if captionFirstBytes.contains(firstByte), captionPrefixes.contains(where: { head.hasBytePrefix($0) }) {
            return .caption
        }
        if scalars <= CaptionLine.longestCaption, CaptionLine.endsWithCredit(text, scalars: scalars) { return .caption }
        if scalars <= AdvertisementLabel.longestLabel, AdvertisementLabel.isLabel(text, scalars: scalars) {
            return .boilerplate
        }
        if isBoilerplate(text, head: head, ascii: ascii) { return .boilerplate }
        if scalars <= 120, let byline = byline(text, ascii: ascii) { return byline }
        return nil
    }

    static let linkPunctuation: Set<Character> = ["*", ":", ">", "»", "›", ".", "|", "…"]

    /// How credit lines start (lowercased, after an optional `*`).
    static let creditStarts = [
        "translat", "*translat", "* translat", "edited by", "*edited by", "english translation", "(translat",
        "[translat",
    ]

    // MARK: Credits

    /// `*Translated by A`, `Translated by A and B`, `Translated by A. Edited by B.`,
    /// `Translated and edited by A`, `Edited by B`, `번역: A`, `A 번역`, `번역 A / 감수 B`.
    static func credit(_ text: String) -> PageFurniture? {
        let rest = text.trimmed(["*", "(", ")", "[", "]"])
        guard rest.unicodeScalarCount <= 160 else { return nil }
        var translators: [String] = []
        var editors: [String] = []
        // English, clause by clause: a clause ends at ". " before the next
        // credit ("Translated by A. Edited by B."), not at initials ("Jane Q. Doe").
        var marked = rest
        for next in ["Edited", "Translated", "Translation", "Editing", "edited", "translated"] {
            marked = marked.replacingOccurrences(of: ". " + next, with: ".\n" + next)
        }
        let clauses = marked.split(separator: "\n").map {
            $0.trimmed([".", "*", ";"])
        }
        var english = true
        var englishTranslators: [String] = []
        var englishEditors: [String] = []
        for clause in clauses where !clause.isEmpty {
            let lower = clause.lowercased()
            if let names = after(
                ["translated and edited by ", "translation and editing by "], in: clause, lower: lower)
            {
                englishTranslators += names
                englishEditors += names
            } else if let names = after(
                [
                    "translated by ", "translation by ", "english translation by ", "translated from korean by ",
                    "translator: ",
                ], in: clause, lower: lower)
            {
                englishTranslators += names
            } else if let names = after(["edited by ", "editing by ", "editor: "], in: clause, lower: lower) {
                englishEditors += names
            } else {
                english = false
            }
        }
        if english && !(englishTranslators.isEmpty && englishEditors.isEmpty) {
            return .credit(translators: englishTranslators, editors: englishEditors)
        }
        // Korean: "번역: A", "번역 A", "A 번역", "감수: B", "편집: B", separated by "/" or ",".
        for part in rest.split(whereSeparator: { $0 == "/" || $0 == "|" || $0 == "·" }) {
            let clause = part.trimmed()
            for (label, isTranslator) in [("번역", true), ("감수", false), ("편집", false)] {
                var names: String?
                if clause.hasBytePrefix(label) {
                    names = clause.dropFirst(label.count).trimmed([":", "：", "="])
                } else if clause.hasSuffix(" " + label) {
                    names = String(clause.dropLast(label.count + 1))
                }
                guard let names, !names.isEmpty else { continue }
                let cleaned = AuthorNames.clean(names)
                if isTranslator { translators += cleaned } else { editors += cleaned }
            }
        }
        return translators.isEmpty && editors.isEmpty ? nil : .credit(translators: translators, editors: editors)
    }

    private static func after(_ prefixes: [String], in clause: String, lower: String) -> [String]? {
        for prefix in prefixes where lower.hasBytePrefix(prefix) {
            let names = AuthorNames.clean(String(clause.dropFirst(prefix.count)))
            return names.isEmpty ? nil : names
        }
        return nil
    }

    // MARK: Bylines

    /// A short line naming the author and maybe the date: `By A and B`,
    /// `A | 2016-08-10 17:02`, `A 기자 | 2019.07.23`, `By A, Staff Writer`.
    static func byline(_ text: String, ascii: Bool = false) -> PageFurniture? {
        let scalars = text.unicodeScalarCount
        guard scalars <= 120 else { return nil }
        // Cheap refusals first: most short lines are no byline.
        let head = text.asciiLowercasedPrefix(12)
        let startsWithBy = head.hasBytePrefix("by ") || head.hasBytePrefix("written by ")
        // `ascii`: the caller knows the text is ASCII, so the non-ASCII marks need no search.
        let korean = !ascii && (text.containsBytes("기자") || text.containsBytes("특파원"))
        let separated =
            text.containsByte(UInt8(ascii: "|")) || !ascii && (text.containsBytes("·") || text.containsBytes("│"))
        guard startsWithBy || korean || (separated && text.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 })) else {
            return nil
        }
        let parts = text.split(whereSeparator: { $0 == "|" || $0 == "·" || $0 == "│" }).map { $0.trimmed() }.filter {
            !$0.isEmpty
        }
        var date: WrittenDate?
        var nameParts: [String] = []
        for part in parts {
            if date == nil, let found = DateReader.read(part), part.contains(where: { $0.isNumber }) {
                date = found
                // "By A on August 10, 2016": the words before the date can be the name.
                if let range = part.range(of: " on ", options: .caseInsensitive) {
                    nameParts.append(String(part[..<range.lowerBound]))
                }
            } else {
                nameParts.append(part)
            }
        }
        let namedAsReporter = nameParts.contains { $0.hasSuffix("기자") || $0.hasSuffix("특파원") }
        guard startsWithBy || namedAsReporter || (date != nil && !nameParts.isEmpty && parts.count >= 2) else {
            return nil
        }
        // A name part is a few words, not a sentence.
        let candidates = nameParts.filter { part in
            part.split(separator: " ").count <= 8 && !part.contains(where: { "!?\"“”".contains($0) })
        }
        let authors = AuthorNames.clean(candidates.joined(separator: ", "))
        // "By Tuesday, prices had doubled." is a sentence: in a byline every
        // name is capitalized (scripts without case pass).
        guard !authors.isEmpty, authors.allSatisfy(looksLikeName) else { return nil }
        return .byline(authors: authors, date: date)
    }

    static let nameParticles: Set<Substring> = [
        "de", "da", "di", "del", "der", "den", "van", "von", "bin", "binti", "al", "el", "la", "le", "du", "dos", "das",
        "y",
    ]

    /// Every word starts with an uppercase letter (or is a particle such as
    /// `van`, or is in a script without case), and the name is not a single
    /// weekday or month.
    static func looksLikeName(_ name: String) -> Bool {
        let words = name.split(separator: " ")
        if words.count == 1, DateReader.months[name.lowercased()] != nil || weekdays.contains(name.lowercased()) {
            return false
        }
        return words.allSatisfy { word in
            guard let first = word.first else { return false }
            return first.isUppercase || !first.isCased || nameParticles.contains(word)
        }
    }

    static let weekdays: Set<String> = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

    // MARK: Boilerplate

    /// `name@host.tld` somewhere in the text: a word character before the `@`,
    /// and a dot followed by two letters after it, within the same word.
    static func containsEmailAddress(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        for (i, byte) in bytes.enumerated() where byte == UInt8(ascii: "@") && i > 0 {
            let before = bytes[i - 1]
            guard before.isASCIIAlphanumeric || before == UInt8(ascii: ".") || before == UInt8(ascii: "_") else {
                continue
            }
            // A label of two or more characters after a dot (a trailing sentence dot does not count).
            var j = i + 1
            var sawDot = false
            var labelAfterDot = 0
            while j < bytes.count,
                bytes[j].isASCIIAlphanumeric || bytes[j] == UInt8(ascii: ".") || bytes[j] == UInt8(ascii: "-")
            {
                if bytes[j] == UInt8(ascii: ".") {
                    sawDot = true
                    labelAfterDot = 0
                } else if sawDot {
                    labelAfterDot += 1
                    if labelAfterDot >= 2 { return true }
                }
                j += 1
            }
        }
        return false
    }

    /// How copyright and syndication notes start (lowercased); ``isBoilerplate(_:head:ascii:)``
    /// reads them only after a line's first byte (a test keeps the two in step).
    static let boilerplateStarts = [
        "copyright", "©", "ⓒ", "(c) ", "저작권자", "this article first appeared",
        "this article was originally published",
        "this story first appeared", "originally published",
    ]

    static func isBoilerplate(_ text: String, head: String, ascii: Bool = false) -> Bool {
        func has(_ needle: String) -> Bool { text.containsBytes(needle) }
        // Copyright and syndication notes; most lines start with no first byte of theirs.
        switch head.utf8.first {
        case UInt8(ascii: "c"), UInt8(ascii: "("), UInt8(ascii: "t"), UInt8(ascii: "o"), 0xC2, 0xE2, 0xEC:
            if boilerplateStarts.contains(where: head.hasBytePrefix) { return true }
        case UInt8(ascii: "a"):
            if head.hasBytePrefix("advertisement") && text.count < 30 { return true }
        default:
            break
        }
        // One search gates several (each is a pass over the text).
        if !ascii && (has("무단전재") || has("무단 전재"))
            || has("ights") && (has("All rights reserved") || has("all rights reserved") || has("All Rights Reserved"))
        {
            return true
        }
        if !ascii && has("삭제됩니다") && (has("댓글") || has("광고") || has("링크")) { return true }
        guard has("will be ") && (has("will be deleted") || has("will be removed")) || has("@") else { return false }
        let lower = text.lowercased()
        // Comment policy.
        if (lower.containsBytes("will be deleted") || lower.containsBytes("will be removed"))
            && ["comment", "link", "advertis", "language"].contains(where: lower.containsBytes)
        {
            return true
        }
        // Contact lines.
        if containsEmailAddress(lower),
            [
                "question", "comment", "contact", " tip", "e-mail", "email", "reach", "write to", "문의", "제보",
                "의견",
            ]
            .contains(where: lower.containsBytes)
        {
            return true
        }
        return false
    }
}

/// What the furniture lines of one page give to its record, in page order.
struct FurnitureFinds {
    var bylines: [(authors: [String], date: WrittenDate?)] = []
    var translators: [String] = []
    var editors: [String] = []
    var captions: [String] = []
    /// Languages named by language links ("Read in Korean" → `ko`).
    var linkedLanguages: [String] = []

    /// The record's `translation`: credits (each name once), the original a
    /// translated page links to, bracketed notes; nil when there is none.
    func translation(original: (language: String, url: String?)?, notes: [Record.Translation.Note]) -> Record
        .Translation?
    {
        var translation = Record.Translation()
        translation.translators = unique(translators)
        translation.editors = unique(editors)
        if !translation.translators.isEmpty, let original {
            translation.originalLanguage = original.language
            translation.originalURL = original.url
        }
        translation.notes = notes
        let empty =
            translation.translators.isEmpty && translation.editors.isEmpty && notes.isEmpty
            && translation.originalLanguage == nil
        return empty ? nil : translation
    }
}

/// `values` without repeats, first occurrence kept.
func unique(_ values: [String]) -> [String] {
    var seen = Set<String>()
    return values.filter { seen.insert($0).inserted }
}

extension UInt8 {
    fileprivate var isASCIIAlphanumeric: Bool {
        (self >= 0x30 && self <= 0x39) || (self | 0x20 >= 0x61 && self | 0x20 <= 0x7A)
    }
}

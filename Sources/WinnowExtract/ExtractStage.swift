import Foundation
import WinnowCore
import WinnowHTML

/// Decodes, parses and extracts one page into the record: the article's
/// paragraphs, its metadata (title, authors, dates, site, tags, alternates,
/// translation credits and notes, captions, related links) and page
/// furniture removed from the body, sharpened by a site profile when one
/// covers the page.
public struct ExtractStage: Stage {
    public let name = "extract"
    /// Pages larger than this are rejected before parsing.
    public var maxBytes: Int
    /// Pages with less body text than this are rejected as having no text.
    public var minTextCharacters: Int
    /// Parsing that takes longer is abandoned and the page rejected.
    public var maxParseTime: Duration
    /// Pages with more tags (counted after the pre-parse filter) are
    /// rejected: a page made of tiny elements costs the extractor and, for
    /// profile pages, libxml2's tree (~40 bytes per input byte) the most.
    public var maxTags: Int
    /// Keep only the article's block (Readability-style scoring), not every paragraph outside chrome.
    public var useMainContent = true
    /// Cut scripts, styles, SVG, comments and page landmarks out before libxml2 parses the page (``ParseFilter``).
    public var usePreParseFilter = true
    /// Site profiles that sharpen extraction for the sites they cover.
    public var siteProfiles = SiteProfiles([])

    public init(maxBytes: Int = 20_000_000, minTextCharacters: Int = 1, maxParseTime: Duration = .seconds(10), maxTags: Int = 500_000) {
        self.maxBytes = maxBytes
        self.minTextCharacters = minTextCharacters
        self.maxParseTime = maxParseTime
        self.maxTags = maxTags
    }

    /// Below this many bytes of body text, a walk without class hints is tried.
    static let shortBodyBytes = 200

    public static let definition = StageDefinition(
        name: "extract",
        summary: "Decode, parse (libxml2) and extract the article: body paragraphs, title, authors, dates, credits, captions, related and cross-language links.",
        options: [
            OptionSpec("max_bytes", default: .int(20_000_000), help: "Reject pages larger than this many bytes."),
            OptionSpec("min_text_chars", default: .int(1), help: "Reject pages whose body text is shorter than this."),
            OptionSpec("max_parse_seconds", default: .double(10), help: "Abandon and reject a page whose parsing takes longer."),
            OptionSpec("max_tags", default: .int(500_000), help: "Reject pages with more tags (each '<' left after the pre-parse filter counts) than this."),
            OptionSpec("site_profiles", default: .string("built-in"), help: "Site profiles: 'built-in' (those of Pipelines/sites/, compiled in), 'none', or a folder of YAML profiles."),
        ],
        make: {
            var stage = ExtractStage(maxBytes: $0.int("max_bytes"), minTextCharacters: $0.int("min_text_chars"),
                                     maxParseTime: .milliseconds(Int($0.double("max_parse_seconds") * 1000)), maxTags: $0.int("max_tags"))
            switch $0.string("site_profiles") {
            case "built-in": stage.siteProfiles = SiteProfiles.builtIn()
            case "none", "": stage.siteProfiles = SiteProfiles([])
            case let folder: stage.siteProfiles = try SiteProfiles.load(folder: folder)
            }
            return stage
        })

    public func process(_ page: inout Page) throws -> StageOutcome {
        var bytes = page.content.bytes
        guard !bytes.isEmpty else { throw StageFailure(stage: name, reason: "empty file") }
        guard bytes.count <= maxBytes else {
            throw StageFailure(stage: name, reason: "page too large: \(bytes.count) bytes, over the limit max_bytes=\(maxBytes)")
        }
        if let kind = ContentSniffer.binaryKind(bytes) {
            throw StageFailure(stage: name, reason: "not a text page: looks like \(kind)")
        }
        if ByteScan.contains(0, in: bytes), !bytes.starts(with: [0xFF, 0xFE]), !bytes.starts(with: [0xFE, 0xFF]) {
            let before = bytes.count
            bytes.removeAll { $0 == 0 }
            page.record.warnings.append("removed \(before - bytes.count) NUL bytes")
        }
        let decoded = CharsetSniffer.decode(bytes, declared: page.content.declaredCharset)
        page.record.warnings.append(contentsOf: decoded.warnings)
        page.record.charset = decoded.encoding

        switch page.content.format {
        case .text:
            extractPlainText(decoded.utf8, into: &page.record)
        case .html:
            var utf8 = decoded.utf8
            if DoctypeSubset.remove(from: &utf8) {
                page.record.warnings.append("removed the DOCTYPE's internal subset (its entities are never expanded)")
            }
            try extractHTML(utf8, into: &page)
        }

        let text = page.record.paragraphs.map(\.text).joined(separator: "\n\n")
        // Unicode scalars, not Characters: counting grapheme clusters costs a pass of its own.
        let length = text.unicodeScalarCount
        guard length >= minTextCharacters else {
            // Say why when the parser dropped the text (a page nested too deep).
            let cause = page.record.warnings.first { $0.hasPrefix("elements nested deeper") }.map { "; \($0)" } ?? ""
            throw StageFailure(stage: name, reason: "no body text (\(length) characters, min_text_chars=\(minTextCharacters))\(cause)")
        }
        page.record.text = text
        return .keep
    }

    /// Streams the page through the extractor (no tree); a page whose
    /// site profile has layouts is parsed again as a tree for their XPath.
    private func extractHTML(_ utf8: [UInt8], into page: inout Page) throws {
        let input = parserInput(utf8, cutting: .classHints)
        // Counted on what libxml2 will parse.
        let tags = ByteScan.count(of: UInt8(ascii: "<"), in: input)
        guard tags <= maxTags else {
            throw StageFailure(stage: name, reason: "too many tags: \(tags), over the limit max_tags=\(maxTags)")
        }
        var extractor = ArticleExtractor()
        let issues = try stream(input, url: page.content.url, into: &extractor)
        if issues.depthExceeded {
            page.record.warnings.append("elements nested deeper than libxml2's limit of 256 levels were dropped")
        }
        if issues.hugeText {
            page.record.warnings.append("a text or attribute over libxml2's 10 MB limit was cut")
        }
        if extractor.paragraphs.reduce(0, { $0 + $1.text.utf8.count }) < Self.shortBodyBytes {
            var plain = ArticleExtractor()
            plain.usesClassHints = false
            _ = try stream(parserInput(utf8, cutting: .hiddenOnly), url: page.content.url, into: &plain)
            if plain.paragraphs.reduce(0, { $0 + $1.text.utf8.count }) > 2 * Self.shortBodyBytes {
                extractor = plain
                page.record.warnings.append("class hints dropped nearly all text; extracted without them")
            }
        }

        var assembler = RecordAssembler(extractor: extractor, url: page.record.url, profiles: siteProfiles, useMainContent: useMainContent)
        var document: HTMLDocument?
        if assembler.needsDocument {
            let tree: HTMLDocument
            do {
                // No block cut by class: a profile's XPath may name any element.
                tree = try HTMLDocument(utf8: parserInput(utf8, cutting: .landmarksOnly), url: page.content.url, timeLimit: maxParseTime)
            } catch {
                throw StageFailure(stage: name, reason: "HTML parse failed: \(error.reason)")
            }
            // Walked again so that element ids match the tree's XPath results.
            var walked = ArticleExtractor()
            walked.usesClassHints = extractor.usesClassHints
            tree.walk(&walked)
            assembler = RecordAssembler(extractor: walked, url: page.record.url, profiles: siteProfiles, useMainContent: useMainContent)
            document = tree
        }
        assembler.assemble(into: &page.record, document: document)
    }

    /// What the pre-parse filter cuts besides scripts, styles and comments.
    private enum Cut {
        /// Landmarks, and `div`/`section` blocks the extractor skips unread with class hints.
        case classHints
        /// Landmarks, and hidden blocks (the walk without class hints).
        case hiddenOnly
        /// Landmarks only, and every attribute kept (a profile's XPath may name any).
        case landmarksOnly
    }

    /// The page as libxml2 will read it (``ParseFilter``): what the extractor
    /// would skip whole is cut out before parsing.
    private func parserInput(_ utf8: [UInt8], cutting cut: Cut) -> [UInt8] {
        guard usePreParseFilter else { return utf8 }
        let skips: (CommonAttributes) -> Bool = switch cut {
        case .classHints: { ArticleExtractor.skipsUnread($0, usesClassHints: true) }
        case .hiddenOnly: { ArticleExtractor.skipsUnread($0, usesClassHints: false) }
        case .landmarksOnly: { _ in false }
        }
        // The profile's tree keeps every attribute and meta tag (its XPath may name any).
        let stream = cut != .landmarksOnly
        return ParseFilter.filter(utf8, skips: skips, keepingAttributes: stream ? ArticleExtractor.readAttributes : nil,
                                  headTags: stream ? ArticleExtractor.readHeadTags : nil).bytes
    }

    private func stream(_ utf8: [UInt8], url: String?, into extractor: inout ArticleExtractor) throws -> ParseIssues {
        do {
            return try HTMLStream.parse(utf8: utf8, url: url, timeLimit: maxParseTime, visitor: &extractor)
        } catch {
            throw StageFailure(stage: name, reason: "HTML parse failed: \(error.reason)")
        }
    }

    /// Plain text (a naive scrape, as in the seeds): paragraphs are
    /// separated by blank lines; a short first line is the headline (or an
    /// image's alt text when a caption line follows it). Lines that are page
    /// furniture (byline, "Read in Korean", credits, captions, "Related
    /// Articles", policy and contact lines) are captured or dropped one by
    /// one, wherever they sit in a paragraph.
    private func extractPlainText(_ utf8: [UInt8], into record: inout Record) {
        let normalized = String(decoding: utf8, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        var lines = normalized.split(separator: "\n", omittingEmptySubsequences: false).map { TextNormalizer.collapse(String($0)) }
        while lines.first?.isEmpty == true { lines.removeFirst() }
        let host = record.url.flatMap { URL(string: $0)?.host }
        let profile = siteProfiles.profile(forHost: host) ?? (host == nil ? siteProfiles.profile(recognizing: normalized) : nil)
        let languageLinks = profile?.languageLinks ?? [:], boilerplate = profile?.boilerplate ?? []
        var finds = FurnitureFinds()
        if let first = lines.first, first.unicodeScalarCount <= 200, lines.dropFirst().contains(where: { !$0.isEmpty }) {
            let next = lines.dropFirst().first { !$0.isEmpty } ?? ""
            if case .caption? = PageFurniture.classify(next), !".!?\"”".contains(first.last ?? ".") {
                finds.captions.append(first)
            } else {
                record.title = first
            }
            lines.removeFirst()
        }
        var paragraphs: [String] = []
        var current: [String] = []
        func endParagraph() {
            if !current.isEmpty { paragraphs.append(current.joined(separator: " ")) }
            current = []
        }
        for line in lines {
            guard !line.isEmpty else { endParagraph(); continue }
            guard let furniture = PageFurniture.classify(line, languageLinks: languageLinks, boilerplatePhrases: boilerplate) else {
                current.append(line)
                continue
            }
            furniture.add(line, to: &finds)
            endParagraph()
        }
        endParagraph()
        record.paragraphs = paragraphs.map { Record.Paragraph(text: $0) }
        record.captions = finds.captions
        record.authors = finds.bylines.first?.authors ?? []
        record.published = finds.bylines.lazy.compactMap(\.date).first?.placed(in: profile?.timeZone).iso8601
        // A translated scrape's "Read in Korean" line names the original's language (its URL is lost).
        record.translation = finds.translation(
            original: finds.linkedLanguages.first.map { ($0, nil) }, notes: RecordAssembler.bracketedNotes(record.paragraphs))
    }
}

import Foundation
import WinnowCore
import WinnowHTML

/// `extract`: one parse and walk of the cleaned page into the record: the
/// article's paragraphs (its block chosen among the page's text), title,
/// authors, dates, site, description, tags, captions and related links,
/// with page furniture (bylines, credits, captions, language links,
/// boilerplate lines) taken out of the body, sharpened by a site profile
/// when one covers the page. Needs `decode` and `clean`; attaches what the
/// `translation` stage reads (``TranslationEvidence``).
public struct ExtractStage: Stage {
    public let name = "extract"
    /// Pages with less body text than this are rejected as having no text.
    public var minTextCharacters: Int
    /// Parsing that takes longer is abandoned and the page rejected.
    public var maxParseTime: Duration
    /// Keep only the article's block (Readability-style scoring), not every paragraph outside chrome.
    public var useMainContent = true
    /// Site profiles that sharpen extraction for the sites they cover.
    public var siteProfiles = SiteProfiles([])

    public init(minTextCharacters: Int = 1, maxParseTime: Duration = .seconds(10)) {
        self.minTextCharacters = minTextCharacters
        self.maxParseTime = maxParseTime
    }

    /// Below this many bytes of body text, a walk without class hints is tried.
    static let shortBodyBytes = 200
    /// Below this many bytes of chosen body, the widest walk is tried too (and kept when it finds three times more).
    static let shortArticleBytes = 1000
    /// A paragraph this long is article prose, not a promo line or a date.
    static let proseParagraphBytes = 200

    public static let definition = StageDefinition(
        name: "extract",
        summary:
            "Parse (libxml2) and extract the article: body paragraphs, title, authors, dates, captions, related links.",
        options: [
            OptionSpec("min_text_chars", default: .int(1), help: "Reject pages whose body text is shorter than this."),
            OptionSpec(
                "max_parse_seconds", default: .double(10), help: "Abandon and reject a page whose parsing takes longer."
            ),
            OptionSpec(
                "site_profiles", default: .string("built-in"),
                help:
                    "Site profiles: 'built-in' (those of Pipelines/sites/, compiled in), 'none', or a folder of YAML "
                    + "profiles."
            ),
        ],
        requires: ["decode", "clean"],
        make: {
            var stage = ExtractStage(
                minTextCharacters: $0.int("min_text_chars"),
                maxParseTime: .milliseconds(Int($0.double("max_parse_seconds") * 1000)))
            switch $0.string("site_profiles") {
            case "built-in": stage.siteProfiles = SiteProfiles.builtIn()
            case "none", "": stage.siteProfiles = SiteProfiles([])
            case let folder: stage.siteProfiles = try SiteProfiles.load(folder: folder)
            }
            return stage
        })

    public func process(_ page: inout Page) throws -> StageOutcome {
        guard let decoded = page.attachments[DecodedPage.self] else {
            throw StageFailure(stage: name, reason: "no decoded text (the pipeline needs decode before extract)")
        }
        switch page.content.format {
        case .text:
            page.attachments[TranslationEvidence.self] = extractPlainText(decoded.utf8, into: &page.record)
        case .html:
            guard let cleaned = page.attachments[CleanedPage.self] else {
                throw StageFailure(stage: name, reason: "no cleaned page (the pipeline needs clean before extract)")
            }
            page.attachments[TranslationEvidence.self] = try extractHTML(decoded.utf8, cleaned, into: &page)
        }
        // The parser's input is not needed past this stage.
        page.attachments[CleanedPage.self] = nil

        if page.content.format == .html,
            let described = DescriptionText.body(for: page.record, minimum: minTextCharacters)
        {
            page.record.paragraphs = described
            page.record.warnings.append(DescriptionText.warning)
        }
        page.record.paragraphs = TrailingHeading.dropped(from: page.record.paragraphs)
        page.record.paragraphs = PostMetadata.dropped(from: page.record.paragraphs, pageType: page.record.pageType)
        let text = page.record.paragraphs.map(\.text).joined(separator: "\n\n")
        // Unicode scalars, not Characters: counting grapheme clusters costs a pass of its own.
        let length = text.unicodeScalarCount
        guard length >= minTextCharacters else {
            // Say why when the parser dropped the text (a page nested too deep).
            let cause = page.record.warnings.first { $0.hasPrefix("elements nested deeper") }.map { "; \($0)" } ?? ""
            throw StageFailure(
                stage: name, reason: "no body text (\(length) characters, min_text_chars=\(minTextCharacters))\(cause)")
        }
        page.record.text = text
        return .keep
    }

    /// Streams the page through the extractor (no tree); a page whose
    /// site profile has layouts is parsed again as a tree for their XPath.
    private func extractHTML(_ utf8: [UInt8], _ cleaned: CleanedPage, into page: inout Page) throws
        -> TranslationEvidence
    {
        var extractor = ArticleExtractor()
        let issues = try stream(cleaned.parserInput, url: page.content.url, into: &extractor)
        if issues.depthExceeded {
            page.record.warnings.append("elements nested deeper than libxml2's limit of 256 levels were dropped")
        }
        if issues.hugeText {
            page.record.warnings.append("a text or attribute over libxml2's 10 MB limit was cut")
        }
        if extractor.textBytesOutsideTrials < Self.shortBodyBytes {
            var plain = ArticleExtractor()
            plain.usesClassHints = false
            _ = try stream(
                CleanStage.parserInput(utf8, cutting: .hiddenOnly, filter: cleaned.usesPreParseFilter),
                url: page.content.url, into: &plain)
            if plain.paragraphs.reduce(0, { $0 + $1.text.utf8.count }) > 2 * Self.shortBodyBytes {
                extractor = plain
                page.record.warnings.append("class hints dropped nearly all text; extracted without them")
            }
        }
        // The widest fallback walk, once walked (the short-block check below may need it again).
        var widestWalk: ArticleExtractor?
        if extractor.textBytesOutsideTrials < Self.shortBodyBytes {
            // The widest walk first: a narrower one is walked only when it finds the text.
            let widest = try walk(utf8, page.content.url, Self.widestFallback)
            widestWalk = widest
            let wideSize = Self.textBytes(widest.paragraphs)
            if wideSize > 2 * Self.shortBodyBytes {
                let narrow = try walk(utf8, page.content.url, Self.narrowFallback)
                let takesNarrow = Self.takesNarrower(
                    Self.textBytes(narrow.paragraphs), widest: wideSize, atLeast: 2 * Self.shortBodyBytes + 1)
                extractor = takesNarrow ? narrow : widest
                page.record.warnings.append(
                    "all text was in hidden blocks, <noscript> or page landmarks (a page streamed in pieces, rendered "
                        + "by scripts, or put inside its header by the parser); extracted with them"
                )
            }
        }

        var assembler = RecordAssembler(
            extractor: extractor, url: page.record.url, profiles: siteProfiles, useMainContent: useMainContent)
        var document: HTMLDocument?
        if assembler.needsDocument {
            let tree: HTMLDocument
            do {
                // No block cut by class: a profile's XPath may name any element.
                tree = try HTMLDocument(
                    utf8: CleanStage.parserInput(utf8, cutting: .landmarksOnly, filter: cleaned.usesPreParseFilter),
                    url: page.content.url, timeLimit: maxParseTime)
            } catch {
                throw StageFailure(stage: name, reason: "HTML parse failed: \(error.reason)")
            }
            // Walked again so that element ids match the tree's XPath results.
            var walked = ArticleExtractor()
            walked.usesClassHints = extractor.usesClassHints
            tree.walk(&walked)
            assembler = RecordAssembler(
                extractor: walked, url: page.record.url, profiles: siteProfiles, useMainContent: useMainContent)
            document = tree
        }
        let base = page.record
        let evidence = assembler.assemble(into: &page.record, document: document, html: utf8)
        // A short body where the page has much more text: the block chosen was
        // a promo or a date line, the article lost to a class word or to the
        // parser's repair. The walk with every fallback decides.
        let body = page.record.paragraphs.reduce(0) { $0 + $1.text.utf8.count }
        // Only when no chosen paragraph reads as article prose: a short article's own paragraphs stay.
        let hasProse = page.record.paragraphs.contains {
            $0.kind == .paragraph && $0.text.utf8.count >= Self.proseParagraphBytes
        }
        if document == nil, body < Self.shortArticleBytes, !hasProse, !extractor.readsLandmarks {
            func assembled(_ walked: ArticleExtractor) -> (record: Record, evidence: TranslationEvidence) {
                var record = base
                let evidence = RecordAssembler(
                    extractor: walked, url: base.url, profiles: siteProfiles, useMainContent: useMainContent
                ).assemble(into: &record, html: utf8)
                return (record, evidence)
            }
            // The widest walk first, decided on all the text it finds, its chrome's lines included.
            let widest = try widestWalk ?? walk(utf8, page.content.url, Self.widestFallback)
            var unmarked = widest
            unmarked.marksChrome = false
            var chosen = assembled(unmarked)
            let wideSize = Self.textBytes(chosen.record.paragraphs)
            let enough = max(Self.shortArticleBytes, 3 * body) + 1
            if wideSize >= enough {
                var narrowTaken = false
                // Not after a narrower fallback walk (it reads `<noscript>`): that walk made this block.
                if !extractor.readsNoscript {
                    let narrow = assembled(try walk(utf8, page.content.url, Self.narrowFallback))
                    narrowTaken = Self.takesNarrower(
                        Self.textBytes(narrow.record.paragraphs), widest: wideSize, atLeast: enough)
                    if narrowTaken { chosen = narrow }
                }
                // Without the lines of chrome that holds no prose, when what is left is still enough.
                if !narrowTaken {
                    let unchromed = assembled(widest)
                    if Self.textBytes(unchromed.record.paragraphs) >= enough { chosen = unchromed }
                }
                chosen.record.warnings.append(
                    "the chosen block held \(body) bytes of text; extracted again without "
                        + (narrowTaken ? "hidden marks" : "class hints, hidden marks or landmarks"))
                page.record = chosen.record
                return chosen.evidence
            }
        }
        return evidence
    }

    /// What a fallback walk reads beyond the first walk's page.
    struct FallbackWalk {
        var usesClassHints: Bool
        var readsLandmarks: Bool
    }

    /// The walks tried when the first walk finds (almost) no text, or a
    /// short block with no prose: both read hidden blocks and `<noscript>`.
    /// The narrow one still skips chrome by its class words and roles (a
    /// forum served without scripts keeps its posts, and its related-topics
    /// box and footer, in `<noscript>`); the widest reads every block, page
    /// landmarks and controls included, and marks the chrome it reads.
    static let narrowFallback = FallbackWalk(usesClassHints: true, readsLandmarks: false)
    static let widestFallback = FallbackWalk(usesClassHints: false, readsLandmarks: true)

    /// Whether the narrow walk, which finds `narrow` bytes of text, is taken
    /// over the widest, which finds `widest`: when it finds `atLeast` and at
    /// least ``narrowFallbackShare`` of the widest's text (else class words
    /// cut the page's text and left another block).
    static func takesNarrower(_ narrow: Int, widest: Int, atLeast: Int) -> Bool {
        narrow >= atLeast && Double(narrow) >= narrowFallbackShare * Double(widest)
    }

    /// The share of the widest walk's text the narrow walk keeps to be taken instead.
    static let narrowFallbackShare = 0.5

    static func textBytes(_ paragraphs: [Record.Paragraph]) -> Int {
        paragraphs.reduce(0) { $0 + $1.text.utf8.count }
    }

    /// A walk of the whole page, unfiltered (the pre-parse filter cuts hidden blocks and `<noscript>`).
    private func walk(_ utf8: [UInt8], _ url: String?, _ walk: FallbackWalk) throws -> ArticleExtractor {
        var extractor = ArticleExtractor()
        extractor.usesClassHints = walk.usesClassHints
        extractor.usesHiddenMarks = false
        extractor.readsNoscript = true
        extractor.readsLandmarks = walk.readsLandmarks
        extractor.marksChrome = !walk.usesClassHints
        _ = try stream(utf8, url: url, into: &extractor)
        return extractor
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
    private func extractPlainText(_ utf8: [UInt8], into record: inout Record) -> TranslationEvidence {
        let normalized = String(decoding: utf8, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        var lines = normalized.split(separator: "\n", omittingEmptySubsequences: false).map {
            TextNormalizer.collapse(String($0))
        }
        while lines.first?.isEmpty == true { lines.removeFirst() }
        let host = record.url.flatMap { URL(string: $0)?.host }
        let profile =
            siteProfiles.profile(forHost: host) ?? (host == nil ? siteProfiles.profile(recognizing: normalized) : nil)
        let languageLinks = profile?.languageLinks ?? [:]
        let boilerplate = profile?.boilerplate ?? []
        var finds = FurnitureFinds()
        if let first = lines.first, first.unicodeScalarCount <= 200, lines.dropFirst().contains(where: { !$0.isEmpty })
        {
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
            guard !line.isEmpty else {
                endParagraph()
                continue
            }
            guard
                let furniture = PageFurniture.classify(
                    line, languageLinks: languageLinks, boilerplatePhrases: boilerplate)
            else {
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
        return TranslationEvidence(finds: finds, plainText: true)
    }
}

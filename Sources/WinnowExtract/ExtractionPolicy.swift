import WinnowBytes
import WinnowHTML

/// What the extractor's walk (``ArticleExtractor``) reads of a page,
/// declared once: the pre-parse filter (``CleanStage``) keeps what is
/// declared here and cuts the rest, so the two cannot drift. Debug builds
/// stop at a read of an attribute not declared here (``HTMLVisitor/readAttributes``)
/// and of a meta key not declared here (``ArticleExtractor/meta(_:)``); link
/// rels are read only as ``LinkRel`` values.
enum ExtractionPolicy {
    /// The attributes the walk reads: those of ``CommonAttributes`` on every
    /// element (a test keeps the two in step), and those it reads by name.
    enum Attribute: CaseIterable {
        case `class`, id, itemprop, style, hidden, ariaHidden, role, rel
        case type, datetime, content, href, hreflang, lang, property, name

        /// The attribute's name, lowercase.
        var name: StaticString {
            switch self {
            case .class: "class"
            case .id: "id"
            case .itemprop: "itemprop"
            case .style: "style"
            case .hidden: "hidden"
            case .ariaHidden: "aria-hidden"
            case .role: "role"
            case .rel: "rel"
            case .type: "type"
            case .datetime: "datetime"
            case .content: "content"
            case .href: "href"
            case .hreflang: "hreflang"
            case .lang: "lang"
            case .property: "property"
            case .name: "name"
            }
        }
    }

    /// Attributes the parser reads (the page's charset), kept for its sake.
    static let parserAttributes = ["charset", "http-equiv"]

    /// Every attribute the walk reads, and the parser's: the filter drops the
    /// rest from start tags. Of `class` and `id`, only the words class hints
    /// read stay (``ClassHints/isRead(_:)``).
    static let attributes = ParseFilter.AttributeNames(
        Attribute.allCases.map { $0.name.description } + parserAttributes,
        wordLists: [Attribute.class.name.description, Attribute.id.name.description], isRead: ClassHints.isRead)

    /// The meta names and properties the record reads (about a third of a
    /// news page's meta tags): the others are passed over unread.
    static let metaKeys: Set<String> = Set(
        RecordAssembler.publishedMetaKeys + RecordAssembler.fallbackPublishedMetaKeys + RecordAssembler.modifiedMetaKeys
            + [
                "og:title", "og:site_name", "application-name", "keywords", "news_keywords", "article:tag", "og:locale",
                "author", "article:author", "description", "og:description", "og:url", "og:type",
            ])

    /// The landmarks the walk skips whole (``ArticleExtractor``'s skipped
    /// tags) that the filter cuts: elements no start tag closes in libxml2.
    static let cutLandmarks = ParseFilter.cutLandmarkNames
    /// Words in a landmark's start tag that keep it for the walk: what it
    /// reads on the element itself (a `related` block, `itemprop`, article-body class words).
    static let landmarkKeepingWords = ["related", "itemprop", "content", "body", "text"]

    /// What the filter cuts as the walk would skip it unread: the landmarks,
    /// and `div` and `section` blocks ``ArticleExtractor/skipsUnread(_:usesClassHints:)`` names,
    /// except those the walk tries (``proseTrial``) that hold much text.
    static let skippedWithClassHints = ParseFilter.SkippedElements(
        landmarks: cutLandmarks, keepingWords: landmarkKeepingWords,
        blocks: { ArticleExtractor.skipsUnread($0, usesClassHints: true) }, trial: proseTrial)
    /// The same for the walk without class hints: hidden blocks only.
    static let skippedHiddenOnly = ParseFilter.SkippedElements(
        landmarks: cutLandmarks, keepingWords: landmarkKeepingWords,
        blocks: { ArticleExtractor.skipsUnread($0, usesClassHints: false) }, trial: proseTrial)
    /// The landmarks only (a profile's XPath may name any block).
    static let skippedLandmarksOnly = ParseFilter.SkippedElements(
        landmarks: cutLandmarks, keepingWords: landmarkKeepingWords, blocks: { _ in false }, trial: proseTrial)
    /// The skipped elements the walk enters on trial (``ProseInChrome``): `<header>`, and chrome-classed blocks.
    static let proseTrial = ParseFilter.ProseTrial(
        landmarks: ["header"], blocks: ArticleExtractor.walksOnTrial, textBytes: ProseInChrome.filterTextBytes,
        lowBlocks: { ClassHints($0).component }, lowTextBytes: ProseInChrome.componentFilterTextBytes)

    /// The `rel` values of the head's links the walk reads.
    enum LinkRel: CaseIterable {
        case canonical, alternate

        /// The rel of `value` (lowercase); nil for any other (compared by hand:
        /// a `String` raw value is looked up through a table built per call).
        init?(_ value: String) {
            if value == "canonical" {
                self = .canonical
            } else if value == "alternate" {
                self = .alternate
            } else {
                return nil
            }
        }
    }

    /// The head's meta and link tags the walk reads (the pre-parse filter cuts the others).
    static let headTags = ParseFilter.HeadTags(readsMeta: mayReadMeta, readsLink: mayReadLink)

    /// Whether a meta key, as written, may be one of ``metaKeys``:
    /// lowercased by ASCII, or any key that is not ASCII (lowercased by Unicode rules by the walk).
    static func mayReadMeta(_ key: Span<UInt8>) -> Bool {
        !key.isASCII || metaKeys.contains(key.asciiLowercased)
    }

    /// Whether a link of this `rel` value, as written, may be one of ``LinkRel``.
    static func mayReadLink(_ rel: Span<UInt8>) -> Bool {
        !rel.isASCII || LinkRel(rel.asciiLowercased) != nil
    }
}

extension HTMLElement {
    /// The value of a declared attribute, nil when absent.
    func value(of attribute: ExtractionPolicy.Attribute) -> String? { self.attribute(attribute.name) }
}

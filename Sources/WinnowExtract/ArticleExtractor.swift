import WinnowBytes
import WinnowCore
import WinnowHTML

/// A first, simple extractor: one walk over the tree that keeps the visible
/// text of paragraphs, headings, list items, quotes and code inside `<body>`,
/// and drops scripts, styles, navigation, headers, footers, asides, forms and
/// blocks whose class or id says they are page chrome.
///
/// It also collects what the metadata needs: head title, meta tags,
/// canonical and hreflang links, JSON-LD blocks, `<time datetime>`, the
/// text of author/byline elements, links (for "Read in Korean" and the
/// like) and the links of related-article blocks.
struct ArticleExtractor: HTMLVisitor {
    /// Whether class/id words may mark chrome. A page whose wrapper carries a
    /// chrome word (`has-sidebar` on the page div) is walked again without.
    var usesClassHints = true
    /// Whether `hidden`, `aria-hidden` and `display:none` mark text as not
    /// shown. A page rendered on the server in pieces (streaming) keeps its
    /// whole content in a hidden block that a script moves into place: when
    /// nothing else has text, the page is walked again without.
    var usesHiddenMarks = true
    /// Whether `<noscript>` is read as the page: a forum served to clients
    /// without scripts (Discourse) has its posts only there. Tried with
    /// ``usesHiddenMarks`` off when nothing else has text.
    var readsNoscript = false
    /// Whether page landmarks and controls (``landmarkTags``) are walked
    /// into: a stray open `<button>` or `<ul>` in a site header makes the
    /// parser put the whole page inside the header. Tried last, with the
    /// other fallbacks, when nothing else has text; the block choice keeps the article.
    var readsLandmarks = false
    /// Whether a walk that reads chrome (class hints off, landmarks read)
    /// marks the paragraphs inside what the first walk skips as chrome
    /// (page landmarks, chrome class words and roles), so that the lines of
    /// chrome without prose (menus, buttons, prompts) can still be dropped (``paragraphChrome``).
    var marksChrome = false

    private(set) var paragraphs: [Record.Paragraph] = []
    /// For each paragraph, the ids of the elements around it, outermost first.
    private(set) var paragraphAncestors: [[Int]] = []
    /// The parent id of every element id (-1 for the root).
    private(set) var parentOf: [Int] = []
    private var openElements: [Int] = []
    private(set) var captions: [String] = []
    private(set) var headTitle: String?
    private(set) var firstHeading: String?
    private(set) var metaDescription: String?
    /// og:title and og:site_name, the first of each.
    var ogTitle: String? { meta("og:title")?.first }
    var siteName: String? { meta("og:site_name")?.first }
    private(set) var canonicalURL: String?
    private(set) var htmlLanguage: String?
    /// The content of each meta tag ``ExtractionPolicy/metaKeys`` names, by
    /// its lowercased name, property or itemprop (all values, in order).
    private var metaValues: [String: [String]] = [:]

    /// What the walk reads is declared in ``ExtractionPolicy``.
    static var readAttributes: ParseFilter.AttributeNames? { ExtractionPolicy.attributes }

    /// The contents of the meta tags named `key` (one of ``ExtractionPolicy/metaKeys``), in page order.
    func meta(_ key: String) -> [String]? {
        assert(
            ExtractionPolicy.metaKeys.contains(key), "meta '\(key)' is not kept: add it to ExtractionPolicy.metaKeys")
        return metaValues[key]
    }
    private(set) var jsonLD: [String] = []
    /// `<link rel=alternate hreflang=...>`: (hreflang, href).
    private(set) var hreflangLinks: [(language: String, url: String)] = []
    /// `datetime` of `<time>` elements and of elements marked `itemprop=datePublished`, in order.
    private(set) var timeValues: [String] = []
    /// Text of elements marked as author or byline (rel/itemprop=author, class/id author, byline, writer).
    private(set) var authorTexts: [String] = []
    /// For each of ``authorTexts``, how many paragraphs came before it.
    private(set) var authorTextPositions: [Int] = []
    /// Short links of the body: (text, href).
    private(set) var links: [(text: String, url: String)] = []
    /// How many links (`<a>`) the walk entered in the body, link lists included
    /// (not those inside skipped chrome): listings and service pages have many
    /// per paragraph of text (``PageType``).
    private(set) var linkCount = 0
    /// How many elements the walk entered in the body whose class names a price (``ClassHints/price``).
    private(set) var priceElements = 0
    /// Links of related-article blocks and of link lists after a "Related Articles" heading.
    private(set) var relatedLinks: [Record.Link] = []
    /// For each paragraph, its own element (the `<p>`, `<li>`, ...) when it is one, else nil.
    private(set) var paragraphElements: [Int?] = []
    /// For each paragraph, whether it holds a link (a teaser's headline, ``MainContent``).
    private(set) var paragraphHasLink: [Bool] = []
    /// For each paragraph, whether it lies inside an author or byline element.
    private(set) var paragraphIsByline: [Bool] = []
    /// The paragraphs kept from a `<header>` as the article's lead (``HeaderLead``), in order.
    private(set) var headerLeads: [Int] = []
    /// For each paragraph, the innermost chrome element the walk read around it, or -1 (only with ``marksChrome``).
    private(set) var paragraphChrome: [Int] = []
    /// Link lists the walk dropped that may be a listing's item titles (``ListingItems``).
    private(set) var linkLines: [ListingItems.Line] = []
    /// The open chrome elements (``marksChrome``), innermost last: depth and id.
    private var openChrome: [(depth: Int, element: Int)] = []
    /// Elements marked as the article body (`itemprop=articleBody`, or a
    /// class word such as `entry-content`, `article-body`), in document order.
    private(set) var articleBodyHints: [Int] = []
    /// The libxml2 node of every element id (to map XPath results onto paragraphs).
    private(set) var nodeIDs: [Int] = []
    /// Chrome-looking blocks walked on trial that held much prose
    /// (``ProseInChrome``): their paragraphs and prose bytes. The record
    /// keeps them only when they hold most of the page's prose.
    private(set) var proseInChrome: [ProseInChrome.Block] = []
    /// The chrome-looking block being walked on trial, and what to restore when it ends.
    private var trial: Trial?
    /// The bytes of the paragraphs outside blocks walked on trial: whether
    /// the page has text without them (the fallback walks are tried when not).
    var textBytesOutsideTrials: Int {
        var total = paragraphs.reduce(0) { $0 + $1.text.utf8.count }
        for block in proseInChrome {
            total -= paragraphs[block.paragraphs].reduce(0) { $0 + $1.text.utf8.count }
        }
        return total
    }

    // Text is gathered as UTF-8 bytes (``text(utf8:)``) and made a String once, when a piece ends.
    private var jsonLDBuffer: [UInt8]?
    private var authorDepth = 0
    /// What separates the lines of an author element in ``authorTexts`` (U+001F, no space: collapsing keeps it).
    static let authorLineBreak = UInt8(0x1F)
    private var authorBuffer: [UInt8] = []
    /// The first paragraph index inside the open author element.
    private var authorFirstParagraph = 0
    private var relatedDepth = 0
    /// After a "Related Articles" heading in the body: link lists that follow are related links.
    private var afterRelatedHeading = false
    private var linkText: [UInt8] = []
    private var linkURL: String?
    /// The open link's `hreflang`: a link to the page in that language (``LanguageLinkText/isArticleURL(_:)``).
    private var linkLanguage: String?
    private var blockLinks: [(text: String, url: String)] = []

    private var skipDepth = 0
    private var inTitle = false
    private var inBody = false
    private var titleBuffer: [UInt8] = []
    private var block: (kind: Record.Paragraph.Kind, depth: Int)?
    private var blockIsCaption = false
    /// Figures with images and caption-class elements (``CaptionMarkup``).
    private var captionMarkup = CaptionMarkup()
    /// Text of the current block, or of loose text between blocks.
    private var buffer: [UInt8] = []
    /// How much of `buffer` sits inside links; menus and link lists are mostly links.
    private var linkCharacters = 0
    private var linkDepth = 0
    private var depth = 0
    private var preDepth = 0

    /// An author or byline element with more text than this is a container, not a byline.
    static let longestByline = 200

    /// Elements whose whole subtree is never article text.
    static let skippedTags: Set<String> = [
        "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas",
        "nav", "header", "footer", "aside", "button", "select", "textarea", "input", "dialog", "menu",
    ]

    /// Skipped elements that may hold the whole page after a parser's repair (``readsLandmarks``).
    private static let landmarkTags: Set<String> = ["nav", "header", "footer", "aside", "button", "menu", "dialog"]

    /// Elements that hold the page or the article whatever their classes say.
    private static let neverChrome: Set<String> = ["html", "body", "main", "article"]

    /// Elements that end loose text: old layouts put paragraphs straight into
    /// `<td>` or `<div>`, separated by `<br>`.
    private static let boundaryTags: Set<String> = [
        "div", "section", "article", "main", "table", "tr", "td", "th", "ul", "ol", "dl", "figure", "center",
        "hr", "body", "tbody", "thead",
    ]

    private static let blockKinds: [String: Record.Paragraph.Kind] = [
        "p": .paragraph, "h1": .heading, "h2": .heading, "h3": .heading, "h4": .heading, "h5": .heading,
        "h6": .heading, "li": .list, "dt": .list, "dd": .list, "blockquote": .quote, "pre": .code,
        "figcaption": .paragraph, "caption": .paragraph,
    ]

    /// What the sets above say of one tag name, looked up once per element.
    private struct TagRole {
        var skipped = false
        var landmark = false
        var neverChrome = false
        var boundary = false
        var block: Record.Paragraph.Kind?
        /// The tags the walk treats one by one (a case to switch on: comparing
        /// with static keys costs a lazy-initialisation check per comparison).
        var tag = Tag.other
    }

    private enum Tag: String, CaseIterable {
        case script, time, head, body, title, meta, link, html, br, a, pre, figcaption, caption, noscript, img, picture,
            video, div, section, header
        case other = ""
    }

    /// Every named tag's role by tag key (a ``SmallHashTable``): no `String`
    /// and no hashing of text per element, and most lookups one probe.
    private static let roles: SmallHashTable<TagRole> = {
        var named: [String: TagRole] = [:]
        for name in skippedTags { named[name, default: TagRole()].skipped = true }
        for name in landmarkTags { named[name, default: TagRole()].landmark = true }
        for name in neverChrome { named[name, default: TagRole()].neverChrome = true }
        for name in boundaryTags { named[name, default: TagRole()].boundary = true }
        for (name, kind) in blockKinds { named[name, default: TagRole()].block = kind }
        for tag in Tag.allCases where tag != .other { named[tag.rawValue, default: TagRole()].tag = tag }
        return SmallHashTable(named.map { (key: TagKey($0.key).value, value: $0.value) }, absent: TagRole())
    }()

    private static func role(of tag: TagKey) -> TagRole { roles[tag.value] }

    mutating func enter(_ element: HTMLElement) -> VisitDecision {
        depth += 1
        parentOf.append(openElements.last ?? -1)
        openElements.append(parentOf.count - 1)
        nodeIDs.append(element.nodeID)
        if skipDepth > 0 { return .skip }
        let role = Self.role(of: element.tagKey)
        let tag = role.tag
        switch tag {
        case .script:
            if element.value(of: .type)?.lowercased().contains("ld+json") == true {
                jsonLDBuffer = []
                return .descend
            }
        case .time:
            if let value = element.value(of: .datetime), !value.isEmpty { timeValues.append(value) }
        case .head:
            return .descend
        case .body:
            inBody = true
        case .title where headTitle == nil && !inBody:
            inTitle = true
            titleBuffer.removeAll(keepingCapacity: true)
            return .descend
        case .meta:
            readMeta(element)
            return .skip
        case .link:
            switch element.value(of: .rel).flatMap({ ExtractionPolicy.LinkRel($0.lowercased()) }) {
            case .canonical:
                if let href = element.value(of: .href), !href.isEmpty { canonicalURL = canonicalURL ?? href }
            case .alternate:
                if let language = element.value(of: .hreflang), let href = element.value(of: .href), !href.isEmpty {
                    hreflangLinks.append((language, href))
                }
            case nil:
                break
            }
            return .skip
        case .html:
            htmlLanguage = element.value(of: .lang).flatMap { $0.isEmpty ? nil : $0 }
            return .descend
        case .br:
            if preDepth > 0 {
                buffer.append(0x0A)
            } else if block == nil {
                flush(enteringElement: true)  // loose text: a <br> ends a paragraph
            } else {
                buffer.append(0x20)
            }
            return .skip
        case .a:
            linkDepth += 1
            if inBody { linkCount += 1 }
            if linkDepth == 1 {
                linkText.removeAll(keepingCapacity: true)
                linkURL = element.value(of: .href)
                linkLanguage = element.value(of: .hreflang)
            }
        default:
            break
        }
        // The attributes every element is checked for, read in one pass.
        let attributes = element.hasAttributes ? element.commonAttributes : CommonAttributes()
        if attributes.itemprop == "datePublished",
            let value = element.value(of: .datetime) ?? element.value(of: .content)
        {
            timeValues.append(value)
        }
        let hints = ClassHints(attributes)
        if inBody, hints.price { priceElements += 1 }
        if inBody, attributes.itemprop?.lowercased() == "articlebody" || hints.articleBody {
            articleBodyHints.append(parentOf.count - 1)
        }
        if usesClassHints, relatedDepth == 0, inBody, hints.related {
            // Its links go to `related`; its text never to the body.
            flush(enteringElement: true)
            relatedDepth = depth
            return .descend
        }
        if marksChrome, inBody, role.landmark || (!role.neverChrome && Self.isChrome(attributes, hints)) {
            openChrome.append((depth, parentOf.count - 1))
        }
        let skipped = role.skipped && !(readsNoscript && tag == .noscript) && !(readsLandmarks && role.landmark)
        let hidden = usesHiddenMarks && Self.isHidden(attributes, hints, block: tag == .div || tag == .section)
        let chrome = usesClassHints && !role.neverChrome && Self.isChrome(attributes, hints)
        if skipped || hidden || chrome {
            // A `<header>`, or a block chrome by its class words alone, may hold the article: walked on trial.
            let onTrial =
                !hidden && !Self.hasChromeRole(attributes)
                && (tag == .header ? skipped : (tag == .div || tag == .section) && !skipped && hints.chrome)
            // A component inside a component on trial is walked as part of it (a builder nests its
            // components: a grid's rows and cells, a card's text); any other block inside is skipped.
            let component = tag != .header && hints.component
            if !onTrial
                || (trial.map { !($0.component && component) }
                    ?? !startTrial(header: tag == .header, component: component))
            {
                skipDepth = depth
                if tag == .a { linkDepth -= 1 }
                return .skip
            }
        }
        if authorDepth == 0, inBody, !role.neverChrome,
            hints.author || attributes.itemprop?.lowercased() == "author"
                || (tag == .a && attributes.rel?.lowercased() == "author")
        {
            authorDepth = depth
            authorBuffer.removeAll(keepingCapacity: true)
            authorFirstParagraph = paragraphs.count
        }
        if tag == .pre { preDepth += 1 }
        // Blocks inside an author element hold its lines (the name, then a job title or a bio): kept apart.
        if authorDepth > 0, depth > authorDepth, role.block != nil || role.boundary {
            authorBuffer.append(Self.authorLineBreak)
        }
        // A credit inside a `<figcaption>` stays part of that caption.
        if inBody, !blockIsCaption,
            captionMarkup.enter(
                Self.captionElement(tag), hints: hints, neverChrome: role.neverChrome, depth: depth, open: openElements)
        {
            flush(enteringElement: true)
        }
        if let kind = role.block {
            // A block inside a block (a <p> in an <li>) ends the outer text first.
            flush(enteringElement: true)
            if block == nil {
                block = (kind, depth)
                blockIsCaption = tag == .figcaption || tag == .caption
            }
        } else if block == nil, role.boundary {
            flush(enteringElement: true)
        }
        return .descend
    }

    mutating func text(_ text: String) {
        var text = text
        text.withUTF8 { self.text(utf8: $0.span) }
    }

    mutating func text(utf8 text: Span<UInt8>) {
        if inTitle {
            titleBuffer.append(text)
            return
        }
        if jsonLDBuffer != nil {
            jsonLDBuffer!.append(text)
            return
        }
        guard skipDepth == 0, inBody else { return }
        if linkDepth > 0 {
            linkText.append(text)
        } else if trial?.header == true {
            trial!.headerText += HeaderLead.countedBytes(text)
        }
        if relatedDepth > 0 { return }
        if authorDepth > 0 { authorBuffer.append(text) }
        buffer.append(text)
        if linkDepth > 0 { linkCharacters += text.count }
    }

    mutating func exit(_ element: HTMLElement) {
        defer {
            depth -= 1
            openElements.removeLast()
        }
        if skipDepth > 0 {
            if depth == skipDepth { skipDepth = 0 }
            return
        }
        let role = Self.role(of: element.tagKey)
        let tag = role.tag
        if let block = jsonLDBuffer, tag == .script {
            jsonLD.append(String(decoding: block, as: UTF8.self))
            jsonLDBuffer = nil
            return
        }
        if inTitle, tag == .title {
            inTitle = false
            let title = TextNormalizer.collapse(titleBuffer)
            headTitle = title.isEmpty ? nil : title
            return
        }
        if tag == .a {
            linkDepth = max(0, linkDepth - 1)
            if linkDepth == 0, let url = linkURL, !url.isEmpty, !url.hasPrefix("#"),
                !url.lowercased().hasPrefix("javascript:")
            {
                let text = TextNormalizer.collapse(linkText)
                if let language = linkLanguage, !language.isEmpty, LanguageLinkText.isArticleURL(url) {
                    hreflangLinks.append((language, url))
                }
                if relatedDepth > 0 {
                    if !text.isEmpty { relatedLinks.append(Record.Link(title: text, url: url)) }
                } else if !text.isEmpty, text.unicodeScalarCount <= 80 {
                    links.append((text, url))
                    blockLinks.append((text, url))
                }
            }
        }
        if tag == .pre { preDepth = max(0, preDepth - 1) }
        if authorDepth > 0, depth > authorDepth, role.block != nil || role.boundary {
            authorBuffer.append(Self.authorLineBreak)
        }
        if let current = block, current.depth == depth {
            flush()
            block = nil
            blockIsCaption = false
        } else if block == nil, role.boundary {
            flush()
        }
        if captionMarkup.closes(at: depth) {
            flush()
            captionMarkup.close()
        }
        if authorDepth == depth {
            authorDepth = 0
            let text = TextNormalizer.collapse(authorBuffer)
            // Its length as read without the line breaks.
            let length =
                authorBuffer.contains(Self.authorLineBreak)
                ? TextNormalizer.collapse(authorBuffer.filter { $0 != Self.authorLineBreak }).unicodeScalarCount
                : text.unicodeScalarCount
            if length > Self.longestByline {
                // A container that only carries an author class (`author-jane` on the article): not a byline.
                for index in authorFirstParagraph..<paragraphIsByline.count { paragraphIsByline[index] = false }
            } else if length > 0 {
                authorTexts.append(text)
                authorTextPositions.append(paragraphs.count)
            }
        }
        if openChrome.last?.depth == depth { openChrome.removeLast() }
        if relatedDepth == depth {
            relatedDepth = 0
            buffer.removeAll(keepingCapacity: true)
            linkCharacters = 0
            blockLinks = []
        }
        if trial?.depth == depth { endTrial() }
    }

    /// What a walk on trial restores when the block holds little prose: the
    /// walk goes on as if it had skipped the block.
    private struct Trial {
        var depth: Int
        /// A page builder's component (``ClassHints/component``): kept from one prose paragraph.
        var component: Bool
        var parent: Int
        var paragraphs: Int
        var captions: Int
        var firstHeading: String?
        var metaValues: [String: [String]]
        var canonicalURL: String?
        var jsonLD: Int
        var hreflangLinks: Int
        var timeValues: Int
        var authorTexts: Int
        var links: Int
        var linkCount: Int
        var priceElements: Int
        var relatedLinks: Int
        var linkLines: Int
        var articleBodyHints: Int
        var afterRelatedHeading: Bool
        var buffer: [UInt8]
        var linkCharacters: Int
        var blockLinks: [(text: String, url: String)]
        var captionMarkup: CaptionMarkup
        /// Whether the block is a `<header>`, and its text outside links (``HeaderLead``).
        var header: Bool
        var headerText = 0
    }

    /// Starts walking the element just entered on trial, when nothing is open
    /// that its text would join (a paragraph, a link, an author element, a
    /// related block, loose text); false when it must be skipped.
    private mutating func startTrial(header: Bool, component: Bool) -> Bool {
        guard trial == nil, inBody, block == nil, authorDepth == 0, linkDepth == 0, relatedDepth == 0, preDepth == 0,
            jsonLDBuffer == nil, !captionMarkup.isOpen, buffer.withUnsafeBufferPointer(Whitespace.isBlank(utf8:))
        else { return false }
        trial = Trial(
            depth: depth, component: component, parent: parentOf[parentOf.count - 1], paragraphs: paragraphs.count,
            captions: captions.count,
            firstHeading: firstHeading,
            metaValues: metaValues, canonicalURL: canonicalURL, jsonLD: jsonLD.count,
            hreflangLinks: hreflangLinks.count, timeValues: timeValues.count, authorTexts: authorTexts.count,
            links: links.count, linkCount: linkCount, priceElements: priceElements, relatedLinks: relatedLinks.count,
            linkLines: linkLines.count, articleBodyHints: articleBodyHints.count,
            afterRelatedHeading: afterRelatedHeading, buffer: buffer,
            linkCharacters: linkCharacters, blockLinks: blockLinks, captionMarkup: captionMarkup, header: header)
        return true
    }

    /// Ends the walk on trial: the block's paragraphs stay (for the record
    /// to decide, ``ProseInChrome``) when they hold much prose; all else it gave is undone.
    private mutating func endTrial() {
        guard let t = trial else { return }
        trial = nil
        let prose = ProseInChrome.prose(paragraphs[t.paragraphs...].lazy.map(\.text))
        if prose >= (t.component ? ProseInChrome.componentBytes : ProseInChrome.trialBytes) {
            proseInChrome.append(
                ProseInChrome.Block(
                    paragraphs: t.paragraphs..<paragraphs.count, prose: prose, parent: t.parent,
                    component: t.component))
        } else {
            // A header's lead stays for the block choice (``HeaderLead``).
            let lead = t.header ? HeaderLead.kept(paragraphs[t.paragraphs...], text: t.headerText) : []
            func trimmed<T>(_ values: inout [T]) {
                let kept = lead.map { values[t.paragraphs + $0] }
                values.removeSubrange(t.paragraphs...)
                values += kept
            }
            trimmed(&paragraphs)
            trimmed(&paragraphAncestors)
            trimmed(&paragraphElements)
            trimmed(&paragraphHasLink)
            trimmed(&paragraphIsByline)
            headerLeads += lead.indices.map { t.paragraphs + $0 }
        }
        // Only its paragraphs: what else it held (bylines, captions, dates,
        // links, a heading) is not read, as when it was skipped.
        captions.removeSubrange(t.captions...)
        firstHeading = t.firstHeading
        metaValues = t.metaValues
        canonicalURL = t.canonicalURL
        jsonLD.removeSubrange(t.jsonLD...)
        hreflangLinks.removeSubrange(t.hreflangLinks...)
        timeValues.removeSubrange(t.timeValues...)
        authorTexts.removeSubrange(t.authorTexts...)
        authorTextPositions.removeSubrange(t.authorTexts...)
        links.removeSubrange(t.links...)
        linkCount = t.linkCount
        priceElements = t.priceElements
        relatedLinks.removeSubrange(t.relatedLinks...)
        linkLines.removeSubrange(t.linkLines...)
        articleBodyHints.removeSubrange(t.articleBodyHints...)
        afterRelatedHeading = t.afterRelatedHeading
        buffer = t.buffer
        linkCharacters = t.linkCharacters
        blockLinks = t.blockLinks
        captionMarkup = t.captionMarkup
    }

    /// Ends the current paragraph (a block's, or loose text).
    /// `enteringElement`: called from `enter`, whose element is already on
    /// the open stack but does not hold the text being ended (loose text
    /// before a `<div>` or `<p>` belongs to their parent).
    private mutating func flush(enteringElement: Bool = false) {
        defer {
            buffer.removeAll(keepingCapacity: true)
            linkCharacters = 0
            blockLinks = []
        }
        guard relatedDepth == 0 else { return }
        let kind = block?.kind ?? .paragraph
        // Menus, related-article lists and breadcrumbs are mostly link text:
        // dropped, their links kept after a related heading. Known before any
        // text is made of them, unless the buffer is blank (then no text is kept anyway).
        let linkList = kind != .heading && linkCharacters * 2 > buffer.count
        func dropLinkList() {
            if afterRelatedHeading { relatedLinks += blockLinks.map { Record.Link(title: $0.text, url: $0.url) } }
        }
        if linkList, !buffer.withUnsafeBufferPointer(Whitespace.isBlank(utf8:)) {
            // Long ones may be a listing's item titles, unless a related heading leads them.
            if !afterRelatedHeading, buffer.count >= ListingItems.lineBytes { keepLinkLine(kind, enteringElement) }
            return dropLinkList()
        }
        let text =
            kind == .code
            ? TextNormalizer.trimLines(String(decoding: buffer, as: UTF8.self)) : TextNormalizer.collapse(buffer)
        guard !text.isEmpty else { return }
        if linkList { return dropLinkList() }
        if text.utf8.count <= 40, PageFurniture.isRelatedHeading(lowercasing: text) {
            afterRelatedHeading = true
        } else if afterRelatedHeading {
            afterRelatedHeading = false
        }
        if blockIsCaption || captionMarkup.isOpen && CaptionMarkup.isCaption(text, kind: kind) {
            captions.append(text)
        } else {
            if kind == .heading, firstHeading == nil { firstHeading = text }
            paragraphs.append(Record.Paragraph(text: text, kind: kind))
            paragraphIsByline.append(authorDepth > 0)
            if marksChrome { paragraphChrome.append(openChrome.last?.element ?? -1) }
            // The elements around the text: not the one being entered, and not
            // the block's own element when the text ends with it.
            var open = enteringElement ? Array(openElements.dropLast()) : openElements
            var own: Int?
            if let block, open.count == block.depth { own = open.removeLast() }
            paragraphAncestors.append(open)
            paragraphElements.append(own)
            paragraphHasLink.append(!blockLinks.isEmpty)
        }
    }

    /// A link list that may be a listing's item title (``ListingItems``), kept aside with where it stood.
    private mutating func keepLinkLine(_ kind: Record.Paragraph.Kind, _ enteringElement: Bool) {
        guard ListingItems.isTitle(utf8: buffer.span, shortLinks: blockLinks.count) else { return }
        let text = TextNormalizer.collapse(buffer)
        var open = enteringElement ? Array(openElements.dropLast()) : openElements
        if let block, open.count == block.depth { open.removeLast() }
        linkLines.append(
            ListingItems.Line(
                position: paragraphs.count, paragraph: Record.Paragraph(text: text, kind: kind), ancestors: open))
    }

    private static func captionElement(_ tag: Tag) -> CaptionMarkup.Element {
        switch tag {
        case .img, .picture, .video: .media
        default: .other
        }
    }

    private mutating func readMeta(_ element: HTMLElement) {
        let key = (element.value(of: .property) ?? element.value(of: .name) ?? element.value(of: .itemprop))?
            .lowercased()
        guard let key, ExtractionPolicy.metaKeys.contains(key), let content = element.value(of: .content) else {
            return
        }
        let value = TextNormalizer.collapse(content)
        guard !value.isEmpty else { return }
        metaValues[key, default: []].append(value)
        switch key {
        case "description", "og:description": metaDescription = metaDescription ?? value
        case "og:url": canonicalURL = canonicalURL ?? value
        default: break
        }
    }

    /// Whole class words that name an article's body on common CMS themes
    /// (WordPress, Blogger, news templates); whole words only, so that
    /// `post-content-teaser` does not count.
    static let articleBodyClasses: Set<Substring> = [
        "entry-content", "post-content", "post-body", "article-body", "articlebody", "article-content", "story-body",
        "story-content", "article-text", "articletext", "article__body", "article__content", "post__content",
        "main-article-content", "td-post-content", "single-post-content", "content-body", "body-text",
        "article-body-text",
        "news-body", "news_body", "article_body", "post_content", "entry_content", "story_body",
    ]

    /// Whether the extractor skips an element with these attributes whole,
    /// wherever it stands, reading nothing of it: hidden, or (with class
    /// hints) chrome by role or class words. Never an element it reads
    /// something of: `itemprop` (dates, the article body), a related
    /// block, an article-body class word. The pre-parse filter cuts `div`
    /// and `section` elements this names.
    static func skipsUnread(_ attributes: CommonAttributes, usesClassHints: Bool) -> Bool {
        guard attributes.itemprop == nil else { return false }
        let hints = ClassHints(attributes)
        guard !hints.related, !hints.articleBody else { return false }
        return isHidden(attributes, hints, block: true) || (usesClassHints && isChrome(attributes, hints))
    }

    /// Hidden, unless a class word says paywall: a page that hides its
    /// article from readers who have not subscribed still serves its text.
    /// A `div` or `section` (`block`) shown to screen readers only
    /// (``ClassHints/screenReaderOnly``: a label such as "Article content"
    /// between the article's parts) is hidden too; an inline one is not: shops
    /// and product grids write prices and names in such spans, which the
    /// benchmark's truth keeps.
    private static func isHidden(_ attributes: CommonAttributes, _ hints: ClassHints, block: Bool) -> Bool {
        (attributes.hidden || attributes.ariaHidden == "true" || attributes.hiddenByStyle
            || (block && hints.screenReaderOnly)) && !hints.paywall
    }

    /// Whether a skipped `div` or `section` with these attributes is walked
    /// on trial (chrome by its class words alone, not hidden); the pre-parse
    /// filter keeps such a block when it holds much text.
    static func walksOnTrial(_ attributes: CommonAttributes) -> Bool {
        let hints = ClassHints(attributes)
        return !isHidden(attributes, hints, block: true) && !hasChromeRole(attributes) && hints.chrome
    }

    /// Readability's rule of thumb, per class or id word (``ClassHints``),
    /// and landmark roles that are never the article.
    private static func isChrome(_ attributes: CommonAttributes, _ hints: ClassHints) -> Bool {
        hasChromeRole(attributes) || hints.chrome
    }

    private static func hasChromeRole(_ attributes: CommonAttributes) -> Bool {
        guard let role = attributes.role?.lowercased() else { return false }
        return ["navigation", "banner", "contentinfo", "complementary", "search", "dialog"].contains(role)
    }

    /// The headline: the page's first heading when the head title or
    /// og:title starts with it (the rest is the site name), else og:title,
    /// else `alternative` (JSON-LD's headline), else the head title
    /// without a trailing ` - Site` / ` | Site`.
    func title(alternative: String? = nil, siteName: String? = nil) -> String? {
        if let h = firstHeading {
            for t in [headTitle, ogTitle, alternative].compactMap({ $0 }) where t == h || t.hasPrefix(h) { return h }
        }
        if let og = ogTitle { return Self.withoutSiteSuffix(og, siteName: siteName) }
        if let alternative { return alternative }
        return headTitle.map { Self.withoutSiteSuffix($0, siteName: siteName) } ?? firstHeading
    }

    /// `Headline - Site` → `Headline` when the part after the last separator
    /// is the site name, or short (four words at most) while the headline is longer.
    static func withoutSiteSuffix(_ title: String, siteName: String?) -> String {
        let bytes = Array(title.utf8)
        for separator in titleSeparators {
            // The last occurrence, found on the bytes (Foundation's backwards search cost a hundred times more).
            guard let start = lastIndex(of: separator, in: bytes) else { continue }
            let head = String(decoding: bytes[..<start], as: UTF8.self)
            let tail = String(decoding: bytes[(start + separator.count)...], as: UTF8.self)
            let tailWords = tail.split(separator: " ").count
            let headWords = head.split(separator: " ").count
            if let siteName,
                tail.lowercased() == siteName.lowercased() || siteName.lowercased().hasPrefix(tail.lowercased())
            {
                return head
            }
            if tailWords <= 4 && headWords > tailWords + 1 { return head }
        }
        return title
    }

    static let titleSeparators = [" | ", " - ", " – ", " — ", " :: ", " · "].map { Array($0.utf8) }

    /// Where the last `needle` starts in `bytes`.
    private static func lastIndex(of needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        var start = bytes.count - needle.count
        while start >= 0 {
            if bytes[start] == needle[0], bytes[start..<(start + needle.count)].elementsEqual(needle) { return start }
            start -= 1
        }
        return nil
    }
}

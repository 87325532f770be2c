import WinnowCore
import WinnowHTML

/// A first, simple extractor: one walk over the tree that keeps the visible
/// text of paragraphs, headings, list items, quotes and code inside `<body>`,
/// and drops scripts, styles, navigation, headers, footers, asides, forms and
/// blocks whose class or id says they are page chrome.
///
/// It also reads the head's title, description, canonical link, site name
/// and `<html lang>`.
struct ArticleExtractor: HTMLVisitor {
    /// Whether class/id words may mark chrome. A page whose wrapper carries a
    /// chrome word (`has-sidebar` on the page div) is walked again without.
    var usesClassHints = true

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
    private(set) var ogTitle: String?
    private(set) var siteName: String?
    private(set) var canonicalURL: String?
    private(set) var htmlLanguage: String?

    private var skipDepth = 0
    private var inTitle = false
    private var inBody = false
    private var titleBuffer = ""
    private var block: (kind: Record.Paragraph.Kind, depth: Int)?
    private var blockIsCaption = false
    /// Text of the current block, or of loose text between blocks.
    private var buffer = ""
    /// How much of `buffer` sits inside links; menus and link lists are mostly links.
    private var linkCharacters = 0
    private var linkDepth = 0
    private var depth = 0
    private var preDepth = 0

    /// Elements whose whole subtree is never article text.
    private static let skippedTags: Set<String> = [
        "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas",
        "nav", "header", "footer", "aside", "button", "select", "textarea", "input", "dialog", "menu",
    ]

    /// class/id words that mark chrome on most news sites (not a list of sites).
    private static let chromeTokens: Set<String> = [
        "share", "social", "comment", "comments", "related", "recommend", "newsletter", "subscribe", "cookie",
        "consent", "advert", "ad", "ads", "banner", "promo", "sponsor", "sidebar", "breadcrumb", "breadcrumbs",
        "menu", "navbar", "footer", "masthead", "popup", "modal", "skip", "tags", "pagination", "widget", "sns",
    ]

    /// Words before a chrome word that make it a layout description.
    private static let layoutModifiers: Set<String> = ["no", "has", "with", "without", "hide", "show", "is"]

    /// Words that mark the article itself and override chrome words.
    private static let contentTokens: Set<String> = ["article", "content", "entry", "story", "articlebody", "body", "text"]

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

    mutating func enter(_ element: HTMLElement) -> VisitDecision {
        depth += 1
        parentOf.append(openElements.last ?? -1)
        openElements.append(parentOf.count - 1)
        if skipDepth > 0 { return .skip }
        let name = element.name
        switch name {
        case "head":
            return .descend
        case "body":
            inBody = true
        case "title" where headTitle == nil && !inBody:
            inTitle = true
            titleBuffer = ""
            return .descend
        case "meta":
            readMeta(element)
            return .skip
        case "link":
            if element.attribute("rel")?.lowercased() == "canonical", let href = element.attribute("href"), !href.isEmpty {
                canonicalURL = canonicalURL ?? href
            }
            return .skip
        case "html":
            htmlLanguage = element.attribute("lang").flatMap { $0.isEmpty ? nil : $0 }
            return .descend
        case "br":
            if preDepth > 0 {
                buffer.append("\n")
            } else if block == nil {
                flush()  // loose text: a <br> ends a paragraph
            } else {
                buffer.append(" ")
            }
            return .skip
        case "a":
            linkDepth += 1
        default:
            break
        }
        if Self.skippedTags.contains(name) || isHidden(element) || (usesClassHints && !Self.neverChrome.contains(name) && isChrome(element)) {
            skipDepth = depth
            if name == "a" { linkDepth -= 1 }
            return .skip
        }
        if name == "pre" { preDepth += 1 }
        if let kind = Self.blockKinds[name] {
            // A block inside a block (a <p> in an <li>) ends the outer text first.
            flush()
            if block == nil {
                block = (kind, depth)
                blockIsCaption = name == "figcaption" || name == "caption"
            }
        } else if block == nil, Self.boundaryTags.contains(name) {
            flush()
        }
        return .descend
    }

    mutating func text(_ text: String) {
        if inTitle { titleBuffer += text; return }
        guard skipDepth == 0, inBody else { return }
        buffer += text
        if linkDepth > 0 { linkCharacters += text.utf8.count }
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
        if inTitle, element.isNamed("title") {
            inTitle = false
            let title = TextNormalizer.collapse(titleBuffer)
            headTitle = title.isEmpty ? nil : title
            return
        }
        if element.isNamed("a") { linkDepth = max(0, linkDepth - 1) }
        if element.isNamed("pre") { preDepth = max(0, preDepth - 1) }
        if let current = block, current.depth == depth {
            flush()
            block = nil
            blockIsCaption = false
        } else if block == nil, Self.boundaryTags.contains(element.name) {
            flush()
        }
    }

    /// Ends the current paragraph (a block's, or loose text).
    private mutating func flush() {
        defer {
            buffer = ""
            linkCharacters = 0
        }
        let kind = block?.kind ?? .paragraph
        let text = kind == .code ? TextNormalizer.trimLines(buffer) : TextNormalizer.collapse(buffer)
        guard !text.isEmpty else { return }
        // Menus, related-article lists and breadcrumbs are mostly link text.
        if kind != .heading, linkCharacters * 2 > buffer.utf8.count { return }
        if blockIsCaption {
            captions.append(text)
        } else {
            if kind == .heading, firstHeading == nil { firstHeading = text }
            paragraphs.append(Record.Paragraph(text: text, kind: kind))
            // A block's own element is not its ancestor; loose text sits in the open container.
            paragraphAncestors.append(block != nil ? Array(openElements.dropLast()) : openElements)
        }
    }

    private mutating func readMeta(_ element: HTMLElement) {
        let key = (element.attribute("property") ?? element.attribute("name"))?.lowercased()
        guard let key, let content = element.attribute("content") else { return }
        let value = TextNormalizer.collapse(content)
        guard !value.isEmpty else { return }
        switch key {
        case "description", "og:description": metaDescription = metaDescription ?? value
        case "og:title": ogTitle = ogTitle ?? value
        case "og:site_name": siteName = siteName ?? value
        case "og:url": canonicalURL = canonicalURL ?? value
        default: break
        }
    }

    private func isHidden(_ element: HTMLElement) -> Bool {
        if element.attribute("hidden") != nil { return true }
        if element.attribute("aria-hidden") == "true" { return true }
        if let style = element.attribute("style")?.lowercased().replacingOccurrences(of: " ", with: ""),
           style.contains("display:none") || style.contains("visibility:hidden") { return true }
        return false
    }

    /// Readability's rule of thumb, per class or id word: a word with a part
    /// naming chrome (`share-buttons`, `article-social`) marks chrome; a word
    /// naming content and no chrome (`entry-content`) overrides that, so a
    /// modifier such as `no-share` beside it does not drop the article.
    private func isChrome(_ element: HTMLElement) -> Bool {
        if let role = element.attribute("role")?.lowercased(),
           ["navigation", "banner", "contentinfo", "complementary", "search", "dialog"].contains(role) { return true }
        let tokens = ((element.attribute("class") ?? "") + " " + (element.attribute("id") ?? "")).lowercased()
        guard tokens.count > 1 else { return false }
        var chrome = false
        for word in tokens.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            let parts = word.split(whereSeparator: { $0 == "-" || $0 == "_" }).map(String.init)
            // "has-sidebar", "with-sidebar", "no-share" describe a layout, not this element.
            let namesChrome = parts.indices.contains { i in
                Self.chromeTokens.contains(parts[i]) && (i == 0 || !Self.layoutModifiers.contains(parts[i - 1]))
            }
            if namesChrome {
                chrome = true
            } else if parts.contains(where: { Self.contentTokens.contains($0) }) {
                return false
            }
        }
        return chrome
    }

    /// The headline: the page's first heading when the head title starts with
    /// it (the rest is the site name), else og:title, else the head title.
    var title: String? {
        if let h = firstHeading, let t = headTitle ?? ogTitle, t.hasPrefix(h) || t == h { return h }
        return ogTitle ?? firstHeading ?? headTitle
    }
}

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
    private(set) var paragraphs: [Record.Paragraph] = []
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
    private var titleBuffer = ""
    private var block: (kind: Record.Paragraph.Kind, depth: Int)?
    private var blockIsCaption = false
    private var buffer = ""
    private var depth = 0
    private var preDepth = 0

    /// Elements whose whole subtree is never article text.
    private static let skippedTags: Set<String> = [
        "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas",
        "nav", "header", "footer", "aside", "form", "button", "select", "textarea", "input", "dialog", "menu",
    ]

    /// class/id tokens that mark chrome on most news sites (not a list of sites).
    private static let chromeTokens: [String] = [
        "share", "social", "comment", "related", "recommend", "newsletter", "subscribe", "cookie", "consent",
        "advert", "ad-", "ads", "banner", "promo", "sponsor", "sidebar", "breadcrumb", "menu", "navbar",
        "footer", "masthead", "popup", "modal", "skip-link", "byline-share", "tags", "pagination",
    ]

    private static let blockKinds: [String: Record.Paragraph.Kind] = [
        "p": .paragraph, "h1": .heading, "h2": .heading, "h3": .heading, "h4": .heading, "h5": .heading,
        "h6": .heading, "li": .list, "dt": .list, "dd": .list, "blockquote": .quote, "pre": .code,
        "figcaption": .paragraph, "caption": .paragraph,
    ]

    mutating func enter(_ element: HTMLElement) -> VisitDecision {
        depth += 1
        let name = element.name
        if skipDepth > 0 { return .skip }
        switch name {
        case "head":
            return .descend
        case "title" where headTitle == nil:
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
            if block != nil { buffer.append(preDepth > 0 ? "\n" : " ") }
            return .skip
        default:
            break
        }
        if Self.skippedTags.contains(name) || isHidden(element) || isChrome(element) {
            skipDepth = depth
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
        }
        return .descend
    }

    mutating func text(_ text: String) {
        if inTitle { titleBuffer += text; return }
        guard skipDepth == 0, block != nil else { return }
        buffer += text
    }

    mutating func exit(_ element: HTMLElement) {
        defer { depth -= 1 }
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
        if element.isNamed("pre") { preDepth = max(0, preDepth - 1) }
        if let current = block, current.depth == depth {
            flush()
            block = nil
            blockIsCaption = false
        }
    }

    private mutating func flush() {
        guard let current = block else { return }
        let text = current.kind == .code ? TextNormalizer.trimLines(buffer) : TextNormalizer.collapse(buffer)
        buffer = ""
        guard !text.isEmpty else { return }
        if blockIsCaption {
            captions.append(text)
        } else {
            if current.kind == .heading, firstHeading == nil { firstHeading = text }
            paragraphs.append(Record.Paragraph(text: text, kind: current.kind))
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

    private func isChrome(_ element: HTMLElement) -> Bool {
        let tokens = ((element.attribute("class") ?? "") + " " + (element.attribute("id") ?? "")).lowercased()
        guard tokens.count > 1 else { return false }
        if let role = element.attribute("role")?.lowercased(),
           ["navigation", "banner", "contentinfo", "complementary", "search", "dialog"].contains(role) { return true }
        for word in tokens.split(whereSeparator: { $0 == " " || $0 == "_" }) {
            for token in Self.chromeTokens where word == token || word.hasPrefix(token + "-") || word.hasSuffix("-" + token) {
                return true
            }
            if Self.chromeTokens.contains(where: { $0.hasSuffix("-") && word.hasPrefix($0) }) { return true }
        }
        return false
    }

    /// The headline: the page's first heading when the head title starts with
    /// it (the rest is the site name), else og:title, else the head title.
    var title: String? {
        if let h = firstHeading, let t = headTitle ?? ogTitle, t.hasPrefix(h) || t == h { return h }
        return ogTitle ?? firstHeading ?? headTitle
    }
}

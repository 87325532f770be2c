import Foundation
import WinnowCompression
import WinnowHTML

/// One URL a sitemap or feed gives, with the dates it gives for it.
public struct SitemapEntry: Sendable, Equatable {
    public var url: String
    /// `<lastmod>` (sitemaps), `<updated>` (Atom), as written.
    public var lastModified: String?
    /// `<news:publication_date>` (Google News), `<pubDate>` (RSS), `<published>` (Atom), as written.
    public var published: String?
    /// `<news:title>`, or an RSS item's or Atom entry's `<title>`.
    public var title: String?

    public init(url: String, lastModified: String? = nil, published: String? = nil, title: String? = nil) {
        self.url = url
        self.lastModified = lastModified
        self.published = published
        self.title = title
    }
}

/// What one sitemap or feed file lists.
public struct SitemapContents: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        case urlset
        case sitemapIndex = "sitemapindex"
        case text, rss, atom
    }

    public var kind: Kind
    /// Pages to fetch, in file order.
    public var pages: [SitemapEntry] = []
    /// Child sitemaps (a sitemap index's `<sitemap><loc>`), in file order.
    public var sitemaps: [SitemapEntry] = []
    /// What was cut or skipped, one line each (limits, entries without a usable URL, XML errors).
    public var warnings: [String] = []
}

/// The sitemap protocol's limits for one file (sitemaps.org: "no more than
/// 50,000 URLs and must be no larger than 50MB (52,428,800 bytes)" uncompressed).
public struct SitemapLimits: Sendable, Equatable {
    public var maxURLs: Int
    public var maxBytes: Int

    public init(maxURLs: Int = 50_000, maxBytes: Int = 52_428_800) {
        self.maxURLs = maxURLs
        self.maxBytes = maxBytes
    }

    public static let standard = SitemapLimits()
}

public struct SitemapError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
}

/// Reads sitemaps (urlset, sitemap index, Google News, text) and feeds
/// (RSS 2.0 and 1.0, Atom) into page URLs and child sitemaps.
///
/// The kind is read from the content, not the name: gzip by its magic
/// bytes, XML by its root element, anything else as a text sitemap (one URL
/// a line). XML goes through ``XMLReader``: no network, no DTD, no entity
/// expansion. Only absolute http(s) URLs are kept; a relative feed link is
/// resolved against the file's own URL when it is known. Beyond the limits
/// the file is cut, with a warning: the first 50 MB are read (a gzip file
/// that inflates past that is refused, as the inflater cannot stop halfway),
/// and the first 50,000 URLs kept.
public enum SitemapParser {
    /// Parses one file's bytes; `url` is where it came from (for relative feed links and messages).
    public static func parse(_ bytes: [UInt8], url: String? = nil, limits: SitemapLimits = .standard)
        throws(SitemapError) -> SitemapContents
    {
        var body = bytes
        var warnings: [String] = []
        if body.starts(with: [0x1F, 0x8B]) {
            do {
                body = try Gzip.decompress(body, limit: limits.maxBytes)
            } catch {
                throw SitemapError(
                    description:
                        "gzip sitemap not read: \(error.description) (limit: \(limits.maxBytes) bytes uncompressed)")
            }
        }
        if body.count > limits.maxBytes {
            warnings.append(
                "file is \(body.count) bytes: only the first \(limits.maxBytes) were read (sitemap protocol limit)")
            body.removeSubrange(limits.maxBytes...)
        }
        let base = url.flatMap { URL(string: $0) }
        var contents: SitemapContents
        if looksLikeXML(body) {
            contents = try parseXML(body, base: base, url: url, limits: limits)
        } else {
            contents = parseText(body, limits: limits)
        }
        contents.warnings.insert(contentsOf: warnings, at: 0)
        return contents
    }

    /// Whether the first non-blank character (after a BOM) is `<`.
    static func looksLikeXML(_ bytes: [UInt8]) -> Bool {
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        // UTF-16 XML starts with a BOM of its own.
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) { return true }
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        return index < bytes.count && bytes[index] == UInt8(ascii: "<")
    }

    // MARK: - Text sitemaps

    /// sitemaps.org: a text file with one URL a line, UTF-8, nothing else.
    static func parseText(_ bytes: [UInt8], limits: SitemapLimits) -> SitemapContents {
        var contents = SitemapContents(kind: .text)
        var skipped = 0
        var text = String(decoding: bytes, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            let candidate = line.trimmingASCIIWhitespace()
            if candidate.isEmpty { continue }
            guard isWebURL(candidate) else {
                skipped += 1
                continue
            }
            guard contents.pages.count < limits.maxURLs else {
                contents.warnings.append(
                    "more than \(limits.maxURLs) URLs: the rest were ignored (sitemap protocol limit)")
                break
            }
            contents.pages.append(SitemapEntry(url: candidate))
        }
        if skipped > 0 { contents.warnings.append("\(skipped) lines are not http(s) URLs and were skipped") }
        return contents
    }

    static func isWebURL(_ text: String) -> Bool {
        guard let parts = URLNormalizer.Parts(text) else { return false }
        return parts.scheme == "http" || parts.scheme == "https"
    }

    // MARK: - XML sitemaps and feeds

    static func parseXML(_ bytes: [UInt8], base: URL?, url: String?, limits: SitemapLimits) throws(SitemapError)
        -> SitemapContents
    {
        var collector = FeedCollector(base: base, limits: limits)
        let result = XMLReader.read(bytes, url: url, into: &collector)
        guard let kind = collector.kind else {
            if let root = collector.rootName {
                throw SitemapError(description: "not a sitemap or feed: the root element is <\(root)>")
            }
            // Also what a document that tries entity amplification gets: libxml2 stops at the declaration or first use.
            throw SitemapError(
                description: "not a sitemap or feed: no XML element could be read (\(result.errors) XML errors)")
        }
        var contents = SitemapContents(kind: kind, pages: collector.pages, sitemaps: collector.sitemaps)
        if collector.reachedLimit {
            contents.warnings.append("more than \(limits.maxURLs) URLs: the rest were ignored (sitemap protocol limit)")
        }
        if collector.unusable > 0 {
            contents.warnings.append("\(collector.unusable) entries had no absolute http(s) URL and were skipped")
        }
        if !result.stoppedByVisitor && !result.isWellFormed {
            contents.warnings.append(
                "the XML is not well-formed (\(result.errors) errors): entries up to the first unrecoverable error "
                    + "were kept"
            )
        }
        return contents
    }
}

/// Collects entries from whichever sitemap or feed format the root element names.
private struct FeedCollector: XMLVisitor {
    let base: URL?
    let limits: SitemapLimits
    var kind: SitemapContents.Kind?
    var rootName: String?
    var pages: [SitemapEntry] = []
    var sitemaps: [SitemapEntry] = []
    var unusable = 0
    var reachedLimit = false

    /// Local names of the open elements, root first.
    private var path: [String] = []
    /// The text of the element being read, when it is one we keep, and its depth.
    private var text: String?
    private var textDepth = 0
    /// The depth of the entry element being read.
    private var entryDepth = 0
    /// The entry being read (a `<url>`, `<sitemap>`, `<item>` or `<entry>`).
    private var entry: SitemapEntry?
    /// An Atom entry's `rel="alternate"` link wins over its other links.
    private var entryHasAlternate = false
    /// An RSS item's permalink `<guid>`, used when it has no `<link>`.
    private var permalink: String?
    private var isPermalink = false

    init(base: URL?, limits: SitemapLimits) {
        self.base = base
        self.limits = limits
    }

    var wantsMore: Bool { !reachedLimit && (kind != nil || rootName == nil) }

    /// The element that holds one entry, for each kind.
    private var entryElement: String {
        switch kind {
        case .urlset: "url"
        case .sitemapIndex: "sitemap"
        case .rss: "item"
        case .atom: "entry"
        case .text, nil: ""
        }
    }

    mutating func start(_ tag: XMLStartTag) {
        let name = tag.name.localName
        if path.isEmpty && rootName == nil {
            rootName = name
            switch name {
            case "urlset": kind = .urlset
            case "sitemapindex": kind = .sitemapIndex
            case "rss", "RDF": kind = .rss
            case "feed": kind = .atom
            default: kind = nil
            }
        }
        path.append(name)
        guard kind != nil else { return }
        if name == entryElement && entry == nil {
            entry = SitemapEntry(url: "")
            entryDepth = path.count
            entryHasAlternate = false
            permalink = nil
            return
        }
        guard entry != nil else { return }
        let parent = path.count >= 2 ? path[path.count - 2] : ""
        switch (kind, parent, name) {
        case (.atom, "entry", "link"):
            let rel = tag.attribute("rel") ?? "alternate"
            if let href = tag.attribute("href"),
                rel == "alternate" || (rel != "enclosure" && entry?.url.isEmpty == true)
            {
                if rel == "alternate" || !entryHasAlternate {
                    entry?.url = href
                    entryHasAlternate = entryHasAlternate || rel == "alternate"
                }
            }
        case (.rss, "item", "guid"):
            isPermalink = (tag.attribute("isPermaLink") ?? "true").lowercased() == "true"
            text = ""
            textDepth = path.count
        case (_, entryElement, _), (.urlset, "news", _):
            text = ""
            textDepth = path.count
        default:
            break
        }
    }

    mutating func text(_ piece: String) {
        if text != nil { text! += piece }
    }

    mutating func end(_ name: XMLName) {
        defer { path.removeLast() }
        guard kind != nil, entry != nil else { return }
        let local = name.localName
        if path.count == entryDepth {
            finishEntry()
            return
        }
        guard path.count == textDepth, let value = text?.trimmingASCIIWhitespace() else { return }
        text = nil
        let parent = path.count >= 2 ? path[path.count - 2] : ""
        switch (kind, parent, local) {
        case (.urlset, "url", "loc"), (.sitemapIndex, "sitemap", "loc"), (.rss, "item", "link"):
            entry?.url = value
        case (.urlset, "url", "lastmod"), (.sitemapIndex, "sitemap", "lastmod"), (.atom, "entry", "updated"):
            entry?.lastModified = value
        case (.urlset, "news", "publication_date"), (.rss, "item", "pubDate"), (.atom, "entry", "published"):
            entry?.published = value
        case (.urlset, "news", "title"), (.rss, "item", "title"), (.atom, "entry", "title"):
            entry?.title = value
        case (.rss, "item", "guid"):
            if isPermalink { permalink = value }
        case (.rss, "item", "date") where entry?.published == nil:
            entry?.published = value  // RSS 1.0's dc:date
        default:
            break
        }
    }

    private mutating func finishEntry() {
        guard var finished = entry else { return }
        entry = nil
        text = nil
        if finished.url.isEmpty, let permalink { finished.url = permalink }
        guard let absolute = resolve(finished.url) else {
            unusable += 1
            return
        }
        finished.url = absolute
        guard pages.count + sitemaps.count < limits.maxURLs else {
            reachedLimit = true
            return
        }
        if kind == .sitemapIndex { sitemaps.append(finished) } else { pages.append(finished) }
    }

    /// An absolute http(s) URL for `link`: as it is, or resolved against the file's URL.
    private func resolve(_ link: String) -> String? {
        guard !link.isEmpty else { return nil }
        if SitemapParser.isWebURL(link) { return link }
        guard URLNormalizer.Parts(link) == nil, let base,
            let resolved = URL(string: link, relativeTo: base)?.absoluteString,
            SitemapParser.isWebURL(resolved)
        else { return nil }
        return resolved
    }
}

import Foundation

/// What kind of page a record comes from, guessed from its structure, so
/// that a user can keep only articles (news archives are full of section
/// fronts, tag pages and comment threads). The kinds are WCXB's:
/// `article`, `listing`, `forum`, `product`, `documentation`, `service`,
/// `collection`.
///
/// First the page's host and URL path (canonical when known) and JSON-LD
/// types name a kind outright (`forum.…`, `docs.…`, `/docs/…`, `/t/…`, a
/// section's front page such as `/blog/`, a `Product` with no article beside
/// it); a listing, service or collection word gives way to strong article
/// evidence. Otherwise article evidence is added up (``articlePoints``):
/// metadata, the URL's shape and the page's shape (title length, prose
/// share, links per text, price markup, repeated bylines). A page that is
/// no article is a product or a collection by its prices, documentation by
/// its code blocks. Measured on WCXB's development split (article vs other,
/// `make bench`): 0.912 on the half it was tuned on, 0.905 on the other
/// (0.856 and 0.863 before the shape rules); the target is 0.90.
enum PageType {
    static let article = "article"

    struct Evidence {
        var path: String?
        /// The page's host (canonical when known): `forum.`, `docs.` and the like name a kind.
        var host: String?
        var jsonLDTypes: Set<String> = []
        var ogType: String?
        var hasPublished = false
        var hasAuthors = false
        var bodyScalars = 0
        var listShare = 0.0
        /// Scalars of every paragraph the walk kept (the chosen block's and the rest).
        var pageScalars = 0
        /// Scalars of the chosen block's prose paragraphs of ``proseLength`` or more.
        var proseScalars = 0
        /// `<a>` elements the walk entered (``ArticleExtractor/linkCount``).
        var links = 0
        /// Words of the record's title.
        var titleWords = 0
        /// Elements whose class names a price (``ArticleExtractor/priceElements``).
        var priceElements = 0
        /// Author or byline elements and `<time>` (or `datePublished`) values of the whole page.
        var bylineElements = 0
        var dateElements = 0
        /// Code blocks (`<pre>`) among the paragraphs the walk kept.
        var codeBlocks = 0
    }

    /// Words of a title: those between spaces, or for a script written
    /// without spaces (Chinese, Japanese, Thai) one per two characters, so that
    /// a Japanese headline is as long as an English one.
    static func titleWords(_ title: String) -> Int {
        var unspaced = 0
        for scalar in title.unicodeScalars where isUnspaced(scalar.value) { unspaced += 1 }
        return max(title.split(separator: " ").count, unspaced / 2)
    }

    /// Whether a scalar is of a script written without spaces (Thai, kana, Han).
    static func isUnspaced(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x0E00...0x0E7F, 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF: true
        default: false
        }
    }

    /// A paragraph this long is prose, not a teaser, a label or a call to action.
    static let proseLength = 200

    static let articleTypes: Set<String> = JSONLDArticle.articleTypes

    /// Path segments (not the last, which is the page's own slug) that name a kind.
    static let kindOfSegment: [String: String] = {
        var table: [String: String] = [:]
        for w in ["docs", "documentation", "doc", "api", "reference", "manual", "kb", "knowledge-base", "help"] {
            table[w] = "documentation"
        }
        for w in [
            "forum", "forums", "thread", "threads", "questions", "community", "discussion", "discussions", "t",
            "showthread.php",
            "viewtopic.php", "comments",
        ] { table[w] = "forum" }
        for w in ["product", "products", "shop", "store", "item", "dp"] { table[w] = "product" }
        for w in ["collections", "collection"] { table[w] = "collection" }
        for w in ["category", "categories", "tag", "tags", "topics", "archive", "archives", "search"] {
            table[w] = "listing"
        }
        for w in ["services", "service", "solutions", "pricing", "features"] { table[w] = "service" }
        return table
    }()

    static let articleSegments: Set<String> = [
        "blog", "news", "article", "articles", "post", "posts", "stories", "story",
    ]

    /// The first label of a host that names a kind (`forum.example.org`, `docs.example.dev`).
    static let kindOfHostLabel: [String: String] = [
        "forum": "forum", "forums": "forum", "community": "forum", "discuss": "forum", "discussion": "forum",
        "boards": "forum",
        "docs": "documentation", "developer": "documentation", "developers": "documentation", "learn": "documentation",
        "shop": "product", "store": "product",
    ]

    /// Kinds a path word names only weakly: a dated, typed, bylined article
    /// under `/features/` or `/topics/` is still an article.
    static let yieldingKinds: Set<String> = ["listing", "service", "collection"]
    /// Article points that outweigh a ``yieldingKinds`` word.
    static let strongArticle = 4

    static func guess(_ e: Evidence) -> String {
        let segments = (e.path ?? "").lowercased().split(separator: "/").map(String.init)
        // A kind's word in the path: any segment but the slug, or the only one.
        let named = segments.count == 1 ? segments : Array(segments.dropLast())
        let score = articlePoints(e, segments: segments, named: named)
        if let kind = namedKind(e, segments: segments, named: named),
            !(yieldingKinds.contains(kind) && score >= strongArticle)
        {
            return kind
        }
        if score >= 1 { return article }
        // Prices: one item's (a product page) or many items' (a shop's collection).
        if e.priceElements >= manyPrices { return "collection" }
        if e.priceElements >= 2 { return "product" }
        // Code examples on a page that is no article: a manual's or an API reference's.
        if e.codeBlocks >= 2 { return "documentation" }
        return e.listShare > 0.5 || e.bodyScalars < 1500 ? "listing" : "service"
    }

    /// The kind the host, the path or the JSON-LD types name outright, if any.
    static func namedKind(_ e: Evidence, segments: [String], named: [String]) -> String? {
        if let label = e.host?.lowercased().split(separator: ".").first.map(String.init),
            let kind = kindOfHostLabel[label]
        {
            return kind
        }
        // A section's own front page: `/blog/`, `/news`.
        if segments.count == 1, articleSegments.contains(segments[0]) { return "listing" }
        let order = ["documentation", "forum", "product", "collection", "listing", "service"]
        let kinds = Set(named.compactMap { kindOfSegment[$0] })
        let types = e.jsonLDTypes
        let articleTyped = !types.isDisjoint(with: articleTypes)
        for kind in order {
            if kinds.contains(kind) { return kind }
            if kind == "forum", types.contains("discussionforumposting") || types.contains("qapage") { return kind }
            if kind == "product", !articleTyped, types.contains("product") || types.contains("offer") { return kind }
        }
        return nil
    }

    /// Article evidence added up: metadata (an article type, `og:type`, a
    /// date, an author), the URL (a dated or blog-like path, a headline-long
    /// slug) and the page's shape (a title shorter than a headline, prose
    /// filling the page, many links per text); a page with 1 or more is an
    /// article. Each shape rule was tuned on WCXB's half A and kept because
    /// half B rose too (README, "Extraction on the development sets").
    static func articlePoints(_ e: Evidence, segments: [String], named: [String]) -> Int {
        var score = 0
        if !e.jsonLDTypes.isDisjoint(with: articleTypes) { score += 2 }
        if e.ogType == "article" { score += 1 }
        if e.hasPublished { score += 1 }
        if e.hasAuthors { score += 1 }
        if segments.count >= 2, named.contains(where: articleSegments.contains) { score += 2 }
        if segments.contains(where: { $0.count == 4 && ($0.hasPrefix("19") || $0.hasPrefix("20")) && Int($0) != nil }) {
            score += 2
        }
        if e.bodyScalars < 1500 { score -= 1 }
        // A bare domain is a front page; a page whose URL is unknown is not one.
        if e.path != nil, segments.isEmpty { score -= 2 }
        // An article's slug is its headline: `/harbour-reopens-after-the-storm`, not `/pricing`.
        if let slug = segments.last, slug.split(whereSeparator: { $0 == "-" || $0 == "_" }).count >= 5 { score += 1 }
        // A headline is a sentence; a service or listing page is named in a word or three.
        if (1...5).contains(e.titleWords) { score -= 1 }
        if (1...3).contains(e.titleWords) { score -= 1 }
        // Prose paragraphs fill an article's page; teasers, cards and calls to action fill the others.
        if e.proseScalars * 2 >= e.pageScalars, e.proseScalars > 0 { score += 1 }
        // Links per 1,000 scalars of text: an article has a few, a listing or a service page many.
        let page = max(1, e.pageScalars)
        if e.links * 1000 >= denseLinks * page { score -= 1 }
        if e.links * 1000 >= veryDenseLinks * page { score -= 1 }
        // Price markup is a shop's.
        if e.priceElements > 0 { score -= 1 }
        // Bylines or dates repeated down the page: a list of posts, a thread, reviews.
        if max(e.bylineElements, e.dateElements) >= repeatedBylines { score -= 1 }
        return score
    }

    /// Links per 1,000 scalars of the page's text: median 2.6 on WCXB's articles, 9.3 on its other pages.
    static let denseLinks = 8
    static let veryDenseLinks = 15
    /// Bylines or dates on a page of several posts: an article has one or two of each.
    static let repeatedBylines = 4
    /// Price elements of a page that lists a shop's items, not one item.
    static let manyPrices = 5
}

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
/// it). Otherwise article evidence is added up: an article type in JSON-LD,
/// `og:type` article, a publication date, an author, a dated or blog-like
/// path; a short body and a bare domain count against. Measured on WCXB's
/// development split (article vs other, `make bench`): 0.856 on the half it
/// was tuned on, 0.863 on the other; the target is 0.90.
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
    }

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

    static func guess(_ e: Evidence) -> String {
        let segments = (e.path ?? "").lowercased().split(separator: "/").map(String.init)
        if let label = e.host?.lowercased().split(separator: ".").first.map(String.init),
            let kind = kindOfHostLabel[label]
        {
            return kind
        }
        // A section's own front page: `/blog/`, `/news`.
        if segments.count == 1, articleSegments.contains(segments[0]) { return "listing" }
        // A kind's word in the path: any segment but the slug, or the only one.
        let named = segments.count == 1 ? segments : Array(segments.dropLast())
        let order = ["documentation", "forum", "product", "collection", "listing", "service"]
        let kinds = Set(named.compactMap { kindOfSegment[$0] })
        let types = e.jsonLDTypes
        let articleTyped = !types.isDisjoint(with: articleTypes)
        for kind in order {
            if kinds.contains(kind) { return kind }
            if kind == "forum", types.contains("discussionforumposting") || types.contains("qapage") { return kind }
            if kind == "product", !articleTyped, types.contains("product") || types.contains("offer") { return kind }
        }
        var score = 0
        if articleTyped { score += 2 }
        if e.ogType == "article" { score += 1 }
        if e.hasPublished { score += 1 }
        if e.hasAuthors { score += 1 }
        if segments.count >= 2, named.contains(where: articleSegments.contains) { score += 2 }
        if segments.contains(where: { $0.count == 4 && ($0.hasPrefix("19") || $0.hasPrefix("20")) && Int($0) != nil }) {
            score += 2
        }
        if e.bodyScalars < 1500 { score -= 1 }
        if segments.isEmpty { score -= 2 }
        if score >= 1 { return article }
        return e.listShare > 0.5 || e.bodyScalars < 1500 ? "listing" : "service"
    }
}

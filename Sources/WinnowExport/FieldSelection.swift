import WinnowCore

/// `--fields a,b,c`: the record keys an export keeps. `id` and `source` are
/// always kept: they identify the record and lead back to its page.
///
/// JSON Lines leaves the other keys out (the record contract already omits
/// absent fields); the table formats (CSV, SQLite, Parquet) drop their
/// columns — a flat column belongs to its key (`source_kind` to `source`,
/// `published_raw` to `published`, `translation_notes` to `translation`).
public struct FieldSelection: Sendable, Equatable {
    /// The record's keys, in the record's order.
    public static let recordKeys = [
        "id", "url", "canonical_url", "source", "fetched_at", "http_status", "page_type", "charset", "title",
        "authors", "published", "modified", "site_name", "description", "language", "language_confidence", "text",
        "paragraphs", "captions", "related", "alternates", "translation", "tags", "dedup", "warnings",
    ]

    public let keys: Set<String>

    /// Checks the names; an unknown one is a configuration error listing the known keys.
    public init(_ names: [String]) throws {
        var keys: Set<String> = ["id", "source"]
        for name in names {
            guard Self.recordKeys.contains(name) else {
                throw ConfigurationError(
                    "--fields: unknown field '\(name)' (known: \(Self.recordKeys.joined(separator: ", ")))")
            }
            keys.insert(name)
        }
        self.keys = keys
    }

    /// The record key a flat column of the table formats belongs to.
    static func key(ofColumn name: String) -> String {
        if recordKeys.contains(name) { return name }
        // The longest key that prefixes the column (so `language_confidence` is its own key, checked above).
        return recordKeys.filter { name.hasPrefix($0 + "_") }.max { $0.count < $1.count } ?? name
    }

    public func keeps(column name: String) -> Bool { keys.contains(Self.key(ofColumn: name)) }

    /// Clears the fields not kept, so JSON Lines leaves them out.
    public func apply(to r: inout Record) {
        func drop(_ key: String) -> Bool { !keys.contains(key) }
        if drop("url") { r.url = nil }
        if drop("canonical_url") { r.canonicalURL = nil }
        if drop("fetched_at") { r.fetchedAt = nil }
        if drop("http_status") { r.httpStatus = nil }
        if drop("page_type") { r.pageType = nil }
        if drop("charset") { r.charset = nil }
        if drop("title") { r.title = nil }
        if drop("authors") { r.authors = [] }
        if drop("published") { r.published = nil }
        if drop("modified") { r.modified = nil }
        if drop("site_name") { r.siteName = nil }
        if drop("description") { r.description = nil }
        if drop("language") { r.language = nil }
        if drop("language_confidence") { r.languageConfidence = nil }
        if drop("text") { r.text = nil }
        if drop("paragraphs") { r.paragraphs = [] }
        if drop("captions") { r.captions = [] }
        if drop("related") { r.related = [] }
        if drop("alternates") { r.alternates = [] }
        if drop("translation") { r.translation = nil }
        if drop("tags") { r.tags = [] }
        if drop("dedup") { r.dedup = nil }
        if drop("warnings") { r.warnings = [] }
    }
}

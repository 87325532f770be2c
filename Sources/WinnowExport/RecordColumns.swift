import WinnowCore

/// The record as a row of flat columns, shared by the table formats (CSV,
/// SQLite): one column per scalar field (`source` and `dedup` flattened to
/// `source_kind`, `dedup_cluster`, …), lists of strings as lists, and the
/// nested lists (`paragraphs`, `related`, `alternates`, `translation`) as
/// JSON in the record's own key order.
enum RecordColumns {
    enum Value: Equatable {
        case null
        case text(String)
        case integer(Int)
        case real(Double)
        /// A list of strings (`authors`, `captions`, `tags`, `warnings`); null when empty.
        case strings([String])
        /// Nested data as JSON text; null when empty.
        case json(String)
    }

    /// Column names, in the record's key order.
    static let names = [
        "id", "url", "canonical_url", "source_kind", "source_path", "source_offset", "source_warc_record_id",
        "fetched_at", "http_status", "page_type", "charset", "title", "authors", "published", "modified", "site_name",
        "description", "language", "language_confidence", "text", "paragraphs", "captions", "related",
        "alternates", "translation", "tags", "dedup_text_hash", "dedup_cluster", "dedup_duplicate_of", "warnings",
    ]

    /// The values of `record`, in the order of ``names``.
    static func values(of r: Record) -> [Value] {
        [
            .text(r.id), text(r.url), text(r.canonicalURL), .text(r.source.kind), .text(r.source.path),
            r.source.offset.map(Value.integer) ?? .null, text(r.source.warcRecordID),
            text(r.fetchedAt), r.httpStatus.map(Value.integer) ?? .null, text(r.pageType), text(r.charset),
            text(r.title),
            strings(r.authors), text(r.published), text(r.modified), text(r.siteName),
            text(r.description), text(r.language), r.languageConfidence.map(Value.real) ?? .null, text(r.text),
            paragraphs(r.paragraphs), strings(r.captions), related(r.related),
            alternates(r.alternates), translation(r.translation), strings(r.tags),
            text(r.dedup?.textHash), text(r.dedup?.cluster), text(r.dedup?.duplicateOf), strings(r.warnings),
        ]
    }

    private static func text(_ value: String?) -> Value { value.map(Value.text) ?? .null }
    private static func strings(_ values: [String]) -> Value { values.isEmpty ? .null : .strings(values) }

    private static func json(_ isEmpty: Bool, _ body: (inout JSONWriter) -> Void) -> Value {
        guard !isEmpty else { return .null }
        var w = JSONWriter()
        body(&w)
        return .json(String(decoding: w.bytes, as: UTF8.self))
    }

    private static func paragraphs(_ list: [Record.Paragraph]) -> Value {
        json(list.isEmpty) { Record.write(list, to: &$0) }
    }

    private static func related(_ list: [Record.Link]) -> Value {
        json(list.isEmpty) { Record.write(list, to: &$0) }
    }

    private static func alternates(_ list: [Record.Alternate]) -> Value {
        json(list.isEmpty) { Record.write(list, to: &$0) }
    }

    private static func translation(_ t: Record.Translation?) -> Value {
        guard let t, !t.isEmpty else { return .null }
        return json(false) { t.write(to: &$0) }
    }
}

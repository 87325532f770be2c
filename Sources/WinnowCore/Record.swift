/// One output record: what Winnow knows about one input page.
///
/// The JSON form (``jsonLine()``) is a contract other tools rely on
/// (docs/ARCHITECTURE.md "Contracts"; the README's "Record"): snake_case keys in a fixed order, a field absent when
/// unknown, never an empty string. Extend it; never rename or reorder.
public struct Record: Sendable, Equatable, Decodable {
    public var id: String
    public var url: String?
    public var canonicalURL: String?
    public var source: Source
    public var fetchedAt: String?
    public var httpStatus: Int?
    /// What kind of page this is (`article`, `listing`, `forum`, `product`, `documentation`, `service`, `collection`),
    /// guessed from its structure.
    public var pageType: String?
    /// The character encoding the page was decoded from.
    public var charset: String?
    public var title: String?
    public var authors: [String] = []
    public var published: String?
    public var modified: String?
    public var siteName: String?
    public var description: String?
    public var language: String?
    public var languageConfidence: Double?
    /// The body: paragraph texts joined by a blank line.
    public var text: String?
    public var paragraphs: [Paragraph] = []
    public var captions: [String] = []
    public var related: [Link] = []
    public var alternates: [Alternate] = []
    public var translation: Translation?
    public var tags: [String] = []
    public var dedup: Dedup?
    public var warnings: [String] = []

    public init(id: String, source: Source) {
        self.id = id
        self.source = source
    }

    public struct Source: Sendable, Equatable, Decodable {
        /// `file`, `warc` or `http`.
        public var kind: String
        /// The input key: the path relative to the input root, or the URL.
        public var path: String
        public var offset: Int?
        public var warcRecordID: String?

        public init(kind: String, path: String, offset: Int? = nil, warcRecordID: String? = nil) {
            self.kind = kind
            self.path = path
            self.offset = offset
            self.warcRecordID = warcRecordID
        }

        enum CodingKeys: String, CodingKey {
            case kind, path, offset
            case warcRecordID = "warc_record_id"
        }
    }

    public struct Paragraph: Sendable, Equatable, Decodable {
        public enum Kind: String, Sendable, Decodable {
            case paragraph, heading, list, quote, code, table
        }
        public var text: String
        public var kind: Kind
        public var language: String?

        public init(text: String, kind: Kind = .paragraph, language: String? = nil) {
            self.text = text
            self.kind = kind
            self.language = language
        }
    }

    public struct Link: Sendable, Equatable, Decodable {
        public var title: String?
        public var url: String?
        public init(title: String?, url: String?) {
            self.title = title
            self.url = url
        }
    }

    public struct Alternate: Sendable, Equatable, Decodable {
        public var language: String?
        public var url: String
        public init(language: String?, url: String) {
            self.language = language
            self.url = url
        }
    }

    public struct Translation: Sendable, Equatable, Decodable {
        public var translators: [String] = []
        public var editors: [String] = []
        public var originalLanguage: String?
        public var originalURL: String?
        public var notes: [Note] = []

        public init() {}

        /// A bracketed editorial insertion such as `[Chinese]`, with the index
        /// of the paragraph that holds it.
        public struct Note: Sendable, Equatable, Decodable {
            public var text: String
            public var paragraph: Int
            public init(text: String, paragraph: Int) {
                self.text = text
                self.paragraph = paragraph
            }
        }

        enum CodingKeys: String, CodingKey {
            case translators, editors, notes
            case originalLanguage = "original_language"
            case originalURL = "original_url"
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            translators = try c.decodeIfPresent([String].self, forKey: .translators) ?? []
            editors = try c.decodeIfPresent([String].self, forKey: .editors) ?? []
            originalLanguage = try c.decodeIfPresent(String.self, forKey: .originalLanguage)
            originalURL = try c.decodeIfPresent(String.self, forKey: .originalURL)
            notes = try c.decodeIfPresent([Note].self, forKey: .notes) ?? []
        }

        /// Whether it holds nothing (then the record has no `translation` field).
        public var isEmpty: Bool {
            translators.isEmpty && editors.isEmpty && originalLanguage == nil && originalURL == nil && notes.isEmpty
        }
    }

    public struct Dedup: Sendable, Equatable, Decodable {
        public var textHash: String?
        public var cluster: String?
        public var duplicateOf: String?

        public init(textHash: String? = nil, cluster: String? = nil, duplicateOf: String? = nil) {
            self.textHash = textHash
            self.cluster = cluster
            self.duplicateOf = duplicateOf
        }

        enum CodingKeys: String, CodingKey {
            case textHash = "text_hash"
            case cluster
            case duplicateOf = "duplicate_of"
        }
    }

    enum CodingKeys: String, CodingKey {
        case id, url, source, title, authors, published, modified, description, language, text
        case paragraphs, captions, related, alternates, translation, tags, dedup, warnings, charset
        case canonicalURL = "canonical_url"
        case fetchedAt = "fetched_at"
        case httpStatus = "http_status"
        case pageType = "page_type"
        case siteName = "site_name"
        case languageConfidence = "language_confidence"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        url = try c.decodeIfPresent(String.self, forKey: .url)
        canonicalURL = try c.decodeIfPresent(String.self, forKey: .canonicalURL)
        source = try c.decode(Source.self, forKey: .source)
        fetchedAt = try c.decodeIfPresent(String.self, forKey: .fetchedAt)
        httpStatus = try c.decodeIfPresent(Int.self, forKey: .httpStatus)
        pageType = try c.decodeIfPresent(String.self, forKey: .pageType)
        charset = try c.decodeIfPresent(String.self, forKey: .charset)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        authors = try c.decodeIfPresent([String].self, forKey: .authors) ?? []
        published = try c.decodeIfPresent(String.self, forKey: .published)
        modified = try c.decodeIfPresent(String.self, forKey: .modified)
        siteName = try c.decodeIfPresent(String.self, forKey: .siteName)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        language = try c.decodeIfPresent(String.self, forKey: .language)
        languageConfidence = try c.decodeIfPresent(Double.self, forKey: .languageConfidence)
        text = try c.decodeIfPresent(String.self, forKey: .text)
        paragraphs = try c.decodeIfPresent([Paragraph].self, forKey: .paragraphs) ?? []
        captions = try c.decodeIfPresent([String].self, forKey: .captions) ?? []
        related = try c.decodeIfPresent([Link].self, forKey: .related) ?? []
        alternates = try c.decodeIfPresent([Alternate].self, forKey: .alternates) ?? []
        translation = try c.decodeIfPresent(Translation.self, forKey: .translation)
        tags = try c.decodeIfPresent([String].self, forKey: .tags) ?? []
        dedup = try c.decodeIfPresent(Dedup.self, forKey: .dedup)
        warnings = try c.decodeIfPresent([String].self, forKey: .warnings) ?? []
    }

    /// The record as one JSON Lines line, `\n` included.
    public func jsonLine() -> [UInt8] {
        // The text is written twice (`paragraphs` and `text`): room for both and the rest, so that the
        // buffer is not grown (and copied) several times for a long article.
        var w = JSONWriter(capacity: 2 * (text?.utf8.count ?? 0) + 4096)
        write(to: &w)
        var bytes = w.bytes
        bytes.append(0x0A)
        return bytes
    }

    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("id", id)
        w.field("url", url)
        w.field("canonical_url", canonicalURL)
        w.key("source")
        w.beginObject()
        w.field("kind", source.kind)
        w.field("path", source.path)
        w.field("offset", source.offset)
        w.field("warc_record_id", source.warcRecordID)
        w.endObject()
        w.field("fetched_at", fetchedAt)
        w.field("http_status", httpStatus)
        w.field("page_type", pageType)
        w.field("charset", charset)
        w.field("title", title)
        w.field("authors", authors)
        w.field("published", published)
        w.field("modified", modified)
        w.field("site_name", siteName)
        w.field("description", description)
        w.field("language", language)
        w.field("language_confidence", languageConfidence)
        w.field("text", text)
        if !paragraphs.isEmpty {
            w.key("paragraphs")
            Self.write(paragraphs, to: &w)
        }
        w.field("captions", captions)
        if !related.isEmpty {
            w.key("related")
            Self.write(related, to: &w)
        }
        if !alternates.isEmpty {
            w.key("alternates")
            Self.write(alternates, to: &w)
        }
        if let t = translation, !t.isEmpty {
            w.key("translation")
            t.write(to: &w)
        }
        w.field("tags", tags)
        if let d = dedup, d.textHash != nil || d.cluster != nil || d.duplicateOf != nil {
            w.key("dedup")
            w.beginObject()
            w.field("text_hash", d.textHash)
            w.field("cluster", d.cluster)
            w.field("duplicate_of", d.duplicateOf)
            w.endObject()
        }
        w.field("warnings", warnings)
        w.endObject()
    }

    // The nested parts as JSON, shared with the export formats that store them as JSON text.

    public static func write(_ paragraphs: [Paragraph], to w: inout JSONWriter) {
        w.beginArray()
        for p in paragraphs {
            w.beginObject()
            w.field("text", p.text)
            w.field("kind", p.kind.rawValue)
            w.field("language", p.language)
            w.endObject()
        }
        w.endArray()
    }

    public static func write(_ links: [Link], to w: inout JSONWriter) {
        w.beginArray()
        for link in links {
            w.beginObject()
            w.field("title", link.title)
            w.field("url", link.url)
            w.endObject()
        }
        w.endArray()
    }

    public static func write(_ alternates: [Alternate], to w: inout JSONWriter) {
        w.beginArray()
        for alt in alternates {
            w.beginObject()
            w.field("language", alt.language)
            w.field("url", alt.url)
            w.endObject()
        }
        w.endArray()
    }
}

extension Record.Translation {
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("translators", translators)
        w.field("editors", editors)
        w.field("original_language", originalLanguage)
        w.field("original_url", originalURL)
        if !notes.isEmpty {
            w.key("notes")
            w.beginArray()
            for note in notes {
                w.beginObject()
                w.field("text", note.text)
                w.field("paragraph", note.paragraph)
                w.endObject()
            }
            w.endArray()
        }
        w.endObject()
    }
}

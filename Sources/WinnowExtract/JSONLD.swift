/// What a page's JSON-LD says about its article: the first object typed as
/// an article (`NewsArticle`, `BlogPosting`, ...) found in any block,
/// inside arrays and `@graph` too; a `WebPage` only when there is none.
public struct JSONLDArticle: Sendable, Equatable {
    public var headline: String?
    public var authors: [String] = []
    public var datePublished: String?
    public var dateModified: String?
    public var publisher: String?
    public var keywords: [String] = []
    public var description: String?
    public var language: String?
    public var url: String?
    /// The article's text as stated (`articleBody`), as written: markup and line breaks kept.
    public var articleBody: String?
    /// Every `@type` of every object read, lowercased (``PageType`` reads them).
    public var types: Set<String> = []

    static let articleTypes: Set<String> = [
        "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
        "backgroundnewsarticle", "reviewnewsarticle", "blogposting", "socialmediaposting", "liveblogposting",
        "techarticle", "scholarlyarticle", "report",
    ]

    /// Reads the blocks' JSON (tolerating raw control characters inside
    /// strings and trailing commas, both common); nil when no block holds
    /// an article or page.
    public static func read(_ blocks: [String]) -> JSONLDArticle? {
        var objects: [JSONValue] = []
        for block in blocks {
            // Most blocks describe the organisation or the breadcrumbs: skip those without parsing.
            guard
                [
                    "rticle", "osting", "ebPage", "ebpage", "eport", "datePublished", "headline", "roduct", "QAPage",
                    "Offer",
                ].contains(where: block.containsBytes),
                let value = parse(block)
            else { continue }
            collect(value, into: &objects)
        }
        let article =
            objects.first { types(of: $0).contains(where: articleTypes.contains) }
            ?? objects.first { types(of: $0).contains("webpage") }
        let allTypes = Set(objects.flatMap(types(of:)))
        guard let article else { return allTypes.isEmpty ? nil : JSONLDArticle(types: allTypes) }
        var result = JSONLDArticle(types: allTypes)
        result.headline = string(article["headline"]) ?? string(article["name"])
        result.authors = names(article["author"]) + names(article["creator"])
        // An article object without dates (a theme's nested `Article` beside its `WebPage`) takes the page's.
        result.datePublished =
            string(article["datePublished"]) ?? string(article["dateCreated"])
            ?? objects.lazy.compactMap { string($0["datePublished"]) }.first
        result.dateModified =
            string(article["dateModified"]) ?? objects.lazy.compactMap { string($0["dateModified"]) }.first
        result.publisher = names(article["publisher"]).first
        result.keywords = keywords(article["keywords"])
        result.description = string(article["description"])
        result.language = string(article["inLanguage"])
        result.url =
            string(article["url"]) ?? string(article["mainEntityOfPage"]?["@id"]) ?? string(article["mainEntityOfPage"])
        if case .string(let body)? = article["articleBody"] { result.articleBody = body }
        return result
    }

    static func parse(_ block: String) -> JSONValue? {
        let trimmed = block.trimmed()
        guard !trimmed.isEmpty else { return nil }
        return JSONValue.parse(trimmed) ?? JSONValue.parse(repaired(trimmed))
    }

    /// `json` with raw control characters (newlines and tabs inside strings)
    /// made spaces, and without trailing commas: a comma, whitespace, then
    /// `}` or `]` keeps only the bracket (the regular expression
    /// `,\s*([}\]])` → `$1`, in one pass over the scalars).
    static func repaired(_ json: String) -> String {
        var utf8 = Array(json.utf8)
        for k in utf8.indices where utf8[k] < 0x20 { utf8[k] = 0x20 }
        var result: [UInt8] = []
        result.reserveCapacity(utf8.count)
        var i = 0
        while i < utf8.count {
            if utf8[i] == UInt8(ascii: ",") {
                var next = i + 1
                while next < utf8.count, let width = regexSpaceWidth(utf8, at: next) { next += width }
                if next < utf8.count, utf8[next] == UInt8(ascii: "}") || utf8[next] == UInt8(ascii: "]") {
                    i = next
                    continue
                }
            }
            result.append(utf8[i])
            i += 1
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// The byte length of the ICU `\s` character at `i` (White_Space: tab,
    /// newline, form feed, carriage return, U+0085, and the Unicode space
    /// and line and paragraph separators), or nil.
    private static func regexSpaceWidth(_ utf8: [UInt8], at i: Int) -> Int? {
        let lead = utf8[i]
        if lead < 0x80 { return [0x09, 0x0A, 0x0C, 0x0D, 0x20].contains(lead) ? 1 : nil }
        let width = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        guard i + width <= utf8.count,
            let scalar = String(decoding: utf8[i..<(i + width)], as: UTF8.self).unicodeScalars.first
        else { return nil }
        if scalar == "\u{85}" { return width }
        switch scalar.properties.generalCategory {
        case .spaceSeparator, .lineSeparator, .paragraphSeparator: return width
        default: return nil
        }
    }

    static func collect(_ value: JSONValue, into objects: inout [JSONValue]) {
        switch value {
        case .array(let items):
            for item in items { collect(item, into: &objects) }
        case .object:
            objects.append(value)
            // The article may sit inside the page's object (`WebPage.mainEntity`, `@graph`).
            for key in ["@graph", "mainEntity"] {
                if let inner = value[key] { collect(inner, into: &objects) }
            }
        default:
            break
        }
    }

    static func types(of object: JSONValue) -> [String] {
        switch object["@type"] {
        case .string(let type)?: return [type.lowercased()]
        case .array(let types)?:
            return types.compactMap { if case .string(let type) = $0 { type.lowercased() } else { nil } }
        default: return []
        }
    }

    static func string(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text)?:
            let collapsed = TextNormalizer.collapse(text)
            return collapsed.isEmpty ? nil : collapsed
        case .array(let items)?: return items.lazy.compactMap { string($0) }.first
        case .object?: return string(value?["@value"])
        default: return nil
        }
    }

    /// Names from a string, an object (`name`, or `givenName` + `familyName`) or an array of either.
    static func names(_ value: JSONValue?) -> [String] {
        switch value {
        case .string?: return string(value).map { [$0] } ?? []
        case .array(let items)?: return items.flatMap { names($0) }
        case .object?:
            if let name = string(value?["name"]) { return [name] }
            let parts = [string(value?["givenName"]), string(value?["additionalName"]), string(value?["familyName"])]
                .compactMap { $0 }
            return parts.isEmpty ? [] : [parts.joined(separator: " ")]
        default: return []
        }
    }

    static func keywords(_ value: JSONValue?) -> [String] {
        switch value {
        case .string(let text)?:
            return text.split(separator: ",").map { TextNormalizer.collapse(String($0)) }.filter { !$0.isEmpty }
        case .array(let items)?: return items.flatMap { keywords($0) }
        default: return []
        }
    }
}

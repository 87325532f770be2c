import Foundation

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

    static let articleTypes: Set<String> = [
        "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
        "backgroundnewsarticle", "reviewnewsarticle", "blogposting", "socialmediaposting", "liveblogposting",
        "techarticle", "scholarlyarticle", "report",
    ]

    /// Reads the blocks' JSON (tolerating raw control characters inside
    /// strings and trailing commas, both common); nil when no block holds
    /// an article or page.
    public static func read(_ blocks: [String]) -> JSONLDArticle? {
        var objects: [[String: Any]] = []
        for block in blocks {
            // Most blocks describe the organisation or the breadcrumbs: skip those without parsing.
            guard ["rticle", "osting", "ebPage", "ebpage", "eport", "datePublished", "headline"].contains(where: block.containsBytes),
                  let value = parse(block) else { continue }
            collect(value, into: &objects)
        }
        let article = objects.first { types(of: $0).contains(where: articleTypes.contains) }
            ?? objects.first { types(of: $0).contains("webpage") }
        guard let article else { return nil }
        var result = JSONLDArticle()
        result.headline = string(article["headline"]) ?? string(article["name"])
        result.authors = names(article["author"]) + names(article["creator"])
        result.datePublished = string(article["datePublished"]) ?? string(article["dateCreated"])
        result.dateModified = string(article["dateModified"])
        result.publisher = names(article["publisher"]).first
        result.keywords = keywords(article["keywords"])
        result.description = string(article["description"])
        result.language = string(article["inLanguage"])
        result.url = string(article["url"]) ?? string((article["mainEntityOfPage"] as? [String: Any])?["@id"]) ?? string(article["mainEntityOfPage"])
        return result
    }

    static func parse(_ block: String) -> Any? {
        let trimmed = block.trimmed()
        guard !trimmed.isEmpty else { return nil }
        if let value = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8), options: [.fragmentsAllowed]) { return value }
        // Raw newlines and tabs inside strings, trailing commas before } or ].
        var repaired = String(trimmed.unicodeScalars.map { $0.value < 0x20 ? " " : Character($0) })
        repaired = repaired.replacingOccurrences(of: ",\\s*([}\\]])", with: "$1", options: .regularExpression)
        return try? JSONSerialization.jsonObject(with: Data(repaired.utf8), options: [.fragmentsAllowed])
    }

    static func collect(_ value: Any, into objects: inout [[String: Any]]) {
        if let array = value as? [Any] {
            for item in array { collect(item, into: &objects) }
        } else if let object = value as? [String: Any] {
            objects.append(object)
            if let graph = object["@graph"] { collect(graph, into: &objects) }
        }
    }

    static func types(of object: [String: Any]) -> [String] {
        if let type = object["@type"] as? String { return [type.lowercased()] }
        if let types = object["@type"] as? [Any] { return types.compactMap { ($0 as? String)?.lowercased() } }
        return []
    }

    static func string(_ value: Any?) -> String? {
        if let text = value as? String {
            let collapsed = TextNormalizer.collapse(text)
            return collapsed.isEmpty ? nil : collapsed
        }
        if let array = value as? [Any] { return array.lazy.compactMap { string($0) }.first }
        if let object = value as? [String: Any] { return string(object["@value"]) }
        return nil
    }

    /// Names from a string, an object (`name`, or `givenName` + `familyName`) or an array of either.
    static func names(_ value: Any?) -> [String] {
        if let text = string(value as? String) { return [text] }
        if let array = value as? [Any] { return array.flatMap { names($0) } }
        if let object = value as? [String: Any] {
            if let name = string(object["name"]) { return [name] }
            let parts = [string(object["givenName"]), string(object["additionalName"]), string(object["familyName"])].compactMap { $0 }
            return parts.isEmpty ? [] : [parts.joined(separator: " ")]
        }
        return []
    }

    static func keywords(_ value: Any?) -> [String] {
        if let text = value as? String {
            return text.split(separator: ",").map { TextNormalizer.collapse(String($0)) }.filter { !$0.isEmpty }
        }
        if let array = value as? [Any] { return array.flatMap { keywords($0) } }
        return []
    }
}

import WinnowHTML

/// The page's visible headline, its first `<h1>`, as the title where the
/// walk does not see it: themes print it in the article's `<header>` or a
/// chrome-classed block, which the pre-parse filter cuts, so the walk's
/// first heading is a subheading and the title came from og:title or the
/// head title, which on blogs and service pages is often a search-engine
/// title worded apart from the headline ("Top 10 X to Watch" under
/// "X For 2026 - Site").
///
/// The `<h1>` is the title when the head title, og:title or JSON-LD
/// headline start with it (the rule the walk's first heading follows), or
/// when it is the page's only `<h1>` (two words or more), unless og:title is
/// the same words in other quotes or dashes (the metadata's spelling
/// stands) or the `<h1>` ends with og:title (a kicker printed before the
/// headline). Never on a page whose JSON-LD types it as a news article (a
/// newsroom's og:title and `headline` are its headline of record; its
/// `<h1>` often carries a kicker or a longer version), nor when the `<h1>`
/// links to the site's front page (a blog's name as its banner).
///
/// Read from the page's bytes, only when the title chosen is not the walk's
/// first heading (most pages stop there).
enum HeadlineTitle {
    /// JSON-LD types of a news article (lowercased, as ``JSONLDArticle/types``).
    static let newsTypes: Set<String> = [
        "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
        "backgroundnewsarticle", "reviewnewsarticle", "liveblogposting",
    ]

    /// The most text bytes read from the `<h1>` (a headline is shorter) and markup bytes scanned for it.
    static let maximumTextBytes = 400
    static let maximumMarkupBytes = 4_000

    /// The title to use instead of `chosen`, or nil to keep it.
    /// `sources`: the head title, og:title and JSON-LD headline as read.
    static func title(
        chosen: String?, firstHeading: String?, ogTitle: String?, sources: [String?], types: Set<String>,
        html: [UInt8]
    ) -> String? {
        guard chosen != firstHeading, types.isDisjoint(with: newsTypes),
            let headline = html.withUnsafeBufferPointer({ firstHeadline($0) }), headline.text != chosen
        else { return nil }
        let text = headline.text
        if sources.contains(where: { $0.map { $0 == text || $0.hasPrefix(text) } == true }) { return text }
        guard text.split(separator: " ").count >= 2 else { return nil }
        if let ogTitle, letters(ogTitle) == letters(text) || text.hasSuffix(ogTitle) { return nil }
        // The only `<h1>`: the rest of the page is searched last, for the pages the other tests leave.
        return html.withUnsafeBufferPointer({ hasHeadline($0, from: headline.end) }) ? nil : text
    }

    /// The letters and digits of `text`, lowercased: the same words whatever their quotes, dashes and spaces.
    static func letters(_ text: String) -> String {
        String(
            text.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil })
    }

    /// The text of the first `<h1>` of the body and where it ends; nil without one, when empty or a banner.
    static func firstHeadline(_ b: UnsafeBufferPointer<UInt8>) -> (text: String, end: Int)? {
        guard let start = PageMarkup.firstHeadline(b) else { return nil }
        var out: [UInt8] = []
        var i = start + 3
        // Past the start tag (quoted values may hold `>`).
        var quote: UInt8 = 0
        while i < b.count {
            let c = b[i]
            i += 1
            if quote != 0 {
                if c == quote { quote = 0 }
            } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                quote = c
            } else if c == UInt8(ascii: ">") {
                break
            }
        }
        let limit = min(b.count, i + maximumMarkupBytes)
        var closed = false
        var space = false
        while i < limit, out.count < maximumTextBytes {
            let c = b[i]
            if c == UInt8(ascii: "<") {
                if i + 3 < b.count, b[i + 1] == UInt8(ascii: "/"), b[i + 2] | 0x20 == UInt8(ascii: "h"),
                    b[i + 3] == UInt8(ascii: "1")
                {
                    closed = true
                    break
                }
                // A tag: a space unless it is an inline one (`<em>`, `<a>`), whose text runs on.
                if !isInline(b, at: i + 1) { space = true }
                guard let end = ByteScan.firstIndex(of: UInt8(ascii: ">"), in: b.span, from: i) else { break }
                // A heading that links to the site's front page is its banner (the logo), not a headline.
                if linksHome(b, i..<end) { return nil }
                i = end + 1
            } else {
                // The space a tag stands for goes before words, not before punctuation (`<span>Kicker</span>: Head`).
                if space, !punctuation.contains(c) { out.append(0x20) }
                space = false
                if c == UInt8(ascii: "&") {
                    i = CharacterReference.decode(b, at: i, into: &out)
                } else {
                    out.append(c)
                    i += 1
                }
            }
        }
        guard closed else { return nil }
        let text = TextNormalizer.collapse(out)
        guard !text.isEmpty else { return nil }
        return (text, i + 4)
    }

    /// Whether the tag in `range` is an `<a>` whose `href` is the site's root (`/`, `https://example.com/`).
    private static func linksHome(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard range.count > 8, b[range.lowerBound + 1] | 0x20 == UInt8(ascii: "a"), b[range.lowerBound + 2] <= 0x20
        else { return false }
        let tag = String(decoding: b[range], as: UTF8.self)
        guard let href = tag.range(of: "href=", options: .caseInsensitive) else { return false }
        var value = tag[href.upperBound...].drop(while: { $0 == "\"" || $0 == "'" })
        value = value.prefix(while: { $0 != "\"" && $0 != "'" && $0 != " " && $0 != ">" })
        if let scheme = value.range(of: "://") { value = value[scheme.upperBound...].drop(while: { $0 != "/" }) }
        return value.isEmpty || value == "/"
    }

    /// Whether another `<h1` starts at or after `from`.
    static func hasHeadline(_ b: UnsafeBufferPointer<UInt8>, from: Int) -> Bool {
        PageMarkup.firstHeadline(b, from: from) != nil
    }

    static let punctuation: Set<UInt8> = Set(":,.;!?)".utf8)

    static let inlineTags: [[UInt8]] = ["a", "em", "strong", "i", "b", "u", "mark", "small", "sup", "sub", "abbr", "q"]
        .map { Array($0.utf8) }

    /// Whether the tag whose name (after an optional `/`) starts at `at` is an inline one.
    private static func isInline(_ b: UnsafeBufferPointer<UInt8>, at: Int) -> Bool {
        var k = at
        if k < b.count, b[k] == UInt8(ascii: "/") { k += 1 }
        for name in inlineTags where k + name.count < b.count {
            guard (0..<name.count).allSatisfy({ b[k + $0] | 0x20 == name[$0] }) else { continue }
            let after = b[k + name.count]
            if !((after | 0x20) >= 0x61 && (after | 0x20) <= 0x7A) && !(after >= 0x30 && after <= 0x39) { return true }
        }
        return false
    }

}

/// Cleans author names from bylines and metadata: no "By", no dates, no
/// job titles or organisations, one name per entry (split on "and", "&",
/// commas and the like).
public enum AuthorNames {
    /// Words that mark a part of a byline as a job title or an organisation, not a person.
    static let titleWords: Set<String> = [
        "writer", "reporter", "correspondent", "editor", "editors", "staff", "contributor", "columnist", "bureau",
        "chief", "senior", "news", "press", "agency", "desk", "service", "media", "times", "post", "daily",
        "associated",
        "reuters", "afp", "ap", "team", "newsroom", "journalist", "photographer", "producer", "analyst", "intern",
        "contributing", "special", "to", "the", "for", "in", "from", "updated", "published", "posted", "by", "via",
        "admin",
        "기자", "특파원", "논설위원", "편집국", "기자단", "데일리nk",
    ]

    static let leadingWords = [
        "written by", "reporting by", "reported by", "words by", "posted by", "story by", "authored by", "authors",
        "author", "by", "von", "作成者",
        "작성자",
        "글",
    ]
    /// "and" between two names, in the languages of the development sets' bylines.
    static let andWords: Set<Substring> = ["and", "And", "AND", "및", "und", "og", "och"]
    /// Each leading word followed by a space, and by a colon.
    static let leadingPrefixes = leadingWords.map { (word: $0, space: $0 + " ", colon: $0 + ":") }

    /// The people named in `text`, in order, each once.
    public static func clean(_ text: String, siteName: String? = nil) -> [String] {
        // URLs and e-mail addresses go first: the split below would cut them into name-like pieces.
        // A doubly escaped ampersand ("A &amp; B" in the source) is the separator it stands for.
        let text = unescaped(text).split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).filter { word in
            !(word.containsBytes("://") || word.hasPrefix("www.") || word.containsBytes("@"))
        }.joined(separator: " ")
        var names: [String] = []
        for part in split(text) {
            guard let name = cleanOne(part, siteName: siteName), !names.contains(name) else { continue }
            names.append(name)
        }
        return names
    }

    /// The first of `texts` that names an organisation rather than a person
    /// ("Associated Press", "Newsroom"): for a page whose metadata credits no
    /// one else. Leading "By" and surrounding punctuation go; a text with a
    /// URL, an e-mail address or a digit is none.
    public static func organisations(_ texts: [String]) -> [String] {
        for raw in texts {
            var text = TextNormalizer.collapse(raw)
            let lower = text.lowercased()
            for (word, space, _) in leadingPrefixes where lower.hasBytePrefix(space) {
                text = TextNormalizer.collapse(String(text.dropFirst(word.count + 1)))
                break
            }
            text = text.trimmed(["*", "-", "–", "—", ":", "(", ")", "[", "]", "."])
            guard !text.isEmpty, text.count <= 60, text.split(separator: " ").count <= 6,
                !text.containsBytes("@"), !text.containsBytes("://"), !text.contains(where: { $0.isNumber }),
                text.contains(where: { $0.isLetter })
            else { continue }
            return [text]
        }
        return []
    }

    /// A doubly escaped source's entities (`&amp;nbsp;` shows as `&nbsp;`):
    /// the ampersand it stands for, spaces and dashes; none of them is a name.
    static func unescaped(_ text: String) -> String {
        guard text.containsBytes("&") else { return text }
        var text = text.replacingOccurrences(of: "&amp;", with: "&")
        for (entity, value) in [
            ("&nbsp;", " "), ("&ndash;", " – "), ("&mdash;", " — "), ("&#8211;", " – "), ("&#039;", "'"),
            ("&quot;", "\""),
        ] {
            text = text.replacingOccurrences(of: entity, with: value)
        }
        return text
    }

    /// Every source's names, cleaned and merged in order.
    public static func clean(_ texts: [String], siteName: String? = nil) -> [String] {
        var names: [String] = []
        for text in texts {
            for name in clean(text, siteName: siteName) where !names.contains(name) { names.append(name) }
        }
        return names
    }

    /// Splits on `,` `;` `&` `|` `·` `/` `、` `，` and line breaks, then on the words `and` / `및`.
    static func split(_ text: String) -> [String] {
        var parts: [String] = []
        for piece in text.split(whereSeparator: isSeparator) {
            var current: [Substring] = []
            for word in piece.split(separator: " ") {
                if andWords.contains(word) {
                    parts.append(current.joined(separator: " "))
                    current = []
                } else {
                    current.append(word)
                }
            }
            parts.append(current.joined(separator: " "))
        }
        return parts
    }

    /// `,` `;` `&` `|` `·` `/` `、` `，` or a line feed: a character of one
    /// scalar (compared by value: hashing a character into a set is the costlier test).
    static func isSeparator(_ character: Character) -> Bool {
        let scalars = character.unicodeScalars
        guard let scalar = scalars.first, scalars.index(after: scalars.startIndex) == scalars.endIndex else {
            return false
        }
        switch scalar.value {
        case 0x2C, 0x3B, 0x26, 0x7C, 0xB7, 0x2F, 0x3001, 0xFF0C, 0x0A: return true
        default: return false
        }
    }

    static func cleanOne(_ raw: String, siteName: String?) -> String? {
        var text = TextNormalizer.collapse(raw)
        // Leading "By", "Written by", ... (any case), repeated.
        var changed = true
        var lower = text.lowercased()
        while changed {
            changed = false
            for (word, space, colon) in leadingPrefixes {
                if lower.hasBytePrefix(space) || lower.hasBytePrefix(colon) {
                    text = TextNormalizer.collapse(String(text.dropFirst(word.count + 1)))
                    lower = text.lowercased()
                    changed = true
                } else if lower == word {
                    return nil
                }
            }
        }
        // "ByAmy Roeder", "Written byDan Pantelo": the leading word glued to the name by markup.
        for word in ["written by", "by"] where lower.hasBytePrefix(word) {
            let rest = text.dropFirst(word.count)
            if let first = rest.first, first.isUppercase {
                text = String(rest)
                break
            }
        }
        let untrimmed = text
        text = text.trimmed(["*", "-", "–", "—", ":", "(", ")", "[", "]", ".", "\"", "“", "”"])
        // What the trim took that belongs to the name: the closing bracket of "A (Site)", the dot of "Ph.D." or
        // "Jeff T.".
        if untrimmed.containsBytes(text + ")"), text.containsBytes("("), !text.containsBytes(")") { text += ")" }
        if untrimmed.containsBytes(text + "."), let last = text.split(separator: " ").last,
            last.count == 1 || last.containsBytes(".") || ["Jr", "Sr", "Dr"].contains(last)
        {
            text += "."
        }
        // "김철수 기자", "Kim Chul Soo, Reporter" (after the split)
        for suffix in [" 기자", " 특파원", "기자", " reporter", " Reporter"] where text.hasSuffix(suffix) {
            text = text.dropLast(suffix.count).trimmed()
        }
        guard !text.isEmpty, text.count <= 60 else { return nil }
        if text.containsBytes("@") || text.containsBytes("://") || text.hasPrefix("www.") { return nil }
        if text.contains(where: { $0.isNumber }) { return nil }
        if let siteName, text.lowercased() == siteName.lowercased() { return nil }
        let words = text.split(separator: " ")
        guard words.count <= 6 else { return nil }
        // A part made of title words only ("Staff Writer", "Daily NK") is no person.
        if words.allSatisfy({ titleWords.contains($0.lowercased()) }) { return nil }
        if words.count > 1,
            words.contains(where: {
                titleWords.contains($0.lowercased()) && !["to", "the", "in", "for", "from"].contains($0.lowercased())
            })
        {
            return nil
        }
        guard text.contains(where: { $0.isLetter }) else { return nil }
        return text
    }
}

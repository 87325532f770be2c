/// What an element's class and id words say about it, read without
/// allocating: each word (`article-social-share`) is cut into its parts at
/// `-` and `_`, and each part is compared by a hash of its bytes with the
/// token lists below (64-bit FNV-1a: collisions are negligible for a few
/// dozen tokens).
///
/// Readability's rule of thumb: a word with a part naming chrome
/// (`share-buttons`, `article-social`) marks chrome, unless the part before
/// it describes a layout (`no-share`, `has-sidebar`); a word naming content
/// and no chrome (`entry-content`) overrides every chrome word of the element.
struct ClassHints {
    private(set) var chrome = false
    /// A word has the part `related`: a related-articles block.
    private(set) var related = false
    /// A word has the part `author`, `byline`, `writer` or `reporter`.
    private(set) var author = false
    /// A whole word names the article's body (``ArticleExtractor/articleBodyClasses``).
    private(set) var articleBody = false

    /// Parts that mark chrome on most news sites (not a list of sites).
    static let chromeTokens = tokens([
        "share", "social", "comment", "comments", "related", "recommend", "newsletter", "subscribe", "cookie",
        "consent", "advert", "ad", "ads", "banner", "promo", "sponsor", "sidebar", "breadcrumb", "breadcrumbs",
        "menu", "navbar", "footer", "masthead", "popup", "modal", "skip", "tags", "pagination", "widget", "sns",
        "gallery", "slideshow", "carousel", "lightbox",
    ])
    /// Parts before a chrome part that make it a layout description.
    static let layoutModifiers = tokens(["no", "has", "with", "without", "hide", "show", "is"])
    /// Parts that mark the article itself and override chrome words.
    static let contentTokens = tokens(["article", "content", "entry", "story", "articlebody", "body", "text"])
    static let authorTokens = tokens(["author", "byline", "writer", "reporter"])
    static let relatedToken = hash("related".utf8)
    static let articleBodyWords = TokenHashes(ArticleExtractor.articleBodyClasses.map { hash($0.utf8) })

    /// `classAndID`: lowercased class and id values separated by spaces.
    init(_ classAndID: String) {
        guard classAndID.utf8.count > 1 else { return }
        var sawContentWord = false
        var utf8 = classAndID
        utf8.withUTF8 { bytes in
            var wordNamesChrome = false, wordNamesContent = false
            var previousPart: UInt64 = 0
            var partHash: UInt64 = Self.offset
            var partLength = 0
            var wordHash: UInt64 = Self.offset
            var wordLength = 0
            func endPart() {
                guard partLength > 0 else { return }
                if Self.chromeTokens.contains(partHash) && !Self.layoutModifiers.contains(previousPart) { wordNamesChrome = true }
                if Self.contentTokens.contains(partHash) { wordNamesContent = true }
                if partHash == Self.relatedToken { related = true }
                if Self.authorTokens.contains(partHash) { author = true }
                previousPart = partHash
                partHash = Self.offset
                partLength = 0
            }
            func endWord() {
                endPart()
                if wordLength > 0, Self.articleBodyWords.contains(wordHash) { articleBody = true }
                wordHash = Self.offset
                wordLength = 0
                if wordNamesChrome { chrome = true } else if wordNamesContent { sawContentWord = true }
                wordNamesChrome = false
                wordNamesContent = false
                previousPart = 0
            }
            for byte in bytes {
                switch byte {
                case 0x20, 0x09, 0x0A, 0x0D, 0x0C: endWord()
                case UInt8(ascii: "-"), UInt8(ascii: "_"):
                    endPart()
                    wordHash = (wordHash ^ UInt64(byte)) &* Self.prime
                    wordLength += 1
                default:
                    partHash = (partHash ^ UInt64(byte)) &* Self.prime
                    partLength += 1
                    wordHash = (wordHash ^ UInt64(byte)) &* Self.prime
                    wordLength += 1
                }
            }
            endWord()
        }
        if sawContentWord { chrome = false }
    }

    private static let offset: UInt64 = 0xCBF2_9CE4_8422_2325
    private static let prime: UInt64 = 0x100_0000_01B3

    static func hash<S: Sequence>(_ bytes: S) -> UInt64 where S.Element == UInt8 {
        bytes.reduce(offset) { ($0 ^ UInt64($1)) &* prime }
    }

    static func tokens(_ words: [String]) -> TokenHashes { TokenHashes(words.map { hash($0.utf8) }) }
}

/// A few dozen token hashes, sorted and searched by halving: a `Set` would
/// hash each (already hashed) part again with SipHash, the costliest step of
/// reading class words.
struct TokenHashes {
    private let sorted: [UInt64]

    init(_ hashes: [UInt64]) { sorted = Array(Set(hashes)).sorted() }

    func contains(_ hash: UInt64) -> Bool {
        var low = 0, high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < hash { low = middle + 1 } else { high = middle }
        }
        return low < sorted.count && sorted[low] == hash
    }
}

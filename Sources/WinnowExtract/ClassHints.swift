import WinnowBytes
import WinnowHTML

/// What an element's class and id words say about it, read without
/// allocating: each word (`article-social-share`) is cut into its parts at
/// `-` and `_`, and each part is compared by a hash of its bytes with the
/// token lists below (64-bit ``FNV1a``: collisions are negligible for a few
/// dozen tokens), in a ``SmallHashTable`` (a `Set` would hash each already
/// hashed part again with SipHash, the costliest step of reading class words).
///
/// Readability's rule of thumb: a word with a part naming chrome
/// (`share-buttons`, `article-social`) marks chrome, unless the part before
/// it describes a layout (`no-share`, `has-sidebar`); a word naming content
/// and no chrome (`entry-content`) overrides every chrome word of the element.
struct ClassHints {
    private(set) var chrome = false
    /// A word has the part `related`, not after a layout part: a related-articles block.
    private(set) var related = false
    /// A word has the part `author`, `byline`, `writer` or `reporter`.
    private(set) var author = false
    /// A whole word names the article's body (``ArticleExtractor/articleBodyClasses``).
    private(set) var articleBody = false
    /// A word has a part naming a caption or a credit (`wp-caption-text`, `photo-credit`), not after a layout part.
    private(set) var caption = false
    /// A word has the part `price` or `prices` (`product-price`, `price_box`): commerce markup (``PageType``).
    private(set) var price = false
    /// A word has the part `paywall` or `paywalled`: the article's text, hidden until the reader subscribes.
    private(set) var paywall = false
    /// A whole word hides the element from sight for screen readers only
    /// (``screenReaderClasses``): labels such as "Article content" or "Opens in a new window".
    private(set) var screenReaderOnly = false
    /// Chrome only by words whose `widget` part follows another part
    /// (`builder-widget`, `c-card-widget__body`): a page builder's component,
    /// which holds the article's text as often as a button (``ProseInChrome``).
    private(set) var component = false

    /// Parts that mark chrome on most news sites (not a list of sites).
    static let chromeTokens = [
        "share", "social", "comment", "comments", "related", "recommend", "newsletter", "subscribe", "cookie",
        "consent", "advert", "ad", "ads", "banner", "promo", "sponsor", "sidebar", "breadcrumb", "breadcrumbs",
        "menu", "navbar", "footer", "masthead", "popup", "modal", "skip", "tags", "pagination", "widget", "sns",
        "gallery", "slideshow", "carousel", "lightbox", "signup",
        // Advertisement slots: whole parts that `ad` and `advert` do not match.
        "advertisement", "advertisements", "advertising", "advertorial", "adsense", "adsbygoogle", "adslot",
        "adunit", "adcontainer", "adwrapper", "dfp", "sponsored",
    ]
    /// Parts before a chrome part that make it a layout description (`has-sidebar`;
    /// `and` as Readability's "maybe a candidate" words: `inline-and-sidebar-container`
    /// holds the article beside the sidebar).
    static let layoutModifiers = ["no", "has", "with", "without", "hide", "show", "is", "and"]
    /// Parts that mark the article itself and override chrome words.
    static let contentTokens = ["article", "content", "entry", "story", "articlebody", "body", "text"]
    static let authorTokens = ["author", "byline", "writer", "reporter"]
    /// Parts that mark a caption or a photo credit (``ArticleExtractor`` sends their text to `captions`).
    static let captionTokens = ["caption", "captions", "figcaption", "credit", "credits", "photocredit", "imagecredit"]
    static let priceTokens = ["price", "prices"]
    static let paywallTokens = ["paywall", "paywalled"]

    /// What a part can say, as bits of one lookup.
    private enum Part {
        static let chrome: UInt8 = 1, layout: UInt8 = 2, content: UInt8 = 4, author: UInt8 = 8, related: UInt8 = 16
        static let caption: UInt8 = 32, price: UInt8 = 64, paywall: UInt8 = 128
    }

    /// Every listed part's hash with what it says.
    static let parts: SmallHashTable<UInt8> = {
        var flags: [UInt64: UInt8] = [:]
        for (words, flag) in [
            (chromeTokens, Part.chrome), (layoutModifiers, Part.layout), (contentTokens, Part.content),
            (authorTokens, Part.author), (["related"], Part.related), (captionTokens, Part.caption),
            (priceTokens, Part.price), (paywallTokens, Part.paywall),
        ] {
            for word in words { flags[hash(word.utf8), default: 0] |= flag }
        }
        return SmallHashTable(flags.map { (key: $0.key, value: $0.value) }, absent: 0)
    }()
    /// The part that names a page builder's component when it follows another part (``component``).
    static let widgetHash = hash("widget".utf8)
    /// Parts before `widget` that make it a picture's box (`image-widget`): its text is a caption, not a component's.
    static let pictureHashes = ["image", "img", "photo", "picture", "video", "media"].map { hash($0.utf8) }
    /// Parts that make a `…-widget` word a box that asks something of the
    /// reader (`subscription-widget`, `zone-widget-cta`, `like-widget`), not a component.
    static let askingHashes = ["cta", "subscription", "like", "likes", "donate", "donation"].map { hash($0.utf8) }
    /// The common CSS frameworks' and CMS themes' classes that show an
    /// element to screen readers only (Bootstrap, Tailwind, WordPress, Drupal).
    static let screenReaderClasses = [
        "sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text", "screen-reader-only",
        "screenreader-only", "u-visually-hidden", "element-invisible",
    ]
    /// What a whole word says (``WholeWord``), by its ``wordKey(_:)``.
    static let wholeWords: SmallHashTable<UInt8> = {
        var flags: [UInt64: UInt8] = [:]
        for word in ArticleExtractor.articleBodyClasses {
            flags[wordKey(word.utf8), default: 0] |= WholeWord.articleBody
        }
        for word in screenReaderClasses { flags[wordKey(word.utf8), default: 0] |= WholeWord.screenReader }
        return SmallHashTable(flags.map { (key: $0.key, value: $0.value) }, absent: 0)
    }()
    private enum WholeWord {
        static let articleBody: UInt8 = 1, screenReader: UInt8 = 2
    }

    /// A whole word's key, made from its parts' hashes and its `-` and `_`
    /// (so that a word costs one hash per byte, its parts', not two).
    static func wordKey(_ word: some Sequence<UInt8>) -> UInt64 {
        var key = FNV1a.offsetBasis
        var part = FNV1a()
        var partLength = 0
        for byte in word {
            if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") {
                if partLength > 0 { key = fold(key, part.value) }
                key = fold(key, UInt64(byte))
                part = FNV1a()
                partLength = 0
            } else {
                part.add(byte)
                partLength += 1
            }
        }
        return partLength > 0 ? fold(key, part.value) : key
    }

    /// One step of a word's key: a part's hash, or a separator byte.
    @inline(__always) static func fold(_ key: UInt64, _ value: UInt64) -> UInt64 { (key ^ value) &* FNV1a.prime }

    /// No class words.
    init() {}

    /// `classAndID`: lowercased class and id values separated by spaces.
    init(_ classAndID: String) {
        guard classAndID.utf8.count > 1 else { return }
        var reader = Reader()
        var utf8 = classAndID
        utf8.withUTF8 { bytes in
            for byte in bytes { reader.read(byte) }
        }
        self = reader.finish()
    }

    /// The hints of an element's `class` and `id`: read straight from their
    /// bytes when they are ASCII (lowercased on the way, as if joined by a
    /// space), so that no `String` is made for most elements.
    init(_ attributes: borrowing CommonAttributes) {
        guard attributes.classAndIDIsASCII else {
            self.init(attributes.classAndID)
            return
        }
        self = attributes.withClassAndID { classValue, idValue in
            guard classValue.count + idValue.count > 0 else { return ClassHints() }
            var reader = Reader()
            for k in classValue.indices {
                let byte = classValue[unchecked: k]
                reader.read(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
            }
            reader.read(0x20)
            for k in idValue.indices {
                let byte = idValue[unchecked: k]
                reader.read(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
            }
            return reader.finish()
        }
    }

    /// Reads lowercased class and id bytes one at a time: parts end at `-`
    /// and `_`, words at whitespace.
    private struct Reader {
        var hints = ClassHints()
        var sawContentWord = false
        var wordNamesChrome = false, wordNamesContent = false
        /// A word named chrome by another part than a component's `widget`; a word named a component.
        var sawPlainChrome = false, wordNamesPlainChrome = false, sawComponent = false
        var partsBefore = 0  // parts of the word ended so far
        var previousHash: UInt64 = 0  // the part before's hash
        var wordAsks = false  // a part of the word is one of ``ClassHints/askingHashes``
        var previousPart: UInt8 = 0  // what the part before said
        var partHash = FNV1a()
        var partLength = 0
        var wordKey = FNV1a.offsetBasis  // ``ClassHints/wordKey(_:)`` of the word so far
        var wordLength = 0

        @inline(__always) mutating func read(_ byte: UInt8) {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D, 0x0C: endWord()
            case UInt8(ascii: "-"), UInt8(ascii: "_"):
                endPart()
                wordKey = ClassHints.fold(wordKey, UInt64(byte))
                wordLength += 1
            default:
                partHash.add(byte)
                partLength += 1
                wordLength += 1
            }
        }

        mutating func endPart() {
            guard partLength > 0 else { return }
            let part = ClassHints.parts[partHash.value]
            if part & Part.chrome != 0 && previousPart & Part.layout == 0 {
                wordNamesChrome = true
                if partsBefore > 0 && partHash.value == ClassHints.widgetHash
                    && !ClassHints.pictureHashes.contains(previousHash)
                {
                    sawComponent = true
                } else {
                    wordNamesPlainChrome = true
                }
            }
            if part & Part.content != 0 { wordNamesContent = true }
            // `no-related`, `map-and-related`: a layout, as for chrome, not a related block.
            if part & Part.related != 0 && previousPart & Part.layout == 0 { hints.related = true }
            if part & Part.author != 0 { hints.author = true }
            if part & Part.caption != 0 && previousPart & Part.layout == 0 { hints.caption = true }
            if part & Part.price != 0 { hints.price = true }
            if part & Part.paywall != 0 { hints.paywall = true }
            if ClassHints.askingHashes.contains(partHash.value) { wordAsks = true }
            previousPart = part
            previousHash = partHash.value
            partsBefore += 1
            wordKey = ClassHints.fold(wordKey, partHash.value)
            partHash = FNV1a()
            partLength = 0
        }

        mutating func endWord() {
            endPart()
            if wordLength > 0 {
                let whole = ClassHints.wholeWords[wordKey]
                if whole & WholeWord.articleBody != 0 { hints.articleBody = true }
                if whole & WholeWord.screenReader != 0 { hints.screenReaderOnly = true }
            }
            wordKey = FNV1a.offsetBasis
            wordLength = 0
            if wordNamesChrome { hints.chrome = true } else if wordNamesContent { sawContentWord = true }
            if wordNamesPlainChrome || (wordNamesChrome && wordAsks) { sawPlainChrome = true }
            wordAsks = false
            wordNamesChrome = false
            wordNamesContent = false
            wordNamesPlainChrome = false
            previousPart = 0
            partsBefore = 0
        }

        mutating func finish() -> ClassHints {
            endWord()
            if sawContentWord { hints.chrome = false }
            hints.component = hints.chrome && sawComponent && !sawPlainChrome
            return hints
        }
    }

    /// Whether a `class` or `id` word can change any hint: one of its parts
    /// is in ``parts``, the whole word is an article-body or screen-reader word, or it is not
    /// ASCII (lowercased by Unicode rules, which this does not follow). The
    /// pre-parse filter drops the other words, which the reader would pass over.
    static func isRead(_ word: Span<UInt8>) -> Bool {
        let parts = Self.parts
        var wordKey = FNV1a.offsetBasis
        var partHash = FNV1a()
        var partLength = 0
        for k in word.indices {
            let byte = word[unchecked: k]
            guard byte < 0x80 else { return true }
            let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            if lower == UInt8(ascii: "-") || lower == UInt8(ascii: "_") {
                if partLength > 0 {
                    if parts[partHash.value] != 0 { return true }
                    wordKey = fold(wordKey, partHash.value)
                }
                wordKey = fold(wordKey, UInt64(lower))
                partHash = FNV1a()
                partLength = 0
            } else {
                partHash.add(lower)
                partLength += 1
            }
        }
        if partLength > 0 {
            if parts[partHash.value] != 0 { return true }
            wordKey = fold(wordKey, partHash.value)
        }
        return !word.isEmpty && wholeWords[wordKey] != 0
    }

    static func hash<S: Sequence>(_ bytes: S) -> UInt64 where S.Element == UInt8 { FNV1a.hash(bytes) }
}

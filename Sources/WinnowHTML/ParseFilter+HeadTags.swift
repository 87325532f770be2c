import CLibXML2  // for memchr (string.h)

/// An optional cut of ``ParseFilter``, in the same pass: `<meta>` and
/// `<link>` tags in the head that the reader does not read. News pages
/// carry dozens of each (`og:image`, `twitter:*`, `viewport`; stylesheets,
/// preloads, icons), together a sixth of what libxml2 would still read on
/// the benchmark pages, mostly long `content` and `href` values.
///
/// A tag is cut only while libxml2 is surely still in the head: before the
/// `<body>` tag, `</head>`, any start tag that does not belong in a head,
/// and any text outside `<title>` that is not blank (each of these may open
/// the body). In the head, texts reach no reader but the title, whose
/// whitespace is collapsed. A tag naming a `charset` or `http-equiv` stays
/// (the parser reads those), and so does one whose values hold a character
/// reference (not decoded here).
extension ParseFilter {
    /// What a reader reads of the head's `<meta>` and `<link>` tags.
    public struct HeadTags: Sendable {
        /// Whether a meta key (`property`, else `name`, else `itemprop`), as written, may be read.
        let readsMeta: @Sendable (Span<UInt8>) -> Bool
        /// Whether a link of this `rel` value, as written, may be read.
        let readsLink: @Sendable (Span<UInt8>) -> Bool

        public init(
            readsMeta: @escaping @Sendable (Span<UInt8>) -> Bool,
            readsLink: @escaping @Sendable (Span<UInt8>) -> Bool
        ) {
            self.readsMeta = readsMeta
            self.readsLink = readsLink
        }
    }

    /// Where the pass stands toward the page's head.
    struct HeadScan {
        let tags: HeadTags
        /// libxml2 is surely still in the head.
        private(set) var inHead = true
        private var inTitle = false
        /// Where the text before the next tag starts (set by the pass after what it cuts or skips).
        var textStart = 0

        init(tags: HeadTags) { self.tags = tags }

        /// Reads the markup opened by the `<` at `lt` while in the head: the
        /// end of a `<meta>` or `<link>` tag to cut, or nil.
        mutating func read(_ b: UnsafeBufferPointer<UInt8>, at lt: Int) -> Int? {
            guard inHead else { return nil }
            let n = b.count
            let next = b[lt + 1]
            let endTag = next == UInt8(ascii: "/") && lt + 2 < n && isASCIILetter(b[lt + 2])
            // Text outside the title that is not blank may open the body; so may a `<` that opens
            // nothing, or one inside what was read as a doctype or end tag (not understood here).
            if lt < textStart || !inTitle && !isBlank(b, textStart..<lt)
                || !(isASCIILetter(next) || endTag || next == UInt8(ascii: "!"))
            {
                inHead = false
            } else if endTag {
                let name = tagName(b, from: lt + 2)
                let key = nameKey(b, name)
                if key == titleKey { inTitle = false } else if key == headKey { inHead = false }
                textStart = firstIndex(of: UInt8(ascii: ">"), in: b, from: name.upperBound).map { $0 + 1 } ?? n
            } else if next == UInt8(ascii: "!") {
                // A doctype (a comment is cut by the pass).
                textStart = firstIndex(of: UInt8(ascii: ">"), in: b, from: lt + 2).map { $0 + 1 } ?? n
            } else {
                let name = tagName(b, from: lt + 1)
                let key = nameKey(b, name)
                let end = tagEnd(b, from: lt + 1)
                textStart = end
                if !headKeys.contains(key) {
                    inHead = false
                } else if key == titleKey {
                    inTitle = !isSelfClosed(b, tagStart: lt, tagEnd: end)
                } else if key == metaKey && isUnreadMeta(b, from: name.upperBound, to: end, reads: tags.readsMeta)
                    || key == linkKey && isUnreadLink(b, from: name.upperBound, to: end, reads: tags.readsLink)
                {
                    return end
                }
            }
            return nil
        }
    }

    /// Start tags that leave libxml2 in the head.
    static let headKeys = ["html", "head", "title", "meta", "link", "base", "style", "script", "noscript", "template"]
        .map(nameKey)
    static let metaKey = nameKey("meta"), linkKey = nameKey("link"), titleKey = nameKey("title"),
        headKey = nameKey("head")

    /// Whether the `<meta>` start tag whose name ends at `from` (`to` is
    /// after its `>`) goes: no `charset`, no `http-equiv`, no reference in a
    /// value, and `reads` refuses its key: the value of `property`, else of
    /// `name`, else of `itemprop`, as written (a tag with none has no key to read).
    static func isUnreadMeta(
        _ b: UnsafeBufferPointer<UInt8>, from: Int, to: Int,
        reads: (Span<UInt8>) -> Bool
    ) -> Bool {
        // The first of each name counts, as in libxml2 (a name without a value has an empty one).
        var property: Range<Int>?
        var name: Range<Int>?
        var itemprop: Range<Int>?
        var parserReads = false
        let plain = forEachAttribute(b, from: from, to: to) { attribute, value in
            let value = value ?? (attribute.upperBound..<attribute.upperBound)
            if matches(b, attribute, propertyName) {
                property = property ?? value
            } else if matches(b, attribute, nameName) {
                name = name ?? value
            } else if matches(b, attribute, itempropName) {
                itemprop = itemprop ?? value
            } else if matches(b, attribute, charsetName) || matches(b, attribute, httpEquivName) {
                parserReads = true
            }
        }
        guard plain, !parserReads else { return false }
        guard let key = property ?? name ?? itemprop else { return true }
        return !reads(UnsafeBufferPointer(rebasing: b[key]).span)
    }

    /// Whether the `<link>` start tag whose name ends at `from` (`to` is
    /// after its `>`) goes: no reference in a value, and `reads` refuses its
    /// `rel` value as written (a tag without one: an empty value).
    static func isUnreadLink(
        _ b: UnsafeBufferPointer<UInt8>, from: Int, to: Int,
        reads: (Span<UInt8>) -> Bool
    ) -> Bool {
        var rel: Range<Int>?
        let plain = forEachAttribute(b, from: from, to: to) { name, value in
            if rel == nil, matches(b, name, relName) { rel = value ?? (name.upperBound..<name.upperBound) }
        }
        guard plain else { return false }
        let value = rel ?? (to..<to)
        return !reads(UnsafeBufferPointer(rebasing: b[value]).span)
    }

    static let relName = Array("rel".utf8)
    static let propertyName = Array("property".utf8), nameName = Array("name".utf8),
        itempropName = Array("itemprop".utf8)
    static let charsetName = Array("charset".utf8), httpEquivName = Array("http-equiv".utf8)
}

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
        let readsMeta: @Sendable (UnsafeBufferPointer<UInt8>) -> Bool
        /// Whether a link of this `rel` value, as written, may be read.
        let readsLink: @Sendable (UnsafeBufferPointer<UInt8>) -> Bool

        public init(readsMeta: @escaping @Sendable (UnsafeBufferPointer<UInt8>) -> Bool,
                    readsLink: @escaping @Sendable (UnsafeBufferPointer<UInt8>) -> Bool) {
            self.readsMeta = readsMeta
            self.readsLink = readsLink
        }
    }

    /// Start tags that leave libxml2 in the head.
    static let headKeys = ["html", "head", "title", "meta", "link", "base", "style", "script", "noscript", "template"].map(nameKey)
    static let metaKey = nameKey("meta"), linkKey = nameKey("link"), titleKey = nameKey("title"), headKey = nameKey("head")

    /// Whether the `<meta>` start tag whose name ends at `from` (`to` is
    /// after its `>`) goes: no `charset`, no `http-equiv`, no reference in a
    /// value, and `reads` refuses its key: the value of `property`, else of
    /// `name`, else of `itemprop`, as written (a tag with none has no key to read).
    static func isUnreadMeta(_ b: UnsafeBufferPointer<UInt8>, from: Int, to: Int,
                             reads: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        // The first of each name counts, as in libxml2.
        var keys: [Range<Int>?] = [nil, nil, nil]  // property, name, itemprop
        var seen: [Bool] = [false, false, false]
        var parserReads = false
        let plain = forEachAttribute(b, from: from, to: to) { name, value in
            let which: Int
            if matches(b, name, propertyName) { which = 0 } else if matches(b, name, nameName) { which = 1 } else if matches(b, name, itempropName) {
                which = 2
            } else {
                if matches(b, name, charsetName) || matches(b, name, httpEquivName) { parserReads = true }
                return
            }
            guard !seen[which] else { return }
            seen[which] = true
            keys[which] = value ?? (name.upperBound..<name.upperBound)
        }
        guard plain, !parserReads else { return false }
        guard let key = keys[0] ?? keys[1] ?? keys[2] else { return true }
        return !reads(UnsafeBufferPointer(rebasing: b[key]))
    }

    /// Whether the `<link>` start tag whose name ends at `from` (`to` is
    /// after its `>`) goes: no reference in a value, and `reads` refuses its
    /// `rel` value as written (a tag without one: an empty value).
    static func isUnreadLink(_ b: UnsafeBufferPointer<UInt8>, from: Int, to: Int,
                             reads: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        var rel: Range<Int>?
        let plain = forEachAttribute(b, from: from, to: to) { name, value in
            if rel == nil, matches(b, name, relName) { rel = value ?? (name.upperBound..<name.upperBound) }
        }
        guard plain else { return false }
        let value = rel ?? (to..<to)
        return !reads(UnsafeBufferPointer(rebasing: b[value]))
    }

    static let relName = Array("rel".utf8)
    static let propertyName = Array("property".utf8), nameName = Array("name".utf8), itempropName = Array("itemprop".utf8)
    static let charsetName = Array("charset".utf8), httpEquivName = Array("http-equiv".utf8)
}

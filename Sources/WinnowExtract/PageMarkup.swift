import WinnowHTML

/// Dates and bylines printed in the page's markup where the walk does not
/// look: themes put them in the article's `<header>`, which the pre-parse
/// filter cuts with the page landmarks, or in a `<span class="post-date">`
/// beside the byline. Read from the decoded page's bytes, only when
/// metadata, bylines and the URL gave nothing (so pages that have them are
/// not changed).
///
/// Dates (``published(in:)``), in htmldate's order of trust:
///
/// 1. `itemprop="datePublished"` (its `content` or `datetime`, else its text);
/// 2. `<time datetime>` whose tag says it is the publication date
///    (`published`, `entry-date`, `pubdate`), then any other `<time>`
///    not marked as an update;
/// 3. the text of an element whose class names a date or the article's
///    meta line (`date`, `posted`, `published`, `dateline`, `entry-meta`),
///    not a comment's or an update's;
/// 4. a short element (80 bytes of text) with a date, from 1,000 bytes above
///    the first `<h1>` to 4,000 below it (`<p>December 15, 2025</p>` under the
///    headline, `By A · Mar 27, 2024`, a kicker's date above it).
///
/// Each tier's first date in document order wins; tiers 0–3 found more than
/// 5,000 bytes below the first `<h1>` (a related article's date) rank after 4.
///
/// Bylines (``bylines(in:)``): the text of the first element marked
/// `rel=author` or `itemprop=author`, else of the first whose class names
/// an author or byline, else of the first link to an author's page
/// (`/author/jane-doe/`), that names someone (``AuthorNames``).
enum PageMarkup {
    /// The date text that best says when the page was published, or nil.
    static func published(in html: [UInt8]) -> String? {
        html.withUnsafeBufferPointer { scan($0) }
    }

    /// A publication date in the page's script data (`"publishedDate":
    /// "2019-08-16T00:00:00.000Z"` in a framework's state, `"publish_date"`,
    /// `"first_publication_date"`): the first key naming publication, not an
    /// update, whose string value is a date. htmldate's last resort too.
    static func scriptDataDate(in html: [UInt8]) -> String? {
        html.withUnsafeBufferPointer { b in
            let needle = Array("ublish".utf8)
            var i = 0
            while let u = ByteScan.firstIndex(of: UInt8(ascii: "u"), in: b.span, from: i), u + 40 < b.count {
                i = u + 1
                guard (0..<needle.count).allSatisfy({ b[u + $0] == needle[$0] }), u > 0,
                    b[u - 1] | 0x20 == UInt8(ascii: "p")
                else { continue }
                // The key: back to its opening quote, on to its closing quote.
                var start = u - 1
                while start > 0, u - start < 40, b[start - 1] != UInt8(ascii: "\""), b[start - 1] > 0x20 { start -= 1 }
                guard start > 0, b[start - 1] == UInt8(ascii: "\"") else { continue }
                var end = u + needle.count
                while end < b.count, end - u < 40, b[end] != UInt8(ascii: "\""), b[end] > 0x20 { end += 1 }
                guard end < b.count, b[end] == UInt8(ascii: "\"") else { continue }
                let key = lowercased(b, start..<end)
                if updateWords.contains(where: key.containsBytes) || key.containsBytes("publisher") { continue }
                // `":"` or `": "` (escaped quotes inside a JSON string too), then the value up to its quote.
                var v = end + 1
                while v < b.count, v - end < 6,
                    b[v] == UInt8(ascii: "\\") || b[v] == UInt8(ascii: "\"") || b[v] == UInt8(ascii: ":")
                        || b[v] == 0x20
                { v += 1 }
                guard v > end + 1, b[end + 1] == UInt8(ascii: ":") || (b[end + 1] == UInt8(ascii: "\\") && v - end >= 3)
                else { continue }
                var valueEnd = v
                while valueEnd < b.count, valueEnd - v < 40, b[valueEnd] != UInt8(ascii: "\""),
                    b[valueEnd] != UInt8(ascii: "\\")
                { valueEnd += 1 }
                let value = String(decoding: b[v..<valueEnd], as: UTF8.self)
                if value.first?.isNumber == true, let date = DateReader.read(value), date.year >= 1990 { return value }
            }
            return nil
        }
    }

    /// The people the page's byline markup names, or none.
    static func bylines(in html: [UInt8], siteName: String?) -> [String] {
        html.withUnsafeBufferPointer { b in
            var best: (tier: Int, names: [String])?
            forEachStartTag(b, in: bylineWindow(b), mentioning: bylineNeedles) { tag, name, end in
                let marked =
                    tag.containsBytes("rel=\"author\"") || tag.containsBytes("itemprop=\"author\"")
                    || tag.containsBytes("rel='author'")
                    || tag.containsBytes("itemprop='author'")
                let tier: Int
                if marked {
                    tier = 0
                } else if let classValue = attribute("class", in: tag, b),
                    ["author", "byline"].contains(where: classValue.containsBytes),
                    !["avatar", "bio", "image", "img", "photo", "comment", "desc"].contains(
                        where: classValue.containsBytes)
                {
                    tier = 1
                } else if name == "a", let href = attribute("href", in: tag, b),
                    authorPathWords.contains(where: href.containsBytes)
                {
                    // A link to the author's page (`/author/jane-doe/`): its text is the name.
                    tier = 2
                } else {
                    return true
                }
                guard best == nil || tier < best!.tier else { return true }
                let text = following(b, from: end, name: name)
                // A link's text is a name only when written like one ("Read Jane Doe's articles" is not).
                if tier == 2,
                    text.split(separator: " ").contains(where: {
                        $0.first?.isLowercase == true && !AuthorNames.andWords.contains($0)
                    })
                {
                    return true
                }
                let names = AuthorNames.clean(text, siteName: siteName)
                if !names.isEmpty, text.utf8.count < 80 { best = (tier, Array(names.prefix(3))) }
                return best?.tier != 0
            }
            return best?.names ?? []
        }
    }

    /// Calls `body(tag, name, end)` for each start tag after `<body` (lowercased
    /// tag text, tag name, the index after the tag) whose bytes mention one of
    /// `needles` (lowercase; the tag's letters compared lowercased), or that
    /// starts in `passAll`; scripts, styles, SVG and templates are
    /// skipped. Stops when `body` returns false. The needles keep this cheap:
    /// no text is made of the other tags (thousands a page).
    private static func forEachStartTag(
        _ b: UnsafeBufferPointer<UInt8>, in window: Range<Int>? = nil, mentioning needles: [[UInt8]],
        passAll: Range<Int> = 0..<0,
        _ body: (String, String, Int) -> Bool
    ) {
        var firsts = [Bool](repeating: false, count: 256)
        for needle in needles { firsts[Int(needle[0])] = true }
        let firstWords = firstWords(firsts, needles)
        let n = window?.upperBound ?? b.count
        var i = window?.lowerBound ?? bodyStart(b)
        while let lt = ByteScan.firstIndex(of: UInt8(ascii: "<"), in: b.span, from: i), lt + 1 < n {
            i = lt
            let c = b[i + 1] | 0x20
            guard c >= 0x61 && c <= 0x7A else {
                i += 1
                continue
            }
            let end = tagEnd(b, from: i + 1)
            if c == UInt8(ascii: "s") || c == UInt8(ascii: "t") {
                for skipped in skippedElements where nameIs(b, at: i + 1, skipped) {
                    i = closing(b, name: skipped, from: end)
                    break
                }
                if i > end - 1 { continue }
            }
            if passAll.contains(i) || mentions(b, i..<min(end, n), needles, firsts, firstWords) {
                if !body(lowercased(b, i..<min(end, n)), tagName(b, from: i + 1), end) { return }
            }
            i = end
        }
    }

    /// Where the first `<h1>` starts after `<body`, or nil.
    static func firstHeadline(_ b: UnsafeBufferPointer<UInt8>) -> Int? { firstHeadline(b, from: bodyStart(b)) }

    /// Where the first `<h1>` starts at or after `from`, or nil.
    static func firstHeadline(_ b: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        var i = from
        while let lt = ByteScan.firstIndex(of: UInt8(ascii: "<"), in: b.span, from: i), lt + 3 < b.count {
            if b[lt + 1] | 0x20 == UInt8(ascii: "h"), b[lt + 2] == UInt8(ascii: "1"),
                !((b[lt + 3] | 0x20) >= 0x61 && (b[lt + 3] | 0x20) <= 0x7A)
            {
                return lt
            }
            i = lt + 1
        }
        return nil
    }

    /// Where a byline stands: from 10 kB before the first `<h1>` to 30 kB after
    /// it (the first 40 kB of the body without one). The whole page costs
    /// a tenth of the extraction on large pages.
    static func bylineWindow(_ b: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        let start = bodyStart(b)
        if let lt = firstHeadline(b) { return max(start, lt - 10_000)..<min(b.count, lt + 30_000) }
        return start..<min(b.count, start + 40_000)
    }

    /// Whether the tag name at `at` is `name` (ASCII, any case).
    private static func nameIs(_ b: UnsafeBufferPointer<UInt8>, at: Int, _ name: String) -> Bool {
        var k = at
        for byte in name.utf8 {
            guard k < b.count, b[k] | 0x20 == byte else { return false }
            k += 1
        }
        return k >= b.count || !((b[k] | 0x20) >= 0x61 && (b[k] | 0x20) <= 0x7A) && !(b[k] >= 0x30 && b[k] <= 0x39)
    }

    /// Whether `b[range]`, lowercased by ASCII, contains one of `needles`.
    /// With `firstWords`, only bytes that may start a needle are tried, found eight at a time.
    private static func mentions(
        _ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ needles: [[UInt8]], _ firsts: [Bool],
        _ firstWords: NeedleStarts? = nil
    ) -> Bool {
        /// Whether a needle starts at `k`.
        func startsNeedle(_ k: Int) -> Bool {
            let c = b[k] >= 0x41 && b[k] <= 0x5A ? b[k] | 0x20 : b[k]
            guard firsts[Int(c)] else { return false }
            // A needle's second byte must follow (most first bytes found start no needle).
            if let firstWords, k + 1 < range.upperBound {
                let d = b[k + 1] >= 0x41 && b[k + 1] <= 0x5A ? b[k + 1] | 0x20 : b[k + 1]
                guard firstWords.seconds[Int(c)] & (1 << (d & 63)) != 0 else { return false }
            }
            outer: for needle in needles where needle[0] == c && k + needle.count <= range.upperBound {
                for j in 1..<needle.count {
                    let d = b[k + j] >= 0x41 && b[k + j] <= 0x5A ? b[k + j] | 0x20 : b[k + j]
                    if d != needle[j] { continue outer }
                }
                return true
            }
            return false
        }
        var k = range.lowerBound
        if let firstWords {
            let ones: UInt64 = 0x0101_0101_0101_0101
            while k + 8 <= range.upperBound {
                // A byte marks where it, with 0x20 set, is a first byte (a superset of the lowercased matches:
                // each first byte has 0x20 set); the zero-byte test may mark more above a true one, never fewer.
                let word =
                    UInt64(littleEndian: UnsafeRawPointer(b.baseAddress! + k).loadUnaligned(as: UInt64.self))
                    | ones &* 0x20
                var marks: UInt64 = 0
                for first in firstWords.words {
                    let x = word ^ first
                    marks |= (x &- ones) & ~x & (ones &* 0x80)
                }
                while marks != 0 {
                    if startsNeedle(k + marks.trailingZeroBitCount >> 3) { return true }
                    marks &= marks &- 1
                }
                k += 8
            }
        }
        while k < range.upperBound {
            if startsNeedle(k) { return true }
            k += 1
        }
        return false
    }

    /// How ``mentions(_:_:_:_:_:)`` finds where needles may start.
    private struct NeedleStarts {
        /// Each first byte in every byte of a word.
        var words: [UInt64]
        /// By first byte: bit `second & 63` of each second byte that follows it in a needle (all bits
        /// for a one-byte needle): a test before the needles are compared.
        var seconds: [UInt64]
    }

    /// The needles' starts; nil when a first byte lacks 0x20 (then setting 0x20 on the page's bytes would hide it).
    private static func firstWords(_ firsts: [Bool], _ needles: [[UInt8]]) -> NeedleStarts? {
        let bytes = firsts.indices.filter { firsts[$0] }
        guard bytes.allSatisfy({ $0 & 0x20 != 0 }) else { return nil }
        var seconds = [UInt64](repeating: 0, count: 256)
        for needle in needles {
            seconds[Int(needle[0])] |= needle.count > 1 ? 1 << (needle[1] & 63) : ~0
        }
        return NeedleStarts(words: bytes.map { 0x0101_0101_0101_0101 &* UInt64($0) }, seconds: seconds)
    }

    private static let skippedElements = ["script", "style", "svg", "template"]
    static let dateNeedles = ["<time", "<h1", "date", "publish", "posted", "meta"].map { Array($0.utf8) }
    static let bylineNeedles = ["author", "byline"].map { Array($0.utf8) }
    /// Path segments of an author's page on the site.
    private static let authorPathWords = ["/author/", "/authors/"]

    private static func scan(_ b: UnsafeBufferPointer<UInt8>) -> String? {
        var best: (tier: Int, text: String)?
        let headline = firstHeadline(b)
        // Where the article's date line stands: just above the headline (a kicker) or under it.
        let near = headline.map { max(0, $0 - 1000)..<($0 + 4000) } ?? 0..<0
        forEachStartTag(b, mentioning: dateNeedles, passAll: near) { tag, name, end in
            if var found = candidate(tag: tag, name: name, b, after: end) {
                // Far below the headline: a related article's date, trusted less than a date under the headline.
                if let headline, end > headline + farBelowHeadline { found.tier += 5 }
                if best == nil || found.tier < best!.tier { best = found }
                if found.tier == 0 { return false }
            } else if best.map({ $0.tier > 4 }) ?? true, near.contains(end), name != "h1",
                !blockTextTags.contains(name), !othersWords.contains(where: tag.containsBytes)
            {
                // Near the headline: a short element with a date ("December 15, 2025" or "By A · Mar 27, 2024").
                let text = following(b, from: end, name: name)
                if text.utf8.count <= 80, text.contains(where: \.isNumber), DateReader.read(text) != nil {
                    best = (4, text)
                }
            }
            return true
        }
        return best?.text
    }

    /// How far below the first `<h1>` (bytes) the article's own date line may stand.
    private static let farBelowHeadline = 5000

    /// Elements whose text is a container's, not one line's (a date is one line).
    private static let blockTextTags: Set<String> = ["section", "article", "main", "ul", "ol", "table", "body"]

    private static let updateWords = ["updat", "modif", "revis", "comment", "reply"]
    /// Marks of what others wrote under the article: their dates are never the page's, even the last resort's.
    private static let othersWords = ["comment", "reply"]
    private static let publishedTimeWords = ["publish", "entry-date", "pubdate", "post-date", "posted"]
    private static let dateClassWords = [
        "date", "posted", "publish", "time-wrapper", "dateline", "-meta", "meta-", "_meta",
    ]

    private static func candidate(tag: String, name: String, _ b: UnsafeBufferPointer<UInt8>, after end: Int) -> (
        tier: Int, text: String
    )? {
        if tag.containsBytes("itemprop=\"datepublished\"") || tag.containsBytes("itemprop='datepublished'") {
            if let value = attribute("content", in: tag, b) ?? attribute("datetime", in: tag, b),
                DateReader.read(value) != nil
            {
                return (0, value)
            }
            let text = following(b, from: end, name: name)
            return DateReader.read(text) != nil ? (0, text) : nil
        }
        if updateWords.contains(where: tag.containsBytes) { return nil }
        if name == "time" {
            let marked = publishedTimeWords.contains(where: tag.containsBytes)
            if let value = attribute("datetime", in: tag, b), DateReader.read(value) != nil {
                return (marked ? 1 : 2, value)
            }
            let text = following(b, from: end, name: name)
            return DateReader.read(text) != nil ? (marked ? 1 : 3, text) : nil
        }
        guard let classValue = attribute("class", in: tag, b), dateClassWords.contains(where: classValue.containsBytes)
        else {
            return nil
        }
        let text = following(b, from: end, name: name)
        return DateReader.read(text) != nil ? (3, text) : nil
    }

    /// The visible text of the element whose start tag ends at `start`, tags
    /// left out, up to its end tag (same-named elements inside counted), or
    /// the first 100 bytes of text and 600 of markup.
    private static func following(_ b: UnsafeBufferPointer<UInt8>, from start: Int, name: String) -> String {
        let tag = Array(name.utf8)
        func named(_ at: Int) -> Bool {
            guard at + tag.count < b.count else { return false }
            for k in 0..<tag.count where b[at + k] | 0x20 != tag[k] { return false }
            let after = b[at + tag.count]
            return !(((after | 0x20) >= 0x61 && (after | 0x20) <= 0x7A) || (after >= 0x30 && after <= 0x39))
        }
        var out: [UInt8] = []
        var i = start
        var inTag = false
        var depth = 1
        while i < b.count, out.count < 100, i < start + 600 {
            let c = b[i]
            if c == UInt8(ascii: "<") {
                if i + 1 < b.count, b[i + 1] == UInt8(ascii: "/"), named(i + 2) {
                    depth -= 1
                    if depth == 0 { break }
                } else if named(i + 1) {
                    depth += 1
                }
                inTag = true
                out.append(0x20)
            } else if c == UInt8(ascii: ">") {
                inTag = false
            } else if !inTag {
                out.append(c)
            }
            i += 1
        }
        return TextNormalizer.collapse(String(decoding: out, as: UTF8.self))
    }

    /// The value of `name="..."` in a lowercased tag (dates read the same lowercased).
    /// An unquoted value (`class=entry-meta`, minified pages) ends at whitespace or the tag's end. One pass over
    /// the tag's bytes (Foundation's `range(of:)` cost a tenth of the extraction here).
    private static func attribute(_ name: String, in tag: String, _ b: UnsafeBufferPointer<UInt8>) -> String? {
        let bytes = Array(tag.utf8)
        let key = Array(name.utf8) + [UInt8(ascii: "=")]
        var i = 1
        while i + key.count < bytes.count {
            defer { i += 1 }
            guard bytes[i] == key[0], bytes[i - 1] == 0x20 || bytes[i - 1] == 0x0A,
                (1..<key.count).allSatisfy({ bytes[i + $0] == key[$0] })
            else { continue }
            var start = i + key.count
            let quote = bytes[start]
            let isQuoted = quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'")
            if isQuoted { start += 1 }
            var end = start
            while end < bytes.count {
                let c = bytes[end]
                if isQuoted ? c == quote : (c <= 0x20 || c == UInt8(ascii: ">")) { break }
                end += 1
            }
            if isQuoted && end == bytes.count { return nil }
            let value = TextNormalizer.collapse(String(decoding: bytes[start..<end], as: UTF8.self))
            return value.isEmpty ? nil : value
        }
        return nil
    }

    static func bodyStart(_ b: UnsafeBufferPointer<UInt8>) -> Int {
        let needle = Array("<body".utf8)
        var i = 0
        while let lt = ByteScan.firstIndex(of: UInt8(ascii: "<"), in: b.span, from: i), lt + needle.count <= b.count {
            i = lt
            if (1..<needle.count).allSatisfy({ b[i + $0] | 0x20 == needle[$0] }) { return i }
            i += 1
        }
        return 0
    }

    /// The index after the tag's `>`, quoted values skipped (any quote opens one), or the end:
    /// a word scan to the next `>` or quote, memchr to the quote's end (run on every tag of the page).
    private static func tagEnd(_ b: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        let span = b.span
        var i = from
        while let at = ByteScan.firstTagByte(in: span, from: i) {
            let c = b[at]
            if c == UInt8(ascii: ">") { return at + 1 }
            guard let close = ByteScan.firstIndex(of: c, in: span, from: at + 1) else { return b.count }
            i = close + 1
        }
        return b.count
    }

    static func tagName(_ b: UnsafeBufferPointer<UInt8>, from: Int) -> String {
        var i = from
        var name: [UInt8] = []
        while i < b.count, name.count < 16 {
            let c = b[i] | 0x20
            guard (c >= 0x61 && c <= 0x7A) || (b[i] >= 0x30 && b[i] <= 0x39) else { break }
            name.append(b[i] >= 0x30 && b[i] <= 0x39 ? b[i] : c)
            i += 1
        }
        return String(decoding: name, as: UTF8.self)
    }

    /// The index after `</name`, or the end.
    private static func closing(_ b: UnsafeBufferPointer<UInt8>, name: String, from: Int) -> Int {
        let needle = Array("</\(name)".utf8)
        var i = from
        while let lt = ByteScan.firstIndex(of: UInt8(ascii: "<"), in: b.span, from: i), lt + needle.count <= b.count {
            i = lt
            if b[i + 1] == UInt8(ascii: "/"), (2..<needle.count).allSatisfy({ b[i + $0] | 0x20 == needle[$0] }) {
                return i + needle.count
            }
            i += 1
        }
        return b.count
    }

    private static func lowercased(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: b[range].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}

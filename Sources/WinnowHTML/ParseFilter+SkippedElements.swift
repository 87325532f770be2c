import CLibXML2  // for memchr (string.h)

/// An optional cut of ``ParseFilter``, in the same pass: elements the reader
/// skips whole, so that libxml2 never reads them, as the reader declares
/// them (``SkippedElements``): the page landmarks it skips (`<nav>`,
/// `<header>`, `<footer>` and `<aside>` for the extractor: about 40% of what
/// is left after scripts, styles and comments on news pages); and a `<div>`
/// or `<section>` whose start tag's attributes the reader says it skips
/// (hidden, or chrome by its class words: about a third of what is left after that).
///
/// An element is cut only where libxml2 would see the same element: its
/// end tag must close exactly what it opened. Scanning inside, start tags
/// are stacked (void and self-closed ones not), an end tag closes up to
/// the nearest open element of its name as libxml2 does, and the cut is
/// abandoned, leaving the bytes to libxml2, when an end tag would close
/// something outside the element, would be ignored by libxml2 (it may not
/// close a `div`, `td` or `table` of higher priority on the way), or when
/// the element never ends. No start tag closes a `div`, a `section` or a
/// landmark in libxml2, so an element ends only at an end tag. A landmark
/// whose start tag mentions what the reader reads on the element itself
/// (its keeping words) is kept, and so
/// is a `div` or `section` whose attributes hold a character reference
/// (they are not decoded here). Scanning an element's extent skips
/// comments, scripts and styles as the pass itself does; an `svg`,
/// `template` or `noscript` inside is stacked as any other element (one
/// scan, no nested one). Scans that find no extent share a budget
/// (``scanBudget(_:)``), so that a page of unclosed elements stays linear.
extension ParseFilter {
    /// What a reader skips whole, unread: the filter cuts it.
    public struct SkippedElements: Sendable {
        /// Landmark elements cut wherever they stand (names no start tag closes in libxml2, such as `nav`).
        let landmarkKeys: [UInt64]
        /// Words in a landmark's start tag that keep it (lowercase): what the reader reads on the element itself.
        let keepingWords: [[UInt8]]
        /// Whether a `div` or `section` with these attributes is skipped.
        let blocks: @Sendable (CommonAttributes) -> Bool
        /// Skipped elements the reader may still walk on trial when they hold
        /// much text: a chrome-looking block that holds the article. Such an
        /// element is kept when it holds ``ProseTrial/textBytes`` bytes of text or more,
        /// unless it stands inside another one kept so (``KeptTrial``).
        let trial: ProseTrial?

        public init(
            landmarks: [String], keepingWords: [String], blocks: @escaping @Sendable (CommonAttributes) -> Bool,
            trial: ProseTrial? = nil
        ) {
            precondition(Set(landmarks).isSubset(of: ParseFilter.cutLandmarkNames), "landmarks the stream knows")
            landmarkKeys = landmarks.map(ParseFilter.nameKey)
            self.keepingWords = keepingWords.map { Array($0.lowercased().utf8) }
            self.blocks = blocks
            self.trial = trial
        }
    }

    /// The skipped elements a reader walks on trial (``SkippedElements/trial``).
    public struct ProseTrial: Sendable {
        /// Landmarks walked on trial (`header`).
        let landmarkKeys: [UInt64]
        /// Whether a skipped `div` or `section` with these attributes is walked on trial.
        let blocks: @Sendable (CommonAttributes) -> Bool
        /// Text in the element outside links (bytes between its tags, less
        /// the leading whitespace of each run) from which it is kept: at most
        /// what the reader's trial needs, so that everything the reader would keep reaches it.
        let textBytes: Int
        /// Blocks among ``blocks`` the reader keeps from less text, and from how much text the filter keeps them.
        let lowBlocks: @Sendable (CommonAttributes) -> Bool
        let lowTextBytes: Int

        public init(
            landmarks: [String], blocks: @escaping @Sendable (CommonAttributes) -> Bool, textBytes: Int,
            lowBlocks: @escaping @Sendable (CommonAttributes) -> Bool = { _ in false }, lowTextBytes: Int = 0
        ) {
            landmarkKeys = landmarks.map(ParseFilter.nameKey)
            self.blocks = blocks
            self.textBytes = textBytes
            self.lowBlocks = lowBlocks
            self.lowTextBytes = lowTextBytes
        }
    }

    /// The last block kept for its text (``ProseTrial``) and, once asked,
    /// where it ends. The reader walks one block on trial at a time: a low
    /// block (``ProseTrial/lowBlocks``) inside a low one as part of it, so
    /// it is kept whatever its text; any other inside it is skipped, so it
    /// is cut. Its extent is found only when another such block follows.
    struct KeptTrial {
        /// Whether it is a low block.
        private(set) var low = false
        private var start: (name: Range<Int>, key: UInt64, tagEnd: Int)?
        /// After its end tag, once found; nil when libxml2 might read its extent differently.
        private var end: Int??

        /// Whether the block at `at`, after the kept block's start tag, is
        /// inside it; nil when libxml2 might read its extent differently.
        mutating func contains(_ at: Int, _ b: UnsafeBufferPointer<UInt8>, budget: inout Int) -> Bool? {
            guard let start else { return false }
            if end == nil {
                end = .some(landmarkEnd(b, name: start.name, key: start.key, tagEnd: start.tagEnd, budget: &budget))
            }
            guard let found = end! else { return nil }
            return at < found
        }

        /// Remembers a block kept for its text, which is not inside the last one.
        mutating func keep(name: Range<Int>, key: UInt64, tagEnd: Int, low: Bool) {
            start = (name, key, tagEnd)
            self.low = low
            end = nil
        }
    }

    /// Elements without content (never stacked).
    static let voidKeys = [
        "br", "img", "input", "meta", "link", "hr", "source", "wbr", "area", "base", "col", "embed", "param",
        "track", "keygen", "basefont", "frame", "isindex",
    ].map(nameKey)
    /// One bit per ``voidKeys`` entry (``keyBit(_:)``): most tags miss it, and skip the list.
    static let voidBits = voidKeys.reduce(UInt64(0)) { $0 | keyBit($1) }

    /// A key's bit among 64 (a multiply's top six bits), for a first test of membership.
    @inline(__always) static func keyBit(_ key: UInt64) -> UInt64 { 1 << ((key &* 0x9E37_79B9_7F4A_7C15) >> 58) }

    /// The removed elements that hold markup (``removedElements`` from `svg`).
    static let removedKeys = removedElements[svg...].map { nameKey(String(decoding: $0, as: UTF8.self)) }

    /// Elements cut when ``SkippedElements`` says so of their attributes.
    static let blockKeys = ["div", "section"].map(nameKey)
    static let anchorKey = nameKey("a")

    /// ``landmarkScan(_:name:key:tagEnd:keepingText:)`` within a budget of
    /// bytes that scans finding no extent may still read (``scanBudget(_:)``):
    /// nil, without a scan, once it is spent. The bytes a scan reads are
    /// charged only when it finds no extent: a found one is cut, read once.
    static func landmarkEnd(
        _ b: UnsafeBufferPointer<UInt8>, name: Range<Int>, key: UInt64, tagEnd: Int, keepingText: Int = .max,
        budget: inout Int
    ) -> Int? {
        guard budget > 0 else { return nil }
        let scan = landmarkScan(b, name: name, key: key, tagEnd: tagEnd, keepingText: keepingText)
        if scan.end == nil { budget -= scan.stop - tagEnd + 1 }
        return scan.end
    }

    /// What scans that find no extent may read on a page of `count` bytes, in
    /// all: a few times the page. Each such scan may read to the end of the
    /// page, and the next element of the kind would be scanned again (tags
    /// times page size on a page of unclosed `<template>`s); past the budget
    /// those elements are left to libxml2, which reads them in one pass.
    static func scanBudget(_ count: Int) -> Int { 4 * count + 65_536 }

    /// The index after the landmark whose start tag ends at `tagEnd`, or nil
    /// when libxml2 might read its extent differently, or when it holds
    /// `keepingText` bytes of text or more (counted as ``ProseTrial/textBytes`` says);
    /// and where the scan stopped. Scripts and styles inside are skipped
    /// as the top level cuts them; an `svg`, `template` or `noscript` inside
    /// is markup read as any other element (no scan of its own: one pass).
    static func landmarkScan(
        _ b: UnsafeBufferPointer<UInt8>, name: Range<Int>, key: UInt64, tagEnd: Int, keepingText: Int = .max
    ) -> (end: Int?, stop: Int) {
        if isSelfClosed(b, tagStart: name.lowerBound, tagEnd: tagEnd) { return (tagEnd, tagEnd) }
        // Text outside links (a menu's text is all links), while `keepingText` asks for it.
        let countsText = keepingText != .max
        var text = 0
        var openLinks = 0
        // Open `svg`, `template` and `noscript` elements: their text is not counted (the top level cuts them).
        var openRemoved = 0
        // Where the last ``drawingEnd(_:key:tagStart:tagEnd:)`` that found no end stopped: an svg
        // before it is stacked, not tried again (nested icons would be read once per level).
        var drawingStop = tagEnd
        // The names of the open elements (``nameKey(_:_:)``): `open[..<depth]`,
        // a stack kept by its depth (popping is setting a number).
        var open = [UInt64](repeating: 0, count: 16)
        open[0] = key
        var depth = 1
        let voidKeys = Self.voidKeys
        let voidBits = Self.voidBits
        let anchorKey = Self.anchorKey
        let removedKeys = Self.removedKeys
        var i = tagEnd
        let n = b.count
        while let lt = firstIndex(of: UInt8(ascii: "<"), in: b, from: i), lt + 2 < n {
            if countsText, openLinks == 0, openRemoved == 0 {
                var start = i
                // Indentation: eight blank bytes at a time, then byte by byte.
                while start + 8 <= lt, isBlankWord(b, at: start) { start += 8 }
                while start < lt, b[start] == 0x20 || b[start] == 0x0A || b[start] == 0x09 || b[start] == 0x0D {
                    start += 1
                }
                text += lt - start
                if text >= keepingText { return (nil, lt) }
            }
            i = lt
            if isASCIILetter(b[i + 1]) {
                let end = Self.tagEnd(b, from: i + 1)
                let removed = removedElement(b, nameAt: i + 1)
                if let removed, removed < svg {
                    // Skipped as the top level cuts it (JSON-LD is script text too).
                    i = closeEnd(b, name: removedElements[removed], from: end, nested: false)
                    continue
                }
                let inner = tagNameKey(b, from: i + 1)
                if removed == svg, i >= drawingStop {
                    // An icon is skipped as the top level cuts it (``drawingEnd(_:key:tagStart:tagEnd:)``).
                    let drawing = drawingEnd(b, key: inner, tagStart: i, tagEnd: end)
                    if let found = drawing.end {
                        i = found
                        continue
                    }
                    drawingStop = drawing.stop
                }
                if !isSelfClosed(b, tagStart: i, tagEnd: end),
                    voidBits & keyBit(inner) == 0 || !voidKeys.contains(inner)
                {
                    if depth == open.count { open.append(inner) } else { open[depth] = inner }
                    depth += 1
                    if countsText, inner == anchorKey { openLinks += 1 }
                    if removed != nil { openRemoved += 1 }
                }
                i = end
            } else if b[i + 1] == UInt8(ascii: "!"), i + 3 < n, b[i + 2] == UInt8(ascii: "-"),
                b[i + 3] == UInt8(ascii: "-")
            {
                i = commentEnd(b, from: i + 4)
            } else if b[i + 1] == UInt8(ascii: "/"), isASCIILetter(b[i + 2]) {
                let end = Self.tagEnd(b, from: i + 2)
                let closed = tagNameKey(b, from: i + 2)
                var k = depth - 1
                while k >= 0, open[k] != closed { k -= 1 }
                guard k >= 0 else { return (nil, end) }
                if k < depth - 1 {
                    let priority = endPriority(closed)
                    for above in open[(k + 1)..<depth] where endPriority(above) > priority { return (nil, end) }
                    // An svg, template or noscript ends only at its own end tag, as when it was
                    // scanned alone (and cut alone at the top level): else libxml2's reading is left to it.
                    if openRemoved > 0, open[(k + 1)..<depth].contains(where: removedKeys.contains) {
                        return (nil, end)
                    }
                }
                if countsText { openLinks -= open[k..<depth].reduce(0) { $0 + ($1 == anchorKey ? 1 : 0) } }
                if openRemoved > 0, removedKeys.contains(open[k]) { openRemoved -= 1 }
                depth = k
                if depth == 0 { return (end, end) }
                i = end
            } else {
                i += 1
            }
        }
        return (nil, n)
    }

    /// The attributes of the start tag whose name ends at `from` (`to` is
    /// after its `>`), read as libxml2 reads them (names lowercased, the
    /// first of a repeated name kept, unquoted values up to whitespace or
    /// `>`); nil when a value holds `&` (a reference this pass does not decode).
    static func attributes(_ b: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> CommonAttributes? {
        var collector = CommonAttributes.Collector()
        let plain = forEachAttribute(b, from: from, to: to) { name, value in
            collector.add(
                name: UnsafeBufferPointer(rebasing: b[name]), value: value.map { UnsafeBufferPointer(rebasing: b[$0]) })
        }
        return plain ? collector.attributes : nil
    }

    /// Calls `body` with each attribute's name and value (nil when it has
    /// none) of the start tag whose name ends at `from` (`to` is after its
    /// `>`), split as libxml2 splits them; false, stopping, at a value that
    /// holds `&` (a reference this pass does not decode), unless not `stopping`.
    static func forEachAttribute(
        _ b: UnsafeBufferPointer<UInt8>, from: Int, to: Int, stopping: Bool = true,
        _ body: (_ name: Range<Int>, _ value: Range<Int>?) -> Void
    ) -> Bool {
        let end = to - 1  // the '>'
        var i = from
        func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C }
        while i < end {
            while i < end, isSpace(b[i]) || b[i] == UInt8(ascii: "/") { i += 1 }
            guard i < end else { break }
            let nameStart = i
            while i < end, !isSpace(b[i]), b[i] != UInt8(ascii: "="), b[i] != UInt8(ascii: "/") { i += 1 }
            let name = nameStart..<i
            while i < end, isSpace(b[i]) { i += 1 }
            var value: Range<Int>?
            if i < end, b[i] == UInt8(ascii: "=") {
                i += 1
                while i < end, isSpace(b[i]) { i += 1 }
                if i < end, b[i] == UInt8(ascii: "\"") || b[i] == UInt8(ascii: "'") {
                    let quote = b[i]
                    let valueStart = i + 1
                    i = valueStart
                    if let found = memchr(b.baseAddress! + i, Int32(quote), end - i) {
                        i = UnsafeRawPointer(found) - UnsafeRawPointer(b.baseAddress!)
                    } else {
                        i = end
                    }
                    value = valueStart..<i
                    i += 1
                } else {
                    let valueStart = i
                    while i < end, !isSpace(b[i]) { i += 1 }
                    value = valueStart..<i
                }
            }
            if stopping, let value, !value.isEmpty,
                memchr(b.baseAddress! + value.lowerBound, Int32(UInt8(ascii: "&")), value.count) != nil
            {
                return false
            }
            body(name, value)
        }
        return true
    }

    /// Whether a start tag ends in `/>` that libxml2 reads as self-closing:
    /// not when the `/` ends an unquoted attribute value (`<a href=/>`).
    static func isSelfClosed(_ b: UnsafeBufferPointer<UInt8>, tagStart: Int, tagEnd: Int) -> Bool {
        guard tagEnd - 2 > tagStart, b[tagEnd - 2] == UInt8(ascii: "/") else { return false }
        var k = tagEnd - 3
        while k > tagStart, !endsUnquotedValue(b[k]) { k -= 1 }
        return b[k] != UInt8(ascii: "=")
    }

    /// Whitespace, a quote or `=`: scanning back from a tag's `/>`, where an unquoted value would start.
    @inline(__always) static func endsUnquotedValue(_ c: UInt8) -> Bool {
        switch c {
        case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "="): true
        default: false
        }
    }

    /// libxml2's `htmlEndPriority`: an end tag closes open elements above its own only up to its priority.
    static let endPriorities: [(name: UInt64, priority: Int)] = [
        ("div", 150), ("td", 160), ("th", 160), ("tr", 170), ("thead", 180), ("tbody", 180), ("tfoot", 180),
        ("table", 190), ("head", 200), ("body", 200), ("html", 220),
    ].map { (nameKey($0.0), $0.1) }

    static func endPriority(_ name: UInt64) -> Int {
        endPriorities.first { $0.name == name }?.priority ?? 100
    }

    /// A tag name as one number, without regard to ASCII case (``TagKey`` with bytes ORed
    /// with 0x20, as ``matches(_:_:_:)`` compares).
    @inline(__always) static func nameKey(_ b: UnsafeBufferPointer<UInt8>, _ name: Range<Int>) -> UInt64 {
        TagKey(b, name, caseBit: 0x20).value
    }

    static func nameKey(_ name: String) -> UInt64 {
        let bytes = Array(name.utf8)
        return bytes.withUnsafeBufferPointer { nameKey($0, 0..<bytes.count) }
    }

    /// Whether the eight bytes at `at` are all blank (space, tab, line feed, carriage return), tested exactly per byte.
    @inline(__always) static func isBlankWord(_ b: UnsafeBufferPointer<UInt8>, at: Int) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let w = UnsafeRawPointer(b.baseAddress! + at).loadUnaligned(as: UInt64.self)
        @inline(__always) func equal(_ c: UInt8) -> UInt64 {
            let t = w ^ (ones &* UInt64(c))
            return ~(((t & lows) &+ lows) | t) & ~lows
        }
        return equal(0x20) | equal(0x0A) | equal(0x09) | equal(0x0D) == ~lows
    }

    /// ``nameKey(_:_:)`` of the tag name starting at `from` (``tagName(_:from:)``):
    /// one pass for a name of up to eight bytes, which is its bytes.
    @inline(__always) static func tagNameKey(_ b: UnsafeBufferPointer<UInt8>, from: Int) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        var end = from
        while end < b.count, !isTagNameEnd(b[end]) {
            guard shift < 64 else { return nameKey(b, tagName(b, from: from)) }
            value |= UInt64(b[end] | 0x20) << shift
            shift += 8
            end += 1
        }
        return value
    }

    /// The tag name starting at `from`: up to whitespace, `/` or `>`.
    static func tagName(_ b: UnsafeBufferPointer<UInt8>, from: Int) -> Range<Int> {
        var end = from
        while end < b.count, !isTagNameEnd(b[end]) { end += 1 }
        return from..<end
    }

    /// Whether the name at `name` is `lowercase`, ignoring ASCII case.
    static func matches(_ b: UnsafeBufferPointer<UInt8>, _ name: Range<Int>, _ lowercase: [UInt8]) -> Bool {
        guard name.count == lowercase.count else { return false }
        for k in 0..<lowercase.count where b[name.lowerBound + k] | 0x20 != lowercase[k] { return false }
        return true
    }

    static func mentions(_ keepingWords: [[UInt8]], _ b: UnsafeBufferPointer<UInt8>, _ tag: Range<Int>) -> Bool {
        if keepingWords.contains(where: \.isEmpty) { return true }
        // One pass over the tag, trying the words whose first byte is there (not one pass per word).
        for i in tag {
            let first = b[i] | 0x20
            for word in keepingWords where word[0] == first && i + word.count <= tag.upperBound {
                if matches(b, i..<(i + word.count), word) { return true }
            }
        }
        return false
    }
}

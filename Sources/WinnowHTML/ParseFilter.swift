import CLibXML2  // for memchr (string.h)

/// A byte-level pass before libxml2 that cuts out what never becomes text:
/// `<script>` (except JSON-LD), `<style>`, `<svg>`, `<template>` and
/// `<noscript>` elements and comments. On news pages these are most of the
/// bytes (61% on the extraction benchmark), and libxml2 would otherwise
/// build nodes for all of them.
///
/// It follows the HTML tokenizer where it matters: a tag is only a `<`
/// followed by a letter, read to its `>` with quoted attribute values
/// skipped (so `<div title="<script>">` is no script); script and style
/// content ends only at `</script` / `</style` followed by whitespace, `/`
/// or `>` (as in libxml2's recover mode and in browsers); a comment ends at
/// `-->` or `--!>`, `<!-->` and `<!--->` are empty, and an unclosed comment
/// runs to the end. Anything it does not understand is left for libxml2.
public enum ParseFilter {
    /// Elements removed with their content.
    static let removedElements: [[UInt8]] = ["script", "style", "svg", "template", "noscript"].map { Array($0.utf8) }
    static let script = 0, svg = 2, template = 3
    /// Every element the pass may cut: ``removedElements``, the blocks, and the landmarks a reader may name.
    static let cutKeys =
        (removedElements.map { String(decoding: $0, as: UTF8.self) } + ["div", "section"]
        + cutLandmarkNames).map(nameKey)
    /// The landmarks a reader may have the pass cut (``SkippedElements``).
    public static let cutLandmarkNames = ["nav", "header", "footer", "aside"]

    /// Whether the pass may cut elements of this name.
    static func mayCut(_ key: TagKey) -> Bool { cutKeys.contains(key.value) }

    /// The first letters of ``removedElements`` (most tags start with none; a test keeps the two in step).
    static let removedFirstLetters: [UInt8] = Array("stn".utf8)

    /// `bytes` without the removed elements and comments, and how many bytes
    /// were cut. Given `skipping` (for readers that skip these whole anyway),
    /// also without the landmarks it names, and
    /// without each `<div>` and `<section>` whose attributes it skips
    /// (see ParseFilter+SkippedElements); given `keepingAttributes` too,
    /// start tags lose every other attribute (see ParseFilter+Attributes).
    /// Given `headTags`, `<meta>` and `<link>` tags in the head that it does
    /// not read go (see ParseFilter+HeadTags). One pass: each tag is read once.
    public static func filter(
        _ bytes: [UInt8], skipping: SkippedElements? = nil,
        keepingAttributes: AttributeNames? = nil,
        headTags: HeadTags? = nil
    ) -> (bytes: [UInt8], removed: Int) {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count / 2)
        // Read once: each use of a static table checks its lazy initialisation (and
        // each use of `skipping`'s fields would copy it).
        let blockKeys = Self.blockKeys
        let landmarkKeys = skipping?.landmarkKeys ?? []
        let keepingWords = skipping?.keepingWords ?? []
        let skipsBlock = skipping?.blocks
        let trial = skipping?.trial
        bytes.withUnsafeBufferPointer { b in
            let n = b.count
            var copied = 0  // bytes before this index are decided
            var i = 0
            var head = headTags.map { HeadScan(tags: $0) }
            var outerTrial = KeptTrial()
            var readWords = ReadWords()
            var budget = scanBudget(n)
            let keptFirst = firstOpeningElement(b)
            /// Cuts `b[i..<end]` and goes on after it.
            func cut(to end: Int) {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: b[copied..<i]))
                copied = end
                i = end
                head?.textStart = end
            }
            while let lt = firstIndex(of: UInt8(ascii: "<"), in: b, from: i), lt + 1 < n {
                i = lt
                let next = b[i + 1]
                if i == keptFirst {
                    let tagEnd = Self.tagEnd(b, from: i + 1)
                    let removed = removedElement(b, nameAt: i + 1)
                    i =
                        removed.flatMap { removedEnd(b, element: $0, tagStart: i, tagEnd: tagEnd, budget: &budget) }
                        ?? tagEnd
                    head?.textStart = i
                    continue
                }
                if let end = head?.read(b, at: i) {
                    cut(to: end)
                    continue
                }
                if head?.inHead == false { head = nil }  // past the head: not asked again
                if next == UInt8(ascii: "!"), i + 3 < n, b[i + 2] == UInt8(ascii: "-"), b[i + 3] == UInt8(ascii: "-") {
                    cut(to: commentEnd(b, from: i + 4))
                    continue
                }
                guard isASCIILetter(next) else {
                    // What follows `</html>` is the page's too (``htmlEndTagEnd(_:at:)``).
                    if next == UInt8(ascii: "/"), let end = htmlEndTagEnd(b, at: i) {
                        cut(to: end)
                        continue
                    }
                    i += 1
                    continue
                }
                let tagEnd = Self.tagEnd(b, from: i + 1)
                if let element = removedElement(b, nameAt: i + 1) {
                    if element == script, isJSONLD(b, tag: i..<tagEnd) || typeHoldsReference(b, i..<tagEnd) {
                        // Kept whole: its JSON strings may hold markup that is not markup. A type written
                        // with a character reference (`ld&#x2B;json`) is decoded by libxml2 only.
                        i = closeEnd(b, name: removedElements[script], from: tagEnd, nested: false)
                        head?.textStart = i
                        continue
                    }
                    if let end = removedEnd(b, element: element, tagStart: i, tagEnd: tagEnd, budget: &budget) {
                        cut(to: end)
                        continue
                    }
                    // Markup libxml2 reads to another end: left to it (the reader skips the element).
                }
                guard let skipsBlock else {
                    i = tagEnd
                    continue
                }
                let name = tagName(b, from: i + 1)
                let key = nameKey(b, name)
                let cuts: Bool
                // An element the reader walks on trial is kept when it holds much text.
                var keepingText = Int.max
                var low = false  // one of the trial's ``ProseTrial/lowBlocks``
                if landmarkKeys.contains(key) {
                    cuts = !mentions(keepingWords, b, i..<tagEnd)
                    if cuts, let trial, trial.landmarkKeys.contains(key) { keepingText = trial.textBytes }
                } else if blockKeys.contains(key) {
                    let read = attributes(b, from: name.upperBound, to: tagEnd)
                    cuts = read.map(skipsBlock) ?? false
                    if cuts, let trial, let read, trial.blocks(read) {
                        low = trial.lowBlocks(read)
                        keepingText = low ? trial.lowTextBytes : trial.textBytes
                    }
                } else {
                    cuts = false
                }
                // Inside a block kept for its text (nil: maybe), the reader walks a low block inside
                // a low block's trial as part of it, and skips any other (one trial at a time).
                let inside = cuts && keepingText != .max ? outerTrial.contains(i, b, budget: &budget) : false
                if inside != false, low, outerTrial.low {
                    // Kept whatever its text.
                } else if inside == true {
                    if let end = landmarkEnd(b, name: name, key: key, tagEnd: tagEnd, budget: &budget) {
                        cut(to: end)
                        continue
                    }
                } else {
                    if cuts,
                        let end = landmarkEnd(
                            b, name: name, key: key, tagEnd: tagEnd, keepingText: keepingText, budget: &budget)
                    {
                        cut(to: end)
                        continue
                    }
                    // Once the budget is spent, a block is no longer kept for its text: it is not cut
                    // either, and the next one's ``KeptTrial/contains(_:_:budget:)`` must not scan it.
                    if cuts, keepingText != .max, budget > 0 {
                        outerTrial.keep(name: name, key: key, tagEnd: tagEnd, low: low)
                    }
                }
                if let keepingAttributes, tagEnd - name.upperBound > 1,
                    appendWithoutOtherAttributes(
                        b, copied: copied, tagStart: i, nameEnd: name.upperBound, tagEnd: tagEnd,
                        keeping: keepingAttributes, to: &output, readWords: &readWords)
                {
                    copied = tagEnd
                }
                i = tagEnd
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: b[copied..<n]))
        }
        return (output, bytes.count - output.count)
    }

    /// The index after the removed `element` whose start tag spans
    /// `tagStart..<tagEnd`: after its end tag, or after a self-closing tag
    /// alone. Script and style hold text up to their end tag; the others
    /// (`svg`, `template`, `noscript`) hold markup that libxml2 reads as
    /// any other element's, so their extent is found as a landmark's, and
    /// nil when libxml2 might read it differently (a `<div>` left open
    /// inside keeps `</template>` from closing it), or once `budget`
    /// (``scanBudget(_:)``) is spent.
    static func removedEnd(
        _ b: UnsafeBufferPointer<UInt8>, element: Int, tagStart: Int, tagEnd: Int, budget: inout Int
    ) -> Int? {
        guard element >= svg else { return closeEnd(b, name: removedElements[element], from: tagEnd, nested: false) }
        guard budget > 0 else { return nil }
        let name = tagName(b, from: tagStart + 1)
        let key = nameKey(b, name)
        if element == svg {
            let drawing = drawingEnd(b, key: key, tagStart: tagStart, tagEnd: tagEnd)
            if let end = drawing.end { return end }
            budget -= drawing.stop - tagEnd + 1
        }
        return landmarkEnd(b, name: name, key: key, tagEnd: tagEnd, budget: &budget)
    }

    /// The end of an `<svg>` that holds only drawing elements (``drawingKeys``),
    /// found without reading each tag to its end (an icon is a hundred tags):
    /// libxml2 closes them all with the svg, and none closes anything outside
    /// it. Nil when another tag, or a `<` in a value, is inside (read as a
    /// landmark then); and where the scan stopped.
    @inline(never) static func drawingEnd(
        _ b: UnsafeBufferPointer<UInt8>, key: UInt64, tagStart: Int, tagEnd: Int
    ) -> (end: Int?, stop: Int) {
        if isSelfClosed(b, tagStart: tagStart, tagEnd: tagEnd) { return (tagEnd, tagEnd) }
        let drawingKeys = Self.drawingKeys
        let drawingBits = Self.drawingBits
        var depth = 1
        var i = tagEnd
        let n = b.count
        while let lt = firstIndex(of: UInt8(ascii: "<"), in: b, from: i), lt + 2 < n {
            let closing = b[lt + 1] == UInt8(ascii: "/")
            let start = closing ? lt + 2 : lt + 1
            guard isASCIILetter(b[start]) else {
                if lt + 3 < n, b[lt + 1] == UInt8(ascii: "!"), b[lt + 2] == UInt8(ascii: "-"),
                    b[lt + 3] == UInt8(ascii: "-")
                {
                    i = commentEnd(b, from: lt + 4)
                    continue
                }
                if b[lt + 1] == UInt8(ascii: "!") { return (nil, lt) }  // CDATA or a doctype: read as a landmark
                i = lt + 1
                continue
            }
            let inner = tagNameKey(b, from: start)
            if inner == key {
                let end = Self.tagEnd(b, from: start)
                if closing {
                    depth -= 1
                    if depth == 0 { return (end, end) }
                } else if !isSelfClosed(b, tagStart: lt, tagEnd: end) {
                    depth += 1
                }
                i = end
                continue
            }
            guard drawingBits & keyBit(inner) != 0, drawingKeys.contains(inner) else { return (nil, lt) }
            i = start
        }
        return (nil, b.count)
    }

    /// SVG's drawing elements: unknown to libxml2's HTML parser (end priority 100, no start tag closes them).
    static let drawingKeys = [
        "path", "g", "circle", "rect", "line", "polyline", "polygon", "ellipse", "defs", "use", "symbol", "clippath",
        "lineargradient", "radialgradient", "stop", "mask", "pattern", "text", "tspan", "title", "desc", "filter",
        "image", "marker", "metadata", "fegaussianblur", "feoffset", "feblend", "fecolormatrix", "feflood",
        "fecomposite", "femerge", "femergenode", "animate", "animatetransform", "textpath",
    ].map(nameKey)
    static let drawingBits = drawingKeys.reduce(UInt64(0)) { $0 | keyBit($1) }

    /// The index of the first `byte` at or after `from` (memchr: most of a page is not markup).
    @inlinable @inline(__always)
    static func firstIndex(of byte: UInt8, in b: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard from < b.count, let found = memchr(b.baseAddress! + from, Int32(byte), b.count - from) else { return nil }
        return UnsafeRawPointer(found) - UnsafeRawPointer(b.baseAddress!)
    }

    @inline(__always) static func isASCIILetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }

    @inline(__always) static func isTagNameEnd(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0C || c == 0x0D || c == UInt8(ascii: "/")
            || c == UInt8(ascii: ">")
    }

    /// The index after the `>` of the tag whose name starts at `from`,
    /// skipping quoted attribute values (a quote opens a value only after
    /// `=`): one scan for the first `>`, `"` or `'`, then memchr over each
    /// quoted value.
    @inline(__always) static func tagEnd(_ b: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        var i = from
        while true {
            guard let at = firstTagByte(b, from: i) else { return b.count }
            let c = b[at]
            if c == UInt8(ascii: ">") { return at + 1 }
            if opensValue(b, quoteAt: at, tagStart: from) {
                guard let end = firstIndex(of: c, in: b, from: at + 1) else { return b.count }
                i = end + 1
            } else {
                i = at + 1
            }
        }
    }

    /// The index of the first `>`, `"` or `'` at or after `from`, eight
    /// bytes at a time. The zero-byte test below may mark bytes after a
    /// true match, never before one, so its lowest mark is exact.
    @inlinable @inline(__always) static func firstTagByte(_ b: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func zeroBytes(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
        let n = b.count
        var i = from
        while i + 8 <= n {
            // Little-endian, so that the lowest bits are the first byte.
            let word = UInt64(littleEndian: UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: UInt64.self))
            let marks =
                zeroBytes(word ^ (ones &* 0x3E)) | zeroBytes(word ^ (ones &* 0x22)) | zeroBytes(word ^ (ones &* 0x27))
            if marks != 0 { return i + marks.trailingZeroBitCount >> 3 }
            i += 8
        }
        while i < n {
            let c = b[i]
            if c == UInt8(ascii: ">") || c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") { return i }
            i += 1
        }
        return nil
    }

    /// Whether the quote at `quoteAt` follows `=` (whitespace between allowed).
    @inline(__always) static func opensValue(_ b: UnsafeBufferPointer<UInt8>, quoteAt: Int, tagStart: Int) -> Bool {
        var k = quoteAt - 1
        while k >= tagStart, b[k] == 0x20 || b[k] == 0x09 || b[k] == 0x0A || b[k] == 0x0D { k -= 1 }
        return k >= tagStart && b[k] == UInt8(ascii: "=")
    }

    /// Which removed element the tag name at `at` is, if any.
    static func removedElement(_ b: UnsafeBufferPointer<UInt8>, nameAt at: Int) -> Int? {
        // Most tags start with none of their first letters (``removedFirstLetters``, written out: read per tag).
        let first = b[at] | 0x20
        guard first == UInt8(ascii: "s") || first == UInt8(ascii: "t") || first == UInt8(ascii: "n") else { return nil }
        outer: for (index, name) in removedElements.enumerated() {
            guard at + name.count < b.count else { continue }
            for k in 0..<name.count where b[at + k] | 0x20 != name[k] { continue outer }
            if isTagNameEnd(b[at + name.count]) { return index }
        }
        return nil
    }

    /// The start of the page's first element when it is not `<html>`, no
    /// text comes before it (comments, doctype and blanks aside) and an
    /// `<html>` or `<head>` tag follows: libxml2 opens `<html>` for that
    /// element, whatever it is, and then drops the later tag, with its
    /// attributes (`lang`), and a `<head>` after a body element. The pass
    /// keeps it: cut, the next element, or the later tag itself, would open `<html>`.
    static func firstOpeningElement(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let first = firstElement(b) else { return nil }
        var i = first + 1
        while let lt = firstIndex(of: UInt8(ascii: "<"), in: b, from: i), lt + 1 < b.count {
            let key = isASCIILetter(b[lt + 1]) ? tagNameKey(b, from: lt + 1) : 0
            if key == htmlKey || key == headKey { return first }
            i = lt + 1
        }
        return nil
    }

    /// The start of the page's first element when it is not `<html>` and no text comes before it.
    static func firstElement(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        let n = b.count
        while let lt = firstIndex(of: UInt8(ascii: "<"), in: b, from: i), lt + 1 < n {
            guard isBlank(b, i..<lt) else { return nil }
            if isASCIILetter(b[lt + 1]) { return tagNameKey(b, from: lt + 1) == htmlKey ? nil : lt }
            if lt + 3 < n, b[lt + 1] == UInt8(ascii: "!"), b[lt + 2] == UInt8(ascii: "-"),
                b[lt + 3] == UInt8(ascii: "-")
            {
                i = commentEnd(b, from: lt + 4)
            } else if b[lt + 1] == UInt8(ascii: "!") || b[lt + 1] == UInt8(ascii: "?") || b[lt + 1] == UInt8(ascii: "/")
            {
                // A doctype, a processing instruction or a stray end tag: they open nothing.
                i = (firstIndex(of: UInt8(ascii: ">"), in: b, from: lt) ?? n - 1) + 1
            } else {
                return nil  // a `<` that is text
            }
        }
        return nil
    }

    /// Whether the start tag `b[tag]` has a `type` whose value holds a `&`: a
    /// character reference this pass does not decode (`ld&#x2B;json`).
    static func typeHoldsReference(_ b: UnsafeBufferPointer<UInt8>, _ tag: Range<Int>) -> Bool {
        guard memchr(b.baseAddress! + tag.lowerBound, Int32(UInt8(ascii: "&")), tag.count) != nil else { return false }
        var type: Range<Int>?
        _ = forEachAttribute(
            b, from: tagName(b, from: tag.lowerBound + 1).upperBound, to: tag.upperBound, stopping: false
        ) {
            name, value in
            if type == nil, matches(b, name, typeName) { type = value ?? name.upperBound..<name.upperBound }
        }
        guard let type, !type.isEmpty else { return false }
        return memchr(b.baseAddress! + type.lowerBound, Int32(UInt8(ascii: "&")), type.count) != nil
    }

    static let typeName = Array("type".utf8)

    static let htmlKey = nameKey("html")

    /// Whether a `<script>` tag has a type naming JSON-LD.
    static func isJSONLD(_ b: UnsafeBufferPointer<UInt8>, tag: Range<Int>) -> Bool {
        let needle = Array("ld+json".utf8)
        guard tag.count >= needle.count else { return false }
        // Only where its `+` (compared as the others, with 0x20 set) stands: rare in a tag.
        var plus = tag.lowerBound + 2
        while let at = firstFolded(0x2B, in: b, from: plus, to: tag.upperBound - needle.count + 3) {
            let i = at - 2
            var k = 0
            while k < needle.count && b[i + k] | 0x20 == needle[k] | 0x20 { k += 1 }
            if k == needle.count { return true }
            plus = at + 1
        }
        return false
    }

    /// The first index in `from..<to` whose byte with 0x20 set is `folded`
    /// (a byte that has 0x20 set), eight bytes at a time. The zero-byte test
    /// may mark bytes after a true match, never before one, so its lowest mark is exact.
    static func firstFolded(_ folded: UInt8, in b: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int? {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let pattern = ones &* UInt64(folded)
        var i = from
        while i + 8 <= to {
            let word = UInt64(littleEndian: UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: UInt64.self))
            let x = (word | ones &* 0x20) ^ pattern
            let marks = (x &- ones) & ~x & (ones &* 0x80)
            if marks != 0 { return i + marks.trailingZeroBitCount >> 3 }
            i += 8
        }
        while i < to {
            if b[i] | 0x20 == folded { return i }
            i += 1
        }
        return nil
    }

    /// The index after the `>` of `</name` (followed by whitespace, `/` or
    /// `>`), or the end; with `nested`, inner opening tags of the same name
    /// are counted (svg in svg).
    static func closeEnd(_ b: UnsafeBufferPointer<UInt8>, name: [UInt8], from: Int, nested: Bool) -> Int {
        var depth = 1
        var i = from
        let n = b.count
        while let lt = firstIndex(of: UInt8(ascii: "<"), in: b, from: i), lt + 1 + name.count < n {
            i = lt
            let closing = b[i + 1] == UInt8(ascii: "/")
            let start = closing ? i + 2 : i + 1
            if start + name.count < n, closing || nested {
                var k = 0
                while k < name.count && b[start + k] | 0x20 == name[k] { k += 1 }
                if k == name.count, isTagNameEnd(b[start + name.count]) {
                    let end = tagEnd(b, from: start)
                    if closing {
                        depth -= 1
                        if depth == 0 { return end }
                    } else if b[end - 2] != UInt8(ascii: "/") {
                        depth += 1
                    }
                    i = end
                    continue
                }
            }
            i += 1
        }
        return n
    }

    /// Whether `b[range]` holds only spaces, tabs and line breaks (``isBlank(_:)``).
    @inline(__always) static func isBlank(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        for k in range where !isBlank(b[k]) { return false }
        return true
    }

    /// The index after a comment whose `<!--` ended just before `from`.
    static func commentEnd(_ b: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        let n = b.count
        // <!--> and <!---> are empty comments.
        if from < n, b[from] == UInt8(ascii: ">") { return from + 1 }
        if from + 1 < n, b[from] == UInt8(ascii: "-"), b[from + 1] == UInt8(ascii: ">") { return from + 2 }
        var i = from
        while let dash = firstIndex(of: UInt8(ascii: "-"), in: b, from: i), dash + 2 < n {
            i = dash
            if b[i + 1] == UInt8(ascii: "-") {
                if b[i + 2] == UInt8(ascii: ">") { return i + 3 }
                if i + 3 < n, b[i + 2] == UInt8(ascii: "!"), b[i + 3] == UInt8(ascii: ">") { return i + 4 }
            }
            i += 1
        }
        return n
    }
}

import CLibXML2  // for memchr (string.h)
import WinnowBytes

/// An optional cut of ``ParseFilter``, in the same pass: attributes no reader looks at.
/// Start tags are mostly attributes (`data-*`, `srcset`, `onclick`, `alt`:
/// about a third of what libxml2 still reads on news pages), and libxml2
/// decodes and copies each value byte by byte.
///
/// A start tag is rewritten only when it is written the plain way, so that
/// libxml2 reads the same attributes before and after: a name of letters,
/// digits and `:_.-`; attributes each after whitespace, each a name, or a
/// name, `=` and a quoted or unquoted value; then `>` or `/>`. Anything
/// else (a form feed, a stray quote or slash, an empty unquoted value) is
/// left as it is for libxml2 to recover from.
extension ParseFilter {
    /// Attribute names, matched without regard to ASCII case; of some
    /// (`class`, `id`), only the words a reader says it reads.
    public struct AttributeNames: Sendable {
        /// Lowercase names by their length.
        private let byLength: [[[UInt8]]]
        /// Names whose quoted value is a list of words, of which only those
        /// `isRead` accepts are kept (see ``appendReadWords(_:value:isRead:run:to:)``).
        private let wordLists: [[UInt8]]
        let isRead: @Sendable (Span<UInt8>) -> Bool

        public init(
            _ names: [String], wordLists: [String] = [],
            isRead: @escaping @Sendable (Span<UInt8>) -> Bool = { _ in true }
        ) {
            var byLength = [[[UInt8]]](repeating: [], count: 1 + (names.map(\.utf8.count).max() ?? 0))
            for name in names { byLength[name.utf8.count].append(Array(name.lowercased().utf8)) }
            self.byLength = byLength
            self.wordLists = wordLists.map { Array($0.lowercased().utf8) }
            self.isRead = isRead
        }

        func contains(_ b: UnsafeBufferPointer<UInt8>, _ name: Range<Int>) -> Bool {
            guard name.count < byLength.count else { return false }
            outer: for candidate in byLength[name.count] {
                for k in 0..<candidate.count where lowercased(b[name.lowerBound + k]) != candidate[k] { continue outer }
                return true
            }
            return false
        }

        /// Whether `name` is one of the names, ignoring ASCII case.
        public func contains(_ name: String) -> Bool {
            var name = name
            return name.withUTF8 { contains($0, 0..<$0.count) }
        }

        func isWordList(_ b: UnsafeBufferPointer<UInt8>, _ name: Range<Int>) -> Bool {
            outer: for candidate in wordLists where candidate.count == name.count {
                for k in 0..<candidate.count where lowercased(b[name.lowerBound + k]) != candidate[k] { continue outer }
                return true
            }
            return false
        }
    }

    /// Appends `b[copied..<tagEnd]`, the start tag (from `tagStart`, its name
    /// ending at `nameEnd`) with only the attributes `keeping` names (and of
    /// word lists, only the words it reads), to `output`; false, with nothing
    /// appended, when nothing would be dropped or the tag is not written the
    /// plain way. What is kept goes out in runs, as it is written.
    static func appendWithoutOtherAttributes(
        _ b: UnsafeBufferPointer<UInt8>, copied: Int, tagStart: Int, nameEnd: Int,
        tagEnd: Int, keeping: AttributeNames, to output: inout [UInt8], readWords: inout ReadWords
    ) -> Bool {
        // libxml2 stops names at 100 bytes, and a NUL at any point: not plain.
        guard nameEnd - tagStart <= 100, memchr(b.baseAddress! + tagStart, 0, tagEnd - tagStart) == nil else {
            return false
        }
        for k in (tagStart + 1)..<nameEnd where !isNameByte(b[k]) { return false }
        let mark = output.count
        var run = copied  // b[run...] goes out as written, up to the next cut
        var dropped = false
        func refuse() -> Bool {
            if dropped { output.removeSubrange(mark...) }
            return false
        }
        let close = tagEnd - 1  // the '>'
        var i = nameEnd
        while true {
            let spaceStart = i
            while i < close, isBlank(b[i]) { i += 1 }
            if i == close || (i + 1 == close && b[i] == UInt8(ascii: "/")) {
                // The end: `>` or `/>`, after optional whitespace.
                guard dropped else { return false }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: b[run..<tagEnd]))
                return true
            }
            guard i > spaceStart, isNameStart(b[i]) else { return refuse() }
            let nameStart = i
            while i < close, isNameByte(b[i]) { i += 1 }
            let name = nameStart..<i
            guard name.count < 100 else { return refuse() }
            var end = i  // after the attribute
            var quoted: Range<Int>?  // a quoted value, without its quotes
            var k = i
            while k < close, isBlank(b[k]) { k += 1 }
            if k < close, b[k] == UInt8(ascii: "=") {
                k += 1
                while k < close, isBlank(b[k]) { k += 1 }
                guard k < close else { return refuse() }
                let c = b[k]
                if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                    guard let quoteEnd = firstIndex(of: c, in: b, from: k + 1), quoteEnd < close else {
                        return refuse()
                    }
                    end = quoteEnd + 1
                    quoted = (k + 1)..<quoteEnd
                } else {
                    // Unquoted: up to whitespace or the `>` (a `/` belongs to the value).
                    guard c != UInt8(ascii: "/") || k + 1 != close else { return refuse() }
                    while k < close, !isBlank(b[k]), b[k] != 0x0C, b[k] != UInt8(ascii: "\""), b[k] != UInt8(ascii: "'")
                    { k += 1 }
                    guard k == close || isBlank(b[k]) else { return refuse() }
                    end = k
                }
            } else {
                // A name alone (`hidden`): whitespace, `>` or `/>` must follow.
                guard i == close || isBlank(b[i]) || (b[i] == UInt8(ascii: "/") && i + 1 == close) else {
                    return refuse()
                }
            }
            if !keeping.contains(b, name) {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: b[run..<spaceStart]))
                run = end
                dropped = true
            } else if let quoted, keeping.isWordList(b, name),
                memchr(b.baseAddress! + quoted.lowerBound, Int32(UInt8(ascii: "&")), quoted.count) == nil
            {
                // Never dropped whole, even when empty: of a repeated name, libxml2 keeps the first.
                if appendReadWords(
                    b, value: quoted, isRead: { readWords.isRead($0, keeping.isRead) }, run: &run, to: &output)
                {
                    dropped = true
                }
            }
            i = end
        }
    }

    /// When `isRead` refuses a word of `b[value]`: appends `b[run...]` up to
    /// the last word before it, then the other words it reads, a space apart,
    /// moves `run` to the closing quote, and returns true. Words end at
    /// whitespace as class words do (form feed included); a value with a
    /// character reference is not given here (it is not decoded).
    static func appendReadWords(
        _ b: UnsafeBufferPointer<UInt8>, value: Range<Int>,
        isRead: (Span<UInt8>) -> Bool, run: inout Int, to output: inout [UInt8]
    ) -> Bool {
        var refused = false
        var keptEnd = value.lowerBound  // until a word is refused: after the last word read
        var wroteWord = false
        var i = value.lowerBound
        while i < value.upperBound {
            while i < value.upperBound, isWordSpace(b[i]) { i += 1 }
            let start = i
            while i < value.upperBound, !isWordSpace(b[i]) { i += 1 }
            guard i > start else { break }
            let word = UnsafeBufferPointer(rebasing: b[start..<i])
            let read = isRead(word.span)
            if !refused {
                if read {
                    keptEnd = i
                    continue
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: b[run..<keptEnd]))
                wroteWord = keptEnd > value.lowerBound
                refused = true
            } else if read {
                if wroteWord { output.append(0x20) }
                output.append(contentsOf: word)
                wroteWord = true
            }
        }
        if refused { run = value.upperBound }
        return refused
    }

    /// What `isRead` said of the words of one pass (class words repeat across a page's tags):
    /// a table of 256 slots by the word's 64-bit hash and length, the last word of a slot kept.
    struct ReadWords {
        private var keys = [UInt64](repeating: 0, count: 256)
        private var lengths = [Int](repeating: -1, count: 256)
        private var answers = [Bool](repeating: false, count: 256)

        /// `isRead(word)`, asked once per distinct word.
        mutating func isRead(_ word: Span<UInt8>, _ isRead: (Span<UInt8>) -> Bool) -> Bool {
            var hash = FNV1a()
            for k in word.indices { hash.add(word[unchecked: k]) }
            let slot = Int(truncatingIfNeeded: (hash.value &* 0x9E37_79B9_7F4A_7C15) >> 56)
            if keys[slot] == hash.value, lengths[slot] == word.count { return answers[slot] }
            let answer = isRead(word)
            keys[slot] = hash.value
            lengths[slot] = word.count
            answers[slot] = answer
            return answer
        }
    }

    @inline(__always) static func isWordSpace(_ c: UInt8) -> Bool { isBlank(c) || c == 0x0C }

    /// libxml2's blanks (`IS_BLANK_CH`): no form feed.
    @inline(__always) static func isBlank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }

    /// What libxml2 reads as the first byte of a tag or attribute name.
    @inline(__always) static func isNameStart(_ c: UInt8) -> Bool {
        isASCIILetter(c) || c == UInt8(ascii: "_") || c == UInt8(ascii: ":") || c == UInt8(ascii: ".")
    }

    /// What libxml2 reads as part of a tag or attribute name.
    @inline(__always) static func isNameByte(_ c: UInt8) -> Bool {
        isNameStart(c) || (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: "-")
    }

    @inline(__always) static func lowercased(_ c: UInt8) -> UInt8 { c >= 0x41 && c <= 0x5A ? c | 0x20 : c }
}

import Foundation  // memchr, memcmp
import WinnowCore

/// Whitespace rules for extracted text.
enum TextNormalizer {
    static func collapse(_ text: String) -> String { Whitespace.collapse(text) }
    static func collapse(_ utf8: [UInt8]) -> String { utf8.withUnsafeBufferPointer { Whitespace.collapse(utf8: $0) } }

    /// `utf8` with ASCII letters lowercased and every other byte as it is,
    /// as one new string (a cut through a character is repaired).
    static func asciiLowercased(_ utf8: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: utf8.count) { out in
            for (k, c) in utf8.enumerated() { out[k] = c >= 0x41 && c <= 0x5A ? c | 0x20 : c }
            return utf8.count
        }
    }

    /// Keeps line breaks (for `<pre>` code) but trims trailing spaces and outer blank lines.
    static func trimLines(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var l = Substring(line)
            while let last = l.last, last == " " || last == "\t" || last == "\r" { l = l.dropLast() }
            return l
        }
        var start = 0
        var end = lines.count
        while start < end && lines[start].isEmpty { start += 1 }
        while end > start && lines[end - 1].isEmpty { end -= 1 }
        return lines[start..<end].joined(separator: "\n")
    }
}

extension Substring {
    /// Byte-wise substring search on UTF-8 (see ``Swift/String/containsBytes(_:)``).
    func containsBytes(_ needle: String) -> Bool {
        var haystack = self
        return haystack.withUTF8 { String.contains(needle, in: $0) }
    }
}

extension String {
    /// Byte-wise substring search on UTF-8 (Foundation's `contains` goes
    /// through NSString and Unicode folding: the slowest step on small pages).
    func containsBytes(_ needle: String) -> Bool {
        var haystack = self
        return haystack.withUTF8 { Self.contains(needle, in: $0) }
    }

    fileprivate static func contains(_ needle: String, in h: UnsafeBufferPointer<UInt8>) -> Bool {
        var needle = needle
        return needle.withUTF8 { n in
            guard !n.isEmpty else { return true }
            guard n.count <= h.count else { return false }
            // memchr jumps (SIMD) to each candidate first byte; memcmp checks the rest.
            let base = h.baseAddress!
            let last = h.count - n.count
            var i = 0
            while i <= last, let hit = memchr(base + i, Int32(n[0]), last - i + 1) {
                i = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                if memcmp(base + i, n.baseAddress!, n.count) == 0 { return true }
                i += 1
            }
            return false
        }
    }

    /// Whether the UTF-8 bytes hold `byte` (memchr).
    func containsByte(_ byte: UInt8) -> Bool {
        var text = self
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return false }
            return memchr(base, Int32(byte), bytes.count) != nil
        }
    }

    /// ASCII lowercase of at most the first `limit` bytes' worth of
    /// characters (other characters as they are): cheap prefix tests.
    func asciiLowercasedPrefix(_ limit: Int) -> String {
        var text = self
        return text.withUTF8 { TextNormalizer.asciiLowercased(UnsafeBufferPointer(rebasing: $0.prefix(limit))) }
    }
}

extension StringProtocol {
    /// Whether the UTF-8 bytes start with `prefix`'s: `hasPrefix` compares
    /// by Unicode canonical equivalence, many times slower, and every prefix
    /// tested here is a fixed ASCII or Hangul phrase.
    func hasBytePrefix(_ prefix: String) -> Bool {
        var prefix = prefix
        return prefix.withUTF8 { p in
            // memcmp on the bytes when they are contiguous (native strings are): starts(with:) walks indices.
            utf8.withContiguousStorageIfAvailable { s in
                s.count >= p.count && (p.isEmpty || memcmp(s.baseAddress!, p.baseAddress!, p.count) == 0)
            } ?? utf8.starts(with: p)
        }
    }

    /// The text without leading and trailing characters of `set` or
    /// whitespace (a plain loop: Foundation's trimming bridges to NSString).
    func trimmed(_ set: Set<Character> = []) -> String {
        // Most texts start and end with an ASCII letter or digit, which no trim set holds.
        if let first = utf8.first, let last = self.last?.asciiValue, Self.isASCIIAlphanumeric(first),
            Self.isASCIIAlphanumeric(last)
        {
            return String(self)
        }
        // Hashing a Character is the cost of a set lookup, even in an empty set.
        func trims(_ c: Character) -> Bool { c.isWhitespace || !set.isEmpty && set.contains(c) }
        var start = startIndex
        var end = endIndex
        while start < end, trims(self[start]) { start = index(after: start) }
        while end > start {
            let before = index(before: end)
            guard trims(self[before]) else { break }
            end = before
        }
        return String(self[start..<end])
    }

    private static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A)
    }
}

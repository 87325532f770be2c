/// Whitespace collapsing on UTF-8 bytes: the per-paragraph hot path, so it
/// avoids `Character` and Unicode property lookups (measured: those took a
/// fifth of the run time on small pages).
public enum Whitespace {
    /// Collapses runs of whitespace to one ASCII space and trims the ends.
    /// Whitespace is ASCII whitespace plus U+0085, U+00A0, U+1680, U+2000–U+200A,
    /// U+2028, U+2029, U+202F, U+205F and U+3000: Unicode's White_Space set.
    public static func collapse(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var pending = false
            var i = 0
            let n = bytes.count
            while i < n {
                let width = spaceWidth(bytes, at: i)
                if width > 0 {
                    pending = !out.isEmpty
                    i += width
                } else {
                    // Copy the run up to the next whitespace whole.
                    var end = i + 1
                    while end < n, spaceWidth(bytes, at: end) == 0 { end += 1 }
                    if pending { out.append(0x20); pending = false }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<end]))
                    i = end
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The byte length of the whitespace character at `i`, or 0.
    @inline(__always)
    public static func spaceWidth(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let c = b[i]
        if c < 0x80 { return c == 0x20 || (c >= 0x09 && c <= 0x0D) ? 1 : 0 }
        let n = b.count
        if c == 0xC2, i + 1 < n { return b[i + 1] == 0xA0 || b[i + 1] == 0x85 ? 2 : 0 }
        if c == 0xE1, i + 2 < n { return b[i + 1] == 0x9A && b[i + 2] == 0x80 ? 3 : 0 }
        if c == 0xE2, i + 2 < n {
            let c1 = b[i + 1], c2 = b[i + 2]
            if c1 == 0x80 && (c2 <= 0x8A || c2 == 0xA8 || c2 == 0xA9 || c2 == 0xAF) { return 3 }
            if c1 == 0x81 && c2 == 0x9F { return 3 }
            return 0
        }
        if c == 0xE3, i + 2 < n { return b[i + 1] == 0x80 && b[i + 2] == 0x80 ? 3 : 0 }
        return 0
    }
}

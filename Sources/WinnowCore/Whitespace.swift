/// Whitespace collapsing on UTF-8 bytes: the per-paragraph hot path, so it
/// avoids `Character` and Unicode property lookups (measured: those took a
/// fifth of the run time on small pages).
public enum Whitespace {
    /// Collapses runs of whitespace to one ASCII space and trims the ends.
    /// Whitespace is ASCII whitespace plus U+0085, U+00A0, U+1680, U+2000–U+200A,
    /// U+2028, U+2029, U+202F, U+205F and U+3000: Unicode's White_Space set.
    public static func collapse(_ text: String) -> String {
        var text = text
        let result: String? = text.withUTF8 { bytes in isCollapsed(bytes) ? nil : collapsed(bytes) }
        return result ?? text
    }

    /// ``collapse(_:)`` of UTF-8 bytes: one pass that copies what it keeps
    /// (a collapsed text comes out as it went in, and is made a string either way).
    public static func collapse(utf8 bytes: UnsafeBufferPointer<UInt8>) -> String {
        bytes.isEmpty ? "" : collapsed(bytes)
    }

    /// The collapsed text, written straight into the string's storage (never
    /// longer than the input, which is not empty here: an empty text is collapsed).
    private static func collapsed(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let mayStartSpace = Self.mayStartSpace  // read once: each static read checks its lazy initialisation
        return String(unsafeUninitializedCapacity: bytes.count) { out in
            var count = 0
            var pending = false
            var i = 0
            let n = bytes.count
            while i < n {
                let width = spaceWidth(bytes, at: i)
                if width > 0 {
                    pending = count > 0
                    i += width
                } else {
                    // Copy the run up to the next whitespace that changes whole: a single
                    // ASCII space before a byte that starts none stays as it is.
                    var end = i + 1
                    while end < n {
                        let c = bytes[end]
                        if !mayStartSpace[Int(c)] {
                            end += 1
                        } else if c == 0x20, end + 1 < n, !mayStartSpace[Int(bytes[end + 1])] {
                            end += 2
                        } else if spaceWidth(bytes, at: end) == 0 {
                            end += 1
                        } else {
                            break
                        }
                    }
                    if pending {
                        out[count] = 0x20
                        count += 1
                        pending = false
                    }
                    (out.baseAddress! + count).update(from: bytes.baseAddress! + i, count: end - i)
                    count += end - i
                    i = end
                }
            }
            return count
        }
    }

    /// Bytes that may start a whitespace character (ASCII whitespace and the lead bytes of the others).
    private static let mayStartSpace: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in [0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0xC2, 0xE1, 0xE2, 0xE3] { table[byte] = true }
        return table
    }()

    /// Whether collapsing would change nothing: no whitespace at either end,
    /// and every whitespace a single ASCII space (most link texts and meta values).
    private static func isCollapsed(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let mayStartSpace = Self.mayStartSpace
        let n = b.count
        var i = 0
        while i < n {
            guard mayStartSpace[Int(b[i])] else {
                i += 1
                continue
            }
            let width = spaceWidth(b, at: i)
            if width > 0 {
                guard b[i] == 0x20, i > 0, i + 1 < n, spaceWidth(b, at: i + 1) == 0 else { return false }
            }
            i += 1
        }
        return true
    }

    /// Whether `bytes` holds nothing but whitespace (``collapse(utf8:)`` makes it empty).
    public static func isBlank(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < bytes.count {
            let width = spaceWidth(bytes, at: i)
            if width == 0 { return false }
            i += width
        }
        return true
    }

    /// The byte length of the whitespace character at `i` of a span, or 0.
    @inline(__always)
    public static func spaceWidth(_ b: Span<UInt8>, at i: Int) -> Int {
        b.withUnsafeBufferPointer { spaceWidth($0, at: i) }
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
            let c1 = b[i + 1]
            let c2 = b[i + 2]
            if c1 == 0x80 && (c2 <= 0x8A || c2 == 0xA8 || c2 == 0xA9 || c2 == 0xAF) { return 3 }
            if c1 == 0x81 && c2 == 0x9F { return 3 }
            return 0
        }
        if c == 0xE3, i + 2 < n { return b[i + 1] == 0x80 && b[i + 2] == 0x80 ? 3 : 0 }
        return 0
    }
}

extension String {
    /// The number of Unicode scalars, counted on the UTF-8 bytes eight at a
    /// time (every byte but a continuation byte `10xxxxxx` starts a scalar);
    /// `unicodeScalars.count` walks the scalars one by one.
    public var unicodeScalarCount: Int {
        var text = self
        return text.withUTF8 { bytes in
            let raw = UnsafeRawBufferPointer(bytes)
            var continuations = 0
            var i = 0
            while i + 8 <= raw.count {
                // One count per byte lane (no popcount instruction in the baseline x86-64 the
                // compiler targets), summed every 255 words at most, before a lane could overflow.
                var lanes: UInt64 = 0
                var words = 0
                while words < 255, i + 8 <= raw.count {
                    let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    // Bit 7 set and bit 6 clear (shifted up to bit 7's place).
                    lanes &+= (w & ~(w << 1) & 0x8080_8080_8080_8080) >> 7
                    words += 1
                    i += 8
                }
                // Pairs of lanes (at most 510 each), then the four pairs by a multiply into the top 16 bits.
                let pairs = (lanes & 0x00FF_00FF_00FF_00FF) &+ ((lanes >> 8) & 0x00FF_00FF_00FF_00FF)
                continuations &+= Int(truncatingIfNeeded: (pairs &* 0x0001_0001_0001_0001) >> 48)
            }
            while i < raw.count {
                if raw[i] & 0xC0 == 0x80 { continuations += 1 }
                i += 1
            }
            return raw.count - continuations
        }
    }
}

import Foundation
import WinnowCore

/// Sets `dedup.text_hash`: a hash of the body after Unicode NFKC, case
/// folding, typographic quotes and dashes folded to ASCII (`‘’“”` → `'"`,
/// `–—` → `-`) and whitespace collapsing, so exact duplicates that differ
/// only in form (full-width digits, case, curly quotes after a theme change,
/// line breaks) share it. Shingles for near-duplicates use the same form.
public struct TextHashStage: Stage {
    public let name = "text_hash"

    public init() {}

    public static let definition = StageDefinition(
        name: "text_hash", summary: "Hash the normalized body text into dedup.text_hash (exact duplicates share it).",
        options: [], requires: ["extract"], make: { _ in TextHashStage() })

    public func process(_ page: inout Page) throws -> StageOutcome {
        guard let text = page.record.text, !text.isEmpty else { return .keep }
        var dedup = page.record.dedup ?? Record.Dedup()
        dedup.textHash = Self.hash(text)
        page.record.dedup = dedup
        return .keep
    }

    public static func normalize(_ text: String) -> String {
        String(decoding: normalizedBytes(text), as: UTF8.self)
    }

    /// NFKC + lowercase + typographic folding + whitespace collapse, in one
    /// pass over the UTF-8 bytes. Characters that NFKC leaves alone (ASCII,
    /// Latin-1 letters, basic Cyrillic, Hangul syllables, CJK ideographs) and
    /// curly quotes and dashes are folded inline; a word holding anything
    /// else goes whole through Foundation (NFKC and case mapping never reach
    /// across whitespace, so word by word gives what the whole text would).
    /// Foundation's path over a whole page took a third of the run time.
    static func normalizedBytes(_ text: String) -> [UInt8] {
        var text = text
        return text.withUTF8 { b -> [UInt8] in
            var out: [UInt8] = []
            out.reserveCapacity(b.count)
            var pendingSpace = false
            var foundationWords = false
            var wordStart = (input: 0, output: 0)
            var atWordStart = true
            var i = 0
            let n = b.count
            while i < n {
                let space = Whitespace.spaceWidth(b, at: i)
                if space > 0 {
                    pendingSpace = !out.isEmpty
                    atWordStart = true
                    i += space
                    continue
                }
                if pendingSpace {
                    out.append(0x20)
                    pendingSpace = false
                }
                if atWordStart {
                    wordStart = (i, out.count)
                    atWordStart = false
                }
                let c = b[i]
                if c < 0x80 {
                    out.append(c >= 0x41 && c <= 0x5A ? c | 0x20 : c)
                    i += 1
                    continue
                }
                // Decode one scalar; the String is valid UTF-8.
                let width = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2
                var v = UInt32(c) & (width == 2 ? 0x1F : width == 3 ? 0x0F : 0x07)
                for k in 1..<min(width, n - i) { v = v << 6 | UInt32(b[i + k] & 0x3F) }
                switch v {
                case 0xC0...0xD6, 0xD8...0xDE, 0x410...0x42F: v += 0x20
                case 0x400...0x40F: v += 0x50
                case 0xDF...0xFF, 0x430...0x45F, 0xAC00...0xD7A3, 0x4E00...0x9FFF:
                    break
                case 0x2013, 0x2014, 0x2018...0x201F:
                    // Typographic quotes and dashes: their ASCII form.
                    out.append(UInt8(typographic(Unicode.Scalar(v)!)!.value))
                    i += width
                    continue
                default:
                    // The whole word, through Foundation.
                    var wordEnd = i
                    while wordEnd < n, Whitespace.spaceWidth(b, at: wordEnd) == 0 { wordEnd += 1 }
                    out.removeSubrange(wordStart.output...)
                    out.append(
                        contentsOf: foldedByFoundation(String(decoding: b[wordStart.input..<wordEnd], as: UTF8.self))
                            .utf8)
                    foundationWords = true
                    i = wordEnd
                    continue
                }
                if v < 0x800 {
                    out.append(UInt8(0xC0 | (v >> 6)))
                    out.append(UInt8(0x80 | (v & 0x3F)))
                } else {
                    out.append(UInt8(0xE0 | (v >> 12)))
                    out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
                    out.append(UInt8(0x80 | (v & 0x3F)))
                }
                i += width
            }
            // NFKC may map a character to spaces (U+00A8 → space + diaeresis): collapse again.
            return foundationWords ? Array(Whitespace.collapse(String(decoding: out, as: UTF8.self)).utf8) : out
        }
    }

    /// NFKC, lowercase and typographic folding by Foundation and the standard library.
    static func foldedByFoundation(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.precomposedStringWithCompatibilityMapping.lowercased().unicodeScalars.map { typographic($0) ?? $0 }
            ))
    }

    /// The ASCII form of a typographic quote or dash, else nil.
    static func typographic(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar.value {
        case 0x2018, 0x2019, 0x201A, 0x201B: return "'"
        case 0x201C, 0x201D, 0x201E, 0x201F: return "\""
        case 0x2013, 0x2014: return "-"
        default: return nil
        }
    }

    public static func hash(_ text: String) -> String {
        let normalized = normalizedBytes(text)
        return StableHash.hex(StableHash.hash64(normalized))
            + StableHash.hex(StableHash.hash64(normalized, seed: 0x5bd1_e995))
    }
}

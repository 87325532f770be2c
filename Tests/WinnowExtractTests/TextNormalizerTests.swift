import Testing
import WinnowCore

@testable import WinnowExtract

@Suite("TextNormalizer")
struct TextNormalizerTests {
    @Test func collapseJoinsWhitespaceRunsAndTrims() {
        #expect(TextNormalizer.collapse("  a \u{00A0}\n b\t") == "a b")
        #expect(TextNormalizer.collapse("\u{2003}x\u{3000}\u{3000}y ") == "x y")
        #expect(TextNormalizer.collapse("no-change") == "no-change")
    }

    @Test func collapseOfWhitespaceOnlyIsEmpty() {
        #expect(TextNormalizer.collapse("") == "")
        #expect(TextNormalizer.collapse(" \n\t\u{00A0} ") == "")
    }

    /// Blank, by bytes, exactly when collapsing leaves nothing.
    @Test func blankBytesAreThoseThatCollapseToNothing() {
        for text in [
            "", " ", "\t\n\r", "\u{A0}\u{3000}\u{2003}", " \u{85}", "a", " a ", "\u{A0}x", "\u{200B}", "\u{2060}", "é",
        ] {
            let blank = Array(text.utf8).withUnsafeBufferPointer(Whitespace.isBlank(utf8:))
            #expect(blank == TextNormalizer.collapse(text).isEmpty, "\(text.unicodeScalars.map { $0.value })")
        }
    }

    @Test func trimLinesKeepsInnerLineBreaksAndIndentation() {
        #expect(TextNormalizer.trimLines("\n\n  code  \n\tmore\t \n\n") == "  code\n\tmore")
        #expect(TextNormalizer.trimLines("a\n\n\nb") == "a\n\n\nb")
        #expect(TextNormalizer.trimLines("\n \n") == "")
    }

    @Test func collapseSeesWhitespaceThatLooksCollapsedByItsFirstByte() {
        // Single spaces between words: unchanged. Any other whitespace, even one, is rewritten.
        #expect(TextNormalizer.collapse("a b c") == "a b c")
        #expect(TextNormalizer.collapse("a\u{00A0}b") == "a b")
        #expect(TextNormalizer.collapse("a\u{2009}b\u{202F}c") == "a b c")
        #expect(TextNormalizer.collapse("a  b") == "a b")
        #expect(TextNormalizer.collapse("a\nb") == "a b")
        // Lead bytes of whitespace characters that are not whitespace (é is C3, ‘ is E2 80 98).
        #expect(
            TextNormalizer.collapse("caf\u{00E9} \u{2018}q\u{2019} \u{00A9}")
                == "caf\u{00E9} \u{2018}q\u{2019} \u{00A9}")
    }

    @Test func scalarCountMatchesTheStandardLibrary() {
        for text in [
            "", "a", "plain ASCII words of some length", "평양 시장 가격", "e\u{0301}",
            "🇰🇷 flags 👍🏽 and 𝔘",
            String(repeating: "ab한", count: 37),
            // Past 255 words of eight bytes, where the lanes are summed.
            String(repeating: "ab한🇰🇷 é", count: 700), String(repeating: "x", count: 2_041),
        ] {
            #expect(text.unicodeScalarCount == text.unicodeScalars.count, "\(text)")
        }
    }

    @Test func byteSearchAndPrefixes() {
        #expect("무단 전재 및 재배포 금지".containsBytes("재배포"))
        #expect("aaab".containsBytes("aab"))
        #expect(!"aaab".containsBytes("abb"))
        #expect("x".containsBytes(""))
        #expect(!"ab".containsBytes("abc"))
        #expect("copyright 2024".hasBytePrefix("copyright"))
        #expect(!"copy".hasBytePrefix("copyright"))
        #expect("© copyright".dropFirst(2).hasBytePrefix("copyright"))
        #expect(!"© copyright".dropFirst(2).hasBytePrefix("copyrighted"))
        #expect("anything".hasBytePrefix(""))
        #expect("무단 전재".hasBytePrefix("무단"))
    }

    /// Bytes that are not UTF-8 are repaired as `String(decoding:as:)` repairs them.
    @Test func collapseOfInvalidBytesRepairsThem() {
        for bytes: [UInt8] in [
            [0x61, 0xFF, 0x62], [0xC3], [0x61, 0x20, 0xED, 0xA0, 0x80], [0xF0, 0x9F, 0x98], [0x80, 0x20, 0x61],
        ] {
            #expect(TextNormalizer.collapse(bytes) == String(decoding: bytes, as: UTF8.self), "\(bytes)")
        }
    }

    /// The byte path (one pass that copies runs) against Unicode's White_Space set read scalar by scalar.
    @Test func collapseOfBytesMatchesAScalarByScalarReading() {
        let whiteSpace = Set<UInt32>([
            0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000,
        ]).union(0x2000...0x200A)
        func reference(_ text: String) -> String {
            var words: [String] = []
            var word = ""
            for scalar in text.unicodeScalars {
                if whiteSpace.contains(scalar.value) {
                    if !word.isEmpty { words.append(word) }
                    word = ""
                } else {
                    word.unicodeScalars.append(scalar)
                }
            }
            if !word.isEmpty { words.append(word) }
            return words.joined(separator: " ")
        }
        let pieces = [
            "a", "bc", " ", " ", "  ", "\n", "\t", "\u{0B}", "\u{A0}", "\u{85}", "\u{2009}", "\u{3000}", "é", "한",
            "\u{00A9}", "\u{2018}", "\u{1680}", "\u{E2}",
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in
                pieces.randomElement(using: &generator)!
            }.joined()
            #expect(TextNormalizer.collapse(Array(text.utf8)) == reference(text), "\(Array(text.unicodeScalars))")
            #expect(TextNormalizer.collapse(text) == reference(text), "\(Array(text.unicodeScalars))")
        }
    }
}

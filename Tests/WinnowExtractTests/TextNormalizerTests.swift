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
    }
}

import Testing
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

    @Test func trimLinesKeepsInnerLineBreaksAndIndentation() {
        #expect(TextNormalizer.trimLines("\n\n  code  \n\tmore\t \n\n") == "  code\n\tmore")
        #expect(TextNormalizer.trimLines("a\n\n\nb") == "a\n\n\nb")
        #expect(TextNormalizer.trimLines("\n \n") == "")
    }
}

import Testing
import WinnowCore

@testable import WinnowDedup

@Suite("TextHashStage")
struct TextHashStageTests {
    private func makePage(text: String?) -> Page {
        var page = Page(
            input: InputRef(key: "a.html", kind: .file, location: "/a.html"),
            content: InputContent(bytes: [], format: .html))
        page.record.text = text
        return page
    }

    @Test func normalizeAppliesNFKC() {
        #expect(TextHashStage.normalize("ＡＢＣ１") == "abc1")
        #expect(TextHashStage.normalize("ﬁle ①") == "file 1")
    }

    @Test func normalizeFoldsCase() {
        #expect(TextHashStage.normalize("Hello WORLD") == "hello world")
        #expect(TextHashStage.normalize("ÉCOLE Ünter") == "école ünter")
    }

    @Test func normalizeCollapsesWhitespace() {
        #expect(TextHashStage.normalize("  a \n\n b\t\tc\u{00A0}d\u{3000}e  ") == "a b c d e")
        #expect(TextHashStage.normalize(" \n ") == "")
    }

    @Test func hashIsThirtyTwoHexDigitsOfTheNormalizedText() {
        // Computed independently: FNV-1a 64 + SplitMix64 of "hello world", unseeded then seeded 0x5bd1e995.
        #expect(TextHashStage.hash("Hello   World") == "05cb585112be1151b767a7a8d125fe99")
    }

    @Test func textsDifferingOnlyInCaseWhitespaceOrWidthHashAlike() {
        let base = TextHashStage.hash("North Korea raises rice prices.\n\nTraders say 2 markets closed.")
        #expect(TextHashStage.hash("north korea raises RICE prices. Traders say 2 markets closed.") == base)
        #expect(TextHashStage.hash("  North  Korea raises rice prices.\nTraders say ２ markets closed.  ") == base)
    }

    /// A theme change that turns straight quotes curly must not make a new text.
    @Test func typographicQuotesAndDashesFoldToASCII() {
        #expect(TextHashStage.normalize("“Rice,” she said — it’s dear") == "\"rice,\" she said - it's dear")
        let curly = "“Rice,” she said – it’s dear"
        #expect(TextHashStage.hash("\"Rice,\" she said - it's dear") == TextHashStage.hash(curly))
        // The same on the slow path (the ligature ﬁ needs NFKC).
        #expect(TextHashStage.normalize("“ﬁne” — ok") == "\"fine\" - ok")
    }

    @Test func differentWordsHashDifferently() {
        #expect(TextHashStage.hash("rice prices rose") != TextHashStage.hash("rice prices fell"))
        #expect(TextHashStage.hash("ab c") != TextHashStage.hash("a bc"))
    }

    @Test func processSetsTheTextHash() throws {
        var page = makePage(text: "Hello\n\nWorld")
        let outcome = try TextHashStage().process(&page)
        #expect(outcome == .keep)
        #expect(page.record.dedup?.textHash == "05cb585112be1151b767a7a8d125fe99")
        #expect(page.record.dedup?.cluster == nil)
    }

    @Test func processKeepsOtherDedupFields() throws {
        var page = makePage(text: "Hello World")
        page.record.dedup = Record.Dedup(cluster: "c1", duplicateOf: "d1")
        let outcome = try TextHashStage().process(&page)
        #expect(outcome == .keep)
        #expect(
            page.record.dedup
                == Record.Dedup(textHash: TextHashStage.hash("Hello World"), cluster: "c1", duplicateOf: "d1"))
    }

    @Test func recordWithoutTextIsLeftAlone() throws {
        for text in [nil, ""] as [String?] {
            var page = makePage(text: text)
            let outcome = try TextHashStage().process(&page)
            #expect(outcome == .keep)
            #expect(page.record.dedup == nil)
        }
    }

    @Test func definitionHasNoOptionsAndBuildsTheStage() throws {
        #expect(TextHashStage.definition.name == "text_hash")
        #expect(TextHashStage.definition.options.isEmpty)
        let stage = try TextHashStage.definition.make(StageOptions())
        #expect(stage.name == "text_hash")
        #expect(stage is TextHashStage)
    }

    /// The byte-level fold gives what Foundation gives for the whole text
    /// (NFKC, lowercase, typographic folding, then whitespace collapse),
    /// also when only some words need Foundation.
    @Test(arguments: [
        "Plain ASCII, nothing else.",
        "日本語のテキスト と English mixed",
        "ΟΔΟΣ ΣΟΦΙΑΣ. Λόγος",
        "Cafe\u{0301} e\u{0301}cole — “quoted” ‘single’",
        "ﬁle ① ＡＢＣ１ x\u{00A8}y ㎏",
        "emoji 👍🏽 and 🇰🇷 flags, Ǆemal İstanbul ß",
        "평양 市場 價格 Rice price Ünter ÉCOLE",
        "  lead\u{00A0}and\u{3000}trail  ",
        "",
    ])
    func foldMatchesFoundationOnTheWholeText(_ text: String) {
        let whole = Whitespace.collapse(TextHashStage.foldedByFoundation(text))
        #expect(TextHashStage.normalize(text) == whole)
    }
}

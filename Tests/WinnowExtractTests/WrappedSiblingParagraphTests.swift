import Testing
import WinnowCore

@testable import WinnowExtract

@Suite("WrappedSiblingParagraph")
struct WrappedSiblingParagraphTests {
    /// 300 characters with nine commas: the scored block, well over the sibling floor.
    static let first =
        "The storm reached the coast at noon, and by evening the harbour, the promenade, the old market, the "
        + "station, the school, the two bridges, the town hall and the lower streets were under water, while the "
        + "fire brigade, helped by volunteers from the villages inland, moved families to the sports hall uphill."
    /// 100 characters, no commas: too few points to be a sibling block of its own.
    static let second =
        "The mayor asked residents to stay away from the river until the water has gone down again next week."

    /// An article its CMS split in two wrappers of the same kind, the
    /// second holding one short paragraph: both parts are the article.
    @Test func theSecondPartOfAnArticleSplitInTwoWrappersIsKept() throws {
        let record = try extract(
            """
            <html><body><div class="article"><div class="block">\(Self.first)</div>\
            <div class="block">\(Self.second)</div></div>\
            <div class="more"><a href="/a">Other news one</a> <a href="/b">Other news two</a></div></body></html>
            """)
        #expect(record.paragraphs.map(\.text) == [Self.first, Self.second])
    }

    /// A wrapper holding two paragraphs after the block (a box of its own) is not a paragraph of the article.
    @Test func aWrapperWithTwoParagraphsIsNotOne() throws {
        let record = try extract(
            """
            <html><body><div class="article"><div class="block">\(Self.first)</div>\
            <div class="box"><p>\(Self.second)</p><p>\(Self.second) Again.</p></div></div></body></html>
            """)
        #expect(record.paragraphs.map(\.text) == [Self.first])
    }

    /// A lone paragraph in a wrapper after an article of several paragraphs is more often an "About us" box.
    @Test func aLoneParagraphAfterAnArticleOfSeveralParagraphsIsNotOne() throws {
        let record = try extract(
            """
            <html><body><div class="article"><div class="block"><p>\(Self.first)</p><p>\(Self.first) Twice.</p>\
            </div><div class="about"><p>\(Self.second)</p></div></div></body></html>
            """)
        #expect(record.paragraphs.map(\.text) == [Self.first, Self.first + " Twice."])
    }

    @Test func marksTheSoleParagraphOfEachSiblingWrapper() {
        // Element 1 is the parent; 2 and 3 hold one paragraph each, 4 two; 6 one and a wrapper (7) deeper.
        let long = String(repeating: "a", count: 100)
        let paragraphs: [(text: String, ancestors: [Int])] = [
            (long, [0, 1, 2]), (long, [0, 1, 3]), (long, [0, 1, 4]), (long, [0, 1, 4]), (long, [0, 1, 6]),
            (long, [0, 1, 6, 7]),
        ]
        #expect(WrappedSiblingParagraph.marks(paragraphs, parent: 1) == [true, true, false, false, false, false])
        let lengths = [100, 100, 100, 100, 100, 100]
        let sole = WrappedSiblingParagraph.marks(paragraphs, parent: 1)
        let inBlock = [true, false, false, false, false, false]
        #expect(WrappedSiblingParagraph.continues(1, paragraphs, lengths: lengths, sole: sole, inBlock: inBlock))
        #expect(
            !WrappedSiblingParagraph.continues(
                1, paragraphs, lengths: [100, 79] + lengths, sole: sole,
                inBlock: inBlock))
        #expect(!WrappedSiblingParagraph.continues(2, paragraphs, lengths: lengths, sole: sole, inBlock: inBlock))
    }
}

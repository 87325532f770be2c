import Testing
import WinnowCore

@testable import WinnowExtract

@Suite("RepeatedText")
struct RepeatedTextTests {
    static let sentences = [
        "The harbour authority opened the new ferry terminal on Monday, two years later than first planned.",
        "Passengers can now board from a covered hall, and the crossing to the island takes forty minutes.",
        "The old pier, built in 1910, will be closed for repairs and reopened as a walkway next summer.",
        "Local shops expect more visitors, although parking near the terminal remains a concern for residents.",
    ]

    /// Distinct sentences, `count` of them, about 90 bytes each.
    static func article(_ count: Int) -> [String] {
        (0..<count).map {
            "Paragraph \($0) of the report describes step \($0 * 7 % 13) of the harbour works in detail."
        }
    }

    /// An article block served twice (a second layout for small screens) keeps its text once.
    @Test func aBlockServedTwiceIsKeptOnce() throws {
        let s = Self.sentences
        let block = s.map { "<p>\($0)</p>" }.joined()
        let record = try extract(
            """
            <html><body><article><div class="layout-wide">\(block)</div>\
            <div class="layout-narrow">\(block)</div></article></body></html>
            """)
        #expect(record.paragraphs.map(\.text) == s)
    }

    /// A line a structured article repeats between other lines (a meal
    /// plan's portion line, a product card's spec) is content: it stays each time.
    @Test func aLineRepeatedBetweenOtherLinesStays() throws {
        let portion = "Portion: one cup of vegetables, one palm of protein, one teaspoon of oil."
        let record = try extract(
            """
            <html><body><article><h2>Monday</h2><p>Breakfast: oats with berries and a spoon of yoghurt, \
            eaten before the walk.</p><p>\(portion)</p><h2>Tuesday</h2><p>Breakfast: two eggs on toast with \
            spinach and tomatoes, and a glass of water.</p><p>\(portion)</p><h2>Wednesday</h2><p>Breakfast: \
            a smoothie of banana, oats and milk, blended the night before.</p><p>\(portion)</p></article></body></html>
            """)
        #expect(record.paragraphs.filter { $0.text == portion }.count == 3)
    }

    /// A hidden copy of the article run into one block (a paywall block
    /// whose paragraph breaks are lost) after the visible article is dropped.
    @Test func aHiddenCopyOfTheArticleInOneBlockIsDropped() throws {
        let visible = Self.article(30)
        let copy = visible.dropFirst(2).joined(separator: " ")
        #expect(copy.utf8.count >= RepeatedText.shortestCopy)
        let record = try extract(
            """
            <html><body><article>\(visible.map { "<p>\($0)</p>" }.joined())\
            <div class="paywall" style="display:none"><p>\(copy)</p></div></article></body></html>
            """)
        #expect(record.paragraphs.map(\.text) == visible)
    }

    @Test func runsOfThreeRepeatsInTheSameOrderAreDropped() {
        let s = Self.sentences
        func kept(_ texts: [String], kinds: [Record.Paragraph.Kind]? = nil) -> [Int] {
            let paragraphs = texts.enumerated().map { Record.Paragraph(text: $1, kind: kinds?[$0] ?? .paragraph) }
            return RepeatedText.kept(paragraphs, lengths: texts.map(\.unicodeScalarCount))
        }
        // Three in a row, in the original order: a copy.
        #expect(kept([s[0], s[1], s[2], s[3], s[0], s[1], s[2]]) == [0, 1, 2, 3])
        // Two in a row: kept (a pair of lines a template repeats).
        #expect(kept([s[0], s[1], s[2], s[0], s[1]]) == [0, 1, 2, 3, 4])
        // Three repeats out of order: kept.
        #expect(kept([s[0], s[1], s[2], s[2], s[0], s[1]]) == [0, 1, 2, 3, 4, 5])
        // Short lines never count.
        #expect(kept(["Photo", "Share", "Print", "Photo", "Share", "Print"]) == [0, 1, 2, 3, 4, 5])
        // A command a tutorial shows again is content.
        let code = [Record.Paragraph.Kind](repeating: .code, count: 6)
        #expect(kept([s[0], s[1], s[2], s[0], s[1], s[2]], kinds: code) == [0, 1, 2, 3, 4, 5])
    }

    @Test func aLongParagraphIsACopyWhenNearlyAllItsWordRunsCameBefore() {
        let text = Self.article(30)
        let joined = text.joined(separator: " ")
        #expect(RepeatedText.isCopy(joined, of: text))
        // Half of it new: not a copy.
        let half =
            text.prefix(15).joined(separator: " ") + " "
            + Self.article(15).map { $0.replacingOccurrences(of: "harbour", with: "railway station") }
            .joined(separator: " ")
        #expect(!RepeatedText.isCopy(half, of: text))
        #expect(!RepeatedText.isCopy(joined, of: [String]()))
    }
}

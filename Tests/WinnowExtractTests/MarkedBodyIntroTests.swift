import Testing
import WinnowCore

@testable import WinnowExtract

@Suite("MarkedBodyIntro")
struct MarkedBodyIntroTests {
    /// Three paragraphs of 300 characters with nine commas each: the marked body.
    static let body = (1...3).map { n in
        "The storm reached the coast at noon, and by evening the harbour, the promenade, the old market, the "
            + "station, the school, the two bridges, the town hall and the lower streets were under water, while the "
            + "fire brigade, helped by volunteers from the villages inland, moved families to the sports hall \(n)."
    }
    static let intro = [
        "Floods are part of life on this coast.",
        "We followed the storm from the first warning to the last pump, over three long days.",
    ]
    static let bodyHTML = "<div class=\"articletext\">\(body.map { "<p>\($0)</p>" }.joined())</div>"
    static let introHTML = "<div class=\"articletext\">\(intro.map { "<p>\($0)</p>" }.joined())</div>"

    /// A summary above the article, marked with the same body class: the article's intro, short lines too.
    @Test func anIntroMarkedAsBodyBeforeTheBodyIsKept() throws {
        let record = try extract(
            """
            <html><body><div class="page"><div class="summary">\(Self.introHTML)</div>\
            <div class="review">\(Self.bodyHTML)</div></div></body></html>
            """)
        #expect(record.paragraphs.map(\.text) == Self.intro + Self.body)
    }

    /// A marked element further away than the body's container (a teaser in another column) is no intro.
    @Test func aMarkedElementOutsideTheBodysContainerIsNot() throws {
        let record = try extract(
            """
            <html><body><div class="side"><div class="box"><div class="teaser">\(Self.introHTML)</div></div></div>\
            <div class="page"><div class="main"><div class="review">\(Self.bodyHTML)</div></div></div></body></html>
            """)
        #expect(record.paragraphs.map(\.text) == Self.body)
    }

    @Test func onlyParagraphsInsideAnotherMarkBeforeTheBody() {
        // 0 ─ 1 ─┬─ 2 ─ 3 (not marked)
        //        ├─ 4 (marked: the intro)
        //        └─ 5 (the marked body)
        let parentOf = [-1, 0, 1, 2, 1, 1]
        let paragraphs: [(text: String, ancestors: [Int])] = [
            ("a", [0, 1]), ("b", [0, 1, 4]), ("c", [0, 1, 5]), ("d", [0, 1, 2, 3]),
        ]
        #expect(
            MarkedBodyIntro.paragraphs(before: 2, body: 5, hints: [4, 5], paragraphs, parentOf: parentOf) == [1])
        #expect(MarkedBodyIntro.paragraphs(before: 2, body: 5, hints: [5], paragraphs, parentOf: parentOf).isEmpty)
    }
}

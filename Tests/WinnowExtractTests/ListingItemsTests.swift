import Testing
import WinnowCore

@testable import WinnowExtract

@Suite("ListingItems")
struct ListingItemsTests {
    static let titles = [
        "Researchers map the oldest known river delta on Mars",
        "A small team rewrote their build system in a weekend",
        "Why the city bus network was redrawn from scratch",
        "The quiet return of the paper notebook among engineers",
        "How one library keeps its rare maps safe from damp",
        "Notes on running a public kitchen for a whole winter",
    ]

    /// A board of links: a table whose rows each hold a rank, a title that
    /// links to the story and its site, and a second row of metadata (links to
    /// the poster, the comments) — every line mostly links.
    static func boardPage() -> String {
        let rows = titles.enumerated().map { index, title in
            """
            <tr class="row"><td class="rank">\(index + 1).</td><td class="title">\
            <a href="https://story\(index).example/post">\(title)</a> \
            (<a href="/from?site=\(index)">site\(index).example</a>)\
            </td></tr><tr><td></td><td class="meta">\(index + 3) points by <a href="/user?id=u\(index)">u\(index)</a> \
            <a href="/item?id=\(index)">\(index + 1) hours ago</a> | <a href="/item?id=\(index)">discuss</a></td></tr>
            """
        }
        return """
            <html><head><title>New links</title></head><body>
            <table class="links"><tbody>\(rows.joined())</tbody></table>
            <p><a href="/more">More</a></p></body></html>
            """
    }

    /// The titles of a table of rows that link are the listing's content, in page order, each once.
    @Test func aTableOfRowsWhoseTitlesLinkIsTheListing() throws {
        let record = try extract(Self.boardPage())
        #expect(record.pageType != nil && record.pageType != PageType.article)
        let texts = record.paragraphs.map(\.text)
        let found = Self.titles.map { title in texts.firstIndex { $0.hasPrefix(title) } }
        #expect(found.allSatisfy { $0 != nil })
        #expect(found.compactMap { $0 } == found.compactMap { $0 }.sorted())
        #expect(texts.filter { $0.hasPrefix(Self.titles[0]) }.count == 1)
        #expect(texts.contains { $0.hasPrefix("1.") })
    }

    /// An article's list of related headlines stays out of its body.
    @Test func anArticlesListOfHeadlinesStaysOut() throws {
        let prose = (1...4).map {
            "Paragraph \($0) of the report: the council met on Tuesday and agreed, after a long debate about the "
                + "costs, that the harbour wall would be repaired before the winter storms arrive this year."
        }
        let related = Self.titles.map { #"<li><a href="/news/\#($0.count)">\#($0)</a></li>"# }.joined()
        let html = """
            <html><head><meta property="og:type" content="article">
            <meta property="article:published_time" content="2024-03-01T10:00:00Z"></head><body>
            <article><h1>Harbour wall to be repaired before winter</h1>
            \(prose.map { "<p>\($0)</p>" }.joined())</article>
            <div class="more"><ul>\(related)</ul></div></body></html>
            """
        let record = try extract(html)
        #expect(record.pageType == PageType.article)
        #expect(record.paragraphs.map(\.text) == prose)
    }

    /// A title is long, has a few words and one or two links; a menu entry or a menu run into one line is none.
    @Test func aTitleLineIsLongWithFewLinks() {
        #expect(ListingItems.isTitle("Researchers map the oldest known river delta on Mars", shortLinks: 1))
        #expect(ListingItems.isTitle("Researchers map the oldest known river delta (mars.example)", shortLinks: 2))
        #expect(!ListingItems.isTitle("Residential Movers Local Movers Long Distance Movers", shortLinks: 3))
        #expect(!ListingItems.isTitle("About us", shortLinks: 1))
        #expect(!ListingItems.isTitle("Shop all chairs", shortLinks: 1))
        // Written without spaces: a word per two characters, as a title's words are counted.
        #expect(ListingItems.isTitle("港の防波堤、冬の嵐の前に補修へ", shortLinks: 1))
        #expect(!ListingItems.isTitle("新着情報一覧", shortLinks: 1))
        #expect(ListingItems.isTitle("  Researchers   map the\n oldest delta  ", shortLinks: 1))
        // No-break spaces separate words as spaces do.
        #expect(ListingItems.isTitle("Powerful\u{A0}alone. Superpowered\u{A0}together.", shortLinks: 1))
    }

    /// Paragraphs and titles as the walk would give them: element ids, the
    /// body the block choice kept, and the titles the walk set aside.
    struct Walk {
        var paragraphs: [Record.Paragraph] = []
        var ancestors: [[Int]] = []
        var lines: [ListingItems.Line] = []

        mutating func paragraph(_ text: String, in ancestors: [Int]) {
            paragraphs.append(Record.Paragraph(text: text, kind: .paragraph))
            self.ancestors.append(ancestors)
        }

        mutating func title(_ text: String, in ancestors: [Int]) {
            lines.append(
                ListingItems.Line(
                    position: paragraphs.count, paragraph: Record.Paragraph(text: text, kind: .paragraph),
                    ancestors: ancestors))
        }

        func body(_ body: [Int]) -> [String]? {
            ListingItems.body(
                paragraphs: paragraphs, ancestors: ancestors, kept: paragraphs.map { _ in true }, body: body,
                lines: lines
            )?.map(\.text)
        }
    }

    static let prose =
        "A landing page's introduction, long enough to be prose: it tells the reader what the shop sells, how "
        + "the goods are made, where they come from, and why the prices are what they are this season, "
        + "with a word on delivery."

    /// Cards in a grid (element 10, each card 11, 12, ...) after an introduction (element 5).
    static func grid(titles: [String], intro: [String]) -> Walk {
        var walk = Walk()
        for text in intro { walk.paragraph(text, in: [0, 1, 5]) }
        for (index, title) in titles.enumerated() {
            walk.title(title, in: [0, 1, 10, 11 + index * 3])
            walk.paragraph("Item \(index)", in: [0, 1, 10, 11 + index * 3, 12 + index * 3])
        }
        return walk
    }

    static let introduction = "Our spring collection, made by hand in small batches."

    /// A grid of cards after the page's short introduction joins it: the titles and the cards' lines, in page order.
    @Test func cardsAfterAnIntroductionJoinIt() {
        let walk = Self.grid(titles: Array(Self.titles.prefix(3)), intro: [Self.introduction])
        #expect(
            walk.body([0]) == [
                Self.introduction, Self.titles[0], "Item 0", Self.titles[1], "Item 1", Self.titles[2], "Item 2",
            ])
    }

    /// Fewer than three cards are no list.
    @Test func twoCardsAreNoList() {
        #expect(Self.grid(titles: Array(Self.titles.prefix(2)), intro: [Self.introduction]).body([0]) == nil)
    }

    /// A landing page whose text is over four times the titles' keeps its block as it is, wherever the cards stand.
    @Test func titlesShortAgainstTheBlockLeaveIt() {
        var walk = Walk()
        for index in 0..<6 { walk.paragraph("\(Self.introduction) Part \(index).", in: [0, 1, 5]) }
        for (index, title) in Self.titles.prefix(3).enumerated() { walk.title(title, in: [0, 1, 5, 11 + index]) }
        for index in 0..<6 { walk.paragraph("\(Self.introduction) Part \(index + 6).", in: [0, 1, 5]) }
        #expect(walk.body(Array(0..<12)) == nil)
        #expect(walk.body(Array(0..<3)) != nil)
    }

    /// A list that starts after a body of prose, outside it, is a column of headlines beside an article.
    @Test func aListAfterAProseBodyIsASidebar() {
        var walk = Walk()
        walk.paragraph(Self.prose, in: [0, 1, 5])
        for (index, title) in Self.titles.prefix(4).enumerated() { walk.title(title, in: [0, 1, 10, 11 + index]) }
        #expect(walk.body([0]) == nil)
    }

    /// The list is the element whose children hold the most titles, not an ancestor holding them in one child.
    @Test func theListIsTheElementWithTheMostTitledChildren() {
        let chains = (0..<4).map { [0, 1, 2, 10 + $0, 20 + $0] }
        #expect(ListingItems.list(of: chains) == 2)
        #expect(ListingItems.list(of: Array(chains.prefix(2))) == nil)
    }
}

import Testing
import WinnowCore

@testable import WinnowExtract

@Suite("ProseInChrome")
struct ProseInChromeTests {
    static let prose = [
        "Budgeting starts with knowing where the money goes: write down every expense for a month, then sort them.",
        "Saving comes next, and the habit matters more than the amount: a small transfer on payday adds up over years.",
        "Investing early lets compound growth do the work; a broad index fund keeps the costs and the risks low.",
        "Debt with a high interest rate is paid off first, since no investment reliably earns more than it costs.",
        "Insurance protects what has been built, and an emergency fund of three months keeps a setback from growing.",
    ]

    /// Ten paragraphs, over ``ProseInChrome/articleBytes`` together.
    static let article = prose + prose.map { "Once more: " + $0 }

    /// A paragraph of prose outside the article (so that no fallback walk is tried), after it: a long
    /// paragraph just before the block would be taken for the article's lead (`MainContent.lead`).
    static let outside =
        "A line after the article: this site has written about money for twenty years, and its editors answer "
        + "questions from readers every week in a column of their own, sent out by mail on Fridays as well, "
        + "and read by more than a million people."

    static func page(_ article: String) -> String {
        """
        <html><body><nav><a href="/">Home</a></nav>
        \(article)<div class="about"><p>\(outside)</p></div>
        <footer><p>Copyright notice of the site, all rights reserved.</p></footer></body></html>
        """
    }

    /// A `<header>` holding the article's paragraphs is the article, with and without the pre-parse filter.
    @Test func aHeaderHoldingMostOfThePagesProseIsTheArticle() throws {
        let html = Self.page(
            #"<main><header class="rich-text">"# + Self.article.map { "<p>\($0)</p>" }.joined() + "</header></main>")
        for filter in [true, false] {
            let record = try extract(html, stages: ExtractionStages(preParseFilter: filter))
            #expect(record.paragraphs.map(\.text) == Self.article)
        }
    }

    /// A block whose class words read as chrome (`elementor-widget-wrap`)
    /// that holds most of the prose, split in sections beside each other, is the article.
    @Test func chromeClassedSectionsHoldingMostOfTheProseAreTheArticle() throws {
        let first = Self.article.map { "<p>\($0)</p>" }.joined()
        let second = Self.article.map { "<p>Part two. \($0)</p>" }.joined()
        let html = Self.page(
            """
            <div class="layout"><div class="elementor-widget-wrap">\(first)</div>\
            <div class="elementor-widget-wrap">\(second)</div></div>
            """)
        for filter in [true, false] {
            let record = try extract(html, stages: ExtractionStages(preParseFilter: filter))
            #expect(record.paragraphs.map(\.text) == Self.article + Self.article.map { "Part two. " + $0 })
            #expect(!(record.text ?? "").contains("twenty years"))
        }
    }

    /// A page builder's components (`…-widget` class words) inside the
    /// article: a grid of cells and a card hold its prose, kept even when
    /// little; a like box and a subscription box (no prose) stay out.
    @Test func componentsHoldingProseInsideTheArticleAreKept() throws {
        let cells = Self.prose[2...3].map { #"<div class="cell"><h6>Tip</h6><p>\#($0)</p></div>"# }.joined()
        let html = Self.page(
            """
            <article><h1>Five habits</h1><p>\(Self.prose[0])</p><p>\(Self.prose[1])</p>\
            <div class="builder-widget grid"><div class="builder-widget row">\(cells)</div></div>\
            <div class="like-widget"><p>Like this</p><p>42 likes</p></div>\
            <div class="card-widget__body"><div class="card-widget__text"><p>\(Self.prose[4])</p></div></div>\
            <div class="subscription-widget"><p>Subscribe for free to receive new posts.</p></div></article>
            """)
        for filter in [true, false] {
            let record = try extract(html, stages: ExtractionStages(preParseFilter: filter))
            let expected = Self.prose[0...1] + ["Tip"] + Self.prose[2...2] + ["Tip"] + Self.prose[3...4]
            #expect(record.paragraphs.map(\.text) == Array(expected))
            #expect(!(record.text ?? "").contains("Like this"))
            #expect(!(record.text ?? "").contains("Subscribe"))
        }
    }

    /// A comment thread (chrome by its class) beside a longer article stays out of the text.
    @Test func aChromeBlockHoldingLessThanHalfOfTheProseStaysOut() throws {
        let comment = "I disagree with the second point, since saving a little each month never worked for me at all."
        let html = Self.page(
            """
            <article><h1>Five habits</h1>\(Self.prose.map { "<p>\($0)</p>" }.joined())</article>
            <div class="comments"><p>\(comment)</p><p>\(comment) Really.</p><p>\(comment) Twice.</p>\
            <p>\(comment) Thrice.</p><p>\(comment) Again.</p></div>
            """)
        for filter in [true, false] {
            let record = try extract(html, stages: ExtractionStages(preParseFilter: filter))
            #expect(record.paragraphs.map(\.text) == Self.prose)
        }
    }

    /// Paragraphs of blocks with one parent count together against the page's prose.
    @Test func blocksBesideEachOtherCountTogether() {
        let paragraphs = (0..<6).map { _ in Record.Paragraph(text: String(repeating: "a", count: 300)) }
        let halves = [
            ProseInChrome.Block(paragraphs: 0..<2, prose: 600, parent: 4),
            ProseInChrome.Block(paragraphs: 2..<4, prose: 600, parent: 4),
        ]
        #expect(ProseInChrome.dropped(halves, paragraphs: paragraphs).isEmpty)
        let apart = [
            ProseInChrome.Block(paragraphs: 0..<2, prose: 600, parent: 4),
            ProseInChrome.Block(paragraphs: 2..<4, prose: 600, parent: 5),
        ]
        #expect(ProseInChrome.dropped(apart, paragraphs: paragraphs) == [0, 1, 2, 3])
    }
}

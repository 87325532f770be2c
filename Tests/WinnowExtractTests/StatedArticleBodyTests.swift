import Testing

@testable import WinnowExtract

@Suite("StatedArticleBody")
struct StatedArticleBodyTests {
    static let lead =
        "The storm reached the coast at noon, and by evening the harbour, the promenade and the old market were "
        + "under water, while the fire brigade moved families from the lower streets to the sports hall uphill."
    static let middle =
        "Forecasters had warned of the surge for three days, but the council kept the flood gates open to let "
        + "the last fishing boats return, a decision its members defended at a meeting late on Tuesday night."
    static let end =
        "The mayor asked residents to stay away from the river until the water has gone down again next week, "
        + "and said the school would reopen once engineers had checked the two bridges for damage."
    static let other =
        "A new bakery opened on the main square this morning, selling bread from an oven its owners brought "
        + "from their home town, and the first customers queued for an hour before the doors opened."

    /// The page: the chosen block holds the first two paragraphs, a second container the last.
    static func page(jsonLD: String) -> String {
        """
        <html><head><title>Storm floods the coast</title>\
        <script type="application/ld+json">\(jsonLD)</script></head><body>\
        <article><h1>Storm floods the coast</h1><p>\(lead)</p><p>\(middle)</p></article>\
        <nav><a href="/a">Home</a> <a href="/b">World</a></nav>\
        <section><div><div><p>\(end)</p></div></div></section></body></html>
        """
    }

    static func article(body: String) -> String {
        #"{"@context":"https://schema.org","@graph":[{"@type":"WebPage","name":"x"},"#
            + #"{"@type":"NewsArticle","headline":"Storm floods the coast","articleBody":"\#(body)"}]}"#
    }

    @Test func theChosenBlockLeavesOutPartOfTheArticle() throws {
        // What the rule is for: without a stated body, the walk's block leaves the last paragraph out.
        let record = try extract(Self.page(jsonLD: #"{"@type":"WebSite","name":"x"}"#))
        #expect(record.paragraphs.map(\.text) == [Self.lead, Self.middle])
    }

    /// JSON-LD `articleBody` (inside `@graph`, with markup and line breaks) longer than the walked
    /// block and holding it: the page's paragraphs of that text join the body, in page order.
    @Test func aStatedBodyLongerThanTheBlockAddsTheParagraphsThatMatchIt() throws {
        let stated = "<p>\(Self.lead)</p>\\n\\n<p>\(Self.middle)&nbsp;</p>\\n\(Self.end)"
        let record = try extract(Self.page(jsonLD: Self.article(body: stated)))
        #expect(record.paragraphs.map(\.text) == [Self.lead, Self.middle, Self.end])
    }

    /// A truncated stated body (a paywall teaser) is no longer than the block: the text stays as walked.
    @Test func aTruncatedStatedBodyLeavesTheTextAlone() throws {
        let teaser = "\(Self.lead) \(Self.middle.prefix(120))"
        let record = try extract(Self.page(jsonLD: Self.article(body: teaser)))
        #expect(record.paragraphs.map(\.text) == [Self.lead, Self.middle])
    }

    /// A stated body of another text (the block is not in it) adds nothing, even where a paragraph matches it.
    @Test func aStatedBodyOfAnotherTextIsIgnored() throws {
        let record = try extract(Self.page(jsonLD: Self.article(body: "\(Self.other) \(Self.end) \(Self.other)")))
        #expect(record.paragraphs.map(\.text) == [Self.lead, Self.middle])
    }

    @Test func addsOnlyCandidatesMostlyInTheStatedText() {
        let paragraphs = [Self.lead, "Home World", Self.middle, Self.other, "the storm reached"]
        let stated = [Self.lead, Self.middle, Self.end].joined(separator: "\n")
        #expect(
            StatedArticleBody.added(stated: stated, paragraphs: paragraphs, chosen: [0], candidates: [1, 2, 3, 4])
                == [2])
        // Not clearly longer than the block: nothing.
        #expect(StatedArticleBody.added(stated: Self.lead, paragraphs: paragraphs, chosen: [0], candidates: [2]) == [])
    }

    /// A stated body only a little longer than the block (the block is nearly whole): a short line
    /// elsewhere on the page that the stated text also holds is not added.
    @Test func aStatedBodyLittleLongerThanTheBlockAddsNothing() {
        let line = "Roads stay closed tonight."
        let paragraphs = [Self.lead, Self.middle, Self.end, line]
        let stated = paragraphs.joined(separator: "\n")
        #expect(
            StatedArticleBody.added(stated: stated, paragraphs: paragraphs, chosen: [0, 1, 2], candidates: [3]) == [])
        #expect(
            StatedArticleBody.added(stated: stated, paragraphs: paragraphs, chosen: [0], candidates: [1, 3]) == [1, 3])
    }

    @Test func markupAndCharacterReferencesAreNotWords() {
        #expect(StatedArticleBody.plainText("<p>Rain&nbsp;fell &amp; rose</p>") == " Rain fell   rose ")
        #expect(StatedArticleBody.plainText("Salt & pepper, 3 < 4") == "Salt & pepper, 3 < 4")
    }
}

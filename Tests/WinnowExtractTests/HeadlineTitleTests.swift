import Testing
import WinnowCore

@testable import WinnowExtract

/// A blog post whose headline sits in the article's `<header>` (cut before the walk) and whose head gives
/// `meta` (og:title, JSON-LD).
private func post(head: String, header: String, extra: String = "") -> String {
    """
    <html lang="en"><head>\(head)</head><body>
    <header class="entry-header">\(header)</header>
    <article><h2>First section</h2>
    <p>The first section of the post explains the matter at some length, with examples and advice for readers.</p>
    <p>A second paragraph goes on with more detail, so that the page holds enough prose to be an article.</p>
    \(extra)
    </article></body></html>
    """
}

private func og(_ title: String) -> String { #"<meta property="og:title" content="\#(title)">"# }

@Suite("Headline title")
struct HeadlineTitleTests {
    @Test func theOnlyH1BeatsAnOgTitleWordedApart() throws {
        let record = try extract(
            post(
                head: og("Health And Nutrition Trends For 2026 - Example"),
                header: "<h1>Top 10 Health and Nutrition Trends to Watch</h1>"))
        #expect(record.title == "Top 10 Health and Nutrition Trends to Watch")
    }

    @Test func anH1TheHeadTitleStartsWithIsTheTitleThoughTheWalkMissedIt() throws {
        let record = try extract(
            post(
                head: "<title>Tips for Online Courses – Journey To College – Realize your potential.</title>",
                header: "<h1>Tips for Online Courses</h1><h1>Another h1</h1>"))
        #expect(record.title == "Tips for Online Courses")
    }

    @Test func aNewsArticlesMetadataHeadlineStands() throws {
        let ld = #"<script type="application/ld+json">{"@type":"NewsArticle","headline":"Minister resigns"}</script>"#
        let record = try extract(
            post(head: og("Minister resigns") + ld, header: "<h1>After the vote: the minister steps down</h1>"))
        #expect(record.title == "Minister resigns")
    }

    @Test func ogTitleInOtherQuotesStands() throws {
        let record = try extract(
            post(
                head: og("A lawyer's journey from adversity"),
                header: "<h1>A lawyer&rsquo;s journey from adversity</h1>"))
        #expect(record.title == "A lawyer's journey from adversity")
    }

    @Test func anH1EndingWithOgTitleCarriesAKicker() throws {
        let record = try extract(
            post(
                head: og("Drivers face new rules from May"),
                header: "<h1><span>Traffic</span> - Drivers face new rules from May</h1>"))
        #expect(record.title == "Drivers face new rules from May")
    }

    @Test func twoH1sWordedApartKeepOgTitle() throws {
        let record = try extract(
            post(head: og("Best bread machines of the year"), header: "<h1>Our favourite machines</h1><h1>Menu</h1>"))
        #expect(record.title == "Best bread machines of the year")
    }

    @Test func anH1LinkingToTheFrontPageIsTheSitesBanner() throws {
        let record = try extract(
            post(
                head: og("A brief intro to git") + "<title>A brief intro to git • Jane Doe</title>",
                header: #"<h1><a href="https://jane.example/">Jane Doe</a></h1>"#))
        #expect(record.title == "A brief intro to git")
    }

    @Test func headlineTextIsDecodedAndSpacedByBlocksNotInlineTags() throws {
        let html =
            #"<body><h1 class="t" data-x="a>b"><span>Kicker</span>"#
            + #"<span>Café &amp; <em>bar</em>&#8217;s</span>: news</h1>"#
        let b = Array(html.utf8)
        let headline = b.withUnsafeBufferPointer { HeadlineTitle.firstHeadline($0) }
        #expect(headline?.text == "Kicker Café & bar’s: news")
        #expect(b.withUnsafeBufferPointer { HeadlineTitle.hasHeadline($0, from: headline?.end ?? 0) } == false)
    }

    @Test func theHeadlineStaysInTheTextWhereTheWalkFoundIt() throws {
        let record = try extract(
            """
            <html><head>\(og("An SEO title worded apart from the headline"))</head><body><article>
            <h1>The headline the reader sees</h1>
            <p>The first section of the post explains the matter at some length, with examples and advice.</p>
            </article></body></html>
            """)
        #expect(record.title == "The headline the reader sees")
        #expect(record.paragraphs.first?.text == "The headline the reader sees")
    }
}

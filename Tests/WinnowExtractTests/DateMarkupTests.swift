import Testing
import WinnowCore

@testable import WinnowExtract

/// An article page without metadata dates: `above` before its `<h1>`, `below` after it.
private func article(above: String = "", below: String = "", end: String = "") -> String {
    """
    <html lang="en"><head><title>Harbour reopens after the storm</title></head><body>
    <div class="page">\(above)<h1>Harbour reopens after the storm</h1>\(below)
    <div class="entry-content">
    <p>The harbour reopened on Monday after a week of repairs to the sea wall, the port authority said.</p>
    <p>Fishing boats were the first to leave, followed by the ferry to the islands in the afternoon.</p>
    </div>\(end)</div></body></html>
    """
}

/// Dates printed in the markup near the headline (``PageMarkup``), where no metadata gives one.
@Suite("Date markup")
struct DateMarkupTests {
    @Test func aDateClassWithAnUnquotedValue() throws {
        let record = try extract(article(below: "<div class=entry-meta><p>Amanda · Dec 20, 2025 at 3:00 am</p></div>"))
        #expect(record.published == "2025-12-20T03:00:00")
    }

    @Test func aDivUnderTheHeadlineWithTheAuthorAndTheDate() throws {
        let record = try extract(
            article(
                below:
                    #"<div class="w-embed"><strong>By <a href="/team/vo">Vahid Osman</a></strong> - Mar 27, 2024</div>"#
            ))
        #expect(record.published == "2024-03-27")
    }

    @Test func aDateJustAboveTheHeadline() throws {
        let record = try extract(article(above: #"<span class="p small">January 27, 2025</span>"#))
        #expect(record.published == "2025-01-27")
    }

    @Test func aDateLineAFewKilobytesUnderTheHeadline() throws {
        let filler = String(repeating: #"<div class="share"><a href="/s">Share this</a></div>"#, count: 50)
        let record = try extract(article(below: filler + #"<div class="small">Updated November 18, 2025</div>"#))
        #expect(record.published == "2025-11-18")
    }

    /// A related article's date-class element far below the headline ranks after the date under it.
    @Test func aDateClassFarBelowTheHeadlineRanksAfterTheDateUnderIt() throws {
        let filler = String(repeating: "<p>More of the article text about the harbour and its boats.</p>", count: 100)
        let record = try extract(
            article(
                below: "<span>December 23, 2025</span>",
                end: filler + #"<p class="blog_meta"><span>13/01/2026</span></p>"#))
        #expect(record.published == "2025-12-23")
    }

    @Test func aSlashedDateInADateClass() throws {
        let record = try extract(article(below: #"<li class="articleHeader__date"><span>2/24/2026</span></li>"#))
        #expect(record.published == "2026-02-24")
    }

    /// No headline and no date markup: a short line of the text with a date (a forum post's header) is the last
    /// resort.
    @Test func aShortLineOfTheTextWithADateIsTheLastResort() throws {
        let record = try extract(
            """
            <html><head><title>Fixtures for the weekend</title></head><body><div class="post">
            <p>by Minoa » Tue Aug 27, 2019 1:47 am</p>
            <p>The fixtures for the weekend are out, and the derby is on Sunday afternoon at the old ground.</p>
            <p>Tickets for the away end sold out within the hour, the supporters' club said on its page.</p>
            </div></body></html>
            """)
        #expect(record.published == "2019-08-27T01:47:00")
    }

    /// A date inside a long paragraph is something the article talks about, not when it was written.
    @Test func aDateInsideALongParagraphIsNotThePageDate() throws {
        let record = try extract(
            """
            <html><head><title>Fixtures for the weekend</title></head><body><div class="post">
            <p>The fixtures for the weekend are out, and the derby, first played on March 3, 1921, is on Sunday.</p>
            <p>Tickets for the away end sold out within the hour, the supporters' club said on its page.</p>
            </div></body></html>
            """)
        #expect(record.published == nil)
    }

    // MARK: Bylines in markup

    @Test func aLinkToTheAuthorsPageNamesTheAuthor() throws {
        let record = try extract(
            article(
                below: #"<div class="meta"><span><a href="/authors/trevor-jackins">Trevor Jackins</a></span></div>"#))
        #expect(record.authors == ["Trevor Jackins"])
    }

    @Test func aLinkToTheAuthorsPageWithASentenceIsNoName() throws {
        let record = try extract(
            article(below: #"<p><a href="/author/wendi-weiner">Read Wendi Weiner's articles</a></p>"#))
        #expect(record.authors == [])
    }

    /// A theme's label on a line of its own and the name on the next.
    @Test func aWrittenByLabelAndTheNameOnTheNextLine() throws {
        let record = try extract(
            article(below: #"<div class="info"><p class="label">Written by</p><p class="value">Edzel Tabing</p></div>"#)
        )
        #expect(record.authors == ["Edzel Tabing"])
    }
}

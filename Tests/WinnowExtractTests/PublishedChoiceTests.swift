import Testing
import WinnowCore

@testable import WinnowExtract

/// A page at `url` (its canonical link) with `head` and two paragraphs of text after `body`.
private func page(url: String = "https://news.example.test/world/floods", head: String = "", body: String = "")
    -> String
{
    """
    <html lang="en"><head><title>Floods close the valley road</title>
    <link rel="canonical" href="\(url)">\(head)</head><body>
    <article><h1>Floods close the valley road</h1>\(body)
    <p>Rain fell for days in the valley and the river rose over the road on Tuesday night, officials said.</p>
    <p>The road will stay closed until engineers have checked the two bridges, the council said on Wednesday.</p>
    </article></body></html>
    """
}

/// Which of the page's dates becomes `published` (``RecordAssembler/choosePublished(_:)``).
@Suite("Published date choice")
struct PublishedChoiceTests {
    /// A day in the head's metadata and a precise `<time>` of another day further down (a related
    /// article's): the metadata's day stands.
    @Test func aPreciseTimeOfAnotherDayDoesNotOutweighTheMetadataDay() throws {
        let record = try extract(
            page(
                head: #"<meta name="date" content="March 27, 2025">"#,
                body: #"<p>Also read: <span itemprop="datePublished" content="2026-03-13T16:44:22+00:00">"#
                    + "Mar 13, 2026</span> Bridges reopen</p>"))
        #expect(record.published == "2025-03-27")
    }

    /// The metadata's day and a time of the same day in the byline: the day at that time.
    @Test func aTimeOfTheSameDayMakesTheMetadataDayPrecise() throws {
        let record = try extract(
            page(
                head: #"<meta name="date" content="March 27, 2025">"#,
                body: #"<p class="byline">By Jane Doe | 2025-03-27 17:02</p>"#))
        #expect(record.published == "2025-03-27T17:02:00")
    }

    /// A UTC time early on the 19th and a URL naming the 18th: the page's local day is the 18th, its offset unknown.
    @Test func aUTCTimeWhoseLocalDayTheURLNamesIsWrittenAsThatDay() throws {
        let record = try extract(
            page(
                url: "https://news.example.test/2025/12/18/floods-close-the-valley-road/",
                head: #"<meta property="article:published_time" content="2025-12-19T02:41:41+00:00">"#))
        #expect(record.published == "2025-12-18")
    }

    /// 11:45 UTC on the 19th is the 18th only at −12 hours: the URL's day is another event (the draft's), the UTC
    /// time stands.
    @Test func aURLDayNoLivedOffsetExplainsLeavesTheUTCTime() throws {
        let record = try extract(
            page(
                url: "https://news.example.test/2019/11/18/floods-close-the-valley-road/",
                head: #"<meta property="article:published_time" content="2019-11-19T11:45:59Z">"#))
        #expect(record.published == "2019-11-19T11:45:59Z")
    }

    /// The same, with the byline's local time of that instant: the offset follows from the two.
    @Test func aLocalTimeOfTheSameInstantGivesTheOffset() throws {
        let record = try extract(
            page(
                head: #"<meta property="article:published_time" content="2025-12-19T02:41:41+00:00">"#,
                body: #"<p class="byline">By Jane Doe | 2025-12-18 19:41</p>"#))
        #expect(record.published == "2025-12-18T19:41:41-07:00")
    }

    /// Midnight UTC is a day written as a time: a URL day before it changes nothing.
    @Test func midnightUTCIsADayNotAnInstant() throws {
        let record = try extract(
            page(
                url: "https://news.example.test/2026/02/05/floods-close-the-valley-road/",
                head: #"<meta property="article:published_time" content="2026-02-06T00:00:00+00:00">"#))
        #expect(record.published == "2026-02-06T00:00:00Z")
    }

    /// A byline time of another day that no offset explains (UTC 03:00, local the evening before at a quarter
    /// to): not the same instant, the UTC time stands.
    @Test func aLocalTimeNoOffsetExplainsIsIgnored() throws {
        let record = try extract(
            page(
                head: #"<meta property="article:published_time" content="2025-04-08T03:00:00+00:00">"#,
                body: #"<p class="byline">By Jane Doe | 2025-04-07 18:15</p>"#))
        #expect(record.published == "2025-04-08T03:00:00Z")
    }

    @Test func aPublishedDateMetaNameIsReadWhenNothingElseGivesADate() throws {
        let record = try extract(page(head: #"<meta name="published-date" content="2021-02-16">"#))
        #expect(record.published == "2021-02-16")
    }
}

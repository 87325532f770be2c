import Testing
import WinnowCore

@testable import WinnowExtract

/// An article page without metadata dates or authors: `header` and `body`
/// markup around two paragraphs of text.
private func article(header: String, body: String = "", head: String = "") -> String {
    """
    <html lang="en"><head><title>Harbour reopens after the storm</title>\(head)</head><body>
    <article><header><h1>Harbour reopens after the storm</h1>\(header)</header>
    <div class="entry-content">
    <p>The harbour reopened on Monday after a week of repairs to the sea wall, the port authority said.</p>
    <p>Fishing boats were the first to leave, followed by the ferry to the islands in the afternoon.</p>
    \(body)
    </div></article></body></html>
    """
}

@Suite("PageMarkup")
struct PageMarkupTests {
    // MARK: Dates

    @Test func timeMarkedPublishedInsideTheArticleHeader() throws {
        let record = try extract(
            article(
                header: #"<time class="entry-date published" datetime="2020-06-29T15:00:23-05:00">June 29, 2020</time>"#
            ))
        #expect(record.published == "2020-06-29T15:00:23-05:00")
    }

    @Test func itempropDatePublishedBeatsAnEarlierUpdateTime() throws {
        let record = try extract(
            article(
                header: """
                    <time class="updated" datetime="2021-05-01">May 1, 2021</time>
                    <span itemprop="datePublished" content="2021-04-21">Apr 21, 2021</span>
                    """))
        #expect(record.published == "2021-04-21")
    }

    @Test func timeMarkedPublishedBeatsAPlainTimeBeforeIt() throws {
        let record = try extract(
            article(
                header: """
                    <time datetime="2019-01-02">Jan 2</time><time class="published" datetime="2019-03-04">Mar 4</time>
                    """))
        #expect(record.published == "2019-03-04")
    }

    @Test func textOfAnElementWhoseClassNamesADate() throws {
        let record = try extract(article(header: #"<div class="story-date"><span>May 31, 2024</span></div>"#))
        #expect(record.published == "2024-05-31")
    }

    @Test func aCommentDateIsNotThePageDate() throws {
        let record = try extract(article(header: "", body: #"<div class="comment-date">March 3, 2024</div>"#))
        #expect(record.published == nil)
    }

    @Test func markupDatesDoNotOverrideMetadata() throws {
        let record = try extract(
            article(
                header: #"<time datetime="2020-06-29">June 29, 2020</time>"#,
                head: #"<meta property="article:published_time" content="2020-06-28T10:00:00+02:00">"#))
        #expect(record.published == "2020-06-28T10:00:00+02:00")
    }

    @Test func aTimeWithoutOffsetIsWrittenWithoutOneWhenThereIsNoProfile() throws {
        let record = try extract(
            article(header: #"<time class="published" datetime="2020-06-29 15:00">June 29, 2020</time>"#))
        #expect(record.published == "2020-06-29T15:00:00")
    }

    @Test func onlyAModifiedDateStandsInForPublished() throws {
        let record = try extract(
            article(header: "", head: #"<meta property="og:updated_time" content="2025-07-27T00:28:47-07:00">"#))
        #expect(record.published == "2025-07-27T00:28:47-07:00")
    }

    @Test func aDateAloneUnderTheHeadline() throws {
        let record = try extract(article(header: #"<p class="text-muted">December 15, 2025</p>"#))
        #expect(record.published == "2025-12-15")
    }

    @Test func theArticlesMetaLineWithAuthorAndDate() throws {
        let record = try extract(
            article(
                header:
                    #"<div class="entry-meta"><p>by <a href="/author/amanda">Amanda</a> · Dec 20, 2025 at 3:00 am</p>"#
                    + #"</div>"#
            ))
        #expect(record.published == "2025-12-20T03:00:00")
    }

    @Test func aLessCommonMetaNameIsReadWhenNothingElseGivesADate() throws {
        let record = try extract(article(header: "", head: #"<meta name="published" content="July 17, 2025">"#))
        #expect(record.published == "2025-07-17")
    }

    @Test func aPublicationDateInScriptDataIsTheLastResort() throws {
        let record = try extract(
            article(
                header: "",
                body: """
                    <script>window.__STATE__={"slug":"harbour","dateLastUpdated":"2025-07-09T00:00:00.000Z",\
                    "publishedDate":"2019-08-16T00:00:00.000Z"}</script>
                    """))
        #expect(record.published == "2019-08-16T00:00:00Z")
    }

    @Test func aPublisherKeyIsNoDate() {
        let html = Array(
            #"<body><script>{"publisher":"2019 Media","publisherSince":"2001-01-01"}</script></body>"#.utf8)
        #expect(PageMarkup.scriptDataDate(in: html) == nil)
    }

    // MARK: Bylines

    @Test func relAuthorInsideTheArticleHeader() throws {
        let record = try extract(article(header: #"<p>By <a rel="author" href="/people/sara">Sara Brown</a></p>"#))
        #expect(record.authors == ["Sara Brown"])
    }

    @Test func anAuthorClassWithTwoNames() throws {
        let record = try extract(article(header: #"<p class="post-author">Moses Kim and Kate Shokurova</p>"#))
        #expect(record.authors == ["Moses Kim", "Kate Shokurova"])
    }

    /// A tag's bytes are searched for the needles eight at a time: a byline class at every offset, in either case.
    @Test func aBylineClassIsFoundAtEveryOffsetInTheTag() {
        for pad in 0..<17 {
            let padding = String(repeating: "x", count: pad)
            for word in ["byline", "BYLINE", "Author"] {
                let html = Array("<body><p data-a=\"\(padding)\" class=\"\(word)\">Jane Doe</p></body>".utf8)
                #expect(PageMarkup.bylines(in: html, siteName: nil) == ["Jane Doe"], "\(pad) \(word)")
            }
        }
    }

    @Test func anAuthorBioIsNotAByline() {
        let html = Array(#"<body><div class="author-bio">Jane Doe writes about boats.</div></body>"#.utf8)
        #expect(PageMarkup.bylines(in: html, siteName: nil) == [])
    }

    @Test func aBylineLongerThanANameLineIsNone() {
        let html = Array("<body><p class=\"byline\">\(String(repeating: "Jane Doe ", count: 12))</p></body>".utf8)
        #expect(PageMarkup.bylines(in: html, siteName: nil) == [])
    }
}

import Testing
import WinnowCore
import WinnowHTML

@testable import WinnowExtract

/// What the one-walk extractor keeps and drops, seen through the extract stage.
@Suite("ArticleExtractor")
struct ArticleExtractorTests {
    @Test func headlineIsTheH1WhenTheTitleStartsWithIt() throws {
        let record = try extract(
            """
            <html><head><title>Flood hits Sinuiju - Example News</title></head>
            <body><h1>Flood hits Sinuiju</h1><p>Rain fell for days.</p></body></html>
            """)
        #expect(record.title == "Flood hits Sinuiju")
        #expect(record.paragraphs == [Record.Paragraph(text: "Rain fell for days.")])
        #expect(record.text == "Rain fell for days.")
    }

    /// Meta tags the record reads are kept (every value, collapsed); others are passed over.
    @Test func onlyTheMetaTagsTheRecordReadsAreKept() throws {
        var extractor = ArticleExtractor()
        _ = try HTMLStream.parse(
            utf8: Array(
                """
                <html><head><meta property="OG:Title" content=" Flood  hits "><meta name="keywords" content="a">
                <meta name="keywords" content="b"><meta name="twitter:title" \
                content="Flood"></head><body><p>x</p></body></html>
                """.utf8), visitor: &extractor)
        #expect(extractor.meta("og:title") == ["Flood hits"])
        #expect(extractor.meta("keywords") == ["a", "b"])
        #expect(extractor.meta("og:description") == nil)
    }

    /// Loose text ended by an element belongs to the element around it, not to
    /// the one that ends it: both halves of this body score for `#story`.
    @Test func looseTextBeforeAnEmptyDivStaysWithItsContainer() throws {
        let first =
            "The son of a former president was stabbed to death on Tuesday, while another man was injured, police said."
        let second =
            "The attack happened during a lecture at a clinic in Berlin, where he worked as a chief physician for "
            + "years."
        let record = try extract(
            """
            <html><body><div id="story">\(first)<div class="spacer"></div>\(second)<br><div class="spacer"></div></div>
            <div class="teasers"><p>Short teaser one.</p></div></body></html>
            """)
        #expect(record.paragraphs.map(\.text) == [first, second])
    }

    /// Teasers under a "You may like" heading are related posts, even as long
    /// paragraphs inside the article's own container.
    @Test func paragraphsAfterARelatedHeadingInItsContainerLeaveTheBody() throws {
        let first = "Rice prices rose by a fifth in Hyesan this month, traders said, as the lean season dragged on."
        let second = "Corn went up too, though not as steeply, and more families now eat two meals a day, they added."
        let teaser =
            "Another story entirely: the city council approved a new budget for its public libraries on Tuesday, "
            + "officials said."
        let record = try extract(
            """
            <html><body><div id="story"><p>\(first)</p><p>\(second)</p>
            <div class="box"><h3>Você pode gostar...</h3><p>\(teaser)</p></div></div></body></html>
            """)
        #expect(record.paragraphs.map(\.text) == [first, second])
    }

    @Test func photoGalleriesAreNotArticleText() throws {
        let body =
            "Defense ministers met in Hanoi on Wednesday and agreed to expand cooperation at sea, officials said."
        let record = try extract(
            """
            <html><body><div id="story"><p>\(body)</p>
            <div class="photo-gallery"><p>Image 1 of 8</p><p>Caption</p><p>Close</p></div></div></body></html>
            """)
        #expect(record.paragraphs.map(\.text) == [body])
    }

    @Test func headTitleIsUsedWhenThereIsNoHeading() throws {
        let record = try extract(
            "<html><head><title>  Market   prices rise </title></head><body><p>Rice costs more.</p></body></html>")
        #expect(record.title == "Market prices rise")
        #expect(record.text == "Rice costs more.")
    }

    @Test func ogTitleWinsWhenTheH1IsNotTheHeadline() throws {
        let record = try extract(
            """
            <html><head><title>Home | Example</title><meta property="og:title" content="Real headline"></head>
            <body><h1><a href="/">Site banner</a></h1><p>Body.</p></body></html>
            """)
        #expect(record.title == "Real headline")
        #expect(
            record.paragraphs == [
                Record.Paragraph(text: "Site banner", kind: .heading), Record.Paragraph(text: "Body."),
            ])
    }

    @Test func paragraphsKeepTheirKinds() throws {
        let record = try extract(
            """
            <html><head><title>Main headline - Site</title></head><body>
            <h1>Main headline</h1>
            <p>First   paragraph
             spans lines.</p>
            <h2>Background</h2>
            <ul><li>One</li><li>Two</li></ul>
            <blockquote>Quoted words.</blockquote>
            <pre>line 1
              line 2
            </pre>
            <p>Last.</p>
            </body></html>
            """)
        #expect(
            record.paragraphs == [
                Record.Paragraph(text: "First paragraph spans lines.", kind: .paragraph),
                Record.Paragraph(text: "Background", kind: .heading),
                Record.Paragraph(text: "One", kind: .list),
                Record.Paragraph(text: "Two", kind: .list),
                Record.Paragraph(text: "Quoted words.", kind: .quote),
                Record.Paragraph(text: "line 1\n  line 2", kind: .code),
                Record.Paragraph(text: "Last.", kind: .paragraph),
            ])
        #expect(
            record.text
                == "First paragraph spans lines.\n\nBackground\n\nOne\n\nTwo\n\nQuoted words.\n\nline 1\n  line "
                + "2\n\nLast."
        )
    }

    @Test func lineBreaksBecomeSpacesExceptInCode() throws {
        let record = try extract("<html><body><p>one<br>two</p><pre>a<br>b</pre></body></html>")
        #expect(record.paragraphs.map(\.text) == ["one two", "a\nb"])
    }

    @Test func scriptsStylesAndPageChromeTagsAreDropped() throws {
        let record = try extract(
            """
            <html><head><title>Story</title><style>p { color: red }</style><script>var leaked = \
            "SCRIPT1";</script></head>
            <body>
            <nav><p>NAV text</p></nav>
            <header><p>HEADER text</p></header>
            <p>Kept one.</p>
            <script>document.write("SCRIPT2")</script>
            <noscript><p>NOSCRIPT text</p></noscript>
            <aside><p>ASIDE text</p></aside>
            <form><input value="FORM value"><button>FORM button</button></form>
            <p>Kept two.</p>
            <footer><p>FOOTER text</p></footer>
            </body></html>
            """)
        #expect(record.title == "Story")
        #expect(record.paragraphs.map(\.text) == ["Kept one.", "Kept two."])
        let text = try #require(record.text)
        for word in ["SCRIPT", "color", "NAV", "HEADER", "NOSCRIPT", "ASIDE", "FORM", "FOOTER"] {
            #expect(!text.contains(word), "text contains \(word)")
        }
    }

    @Test func shareButtonsBlockIsDropped() throws {
        let record = try extract(
            """
            <html><body><p>Kept.</p>
            <div class="share-buttons"><p>Share on SocialNet</p></div>
            <div class="article-social"><p>Follow us</p></div>
            </body></html>
            """)
        #expect(record.text == "Kept.")
    }

    @Test func commentsSectionByIdIsDropped() throws {
        let record = try extract(
            """
            <html><body><p>Kept.</p>
            <div id="comments"><p>Great article, first!</p></div>
            </body></html>
            """)
        #expect(record.text == "Kept.")
    }

    @Test func commentBlockByClassIsDropped() throws {
        let record = try extract(
            """
            <html><body><p>Kept.</p>
            <section class="comment-list"><p>Great article, first!</p></section>
            </body></html>
            """)
        #expect(record.text == "Kept.")
    }

    @Test func hiddenElementsAreDropped() throws {
        let record = try extract(
            """
            <html><body>
            <p hidden>HIDDEN attr</p>
            <div aria-hidden="true"><p>ARIA hidden</p></div>
            <div style="display: none"><p>STYLE hidden</p></div>
            <div style="visibility:hidden"><p>INVISIBLE</p></div>
            <p aria-hidden="false">Visible one.</p>
            <p>Visible two.</p>
            </body></html>
            """)
        #expect(record.paragraphs.map(\.text) == ["Visible one.", "Visible two."])
    }

    /// A block shown to screen readers only (`sr-only`, `visually-hidden`)
    /// is hidden from sight: a label between the article's parts is no text.
    /// An inline one stays (a shop's price, a product's name in a grid).
    @Test func blocksForScreenReadersOnlyAreHidden() throws {
        let record = try extract(
            """
            <html><body>
            <p>Part one.</p>
            <div class="visually-hidden">Article content</div>
            <p>Part two.</p>
            <section class="x sr-only"><p>Skip to the next part</p></section>
            <p>Part three <span class="screen-reader-text">costs 12 dollars</span>.</p>
            </body></html>
            """)
        #expect(record.paragraphs.map(\.text) == ["Part one.", "Part two.", "Part three costs 12 dollars."])
    }

    /// A paywall hides the article's text from readers who have not
    /// subscribed, but the page holds it: hidden by a `paywall` class word
    /// is read, by the pre-parse filter's path too (a `div`).
    @Test func textHiddenBehindAPaywallIsRead() throws {
        let record = try extract(
            """
            <html><body>
            <p>Visible start.</p>
            <div class="paywall" hidden><p>Paid part one.</p></div>
            <p class="article-paywall" aria-hidden="true">Paid part two.</p>
            <div class="premium-promo" hidden><p>PROMO hidden</p></div>
            </body></html>
            """)
        #expect(record.paragraphs.map(\.text) == ["Visible start.", "Paid part one.", "Paid part two."])
    }

    @Test func figureCaptionsAreCaptionsNotText() throws {
        let record = try extract(
            """
            <html><body>
            <p>Before the photo.</p>
            <figure><img src="a.jpg"><figcaption>FILE PHOTO: A market in Hyesan.</figcaption></figure>
            <p>After the photo.</p>
            </body></html>
            """)
        #expect(record.captions == ["FILE PHOTO: A market in Hyesan."])
        #expect(record.text == "Before the photo.\n\nAfter the photo.")
    }

    @Test func headMetadataIsRead() throws {
        let record = try extract(
            """
            <html lang="en-US"><head><title>T</title>
            <meta name="description" content="  A short
              summary. ">
            <meta property="og:site_name" content="Example News">
            <link rel="canonical" href="https://example.com/news/1">
            </head><body><p>Body.</p></body></html>
            """)
        #expect(record.description == "A short summary.")
        #expect(record.siteName == "Example News")
        #expect(record.canonicalURL == "https://example.com/news/1")
        #expect(record.language == "en")
        #expect(record.title == "T")
    }

    @Test func canonicalLinkRelIsMatchedCaseInsensitively() throws {
        let record = try extract(
            """
            <html><head><link rel="Canonical" href="https://example.com/a">
            <meta property="og:url" content="https://example.com/b"></head><body><p>x</p></body></html>
            """)
        #expect(record.canonicalURL == "https://example.com/a")
    }

    @Test func blocksSkippedUnreadAreHiddenOrChromeButNeverWhatTheExtractorReads() {
        func attributes(
            _ classAndID: String = "", hiddenByStyle: Bool = false, hidden: Bool = false, role: String? = nil,
            itemprop: String? = nil
        ) -> CommonAttributes {
            var a = CommonAttributes()
            a.classAndID = classAndID
            a.hiddenByStyle = hiddenByStyle
            a.hidden = hidden
            a.role = role
            a.itemprop = itemprop
            return a
        }
        // Chrome by class word or role: only with class hints.
        #expect(ArticleExtractor.skipsUnread(attributes("share-buttons "), usesClassHints: true))
        #expect(!ArticleExtractor.skipsUnread(attributes("share-buttons "), usesClassHints: false))
        #expect(ArticleExtractor.skipsUnread(attributes(role: "navigation"), usesClassHints: true))
        // Hidden: always.
        #expect(ArticleExtractor.skipsUnread(attributes(hidden: true), usesClassHints: false))
        #expect(ArticleExtractor.skipsUnread(attributes(hiddenByStyle: true), usesClassHints: false))
        #expect(!ArticleExtractor.skipsUnread(attributes("paywall ", hidden: true), usesClassHints: false))
        // Read by the extractor: related blocks, itemprop, article-body words, content words.
        #expect(!ArticleExtractor.skipsUnread(attributes("related-articles "), usesClassHints: true))
        #expect(!ArticleExtractor.skipsUnread(attributes("ad-slot ", itemprop: "articleBody"), usesClassHints: true))
        #expect(!ArticleExtractor.skipsUnread(attributes("entry-content ", hidden: true), usesClassHints: true))
        #expect(!ArticleExtractor.skipsUnread(attributes("story share-tools"), usesClassHints: true))
        #expect(!ArticleExtractor.skipsUnread(attributes("lead "), usesClassHints: true))
    }

    /// The pre-parse cut of skipped blocks changes nothing the extractor gives.
    @Test func cuttingSkippedBlocksBeforeParsingGivesTheSameRecord() throws {
        let html = """
            <html><head><title>Market fees rise - News</title></head><body>
            <div class="site-menu"><a href="/">Home</a><div class="inner">Menu text</div></div>
            <div id="story"><h1>Market fees rise</h1><p>Traders in Chongjin now pay more, sources said.</p>
            <div class="share-bar">Share this <b>now</b></div><p>Officials gave no reason for the change this month.</p>
            <div style="display:none">hidden words</div><div class="related-posts"><a href="/a">Older \
            story</a></div></div>
            <div class="comments"><p>First!</p></div></body></html>
            """
        let record = try extract(html)
        #expect(
            record.paragraphs.map(\.text) == [
                "Traders in Chongjin now pay more, sources said.",
                "Officials gave no reason for the change this month.",
            ])
        #expect(record.related.map(\.url) == ["/a"])
        #expect(try extract(html, stages: ExtractionStages(preParseFilter: false)).paragraphs == record.paragraphs)
    }

    /// A template that closes the document early (`</body></html>` after its header) and writes the
    /// article after it: a browser shows the article, and so does the walk, with or without the filter.
    @Test func anArticleAfterAnEarlyHTMLEndTagIsRead() throws {
        let article = (1...3).map { "<p>The river rose again this week, and traders said prices climbed, \($0).</p>" }
        let html = "<html><body><div class=\"top\">Site</div></body></html>\n<div>\(article.joined())</div>"
        let record = try extract(html)
        #expect(record.paragraphs.count == 3)
        #expect(try extract(html, stages: ExtractionStages(preParseFilter: false)).paragraphs == record.paragraphs)
    }
}

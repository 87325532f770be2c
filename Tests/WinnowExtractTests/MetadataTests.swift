import Testing
import WinnowCore

@testable import WinnowExtract

/// A page at https://www.example-news.test/english/flood (its canonical link), in English.
private func page(head: String = "", _ body: String) -> String {
    """
    <html lang="en"><head>
    <link rel="canonical" href="https://www.example-news.test/english/flood">
    \(head)
    </head><body>
    \(body)
    </body></html>
    """
}

private func jsonLD(_ json: String) -> String {
    #"<script type="application/ld+json">"# + json + "</script>"
}

private let rain = "<p>Rain fell for days in the border city of Sinuiju, residents said.</p>"

/// The extract stage with one profile for example-news.test (Korea time), plus `layout` lines.
private func stageWithProfile(layout: String = "") throws -> ExtractStage {
    let yaml = """
        name: Example News
        hosts: [example-news.test]
        timezone: Asia/Seoul

        """ + layout
    var stage = ExtractStage()
    stage.siteProfiles = SiteProfiles([try SiteProfile.parse(yaml: yaml, origin: "example.yml")])
    return stage
}

@Suite("Metadata")
struct MetadataTests {
    // MARK: Title

    @Test func titleIsTheH1WhenTheHeadTitleStartsWithIt() throws {
        let record = try extract(
            page(head: "<title>Flood hits Sinuiju | Example News</title>", "<h1>Flood hits Sinuiju</h1>" + rain))
        #expect(record.title == "Flood hits Sinuiju")
        #expect(record.text == "Rain fell for days in the border city of Sinuiju, residents said.")
    }

    @Test func titleIsTheH1WhenOgTitleStartsWithIt() throws {
        let record = try extract(
            page(
                head:
                    #"<title>Example News</title><meta property="og:title" content="Flood hits Sinuiju - Example "#
                    + #"News">"#,
                "<h1>Flood hits Sinuiju</h1>" + rain))
        #expect(record.title == "Flood hits Sinuiju")
        #expect(record.paragraphs.map(\.kind) == [.paragraph])
    }

    @Test func ogTitleLosesItsSiteSuffix() throws {
        let record = try extract(
            page(
                head:
                    #"<title>Example News</title><meta property="og:title" content="Rice prices climb in Hyesan - "#
                    + #"Example News">"#,
                rain))
        #expect(record.title == "Rice prices climb in Hyesan")
    }

    @Test func ogTitleLosesALongSiteSuffixNamedByOgSiteName() throws {
        let record = try extract(
            page(
                head: """
                    <meta property="og:site_name" content="The Example News Company of Korea">
                    <meta property="og:title" content="Prices climb | The Example News Company of Korea">
                    """, rain))
        #expect(record.title == "Prices climb")
        #expect(record.siteName == "The Example News Company of Korea")
    }

    @Test func jsonLDHeadlineStandsInForAMissingOgTitle() throws {
        let record = try extract(
            page(
                head: "<title>Example News</title>"
                    + jsonLD(#"{"@type": "NewsArticle", "headline": "Flood hits Sinuiju"}"#), rain))
        #expect(record.title == "Flood hits Sinuiju")
    }

    // MARK: Authors

    @Test func authorsComeFromJSONLDThenTheBylineThenMetaAuthor() throws {
        let meta = #"<meta name="author" content="Kim Min">"#
        let ld = jsonLD(#"{"@type": "NewsArticle", "author": {"@type": "Person", "name": "Jane Doe"}}"#)
        let body = "<p>By John Roe</p>" + rain
        let all = try extract(page(head: meta + ld, body))
        #expect(all.authors == ["Jane Doe"])
        #expect(all.text == "Rain fell for days in the border city of Sinuiju, residents said.")
        #expect(try extract(page(head: meta, body)).authors == ["John Roe"])
        #expect(try extract(page(head: meta, rain)).authors == ["Kim Min"])
    }

    // MARK: Dates

    @Test func jsonLDDateWithAnOffsetBeatsABylineWithout() throws {
        let record = try extract(
            page(
                head: jsonLD(#"{"@type": "NewsArticle", "datePublished": "2016-08-10T17:02:00+09:00"}"#),
                "<p>By Jane Doe | 2016-08-10 17:02</p>" + rain))
        #expect(record.published == "2016-08-10T17:02:00+09:00")
        #expect(record.warnings.isEmpty)
    }

    @Test func bylineWithATimeBeatsADateOnlyJSONLDDate() throws {
        let record = try extract(
            page(
                head: jsonLD(#"{"@type": "NewsArticle", "datePublished": "2016-08-10"}"#),
                "<p>By Jane Doe | 2016-08-10 17:02</p>" + rain))
        #expect(record.published == "2016-08-10T17:02:00")
    }

    @Test func bylineTimeWithoutOffsetIsReadInTheProfileTimezone() throws {
        let body = "<p>Jane Doe | 2016-08-10 17:02</p>" + rain
        #expect(try extract(page(body), stage: stageWithProfile()).published == "2016-08-10T17:02:00+09:00")
        #expect(try extract(page(body)).published == "2016-08-10T17:02:00")
    }

    @Test func jsonLDAndBylineOnDifferentDaysAddAWarning() throws {
        let record = try extract(
            page(
                head: jsonLD(#"{"@type": "NewsArticle", "datePublished": "2016-08-10T17:02:00+09:00"}"#),
                "<p>By Jane Doe | 2016-08-12 09:00</p>" + rain))
        #expect(record.published == "2016-08-10T17:02:00+09:00")
        #expect(
            record.warnings == [
                "published: JSON-LD says 2016-08-10T17:02:00+09:00, byline says 2016-08-12T09:00:00; kept the JSON-LD "
                    + "date"
            ])
    }

    @Test func modifiedIsKeptOnlyWhenItDiffersFromPublished() throws {
        let same = try extract(
            page(
                head: jsonLD(
                    """
                    {"@type": "NewsArticle", "datePublished": "2016-08-10T17:02:00+09:00", "dateModified": \
                    "2016-08-10T17:02:00+09:00"}
                    """), rain))
        #expect(same.published == "2016-08-10T17:02:00+09:00")
        #expect(same.modified == nil)
        let later = try extract(
            page(
                head: jsonLD(
                    """
                    {"@type": "NewsArticle", "datePublished": "2016-08-10T17:02:00+09:00", "dateModified": \
                    "2016-08-11T09:30:00+09:00"}
                    """), rain))
        #expect(later.modified == "2016-08-11T09:30:00+09:00")
    }

    // MARK: Tags, alternates, translation

    @Test func tagsJoinKeywordsArticleTagsAndJSONLDKeywordsOnce() throws {
        let record = try extract(
            page(
                head: """
                    <meta name="keywords" content="North Korea, markets">
                    <meta property="article:tag" content="markets">
                    <meta property="article:tag" content="rice">
                    """ + jsonLD(#"{"@type": "NewsArticle", "keywords": ["rice", "Hyesan"]}"#), rain))
        #expect(record.tags == ["North Korea", "markets", "rice", "Hyesan"])
    }

    @Test func hreflangAlternatesOfOtherLanguagesAreMadeAbsolute() throws {
        let record = try extract(
            page(
                head: """
                    <link rel="alternate" hreflang="en" href="https://www.example-news.test/english/flood">
                    <link rel="alternate" hreflang="ko-KR" href="/korean/flood">
                    <link rel="alternate" hreflang="x-default" href="https://www.example-news.test/">
                    """, rain))
        #expect(record.language == "en")
        #expect(
            record.alternates == [Record.Alternate(language: "ko", url: "https://www.example-news.test/korean/flood")])
    }

    @Test func readInKoreanLinkOfATranslatedPageNamesTheOriginal() throws {
        let record = try extract(
            page(rain + #"<p><a href="/korean/flood">Read in Korean</a></p><p>*Translated by Jane Doe</p>"#))
        let korean = "https://www.example-news.test/korean/flood"
        #expect(record.alternates == [Record.Alternate(language: "ko", url: korean)])
        let translation = try #require(record.translation)
        #expect(translation.translators == ["Jane Doe"])
        #expect(translation.originalLanguage == "ko")
        #expect(translation.originalURL == korean)
        #expect(record.text == "Rain fell for days in the border city of Sinuiju, residents said.")
    }

    @Test func readInKoreanLinkWithoutATranslatorIsOnlyAnAlternate() throws {
        let record = try extract(page(rain + #"<p><a href="/korean/flood">Read in Korean</a></p>"#))
        #expect(
            record.alternates == [Record.Alternate(language: "ko", url: "https://www.example-news.test/korean/flood")])
        #expect(record.translation == nil)
    }

    @Test func bracketedNoteIsRecordedWithItsParagraphAndKeptInTheText() throws {
        let record = try extract(
            page(
                head: "<title>Flood hits Sinuiju</title>",
                """
                <h1>Flood hits Sinuiju</h1>
                <p>Rain fell for days [2] in the border city of Sinuiju.</p>
                <p>Officials called it a 水灾 [Chinese] and sent help.</p>
                """))
        #expect(record.translation?.notes == [Record.Translation.Note(text: "[Chinese]", paragraph: 1)])
        #expect(
            record.paragraphs.map(\.text) == [
                "Rain fell for days [2] in the border city of Sinuiju.",
                "Officials called it a 水灾 [Chinese] and sent help.",
            ])
    }

    // MARK: Related links and captions

    @Test func relatedBlockGoesToRelatedNotToTheText() throws {
        let record = try extract(
            page(
                rain + """
                    <div class="related-posts"><h3>Related Articles</h3><ul>
                    <li><a href="/news/market">Rice prices climb in Hyesan</a></li>
                    <li><a href="https://other.test/b">Border trade resumes</a></li>
                    </ul></div>
                    """))
        #expect(
            record.related == [
                Record.Link(title: "Rice prices climb in Hyesan", url: "https://www.example-news.test/news/market"),
                Record.Link(title: "Border trade resumes", url: "https://other.test/b"),
            ])
        #expect(record.text == "Rain fell for days in the border city of Sinuiju, residents said.")
    }

    @Test func figcaptionGoesToCaptionsNotToTheText() throws {
        let record = try extract(
            page(#"<figure><img src="a.jpg"><figcaption>Soldiers march in Pyongyang.</figcaption></figure>"# + rain))
        #expect(record.captions == ["Soldiers march in Pyongyang."])
        #expect(record.text == "Rain fell for days in the border city of Sinuiju, residents said.")
    }

    // MARK: Site profile layouts

    @Test func profileBodyRestrictsTheParagraphs() throws {
        let html = page(
            """
            <div class="story"><p>The story: rain fell for days in Sinuiju.</p></div>
            <div class="digest">
            <p>Digest one: markets in Hyesan were busy, traders said, again and again.</p>
            <p>Digest two: prices of rice, corn and fuel rose, a source said, this week.</p>
            <p>Digest three: border guards, officials said, were replaced in Musan.</p>
            </div>
            """)
        // Without the profile, the bigger digest block is taken for the article.
        #expect(try extract(html).paragraphs.first?.text.hasPrefix("Digest one") == true)
        let stage = try stageWithProfile(
            layout: """
                layouts:
                  - name: main
                    detect: //div[@class = 'story']
                    body: //div[@class = 'story']
                """)
        #expect(try extract(html, stage: stage).text == "The story: rain fell for days in Sinuiju.")
    }

    @Test func profileRemoveDropsTheParagraphsInsideWhatItSelects() throws {
        let html = page(
            """
            <div class="story">\(rain)
            <div class="editor-note"><p>Editor's note: names were changed for safety.</p></div>
            <p>Officials sent help on Thursday, state media reported.</p>
            </div>
            """)
        #expect(try extract(html).text?.contains("Editor's note") == true)
        let stage = try stageWithProfile(
            layout: """
                layouts:
                  - name: main
                    detect: //div[@class = 'story']
                    remove: //div[@class = 'editor-note']
                """)
        #expect(
            try extract(html, stage: stage).text
                == "Rain fell for days in the border city of Sinuiju, residents said.\n\nOfficials sent help on "
                + "Thursday, state media reported."
        )
    }

    /// `remove: //p[@class = 'appeal']` names the paragraph itself.
    @Test func profileRemoveDropsTheParagraphItSelects() throws {
        let html = page(
            """
            <div class="story">\(rain)
            <p class="appeal">Please support our reporting from inside North Korea.</p>
            </div>
            """)
        let stage = try stageWithProfile(
            layout: """
                layouts:
                  - name: main
                    detect: //div[@class = 'story']
                    remove: //p[@class = 'appeal']
                """)
        let text = try extract(html, stage: stage).text
        #expect(text == "Rain fell for days in the border city of Sinuiju, residents said.")
    }

    // MARK: Issue-15 rules: offsets, nested JSON-LD, headlines, organisations, hidden pages

    /// JSON-LD's article nested in its `WebPage`'s `mainEntity` with the
    /// page's own offset, and a meta tag with the same instant in UTC.
    @Test func theOffsetThePageGivesIsKeptOverAUTCCopy() throws {
        let html = page(
            head: #"<meta property="article:published_time" content="2017-02-24T01:18:13Z">"#
                + jsonLD(
                    """
                    {"@context":"https://schema.org","@type":"WebPage",\
                    "mainEntity":{"@type":"NewsArticle","headline":"Floods",
                     "datePublished":"2017-02-23T17:18:13-08:00"}}
                    """), rain)
        #expect(try extract(html).published == "2017-02-23T17:18:13-08:00")
    }

    @Test func anArticleInAGraphWithoutDatesTakesThePageObjectsDate() throws {
        let html = page(
            head: jsonLD(
                """
                {"@context":"https://schema.org",\
                "@graph":[{"@type":"WebPage","datePublished":"2024-04-08T06:59:34+00:00"},
                 {"@type":"Article","headline":"Floods"}]}
                """), rain)
        #expect(try extract(html).published == "2024-04-08T06:59:34Z")
    }

    /// A headline that begins like a related-list heading is still the headline: the body stays.
    @Test func aHeadlineBeginningLikeARelatedHeadingKeepsItsBody() throws {
        let html = page(
            head: "<title>More from the market: rice up again - Example News</title>",
            """
            <div class="story"><h1>More from the market: rice up again</h1>\(rain)
            <p>Officials sent help on Thursday, state media reported.</p></div>
            """)
        let record = try extract(html)
        #expect(record.title == "More from the market: rice up again")
        #expect(record.text?.contains("Officials sent help") == true)
    }

    @Test func anOrganisationIsTheAuthorWhenNoPersonIsNamed() throws {
        let html = page(head: #"<meta name="author" content="Associated Press">"#, rain)
        #expect(try extract(html).authors == ["Associated Press"])
    }

    @Test func anOrganisationIsNotTakenBesideAPerson() throws {
        let html = page(
            head: jsonLD(
                #"{"@type":"NewsArticle","author":[{"@type":"Person","name":"Jane Doe"},{"@type":"Organization","#
                    + #""name":"Reuters"}]}"#
            ), rain)
        #expect(try extract(html).authors == ["Jane Doe"])
    }

    /// A page rendered in pieces keeps its content in a hidden block a script moves into place.
    @Test func aPageWhoseTextIsAllInAHiddenBlockIsNotRejected() throws {
        let html = page(
            """
            <div hidden id="S:0"><p>Rain fell for days in the border city of Sinuiju, residents said, and the river \
            rose.</p>
            <p>Officials sent help on Thursday, state media reported, and schools were closed until further notice.</p>
            <p>Traders said rice prices rose by a fifth in the city's markets as roads to the south were cut off.</p>
            <p>The weather service expects more rain next week, and residents near the river were told to leave.</p>
            <p>Aid groups said they had sent food and blankets, though the roads into the city remained \
            closed.</p></div>
            """)
        let record = try extract(html)
        #expect(record.text?.contains("Officials sent help") == true)
    }

    @Test func pageTypeIsInTheRecord() throws {
        let html = page(
            head:
                #"<meta property="og:type" content="article"><meta property="article:published_time" "#
                + #"content="2016-08-10">"#,
            rain)
        #expect(try extract(html).pageType == "article")
    }

    /// A forum served to clients without scripts: its posts only inside `<noscript>`.
    @Test func aPageWhoseTextIsAllInNoscriptIsNotRejected() throws {
        let html = page(
            """
            <section id="splash"><p>Loading…</p></section>
            <noscript><div class="topic-body"><p>I have just installed version 5.0, but at every reboot the message \
            says it is starting.</p>
            <p>The log shows the same warning every minute, and the integrations page never finishes loading at all.</p>
            <p>Rolling back to the previous version fixes it, so something changed between the two releases, I \
            think.</p>
            <p>Has anyone else seen this after the upgrade, and is there a way to find which integration is to \
            blame?</p></div></noscript>
            """)
        #expect(try extract(html).text?.contains("Rolling back") == true)
    }

    /// What the parser makes of a stray open `<button>` in a site header: the whole page inside it.
    @Test func anArticleTheParserPutInsideTheHeaderIsNotRejected() throws {
        let html = page(
            """
            <header class="site-header"><button class="menu-button"><ul class="menu"><li><a href="/">Home</a></li></ul>
            <main><article><h1>Harbour reopens</h1>
            <p>The harbour reopened on Monday after a week of repairs to the sea wall, the port authority said on \
            Monday.</p>
            <p>Fishing boats were the first to leave, followed by the ferry to the islands in the afternoon, officials \
            said.</p>
            <p>Traders said fish prices fell by a fifth within hours as the boats came back with their first catch in \
            days.</p>
            <p>The port authority expects the last repairs to end next month, and the ferry to run its full timetable \
            again.</p>
            </article></main></button></header>
            """)
        let text = try extract(html).text
        #expect(text?.contains("Traders said fish prices") == true)
        #expect(text?.contains("Home") == false)
    }

    /// Author elements further down the page name commenters, not the article's authors.
    @Test func onlyTheFirstBylinesAuthorElementsAreTheAuthors() throws {
        let html = page(
            """
            <p class="byline"><a rel="author" href="/a/chen">Chen Zhao</a> and <a rel="author" href="/a/daryl">Daryl \
            Fairweather</a></p>
            \(rain)<p>Officials sent help on Thursday, state media reported, and more was promised for next week.</p>
            <div class="replies"><p>Great piece, thanks for writing it up so clearly and so quickly.</p><span \
            class="author">blue_emperor</span>
            <p>I was there last week and the water was already rising fast near the bridge.</p><span \
            class="author">Naranya</span></div>
            """)
        #expect(try extract(html).authors == ["Chen Zhao", "Daryl Fairweather"])
    }

    /// A byline in the page's own zone to the minute, and a meta tag in UTC to the second: the instant to the second,
    /// at the page's offset.
    @Test func theUTCSourcesSecondsAreKeptAtThePagesOffset() throws {
        let html = page(
            head: #"<meta property="article:published_time" content="2019-11-20T05:57:50Z">"#,
            "<p class=\"byline\">By Jane Doe | 2019-11-19 21:57 -08:00</p>" + rain)
        #expect(try extract(html).published == "2019-11-19T21:57:50-08:00")
    }

    /// The block chosen is a promo strip; the article sits in an element its role marks as chrome (a block
    /// chrome by its class words alone is walked on trial: ``ProseInChrome``).
    @Test func aBodyOfPromoLinesIsReplacedByTheArticleTheWideWalkFinds() throws {
        let paragraph =
            "The harbour reopened on Monday after a week of repairs to the sea wall, the port authority said, and "
            + "boats left."
        let html = page(
            """
            <div class="teasers"><p>The Front Page Podcast: get the top stories in five minutes</p><p>LATEST: the next \
            storm and why it may never end</p>
            <p>January 6: will we ever know the truth? A new episode</p><p>Opinion: the harbour, the wall and the \
            money behind both</p>
            <p>Weather: more rain expected across the coast next week</p></div>
            <div class="layout" role="complementary">\(String(repeating: "<p>\(paragraph)</p>", count: 10))</div>
            """)
        let record = try extract(html)
        #expect(record.text?.contains("The harbour reopened") == true)
        #expect(record.warnings.contains { $0.contains("extracted again") })
    }

    @Test func aShortArticleOfProseKeepsItsOwnParagraphs() throws {
        let html = page(
            """
            <article><p>Rain fell for days in the border city of Sinuiju, residents said, and the river rose above its \
            banks in two places overnight.</p></article>
            <footer><p>About us: a long footer text that describes the site, its history, its staff and its many \
            offices around the world, at length.</p></footer>
            """)
        #expect(try extract(html).text?.contains("About us") == false)
    }
}

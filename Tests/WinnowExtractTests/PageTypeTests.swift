import Testing

@testable import WinnowExtract

@Suite("PageType")
struct PageTypeTests {
    private func guess(
        path: String?, host: String? = nil, types: Set<String> = [], og: String? = nil, published: Bool = false,
        authors: Bool = false, scalars: Int = 4000, listShare: Double = 0, titleWords: Int = 5,
        pageScalars: Int = 8000, proseScalars: Int = 0, links: Int = 40, prices: Int = 0
    ) -> String {
        var evidence = PageType.Evidence(
            path: path, host: host, jsonLDTypes: types, ogType: og, hasPublished: published,
            hasAuthors: authors, bodyScalars: scalars, listShare: listShare)
        evidence.titleWords = titleWords
        evidence.pageScalars = pageScalars
        evidence.proseScalars = proseScalars
        evidence.links = links
        evidence.priceElements = prices
        return PageType.guess(evidence)
    }

    @Test func aKindWordInThePathNamesTheKind() {
        #expect(guess(path: "/docs/install/linux") == "documentation")
        #expect(guess(path: "/forum/thread-about-boats") == "forum")
        #expect(guess(path: "/products/blue-kettle") == "product")
        #expect(guess(path: "/category/harbours/") == "listing")
    }

    @Test func theSlugAloneDoesNotNameAKind() {
        // "/blog/how-to-write-docs": the last segment is the article's own name.
        #expect(guess(path: "/blog/docs", published: true) == "article")
    }

    @Test func aProductInJSONLDWithoutAnArticleIsAProduct() {
        #expect(guess(path: "/blue-kettle", types: ["product", "offer"]) == "product")
        #expect(guess(path: "/kettle-review", types: ["product", "newsarticle"], published: true) == "article")
    }

    @Test func articleEvidenceAddsUp() {
        #expect(guess(path: "/harbour-reopens", og: "article", published: true) == "article")
        #expect(guess(path: "/2024/05/31/harbour-reopens") == "article")
    }

    @Test func aBareDomainWithAShortBodyIsNoArticle() {
        #expect(guess(path: "/", scalars: 800) != "article")
        #expect(guess(path: nil, scalars: 800, listShare: 0.8) == "listing")
    }

    @Test func aHostLabelNamesTheKind() {
        #expect(guess(path: "/my-take-on-valuation/105724", host: "forum.example.org", published: true) == "forum")
        #expect(guess(path: "/get-started/introduction", host: "docs.example.dev", published: true) == "documentation")
    }

    @Test func aDiscussionThreadPathIsAForum() {
        #expect(guess(path: "/t/stuck-on-starting/724779", published: true, authors: true) == "forum")
    }

    @Test func aSectionsFrontPageIsAListing() {
        #expect(guess(path: "/blog/", published: true, authors: true) == "listing")
    }

    @Test func anUnknownURLIsNoFrontPage() {
        // A page read from a file without a canonical link: its path is unknown, not "/".
        #expect(guess(path: nil, published: true, authors: true) == "article")
        #expect(guess(path: "/", published: true, authors: true) != "article")
    }

    @Test func aHeadlineLongSlugCountsForAnArticle() {
        #expect(guess(path: "/harbour-reopens-after-the-long-storm", published: true) == "article")
        #expect(guess(path: "/harbour-cranes", published: true) != "article")
    }

    @Test func aTitleShorterThanAHeadlineCountsAgainstAnArticle() {
        #expect(guess(path: "/harbour", published: true, titleWords: 8) == "article")
        #expect(guess(path: "/harbour", published: true, authors: true, titleWords: 2) != "article")
    }

    @Test func aTitleInAScriptWithoutSpacesCountsTwoCharactersAWord() {
        #expect(PageType.titleWords("The harbour reopens after the storm") == 6)
        #expect(PageType.titleWords("港の再開、嵐の後に最初のフェリーが出航") == 9)
        #expect(PageType.titleWords("时政") == 1)
        #expect(PageType.titleWords("항구가 폭풍 뒤에 다시 열렸다") == 5)  // Korean is written with spaces
    }

    @Test func proseFillingThePageCountsForAnArticle() {
        #expect(guess(path: "/harbour", published: true, proseScalars: 5000) == "article")
        #expect(guess(path: "/harbour", published: true, proseScalars: 2000) != "article")
    }

    @Test func manyLinksPerParagraphOfTextCountAgainstAnArticle() {
        // 8,000 scalars of text: 40 links is an article's share, 100 a card grid's, 200 a link directory's.
        #expect(guess(path: "/harbour", og: "article", published: true, links: 40) == "article")
        #expect(guess(path: "/harbour", og: "article", published: true, links: 100) != "article")
        #expect(guess(path: "/harbour", types: ["newsarticle"], published: true, links: 200) != "article")
    }

    @Test func strongArticleEvidenceOutweighsAListingOrServiceWordInThePath() {
        let typed = guess(
            path: "/features/harbour-reopens-after-the-long-storm", types: ["newsarticle"], published: true,
            authors: true)
        #expect(typed == "article")
        #expect(guess(path: "/features/harbour-cranes", published: true) == "service")
        // Documentation and forum words are not outweighed.
        #expect(
            guess(path: "/docs/harbour-reopens-after-the-long-storm", types: ["techarticle"], published: true)
                == "documentation")
    }

    @Test func priceMarkupCountsAgainstAnArticleAndNamesAProductOrACollection() {
        #expect(guess(path: "/harbour-kettle", published: true, titleWords: 7) == "article")
        #expect(guess(path: "/harbour-kettle", published: true, titleWords: 7, prices: 1) != "article")
        #expect(guess(path: "/harbour-kettle", titleWords: 7, prices: 3) == "product")
        #expect(guess(path: "/harbour-kettles", titleWords: 7, prices: 24) == "collection")
    }

    @Test func bylinesOrDatesRepeatedDownThePageCountAgainstAnArticle() {
        var thread = PageType.Evidence(path: "/harbour-kettle", hasPublished: true, bodyScalars: 4000)
        thread.titleWords = 7
        thread.pageScalars = 8000
        #expect(PageType.guess(thread) == "article")
        thread.bylineElements = 6  // one per post
        #expect(PageType.guess(thread) != "article")
        thread.bylineElements = 1
        thread.dateElements = 5
        #expect(PageType.guess(thread) != "article")
    }

    @Test func codeBlocksOnAPageThatIsNoArticleMakeItDocumentation() {
        var reference = PageType.Evidence(path: "/harbour-api", bodyScalars: 4000)
        reference.titleWords = 2
        reference.pageScalars = 8000
        #expect(PageType.guess(reference) == "service")
        reference.codeBlocks = 3
        #expect(PageType.guess(reference) == "documentation")
        // An article with code examples stays an article.
        reference.hasPublished = true
        reference.hasAuthors = true
        reference.titleWords = 8
        #expect(PageType.guess(reference) == "article")
    }

    /// Both pages have no metadata that names their kind: the shape decides.
    private func pageOfShape(title: String, _ body: String) -> String {
        """
        <html lang="en"><head><title>\(title)</title>
        <link rel="canonical" href="https://www.example-news.test/harbour">
        </head><body><h1>\(title)</h1>
        \(body)
        </body></html>
        """
    }

    @Test func aPageOfProseParagraphsUnderAHeadlineIsAnArticle() throws {
        let paragraph =
            "<p>The harbour reopened on Monday after the storm had closed it for nine days, and the first "
            + "ferries left at dawn with their decks full of lorries that had waited on the quay since the "
            + "weekend. Crews worked through the night to clear the channel of the debris the waves had left.</p>"
        let html = pageOfShape(
            title: "The harbour reopens after the long storm",
            String(repeating: paragraph, count: 7) + #"<p>More at <a href="/ferries">the ferry timetable</a>.</p>"#)
        #expect(try extract(html).pageType == "article")
    }

    @Test func aGridOfLinkedTeaserCardsIsNoArticle() throws {
        let card =
            #"<div class="card"><h3><a href="/harbour/story">Ferries leave at dawn</a></h3>"#
            + #"<p>The first crossings since the storm. <a href="/harbour/story">Read more</a></p></div>"#
        let html = pageOfShape(title: "Harbour news", String(repeating: card, count: 12))
        let record = try extract(html)
        #expect(record.pageType != nil)
        #expect(record.pageType != "article")
    }

    @Test func aPageOfOneItemWithItsPriceIsAProduct() throws {
        let html = pageOfShape(
            title: "Blue harbour kettle",
            """
            <div class="product-info"><p>A steel kettle in harbour blue that boils a litre of water in three \
            minutes, with a handle that stays cool and a lid that opens wide for cleaning.</p>
            <p class="product-price">24.00 EUR</p><p class="price-was">30.00 EUR</p></div>
            """)
        #expect(try extract(html).pageType == "product")
    }

    @Test func aListOfPostsEachWithItsBylineAndDateIsNoArticle() throws {
        let post =
            #"<div class="post"><h2>Ferries leave at dawn</h2><span class="author">Mina Park</span>"#
            + #"<time datetime="2024-05-31">31 May</time><p>The first crossings since the storm left the "#
            + "quay at dawn, full of lorries that had waited since the weekend, and more are due tonight.</p></div>"
        let html = pageOfShape(title: "Harbour diary: the week after the storm", String(repeating: post, count: 6))
        let record = try extract(html)
        #expect(record.pageType != nil)
        #expect(record.pageType != "article")
    }

    @Test func aPageOfCodeExamplesWithoutArticleEvidenceIsDocumentation() throws {
        let example =
            "<p>Open a berth for a ferry before it docks, and close it once the ferry has left the harbour.</p>"
            + "<pre>let berth = harbour.open(berth: 4)\nberth.close()</pre>"
        let html = pageOfShape(title: "Berths API", String(repeating: example, count: 3))
        #expect(try extract(html).pageType == "documentation")
    }
}

import Testing
import WinnowCore

@testable import WinnowExtract

@Suite("MainContent")
struct MainContentTests {
    @Test func commasOfEveryScriptAreCounted() {
        #expect(MainContent.commaCount("") == 0)
        #expect(MainContent.commaCount("a, b, c") == 2)
        #expect(MainContent.commaCount("東京、大阪、名古屋") == 2)
        #expect(MainContent.commaCount("北京，上海, 平壤") == 2)
        // Other characters sharing a lead byte are not commas (。 is E3 80 82, ｛ is EF BD 9B).
        #expect(MainContent.commaCount("終わり。｛x｝") == 0)
        let mixed = "one, 二、三，four"
        #expect(MainContent.commaCount(mixed) == mixed.unicodeScalars.filter { [",", "、", "，"].contains($0) }.count)
    }

    /// Eight bytes at a time, the count is the count of the three commas, wherever they fall.
    @Test func commaCountAgreesWithCountingCharacters() {
        let pieces = [",", "、", "，", "a", "東", "가", " ", "\u{E3}", "ｃ", "abcdefgh"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...40, using: &generator)).map { _ in
                pieces.randomElement(using: &generator)!
            }.joined()
            let commas = text.filter { $0 == "," || $0 == "、" || $0 == "，" }.count
            #expect(MainContent.commaCount(text) == commas, "\(text)")
        }
    }

    static let long =
        "The river rose again this week, and traders on both banks said prices for rice, corn and fuel had climbed"

    @Test func teasersOutsideTheArticleBlockAreDropped() throws {
        let article = (1...5).map { "<p>\(Self.long), story paragraph \($0).</p>" }.joined()
        let record = try extract(
            """
            <html><body><div id="page">
            <div class="story">\(article)</div>
            <div class="more"><p>Another story you may like, with a long teaser sentence that goes on.</p></div>
            </div></body></html>
            """)
        #expect(record.paragraphs.count == 5)
        #expect(!(record.text ?? "").contains("may like"))
    }

    @Test func siblingBlocksThatScoreWellAreKept() throws {
        let part = { (n: Int) in (1...3).map { "<p>\(Self.long), part \(n) paragraph \($0).</p>" }.joined() }
        let record = try extract("<html><body><div><div>\(part(1))</div><div>\(part(2))</div></div></body></html>")
        #expect(record.paragraphs.count == 6)
    }

    /// A page builder's article: each part in its own module and wrapper of the same shape.
    @Test func sectionsOfOneArticleInParallelWrappersAreKept() throws {
        let part = { (n: Int, count: Int) in
            (1...count).map { "<p>\(Self.long), section \(n) paragraph \($0).</p>" }.joined()
        }
        // One long paragraph, alone in a module of the same shape: an "About the company" box.
        let about =
            "Acme, founded in 1901, makes anvils, rockets, magnets, springs, glue, paint, skates and traps, "
            + "and employs, in twelve countries, about 3,000 people, most of them, it says, happy ones."
        let record = try extract(
            """
            <html><head><title>River report</title></head><body><article><h1>River report</h1>
            <div class="module"><div class="wrap">\(part(1, 6))</div></div>
            <div class="module"><div class="wrap"><h2>Second part</h2>\(part(2, 3))</div></div>
            <div class="module"><div class="wrap">\(part(3, 2))</div></div>
            <div class="module"><div class="wrap">\
            \((1...4).map { _ in "<div>\(part(4, 1))</div>" }.joined())</div></div>
            <div class="module"><div class="wrap"><p>\(about)</p></div></div>
            </article></body></html>
            """)
        let texts = record.paragraphs.map(\.text)
        #expect(texts.filter { $0.contains("section 1") }.count == 6)
        #expect(texts.filter { $0.contains("section 2") }.count == 3)
        #expect(texts.filter { $0.contains("section 3") }.count == 2)
        // A section whose paragraphs each sit in a wrapper of their own.
        #expect(texts.filter { $0.contains("section 4") }.count == 4)
        #expect(texts.contains("Second part"))
        #expect(!texts.contains(about))
    }

    /// A short closing section (a heading and two paragraphs) in a wrapper of
    /// the block's shape scores far below a long block; it is kept from a
    /// twentieth of the block's score (``MainContent/sectionShare``), not the fifth a sibling block needs.
    @Test func aShortSectionBesideALongBlockIsKept() throws {
        let part = { (n: Int, count: Int) in
            (1...count).map { "<p>\(Self.long), section \(n) paragraph \($0).</p>" }.joined()
        }
        let record = try extract(
            """
            <html><head><title>River report</title></head><body><article><h1>River report</h1>
            <div class="module"><div class="wrap">\(part(1, 12))</div></div>
            <div class="module"><div class="wrap"><h2>What comes next</h2>\(part(2, 2))</div></div>
            </article></body></html>
            """)
        let texts = record.paragraphs.map(\.text)
        #expect(texts.filter { $0.contains("section 1") }.count == 12)
        #expect(texts.filter { $0.contains("section 2") }.count == 2)
        #expect(texts.contains("What comes next"))
    }

    /// A standfirst kept from the article's `<header>` (``HeaderLead``) leads
    /// the article however far above the block its header is, and outside
    /// the element marked as the body.
    @Test func aHeaderLeadFarAboveAMarkedBodyIsKept() throws {
        let lead =
            "The river rose for a third week, and the towns on both banks, which had seen nothing like it "
            + "since 1953, asked the government for help with dams, pumps, boats and shelters "
            + "for the evacuated families."
        let body = (1...5).map { "<p>\(Self.long), story paragraph \($0).</p>" }.joined()
        let record = try extract(
            """
            <html><head><title>River report</title></head><body><article>
            <header><h1>River report</h1><p>\(lead)</p></header>
            <div class="wrap"><div class="inner"><div class="article-body">\(body)</div></div></div>
            </article></body></html>
            """)
        #expect(record.paragraphs.map(\.text).first == lead)
        #expect(record.paragraphs.count == 6)
    }

    /// Only elements at the block's own depth, under a container a few levels up, are its sections.
    @Test func aSectionSitsAtTheBlocksDepth() {
        // 0 ─┬─ 1 ── 3          (3: the block)
        //    └─ 2 ── 4 ── 5
        let parentOf = [-1, 0, 0, 1, 2, 4]
        #expect(MainContent.isSection(4, of: 3, parentOf: parentOf))
        #expect(!MainContent.isSection(5, of: 3, parentOf: parentOf))
        #expect(!MainContent.isSection(2, of: 3, parentOf: parentOf))
        // Two chains of `length` elements under the root: their last elements share only the root, `length` levels up.
        func twoChains(_ length: Int) -> [Int] {
            var parents = [-1]
            for _ in 0..<2 {
                var previous = 0
                for _ in 0..<length {
                    parents.append(previous)
                    previous = parents.count - 1
                }
            }
            return parents
        }
        let near = twoChains(MainContent.sectionLevels)
        #expect(MainContent.isSection(near.count - 1, of: MainContent.sectionLevels, parentOf: near))
        let far = twoChains(MainContent.sectionLevels + 1)
        #expect(!MainContent.isSection(far.count - 1, of: MainContent.sectionLevels + 1, parentOf: far))
    }

    /// An intro written straight into the article's wrapper, beside the block that holds the rest.
    @Test func introBesideTheArticleBlockIsKept() throws {
        let intro = "In short: the river rose again, and this is what it means for the farmers along both of its banks."
        let body = (1...4).map { "<p>\(Self.long), body paragraph \($0).</p>" }.joined()
        let record = try extract(
            """
            <html><body><div class="wrapper"><p>\(intro)</p><p>Updated an hour ago</p>
            <div class="text">\(body)</div></div></body></html>
            """)
        let texts = record.paragraphs.map(\.text)
        #expect(texts.first == intro)
        #expect(texts.count == 5)
        #expect(!texts.contains("Updated an hour ago"))
    }

    /// A lead (standfirst) in a wrapper of its own before the article's block, under the same container.
    @Test func leadBeforeTheArticleBlockIsKept() throws {
        let lead =
            "The river rose again this week, and this summary says what it means for the farmers on both banks."
        let teaser = "Another story from the front page, with a teaser long enough to read like a paragraph of prose."
        let body = (1...4).map { "<p>\(Self.long), body paragraph \($0).</p>" }.joined()
        let record = try extract(
            """
            <html><body><div class="column"><div class="teaser"><p>\(teaser)</p></div></div>
            <div class="page"><div class="article">
            <div class="head"><h1>River report</h1><div class="intro"><p>\(lead)</p></div></div>
            <div class="source"><p>https://example.com/news/2024/05/the-river-rose-again-this-week-and-the-farmers</p>
            </div><p>By A. Writer</p><div class="text">\(body)</div></div></div></body></html>
            """)
        let texts = record.paragraphs.map(\.text)
        #expect(texts.first == lead)
        #expect(texts.filter { $0.contains("body paragraph") }.count == 4)
        #expect(!texts.contains(teaser))
        #expect(!texts.contains("By A. Writer"))
        #expect(!texts.contains { $0.hasPrefix("https://") })
    }

    /// The lead is looked for as far up as the article's sections are found: a
    /// block editor's article, each part under its own wrappers, its lead in a
    /// wrapper straight in the article.
    @Test func leadAsFarUpAsTheSectionsReach() throws {
        let lead = "The river rose again this week, and this summary says what it means for the farmers on both banks."
        let part = { (n: Int, count: Int) in
            (1...count).map { "<div class=\"block\"><p>\(Self.long), part \(n) paragraph \($0).</p></div>" }.joined()
        }
        let record = try extract(
            """
            <html><body><article><div class="block"><p>\(lead)</p></div>
            <section><div class="row"><div class="group">\(part(1, 4))</div></div></section>
            <section><div class="row"><div class="group">\(part(2, 6))</div></div></section>
            </article></body></html>
            """)
        let texts = record.paragraphs.map(\.text)
        #expect(texts.first == lead)
        #expect(texts.filter { $0.contains("part 1") }.count == 4)
        #expect(texts.filter { $0.contains("part 2") }.count == 6)
    }

    /// Two nested body marks (`article-body` around `article-text`): the lead
    /// beside the inner one, inside the outer one, is the article's.
    @Test func leadInsideTheOuterBodyMarkIsKept() throws {
        let lead = "The river rose again this week, and this summary says what it means for the farmers on both banks."
        let body = (1...12).map { "<p>\(Self.long), body paragraph \($0).</p>" }.joined()
        let record = try extract(
            """
            <html><body><div class="page"><div class="article-body"><p class="lead">\(lead)</p>
            <div class="article-text">\(body)</div></div></div></body></html>
            """)
        let texts = record.paragraphs.map(\.text)
        #expect(texts.first == lead)
        #expect(texts.count == 13)
    }

    /// Only the last two long paragraphs before the block: a lead, not the page above it
    /// (the rest of the nearest one's wrapper aside, ``LeadWrapper``).
    @Test func aLeadIsAtMostTwoParagraphs() {
        // 0 ─ 1 ─┬─ 4 (a paragraph before the block)
        //        ├─ 2 (two paragraphs before the block)
        //        └─ 3 (the block)
        let parentOf = [-1, 0, 1, 1, 1]
        let before = (0..<3).map { (text: Self.long + " \($0)", ancestors: [0, 1, $0 == 0 ? 4 : 2]) }
        let block = (0..<5).map { (text: Self.long + ", in the block \($0)", ancestors: [0, 1, 3]) }
        let lengths = (before + block).map { $0.text.unicodeScalarCount }
        let lead = MainContent.lead(
            before: Array(3..<8), of: 3, before + block, lengths: lengths, parentOf: parentOf)
        #expect(lead == [1, 2])
    }

    @Test func shortParagraphsInsideTheArticleStay() throws {
        let record = try extract(
            """
            <html><body><article><p>\(Self.long).</p><p>Short one.</p><p>\(Self.long), again.</p></article>
            <div><p>Elsewhere.</p></div></body></html>
            """)
        #expect(record.paragraphs.map(\.text).contains("Short one."))
        #expect(!record.paragraphs.map(\.text).contains("Elsewhere."))
    }

    @Test func withoutOneDominantBlockEverythingIsKept() {
        // Four sibling blocks of equal weight: all of them are the article.
        let paragraphs = (0..<4).map { (text: Self.long, ancestors: [0, $0 + 1]) }
        let parentOf = [-1, 0, 0, 0, 0]
        #expect(MainContent.select(paragraphs, parentOf: parentOf) == [0, 1, 2, 3])
        #expect(MainContent.select([], parentOf: []) == [])
    }

    @Test func disabledSelectionKeepsEveryParagraph() throws {
        var stage = ExtractStage()
        stage.useMainContent = false
        let article = (1...5).map { "<p>\(Self.long) \($0).</p>" }.joined()
        let record = try extract(
            "<html><body><div>\(article)</div><div><p>\(Self.long), teaser.</p></div></body></html>", stage: stage)
        #expect(record.paragraphs.count == 6)
    }
}

@Suite("Chrome rules found on real pages")
struct ChromeRuleRegressionTests {
    @Test func aPageWrappedInAFormKeepsItsText() throws {
        // ASP.NET pages put the whole body in <form id="form1">.
        let record = try extract(
            "<html><body><form id=\"form1\"><div><p>The article inside the page form.</p></div><input name=\"q\">"
                + "</form></body></html>"
        )
        #expect(record.text == "The article inside the page form.")
    }

    @Test func aChromeWordAfterALayoutModifierDoesNotDropTheBlock() throws {
        let record = try extract(
            """
            <html><body><div class="content-with-sidebar-wrp"><p>Story.</p></div>
            <div class="has-sidebar"><p>More story.</p></div><div class="sidebar"><p>Widget.</p></div></body></html>
            """)
        #expect(record.paragraphs.map(\.text) == ["Story.", "More story."])
    }
}

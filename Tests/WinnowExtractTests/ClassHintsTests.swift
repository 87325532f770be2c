import Testing
import WinnowHTML

@testable import WinnowExtract

/// Class and id words, read part by part without allocating.
@Suite("ClassHints")
struct ClassHintsTests {
    @Test func aPartNamingChromeMarksChrome() {
        #expect(ClassHints("article-social share-bar").chrome)
        #expect(ClassHints("comments").chrome)
        #expect(ClassHints("photo-gallery").chrome)
        #expect(ClassHints("slideshow__frame").chrome)
        #expect(!ClassHints("story-body").chrome)
        #expect(!ClassHints("").chrome)
    }

    @Test func aLayoutModifierBeforeTheChromePartDescribesALayout() {
        #expect(!ClassHints("no-share").chrome)
        #expect(!ClassHints("has-sidebar").chrome)
        #expect(ClassHints("share-no").chrome)  // the modifier must come first
    }

    /// `main-and-sidebar`: a wrapper named for the two columns it holds, the article's among them.
    @Test func aWordJoiningTwoPartsWithAndDescribesALayout() throws {
        #expect(!ClassHints("inline-and-sidebar-container").chrome)
        #expect(!ClassHints("post-and-ads-wrapper").chrome)
        #expect(ClassHints("sidebar-and-ads").chrome)  // the first part still names chrome
        let article = (1...3).map { "<p>The river rose again this week, and traders said prices climbed, \($0).</p>" }
        let record = try extract(
            """
            <html><body><section class="inline-and-sidebar-container"><div class="text">\(article.joined())</div>
            </section></body></html>
            """)
        #expect(record.paragraphs.count == 3)
    }

    /// `map-and-related`: a layout part before `related` names a wrapper, not a related-articles block.
    @Test func aLayoutModifierBeforeRelatedDescribesALayout() throws {
        #expect(ClassHints("related-posts").related)
        #expect(!ClassHints("map-and-related").related)
        #expect(!ClassHints("no-related").related)
        let article = (1...3).map { "<p>The river rose again this week, and traders said prices climbed, \($0).</p>" }
        let record = try extract(
            "<html><body><div id=\"map-and-related\"><div class=\"text\">\(article.joined())</div></div></body></html>")
        #expect(record.paragraphs.count == 3)
    }

    /// A sidebar's boxes are `widget …`; a page builder's components are `<builder>-widget`.
    @Test func widgetAfterAnotherPartNamesAComponent() {
        for words in ["builder-widget", "ck-widget row", "card-widget__content", "builder-widget builder-widget-text"] {
            #expect(ClassHints(words).chrome && ClassHints(words).component, "\(words)")
        }
        // Chrome, not a component: at the start of a word, after a chrome part, with another chrome
        // word, a picture's box (its caption), a box that asks something of the reader.
        for words in [
            "widget", "widget_text", "sidebar-widget", "builder-widget share", "image-widget", "subscription-widget",
            "zone-widget-cta-letter",
        ] {
            #expect(ClassHints(words).chrome && !ClassHints(words).component, "\(words)")
        }
    }

    @Test func aContentWordOverridesEveryChromeWord() {
        #expect(!ClassHints("entry-content share-buttons").chrome)
        #expect(!ClassHints("share-buttons entry-content").chrome)
        // A word that names both content and chrome is chrome: the override needs a content-only word.
        #expect(ClassHints("article-comments").chrome)
    }

    @Test func wholePartsOnly() {
        #expect(!ClassHints("shared-story").chrome)  // "shared" is not "share"
        #expect(!ClassHints("loaded").chrome)  // "ad" only as a whole part
        #expect(ClassHints("ad-slot").chrome)
    }

    @Test func relatedAndAuthorParts() {
        #expect(ClassHints("jnews_related_post_container").related)
        #expect(!ClassHints("unrelated").related)
        #expect(ClassHints("jeg_meta_author").author)
        #expect(ClassHints("post-byline").author)
        #expect(!ClassHints("authority").author)
    }

    @Test func aPricePartMarksPriceMarkup() {
        #expect(ClassHints("product-price").price)
        #expect(ClassHints("woocommerce-price-amount").price)
        #expect(!ClassHints("priceless-moments").price)
        #expect(!ClassHints("product-price").chrome)
        let isRead = ClassHints.isRead(Array("sale_price".utf8).span)
        #expect(isRead)  // the pre-parse filter keeps the word
    }

    @Test func wordsThatCanChangeAHintAreRead() {
        func isRead(_ word: String) -> Bool { ClassHints.isRead(Array(word.utf8).span) }
        for word in [
            "share", "Share-Bar", "no-ads", "x_comment", "entry-content", "story", "ARTICLE", "byline", "related",
            "모바일",
        ] {
            #expect(isRead(word), "\(word)")
        }
        for word in ["flex", "px-4", "shared", "loaded", "col-md-8", "-", "", "main-contents"] {
            #expect(!isRead(word), "\(word)")
        }
    }

    /// Dropping the words `isRead` refuses leaves every hint as it was.
    @Test func droppingUnreadWordsKeepsTheHints() {
        let vocabulary = [
            "flex", "share", "no-ads", "entry-content", "content", "px-4", "related-list", "col", "ad",
            "author-box", "story", "has-sidebar", "mt-2", "ÜBER", "KELVIN-\u{212A}",
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let words = (0..<Int.random(in: 0...5, using: &generator)).map { _ in
                vocabulary.randomElement(using: &generator)!
            }
            let read = words.filter { ClassHints.isRead(Array($0.utf8).span) }
            func flags(_ text: String) -> [Bool] {
                let h = ClassHints(text.lowercased())
                return [h.chrome, h.related, h.author, h.articleBody]
            }
            #expect(flags(words.joined(separator: " ")) == flags(read.joined(separator: " ")), "\(words)")
        }
    }

    /// Whole words are matched by a key made of their parts and separators: every listed word, no near miss.
    @Test func articleBodyWordsAreWholeWords() {
        for word in ArticleExtractor.articleBodyClasses.map(String.init) {
            #expect(ClassHints(word).articleBody, "\(word)")
            #expect(ClassHints("x \(word) y").articleBody, "\(word)")
            let isRead = ClassHints.isRead(Array(word.uppercased().utf8).span)
            #expect(isRead, "\(word)")
            for miss in [
                "\(word)-x", "x-\(word)", "\(word)_", "_\(word)", word.replacingOccurrences(of: "-", with: "--"),
            ]
            where !ArticleExtractor.articleBodyClasses.contains(Substring(miss)) {
                #expect(!ClassHints(miss).articleBody, "\(miss)")
            }
        }
        #expect(!ClassHints("entrycontent").articleBody)
        #expect(!ClassHints("entry content").articleBody)
        #expect(ClassHints("entry-content").articleBody)
    }

    /// The screen-reader classes are whole words, read by the pre-parse filter too.
    @Test func screenReaderWordsAreWholeWords() {
        for word in ClassHints.screenReaderClasses {
            #expect(ClassHints("x \(word)").screenReaderOnly, "\(word)")
            let isRead = ClassHints.isRead(Array(word.utf8).span)
            #expect(isRead, "\(word)")
            #expect(!ClassHints("\(word)-x").screenReaderOnly, "\(word)")
        }
        #expect(!ClassHints("only hidden").screenReaderOnly)
        #expect(!ClassHints("entry-content").screenReaderOnly)
    }

    @Test func wordsAreSeparatedByAnyWhitespaceAndPartsByHyphenOrUnderscore() {
        #expect(ClassHints("main\tcookie_banner").chrome)
        #expect(ClassHints("x\nnewsletter-box").chrome)
    }

    /// Read from an element's attribute bytes, the hints are those of the joined, lowercased text.
    @Test func hintsFromAttributeBytesMatchHintsFromText() throws {
        struct Probe: HTMLVisitor {
            var pairs: [(bytes: [Bool], text: [Bool], classAndID: String)] = []
            mutating func enter(_ element: HTMLElement) -> VisitDecision {
                if element.isNamed("div") {
                    let attributes = element.commonAttributes
                    func flags(_ h: ClassHints) -> [Bool] { [h.chrome, h.related, h.author, h.articleBody] }
                    pairs.append(
                        (flags(ClassHints(attributes)), flags(ClassHints(attributes.classAndID)), attributes.classAndID)
                    )
                }
                return .descend
            }
            mutating func text(_ text: String) {}
            mutating func exit(_ element: HTMLElement) {}
        }
        let html = """
            <body><div class="Share-Bar">a</div><div id="RELATED-posts">b</div><div class="entry-content share" \
            id="x">c</div>
            <div class="no-share" id="story">d</div><div class="byline">e</div><div class="Article-Body">f</div>
            <div class="ÉTIQUETTE comments">g</div><div class="" id="">h</div><div \
            class="has-sidebar">i</div><div>j</div></body>
            """
        var probe = Probe()
        _ = try HTMLStream.parse(utf8: Array(html.utf8), visitor: &probe)
        #expect(probe.pairs.count == 10)
        for pair in probe.pairs { #expect(pair.bytes == pair.text, "\(pair.classAndID)") }
        #expect(probe.pairs.map(\.bytes[0]) == [true, true, false, false, false, false, true, false, false, false])
    }
}

import Testing
import WinnowCore

@testable import WinnowExtract

/// The walks tried when the first walk finds (almost) no text: the narrowest
/// that finds it, chrome still skipped by class words and roles.
@Suite struct FallbackWalkTests {
    private static let post =
        "<p>I have just installed version 5.0, but at every reboot the message says the server is starting, and the "
        + "log shows the same warning every minute, so something changed between the two releases.</p>"

    /// A forum served to clients without scripts: its posts (each in its own wrapper, so that no block holds most
    /// of the text and the page is kept whole), its related-topics box (a `complementary` role), a menu (a chrome
    /// class word) and its footer, all in `<noscript>`.
    @Test func chromeInsideNoscriptIsStillSkipped() throws {
        let posts = String(repeating: #"<div class="reply"><div class="post">\#(Self.post)</div></div>"#, count: 4)
        let html = """
            <html><head><title>Reboot loop</title></head><body>
            <section id="splash"><p>Loading…</p></section>
            <noscript>
            <div class="site-menu"><p>Forum home, categories, guidelines and the latest topics</p></div>
            <div class="topic">\(posts)</div>
            <div id="related-topics" role="complementary"><h3>Suggested threads</h3>
            <p>Version 4.9 will not start after the upgrade, and the log is full of warnings about the integrations</p>
            </div>
            <footer><p>Powered by ForumSoft, best viewed with scripts turned on in your browser</p></footer>
            </noscript>
            </body></html>
            """
        let text = try #require(try extract(html).text)
        #expect(text.contains("I have just installed version 5.0"))
        #expect(!text.contains("Suggested threads"))
        #expect(!text.contains("Version 4.9 will not start"))
        #expect(!text.contains("Forum home"))
        #expect(!text.contains("Powered by"))
    }

    /// The text a chrome class word wraps is most of the page: the walk without class hints is taken, not the
    /// scraps the class words leave.
    @Test func aNarrowWalkThatLosesMostOfTheTextIsNotTaken() throws {
        let html = """
            <html><head><title>Reboot loop</title></head><body>
            <noscript>
            <p>Sign in to reply to this topic and to follow it, or create an account in a minute to join us</p>
            <div class="sidebar-layout">\(String(repeating: Self.post, count: 6))</div>
            </noscript>
            </body></html>
            """
        let text = try #require(try extract(html).text)
        #expect(text.contains("I have just installed version 5.0"))
    }

    /// The article sits in a block a role marks as chrome (a class word alone would have it walked on trial,
    /// `ProseInChrome`), so the first walk chose a promo strip and the widest walk is taken; the newsletter box
    /// and the menu inside the article's block, chrome without prose (no paragraph of 200 characters), stay out
    /// of the text.
    @Test func linesOfChromeWithoutProseStayOutOfAWideWalksText() throws {
        let paragraph =
            "The harbour reopened on Monday after a week of repairs to the sea wall, the port authority said, and "
            + "boats left for the fishing grounds at first light, followed by the ferry to the islands and the first "
            + "of the cargo ships."
        let html = """
            <html><head><title>Harbour reopens</title></head><body>
            <div class="teasers"><p>The Front Page Podcast: get the top stories in five minutes</p>
            <p>LATEST: the next storm and why it may never end</p>
            <p>January 6: will we ever know the truth? A new episode</p>
            <p>Weather: more rain expected across the coast next week</p></div>
            <div class="sidebar-layout" role="complementary">\(String(repeating: "<p>\(paragraph)</p>", count: 10))
            <div class="newsletter-box"><p>Get our newsletter every morning</p><p>Sign up now, it is free</p></div>
            <ul class="menu-inline"><li>Print this story</li><li>Email it to a friend</li></ul>
            </div>
            </body></html>
            """
        let record = try extract(html)
        let text = try #require(record.text)
        #expect(text.contains("The harbour reopened"))
        #expect(record.warnings.contains { $0.contains("extracted again without class hints") })
        #expect(!text.contains("Get our newsletter"))
        #expect(!text.contains("Sign up now"))
        #expect(!text.contains("Print this story"))
    }

    /// A page whose text is all in chrome without prose (a shop's page inside its header) keeps it.
    @Test func aPageThatIsAllChromeKeepsItsLines() throws {
        let items = (1...12).map { "<li>Blue cotton shirt, size \($0), in stock and ready to ship today</li>" }
        let html = """
            <html><head><title>Shirts</title></head><body>
            <header class="site-header"><button class="menu-button"><ul class="menu">\(items.joined())</ul>
            </button></header>
            </body></html>
            """
        #expect(try extract(html).text?.contains("Blue cotton shirt, size 7") == true)
    }

    @Test func theNarrowWalkIsTakenWhenItFindsEnoughAndHalfTheWidestsText() {
        #expect(ExtractStage.takesNarrower(900, widest: 1000, atLeast: 401))
        #expect(!ExtractStage.takesNarrower(300, widest: 1000, atLeast: 401))
        // Enough bytes, but under half of what the widest walk finds: class words cut the page's text.
        #expect(!ExtractStage.takesNarrower(450, widest: 1000, atLeast: 401))
        #expect(ExtractStage.takesNarrower(500, widest: 1000, atLeast: 401))
    }
}

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

    @Test func theNarrowestWalkThatFindsEnoughIsTaken() {
        #expect(ExtractStage.narrowestFallback([900, 1000], atLeast: 401) == 0)
        #expect(ExtractStage.narrowestFallback([300, 1000], atLeast: 401) == 1)
        // Enough bytes, but under half of what the widest walk finds: class words cut the page's text.
        #expect(ExtractStage.narrowestFallback([450, 1000], atLeast: 401) == 1)
        #expect(ExtractStage.narrowestFallback([100, 300], atLeast: 401) == nil)
    }
}

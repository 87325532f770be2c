import Testing
import WinnowCore

@testable import WinnowExtract

@Suite("DescriptionText")
struct DescriptionTextTests {
    /// A page drawn by scripts, saved as its shell: the head describes the
    /// topic, the body holds only an empty app root and a hidden login form.
    static let appShell = """
        <html><head><title>Which kettle lasts? - Example Community</title>
        <meta name="description" content="I have owned four kettles in ten years and only one still works.">
        </head><body><section id="main"></section>
        <form style="display: none"><input type="submit" value="Log In"></form>
        <script>start()</script></body></html>
        """

    @Test func anAppShellKeepsItsDescriptionAsItsText() throws {
        let record = try extract(Self.appShell)
        #expect(record.text == "I have owned four kettles in ten years and only one still works.")
        #expect(record.warnings.contains(DescriptionText.warning))
        // The record keeps what the head gives besides (the page is not rejected).
        #expect(record.title?.hasPrefix("Which kettle lasts?") == true)
    }

    @Test func aPageWithBodyTextKeepsItsBodyNotItsDescription() throws {
        let html = Self.appShell.replacingOccurrences(
            of: "<section id=\"main\"></section>",
            with: "<section id=\"main\"><p>The steel one from the corner shop is still boiling water.</p></section>")
        let record = try extract(html)
        #expect(record.text == "The steel one from the corner shop is still boiling water.")
        #expect(!record.warnings.contains(DescriptionText.warning))
    }

    @Test func aDescriptionShorterThanTheMinimumIsStillRejected() {
        let failure = rejection(Array(Self.appShell.utf8), stage: ExtractStage(minTextCharacters: 500))
        #expect(failure == StageFailure(stage: "extract", reason: "no body text (0 characters, min_text_chars=500)"))
    }

    @Test func aShellWithoutDescriptionIsStillRejected() {
        let html = Self.appShell.replacingOccurrences(of: "name=\"description\"", with: "name=\"robots\"")
        #expect(
            rejection(Array(html.utf8))
                == StageFailure(stage: "extract", reason: "no body text (0 characters, min_text_chars=1)"))
    }
}

import Testing
import WinnowCore

@testable import WinnowExtract

@Suite("Author element lines")
struct AuthorElementTests {
    private func article(_ author: String) -> String {
        """
        <html><head><title>Desk setup</title></head><body><article>
        <h1>Setting up a desk step by step</h1>
        \(author)
        <p>The first paragraph explains how a desk is set up, with the monitor at eye height and the chair low.</p>
        <p>The second paragraph goes on with the keyboard and the lamp, and with the breaks the body needs.</p>
        </article></body></html>
        """
    }

    @Test func aJobTitleInItsOwnBlockIsNoPartOfTheName() throws {
        let record = try extract(
            article(
                #"<div class="author-box"><div class="author-name">Jane Doe</div><div>Founder at Example</div></div>"#))
        #expect(record.authors == ["Jane Doe"])
    }

    @Test func aByLineAndALogoBeforeTheNameAreSkipped() {
        #expect(
            AuthorElement.nameLine("Travel\u{1F}By\u{1F}Jane Doe\u{1F}Senior Gardener", siteName: nil) == "Jane Doe")
    }

    @Test func withoutATwoWordNameTheElementIsReadWhole() {
        #expect(AuthorElement.nameLine("dailystar\u{1F}By Jane", siteName: nil) == "dailystar By Jane")
        #expect(AuthorElement.nameLine("Jane Doe, Reporter", siteName: nil) == "Jane Doe, Reporter")
    }
}

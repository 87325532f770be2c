import Testing
import WinnowCore

@testable import WinnowExtract

@Suite("TrailingHeading")
struct TrailingHeadingTests {
    static let story = """
        <html><body><article><h1>The bridge reopens</h1>
        <p>The old bridge over the river reopened on Monday after two years of repairs to its piers.</p>
        <p>Drivers had used a ferry and a long detour through the next town while the work went on.</p>
        %@
        </article></body></html>
        """

    static func page(ending: String) -> String { story.replacingOccurrences(of: "%@", with: ending) }

    @Test func aHeadingWhoseBoxWasLeftOutDoesNotEndTheBody() throws {
        // A related-stories box: its links are dropped as a link list, its heading was left behind.
        let record = try extract(
            Self.page(
                ending: """
                    <h2>Stories you may like</h2>
                    <ul><li><a href="/a">One</a></li><li><a href="/b">Two</a></li></ul>
                    """))
        #expect(
            record.paragraphs.last?.text == "Drivers had used a ferry and a long detour through the next town "
                + "while the work went on.")
        #expect(record.text?.contains("Stories you may like") == false)
    }

    @Test func twoHeadingsInARowAtTheEndAreDropped() {
        let body = [
            Record.Paragraph(text: "The article's last paragraph."),
            Record.Paragraph(text: "More guides", kind: .heading),
            Record.Paragraph(text: "Follow us", kind: .heading),
        ]
        #expect(TrailingHeading.dropped(from: body) == [body[0]])
    }

    @Test func aHeadingFollowedByTextStays() throws {
        let record = try extract(
            Self.page(ending: "<h2>What comes next</h2><p>A second bridge downstream is due to close in May.</p>"))
        #expect(record.paragraphs.map(\.text).contains("What comes next"))
    }

    @Test func aListOfHeadlinesAtTheEndStays() {
        // A section front's teasers are headings one after another: more than a box's heading.
        let body =
            [Record.Paragraph(text: "Latest from the desk.")]
            + (1...3).map { Record.Paragraph(text: "Headline \($0)", kind: .heading) }
        #expect(TrailingHeading.dropped(from: body) == body)
    }

    @Test func aBodyOfOnlyHeadingsStays() {
        let body = [Record.Paragraph(text: "Coming soon", kind: .heading)]
        #expect(TrailingHeading.dropped(from: body) == body)
    }
}

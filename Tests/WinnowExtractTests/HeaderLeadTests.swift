import Testing
import WinnowCore

@testable import WinnowExtract

@Suite("HeaderLead")
struct HeaderLeadTests {
    static let body = [
        "The river rose two metres overnight, and the fire brigade moved forty families from the lower streets.",
        "By morning the water had reached the market square, where traders carried their stock to the first floors.",
        "The town council opened the school gym as a shelter and asked residents to keep off the riverside paths.",
    ]
    static let lead =
        "After three days of rain the river burst its banks in the old town; dozens of families spent the night "
        + "in a school gym, and the water is still rising."

    static func page(header: String) -> String {
        """
        <html><body><nav><a href="/">Home</a></nav><main><article>\(header)\
        <div class="text">\(body.map { "<p>\($0)</p>" }.joined())</div></article></main>\
        <footer><p>Copyright notice of the site, all rights reserved.</p></footer></body></html>
        """
    }

    /// The lead written in the article's `<header>` after its headline is
    /// the article's first paragraph, with and without the pre-parse filter;
    /// the headline and the date line are not.
    @Test func theLeadInTheArticlesHeaderAfterItsHeadlineIsKept() throws {
        let html = Self.page(
            header: """
                <header class="articlehead"><h1>Floods in the old town: families leave their homes</h1>\
                <div class="lastchanged">Updated: 12 March 2024, 09:30</div>\
                <p class="preface">\(Self.lead)</p></header>
                """)
        for filter in [true, false] {
            let record = try extract(html, stages: ExtractionStages(preParseFilter: filter))
            #expect(record.paragraphs.map(\.text) == [Self.lead] + Self.body)
        }
    }

    /// A header with too little text for the pre-parse filter to keep it
    /// (``ProseInChrome/filterTextBytes``) gives nothing, with or without the filter.
    @Test func aHeaderWithLittleTextGivesNothing() throws {
        let short =
            "After three days of rain the river burst its banks in the old town, and dozens of families spent "
            + "the night away."
        #expect(short.utf8.count >= ProseInChrome.proseParagraphBytes)
        let html = Self.page(header: #"<header><h1>Floods</h1><p>\#(short)</p></header>"#)
        for filter in [true, false] {
            let record = try extract(html, stages: ExtractionStages(preParseFilter: filter))
            #expect(record.paragraphs.map(\.text) == Self.body)
        }
    }

    /// A paragraph before the header's headline (a disclosure, a site's
    /// tagline) is no lead; nor is a list item after it.
    @Test func onlyParagraphsAfterTheHeadlineAreLeads() {
        let paragraphs: ArraySlice<Record.Paragraph> = [
            Record.Paragraph(text: Self.lead + " Before."), Record.Paragraph(text: "Floods", kind: .heading),
            Record.Paragraph(text: Self.lead), Record.Paragraph(text: Self.lead + " An item.", kind: .list),
            Record.Paragraph(text: "Updated: 12 March 2024"),
        ]
        #expect(HeaderLead.kept(paragraphs, text: 400) == [2])
        #expect(HeaderLead.kept(paragraphs.dropFirst(2), text: 400).isEmpty)
        #expect(HeaderLead.kept(paragraphs, text: ProseInChrome.filterTextBytes - 1).isEmpty)
    }
}

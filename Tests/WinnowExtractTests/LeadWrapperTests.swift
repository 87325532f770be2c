import Testing
import WinnowCore

@testable import WinnowExtract

@Suite("LeadWrapper")
struct LeadWrapperTests {
    /// Three paragraphs of 300 characters with nine commas each: the scored block.
    static let body = (1...3).map { n in
        "The storm reached the coast at noon, and by evening the harbour, the promenade, the old market, the "
            + "station, the school, the two bridges, the town hall and the lower streets were under water, while the "
            + "fire brigade, helped by volunteers from the villages inland, moved families to the sports hall \(n)."
    }
    /// Intro paragraphs of about 100 characters without commas: too few points to be a block of their own.
    static let intro = (1...3).map { n in
        "Part \(n) of the intro says what the reader will find below and why the flood matters to the region."
    }

    static func page(intro: String, header: String = "") -> String {
        """
        <html><body><div class="article">\(header)<div class="intro">\(intro)</div>\
        <div class="body">\(body.map { "<p>\($0)</p>" }.joined())</div></div></body></html>
        """
    }

    /// An intro box of three long paragraphs: the lead takes two, the wrapper brings the third.
    @Test func theLeadsWrapperBringsItsOtherParagraphs() throws {
        let record = try extract(Self.page(intro: Self.intro.map { "<p>\($0)</p>" }.joined()))
        #expect(record.paragraphs.map(\.text) == Self.intro + Self.body)
    }

    /// A short sentence in the intro box, which the lead passes over, is the article's too.
    @Test func aShortSentenceInTheLeadsWrapperIsKept() throws {
        let sentence = "Here are the streets to avoid this week."
        let record = try extract(Self.page(intro: "<p>\(Self.intro[0])</p><p>\(sentence)</p>"))
        #expect(record.paragraphs.map(\.text) == [Self.intro[0], sentence] + Self.body)
    }

    /// A date line and a byline in the lead's wrapper end without a full stop: not prose.
    @Test func linesThatEndNoSentenceStayOut() throws {
        let record = try extract(
            Self.page(intro: "<p>Updated on the evening of 12 March 2024</p><p>\(Self.intro[0])</p>"))
        #expect(record.paragraphs.map(\.text) == [Self.intro[0]] + Self.body)
    }

    /// Only the nearest lead paragraph's wrapper: a summary box before the intro stays out.
    @Test func anEarlierBoxIsNotTheLeadsWrapper() throws {
        let summary = "<div class=\"summary\"><p>\(Self.intro[0])</p><p>\(Self.intro[1])</p></div>"
        let record = try extract(Self.page(intro: "<p>\(Self.intro[2])</p>", header: summary))
        #expect(record.paragraphs.map(\.text) == [Self.intro[1], Self.intro[2]] + Self.body)
    }

    @Test func proseIsLongOrEndsASentence() {
        #expect(LeadWrapper.isProse(String(repeating: "a", count: 80), scalars: 80))
        #expect(LeadWrapper.isProse("Here are the streets to avoid this week.", scalars: 40))
        #expect(!LeadWrapper.isProse("Updated on 12 March 2024 at 10:00", scalars: 33))
        #expect(!LeadWrapper.isProse("Short.", scalars: 6))
    }
}

import Testing
import WinnowCore

@testable import WinnowExtract

@Suite("TeaserBox")
struct TeaserBoxTests {
    static let long =
        "The river rose again this week, and traders on both banks said prices for rice, corn and fuel had climbed"

    static func page(box: String) -> String {
        let part = { (n: Int) in (1...3).map { "<p>\(Self.long), part \(n) paragraph \($0).</p>" }.joined() }
        return """
            <html><head><title>River report</title></head><body><article><h1>River report</h1>
            <div class="story">\(part(1))\(box)\(part(2))</div>
            </article></body></html>
            """
    }

    /// A box of linked headlines with a line of summary each, nested in the article's block, is left out.
    @Test func teasersNestedInTheBlockAreDropped() throws {
        let teaser = { (n: Int) in
            """
            <div class="item"><div class="text"><h4><a href="/story-\(n)">Another story number \(n)</a></h4>
            <p>A short summary of another story, number \(n), on the same topic.</p></div></div>
            """
        }
        let record = try extract(
            Self.page(box: "<div class=\"box\"><div class=\"list\">\(teaser(1))\(teaser(2))</div></div>"))
        let texts = record.paragraphs.map(\.text)
        #expect(texts.filter { $0.contains("part ") }.count == 6)
        #expect(!texts.contains { $0.contains("Another story") || $0.contains("short summary") })
    }

    /// The same shape without a link (a table of pros and cons written with headings) is the article's.
    @Test func aBoxWithoutALinkStays() throws {
        let cell = { (n: Int) in
            """
            <div class="item"><div class="text"><h4>Point number \(n)</h4>
            <p>A short remark on point number \(n) of the comparison.</p></div></div>
            """
        }
        let record = try extract(
            Self.page(box: "<div class=\"box\"><div class=\"list\">\(cell(1))\(cell(2))</div></div>"))
        let texts = record.paragraphs.map(\.text)
        #expect(texts.contains("Point number 1"))
        #expect(texts.contains { $0.contains("point number 2") })
    }
}

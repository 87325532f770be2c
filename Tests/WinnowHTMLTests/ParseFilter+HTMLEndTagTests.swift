import Testing

@testable import WinnowHTML

/// `</html>` does not end the page (a browser reads on into the body; libxml2 stops there).
@Suite("ParseFilter+HTMLEndTag")
struct ParseFilterHTMLEndTagTests {
    static let page = "<html><body><p>a</p></body></HTML >\n<div><p>b</p></div></html>"
    static let cut = "<html><body><p>a</p></body>\n<div><p>b</p></div>"

    @Test func theFilterCutsHTMLEndTags() {
        let result = ParseFilter.filter(Array(Self.page.utf8))
        #expect(String(decoding: result.bytes, as: UTF8.self) == Self.cut)
    }

    @Test func aParseWithoutTheFilterLosesThemToo() {
        #expect(String(decoding: ParseFilter.withoutHTMLEndTags(Array(Self.page.utf8)), as: UTF8.self) == Self.cut)
        let plain = Array("<p>a</p><htmlx></htmlx></h1>".utf8)
        #expect(ParseFilter.withoutHTMLEndTags(plain) == plain)
    }

    /// What libxml2 reads after the cut: the text after the early `</html>` is in the body.
    @Test func textAfterAnEarlyHTMLEndTagIsParsed() throws {
        struct Texts: HTMLVisitor {
            var texts: [String] = []
            mutating func enter(_ element: HTMLElement) -> VisitDecision { .descend }
            mutating func text(_ text: String) { if !text.allSatisfy(\.isWhitespace) { texts.append(text) } }
            mutating func exit(_ element: HTMLElement) {}
        }
        var whole = Texts()
        _ = try HTMLStream.parse(utf8: Array(Self.page.utf8), visitor: &whole)
        #expect(whole.texts == ["a"])  // libxml2 alone stops at `</html>`
        var cut = Texts()
        _ = try HTMLStream.parse(utf8: ParseFilter.filter(Array(Self.page.utf8)).bytes, visitor: &cut)
        #expect(cut.texts == ["a", "b"])
    }
}

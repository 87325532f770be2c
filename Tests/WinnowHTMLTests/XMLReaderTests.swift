import Foundation
import Testing

@testable import WinnowHTML

/// Writes down every event, one line each.
struct XMLTranscript: XMLVisitor {
    var lines: [String] = []
    var stopAfter = Int.max

    mutating func start(_ tag: XMLStartTag) {
        let attributes = tag.attributes.map { " \($0.name)=\($0.value)" }.joined()
        lines.append("<\(tag.name)\(attributes)>")
    }

    mutating func text(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if !trimmed.isEmpty { lines.append(trimmed) }
    }

    mutating func end(_ name: XMLName) { lines.append("</\(name)>") }

    var wantsMore: Bool { lines.count < stopAfter }
}

@Suite("XML reading (sitemaps, feeds)")
struct XMLReaderTests {
    @Test func elementsNamespacesAttributesAndText() {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" \
            xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
              <url id="1"><loc>https://example.com/a?x=1&amp;y=&#50;</loc><news:title><![CDATA[A <b> \
            title]]></news:title><empty/></url>
            </urlset>
            """
        var transcript = XMLTranscript()
        let result = XMLReader.read(Array(xml.utf8), into: &transcript)
        #expect(result.isWellFormed)
        #expect(
            transcript.lines == [
                "<{http://www.sitemaps.org/schemas/sitemap/0.9}urlset>",
                "<{http://www.sitemaps.org/schemas/sitemap/0.9}url id=1>",
                "<{http://www.sitemaps.org/schemas/sitemap/0.9}loc>",
                "https://example.com/a?x=1&y=2",
                "</{http://www.sitemaps.org/schemas/sitemap/0.9}loc>",
                "<{http://www.google.com/schemas/sitemap-news/0.9}title>",
                "A <b> title",
                "</{http://www.google.com/schemas/sitemap-news/0.9}title>",
                "<{http://www.sitemaps.org/schemas/sitemap/0.9}empty>",
                "</{http://www.sitemaps.org/schemas/sitemap/0.9}empty>",
                "</{http://www.sitemaps.org/schemas/sitemap/0.9}url>",
                "</{http://www.sitemaps.org/schemas/sitemap/0.9}urlset>",
            ])
    }

    @Test func theEncodingComesFromTheDeclaration() {
        let bytes: [UInt8] =
            Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><t>caf".utf8) + [0xE9] + Array("</t>".utf8)
        var transcript = XMLTranscript()
        XMLReader.read(bytes, into: &transcript)
        #expect(transcript.lines == ["<t>", "café", "</t>"])
    }

    @Test func declaredEntitiesAreDroppedNotExpanded() {
        let xml = "<!DOCTYPE t [<!ENTITY e \"expanded\">]><t>a&e;b</t>"
        var transcript = XMLTranscript()
        XMLReader.read(Array(xml.utf8), into: &transcript)
        #expect(!transcript.lines.joined().contains("expanded"))
        #expect(transcript.lines.first == "<t>")
    }

    @Test func theVisitorCanStopTheRead() {
        var transcript = XMLTranscript(stopAfter: 3)
        let result = XMLReader.read(Array("<a><b/><c/><d/></a>".utf8), into: &transcript)
        #expect(result.stoppedByVisitor)
        #expect(transcript.lines == ["<a>", "<b>", "</b>"])
    }

    @Test func brokenAndEmptyInputsAreReportedNotFatal() {
        var transcript = XMLTranscript()
        let broken = XMLReader.read(Array("<a><b>text</a".utf8), into: &transcript)
        #expect(!broken.isWellFormed)
        #expect(broken.errors > 0)
        #expect(transcript.lines.starts(with: ["<a>", "<b>"]))
        var empty = XMLTranscript()
        #expect(!XMLReader.read([], into: &empty).isWellFormed)
        var deep = XMLTranscript()
        let nested = String(repeating: "<d>", count: 10_000) + String(repeating: "</d>", count: 10_000)
        let result = XMLReader.read(Array(nested.utf8), into: &deep)
        #expect(!result.isWellFormed)
    }
}

import Foundation
import Testing

@testable import WinnowHTML

/// Records a walk as `<name>`, `'text'` and `</name>` events; skips elements named in `skip`.
struct Recorder: HTMLVisitor {
    var skip: Set<String> = []
    var events: [String] = []
    var allText = ""
    var open: [String] = []
    var unbalanced = 0
    var enters = 0
    var exits = 0

    mutating func enter(_ element: HTMLElement) -> VisitDecision {
        enters += 1
        events.append("<\(element.name)>")
        open.append(element.name)
        return skip.contains(element.name) ? .skip : .descend
    }

    mutating func text(_ text: String) {
        events.append("'\(text)'")
        allText += text
    }

    mutating func exit(_ element: HTMLElement) {
        exits += 1
        events.append("</\(element.name)>")
        if open.popLast() != element.name { unbalanced += 1 }
    }
}

private func parse(_ html: String) throws -> HTMLDocument {
    try HTMLDocument(utf8: Array(html.utf8))
}

private func walk(_ document: HTMLDocument, skip: Set<String> = []) -> Recorder {
    var recorder = Recorder(skip: skip)
    document.walk(&recorder)
    return recorder
}

@Suite("HTMLDocument")
struct HTMLDocumentTests {
    @Test func walkVisitsElementsAndTextInDocumentOrder() throws {
        let doc = try parse("<html><head><title>T</title></head><body><p>a<b>b</b>c</p><div>d</div></body></html>")
        #expect(
            walk(doc).events == [
                "<html>", "<head>", "<title>", "'T'", "</title>", "</head>",
                "<body>", "<p>", "'a'", "<b>", "'b'", "</b>", "'c'", "</p>", "<div>", "'d'", "</div>", "</body>",
                "</html>",
            ])
    }

    @Test func skippedElementIsExitedWithoutVisitingItsContent() throws {
        let doc = try parse("<html><body><div><p>inner</p></div><p>after</p></body></html>")
        #expect(
            walk(doc, skip: ["div"]).events == [
                "<html>", "<body>", "<div>", "</div>", "<p>", "'after'", "</p>", "</body>", "</html>",
            ])
    }

    @Test func skippingTheRootEndsTheWalk() throws {
        let doc = try parse("<html><body><p>x</p></body></html>")
        #expect(walk(doc, skip: ["html"]).events == ["<html>", "</html>"])
    }

    @Test func exitIsCalledOnceForEveryEnteredElementInNestingOrder() throws {
        let doc = try parse("<ul><li>a<li>b</ul><p>x<p>y<br><img src=a.png><table><tr><td>c</table>")
        let recorder = walk(doc)
        #expect(recorder.enters > 8)
        #expect(recorder.enters == recorder.exits)
        #expect(recorder.unbalanced == 0)
        #expect(recorder.open.isEmpty)
        #expect(recorder.allText == "abxyc")
    }

    @Test func veryDeepNestingDoesNotCrash() throws {
        let depth = 100_000
        let html =
            "<html><body>" + String(repeating: "<div>", count: depth) + "x"
            + String(repeating: "</div>", count: depth) + "<p>end</p></body></html>"
        let recorder = walk(try parse(html))
        #expect(recorder.enters > 2)
        #expect(recorder.enters == recorder.exits)
        #expect(recorder.unbalanced == 0)
    }

    @Test func commentsAreNotText() throws {
        let doc = try parse("<html><body><p>a<!-- secret note -->b</p></body></html>")
        let recorder = walk(doc)
        #expect(recorder.allText == "ab")
        #expect(!recorder.events.contains { $0.contains("secret") })
    }

    @Test func scriptContentIsVisitedAsText() throws {
        let doc = try parse("<html><head><script>var x = 1;</script></head><body><p>y</p></body></html>")
        #expect(walk(doc).events.contains("'var x = 1;'"))
    }

    @Test func readsAttributes() throws {
        struct AttributeProbe: HTMLVisitor {
            var values: [String?] = []
            mutating func enter(_ element: HTMLElement) -> VisitDecision {
                if element.name == "a" {
                    values = (["href", "data-k", "hidden", "title", "missing"] as [StaticString]).map {
                        element.attribute($0)
                    }
                }
                return .descend
            }
            mutating func text(_ text: String) {}
            mutating func exit(_ element: HTMLElement) {}
        }
        let doc = try parse(#"<html><body><A HREF="/x" data-k='v' hidden title="a &amp; b">link</A></body></html>"#)
        var probe = AttributeProbe()
        doc.walk(&probe)
        #expect(probe.values == ["/x", "v", "", "a & b", nil])
    }

    @Test func isNamedComparesWholeLowercaseNames() throws {
        struct NameProbe: HTMLVisitor {
            var results: [String] = []
            mutating func enter(_ element: HTMLElement) -> VisitDecision {
                results.append(
                    "\(element.name) p=\(element.isNamed("p")) pre=\(element.isNamed("pre")) b=\(element.isNamed("b"))")
                return .descend
            }
            mutating func text(_ text: String) {}
            mutating func exit(_ element: HTMLElement) {}
        }
        let doc = try parse("<HTML><BODY><P><B>x</B></P><PRE>y</PRE></BODY></HTML>")
        var probe = NameProbe()
        doc.walk(&probe)
        #expect(
            probe.results == [
                "html p=false pre=false b=false",
                "body p=false pre=false b=false",
                "p p=true pre=false b=false",
                "b p=false pre=false b=true",
                "pre p=false pre=true b=false",
            ])
    }

    @Test func externalDoctypeIsNotLoaded() throws {
        let doc = try parse("<!DOCTYPE html SYSTEM \"file:///etc/passwd\">\n<html><body><p>before</p></body></html>")
        let recorder = walk(doc)
        #expect(recorder.allText.contains("before"))
        #expect(!recorder.allText.contains("root:"))
    }

    @Test func externalEntityIsNotExpanded() throws {
        let doc = try parse(
            """
            <!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/hostname">]>
            <html><body><p>a&x;b</p></body></html>
            """)
        let recorder = walk(doc)
        #expect(recorder.allText.contains("a&x;b"))
        let hostname =
            (try? String(contentsOfFile: "/etc/hostname", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if hostname.count >= 3 {
            #expect(!recorder.allText.contains(hostname))
        }
    }

    @Test func parsesCP949BytesIntoHangul() throws {
        // "북한 주민들이 시장에서 쌀을 샀다. 똠방각하" in CP949 (똠 is outside EUC-KR, inside
        // CP949).
        let sentence: [UInt8] = [
            186, 207, 199, 209, 32, 193, 214, 185, 206, 181, 233, 192, 204, 32, 189, 195, 192, 229, 191, 161, 188, 173,
            32,
            189, 210, 192, 187, 32, 187, 242, 180, 217, 46, 32, 140, 99, 185, 230, 176, 162, 199, 207,
        ]
        let bytes = Array("<html><body><p>".utf8) + sentence + Array("</p></body></html>".utf8)
        let decoded = CharsetSniffer.decode(bytes, declared: "euc-kr")
        #expect(decoded.encoding == "CP949")
        let doc = try HTMLDocument(utf8: decoded.utf8)
        #expect(walk(doc).allText == "북한 주민들이 시장에서 쌀을 샀다. 똠방각하")
    }

    @Test func emptyDocumentIsAParseError() throws {
        let error = try #require(throws: HTMLParseError.self) { try HTMLDocument(utf8: []) }
        #expect(error.reason == "empty document")
    }
}

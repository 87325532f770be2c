import Foundation
import Testing

@testable import WinnowHTML

/// Records what a visitor sees, attributes included, with adjacent texts
/// joined and whitespace collapsed: the one place where a stream and a tree
/// walk may differ (the tree builder drops some blank text).
private struct Transcript: HTMLVisitor {
    var skip: Set<String> = []
    var lines: [String] = []
    private var pendingText = ""

    init(skip: Set<String> = []) { self.skip = skip }

    mutating func enter(_ element: HTMLElement) -> VisitDecision {
        endText()
        let attributes = element.commonAttributes
        lines.append(
            "<\(element.name) c=\(attributes.classAndID) role=\(attributes.role ?? "-") "
                + "href=\(element.attribute("href") ?? "-")>"
        )
        return skip.contains(element.name) ? .skip : .descend
    }

    mutating func text(_ text: String) {
        pendingText += text
    }

    mutating func exit(_ element: HTMLElement) {
        endText()
        lines.append("</\(element.name)>")
    }

    mutating func endText() {
        // Whitespace collapsed: where the tree builder dropped blank text, the stream may keep it.
        let words = pendingText.split(whereSeparator: \.isWhitespace)
        if !words.isEmpty { lines.append("'\(words.joined(separator: " "))'") }
        pendingText = ""
    }
}

/// The texts a visitor receives, joined as they come.
private struct RawText: HTMLVisitor {
    var skip: Set<String>
    var text = ""
    mutating func enter(_ element: HTMLElement) -> VisitDecision { skip.contains(element.name) ? .skip : .descend }
    mutating func text(_ text: String) { self.text += text }
    mutating func exit(_ element: HTMLElement) {}
}

private func streamed(_ html: [UInt8], skip: Set<String> = []) throws -> (Transcript, ParseIssues) {
    var transcript = Transcript(skip: skip)
    let issues = try HTMLStream.parse(utf8: html, visitor: &transcript)
    transcript.endText()
    return (transcript, issues)
}

private func walked(_ html: [UInt8], skip: Set<String> = []) throws -> Transcript {
    var transcript = Transcript(skip: skip)
    try HTMLDocument(utf8: html).walk(&transcript)
    transcript.endText()
    return transcript
}

/// The HTML pages of Samples/ and of the shared extraction benchmark (when it sits beside the checkout).
private let realPages: [String] = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    var paths: [String] = []
    for folder in [
        root.appendingPathComponent("Samples"), root.appendingPathComponent("../shared/bench/article-extraction/html"),
    ] {
        guard let files = FileManager.default.enumerator(atPath: folder.path) else { continue }
        for case let file as String in files where file.hasSuffix(".html") || file.hasSuffix(".html.gz") {
            paths.append(folder.appendingPathComponent(file).standardizedFileURL.path)
        }
    }
    return paths.sorted()
}()

private func readPage(_ path: String) throws -> [UInt8] {
    guard path.hasSuffix(".gz") else { return Array(try Data(contentsOf: URL(fileURLWithPath: path))) }
    let gunzip = Process()
    gunzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    gunzip.arguments = ["gzip", "-dc", path]
    let pipe = Pipe()
    gunzip.standardOutput = pipe
    gunzip.standardError = FileHandle.nullDevice
    try gunzip.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    gunzip.waitUntilExit()
    return Array(data)
}

/// Where two transcripts part, with a few lines of each from there; nil when equal.
private func firstDifference(_ a: [String], _ b: [String]) -> String? {
    guard a != b else { return nil }
    let at = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
    func around(_ lines: [String]) -> String {
        lines[max(0, at - 3)..<min(lines.count, at + 4)].map { String($0.prefix(150)).debugDescription }.joined(
            separator: " ")
    }
    return "line \(at) of \(a.count)/\(b.count): stream \(around(a)) | tree \(around(b))"
}

@Suite("HTMLStream")
struct HTMLStreamTests {
    @Test func seesWhatATreeWalkSeesOnRealPages() throws {
        #expect(realPages.count >= 20)
        var compared = 0
        for path in realPages {
            let html = try readPage(path)
            guard !html.isEmpty, let tree = try? walked(html) else { continue }
            let (stream, _) = try streamed(html)
            #expect(firstDifference(stream.lines, tree.lines) == nil, "\(path)")
            compared += 1
        }
        #expect(compared >= 20)
    }

    @Test func seesWhatATreeWalkSeesOnBrokenMarkup() throws {
        let pages = [
            "<ul><li>a<li>b</ul><p>x<p>y<br><img src=a.png><table><tr><td>c</table>",
            "text before any tag<div class=Lead>lead <b>bold <i>both</b> italic?</i></div>",
            "<p>unclosed <a href='/x'>link <p>next</a> after",
            "<html><head><title>T</title><meta name=a content=b></head><body><h1>H</h1>tail</body></html>trailing",
            "<table><p>in table</p><tr><td>cell</td></tr></table><form><input value=1>f</form>",
            "<p>a &amp; b &copy; &unknown; &#x41;</p><script type=application/ld+json>{\"a\": \"<b>\"}</script>",
        ]
        for page in pages {
            let (stream, _) = try streamed(Array(page.utf8))
            #expect(stream.lines == (try walked(Array(page.utf8))).lines, "\(page)")
        }
    }

    @Test func skippedElementIsExitedWithoutItsContent() throws {
        let (stream, _) = try streamed(
            Array("<html><body><div><p>inner</p></div><p>after</p></body></html>".utf8), skip: ["div"])
        #expect(
            stream.lines.joined() == "<html c= role=- href=-><body c= role=- href=-><div c= role=- href=-></div>"
                + "<p c= role=- href=->'after'</p></body></html>")
    }

    @Test func attributesAreReadFromTheTag() throws {
        struct Probe: HTMLVisitor {
            var values: [String?] = []
            var common = CommonAttributes()
            mutating func enter(_ element: HTMLElement) -> VisitDecision {
                if element.isNamed("a") {
                    values = (["href", "data-k", "hidden", "title", "missing"] as [StaticString]).map {
                        element.attribute($0)
                    }
                    // `copied`: class and id are read through pointers valid only during this call.
                    common = element.commonAttributes.copied
                }
                return .descend
            }
            mutating func text(_ text: String) {}
            mutating func exit(_ element: HTMLElement) {}
        }
        var probe = Probe()
        let html =
            #"<body><A HREF="/x" data-k='v' hidden title="a &amp; b" CLASS="Share Bar" id=Top role=navigation>x</A>"#
            + #"</body>"#
        _ = try HTMLStream.parse(utf8: Array(html.utf8), visitor: &probe)
        #expect(probe.values == ["/x", "v", "", "a & b", nil])
        #expect(probe.common.classAndID == "share bar top")
        #expect(probe.common.hidden)
        #expect(probe.common.role == "navigation")
        #expect(!probe.common.hiddenByStyle)
    }

    /// The collector finds each name it collects at its index, in any ASCII case, and nothing else.
    @Test func collectedNamesAreFoundByLengthAndBytes() {
        func index(_ name: String) -> Int? {
            Array(name.utf8).withUnsafeBufferPointer { CommonAttributes.Collector.index(of: $0) }
        }
        for (k, name) in CommonAttributes.Collector.names.enumerated() {
            #expect(index(name) == k)
            #expect(index(name.uppercased()) == k)
        }
        for name in ["clas", "classes", "href", "aria-hiddem", "rol", "ID ", "\r", "styl\u{0}"] {
            #expect(index(name) == nil, "\(name)")
        }
    }

    @Test func inlineStyleHidesWhateverTheCaseAndSpacing() throws {
        struct Probe: HTMLVisitor {
            var hidden: [Bool] = []
            mutating func enter(_ element: HTMLElement) -> VisitDecision {
                if element.isNamed("p") { hidden.append(element.commonAttributes.hiddenByStyle) }
                return .descend
            }
            mutating func text(_ text: String) {}
            mutating func exit(_ element: HTMLElement) {}
        }
        var probe = Probe()
        let html = """
            <body><p style="color: red; DISPLAY : None">a</p><p style='visibility:hidden'>b</p>
            <p style="display:block">c</p><p style="display:nonex">d</p><p style="display:\tnone">e</p><p \
            style>f</p></body>
            """
        _ = try HTMLStream.parse(utf8: Array(html.utf8), visitor: &probe)
        // `display:nonex` still holds the words; a tab is not a space here (as before: only spaces are dropped).
        #expect(probe.hidden == [true, true, false, true, false, false])
    }

    @Test func dropsWhatLiesDeeperThanTheTreeKeeps() throws {
        let depth = 100_000
        let html =
            "<html><body>" + String(repeating: "<div>", count: depth) + "deep"
            + String(repeating: "</div>", count: depth) + "<p>end</p></body></html>"
        let (stream, issues) = try streamed(Array(html.utf8))
        #expect(issues.depthExceeded)
        #expect(!stream.lines.contains("'deep'"))
        #expect(stream.lines.contains("'end'"))
        #expect(stream.lines.filter { $0.hasPrefix("<div") }.count == HTMLStream.maximumDepth - 2)
        #expect(
            stream.lines.filter { $0.hasPrefix("<") && !$0.hasPrefix("</") }.count
                == stream.lines.filter { $0.hasPrefix("</") }.count)
    }

    @Test func closesWhatThePageLeavesOpen() throws {
        let (stream, _) = try streamed(Array("<html><body><div><p>open".utf8))
        #expect(Array(stream.lines.suffix(5)) == ["'open'", "</p>", "</div>", "</body>", "</html>"])
    }

    /// libxml2's push parser reads an end tag split between two chunks inside a style (`</sty` +
    /// `le>`) as style text: chunks end before a `<`, so the rest of the page is still read.
    @Test func aStyleEndTagAcrossTheChunkBoundaryEndsTheStyle() throws {
        let head = "<html><head><style>"
        let padding = String(repeating: "p{margin:0}\n", count: (HTMLParser.chunkSize - 100) / 12)
        // "</sty" ends exactly where the first chunk of a fixed size would end.
        let filler = String(repeating: " ", count: HTMLParser.chunkSize - 5 - head.utf8.count - padding.utf8.count)
        let page = Array((head + padding + filler + "</style></head><body><p>Hello</p></body></html>").utf8)
        #expect(Array(page[(HTMLParser.chunkSize - 5)..<HTMLParser.chunkSize]) == Array("</sty".utf8))
        let (transcript, _) = try streamed(page)
        #expect(transcript.lines.suffix(5) == ["<p c= role=- href=->", "'Hello'", "</p>", "</body>", "</html>"])
    }

    /// Texts with only skipped elements between them arrive as one text would (the pre-parse
    /// filter cuts most such elements): two indentations are one space.
    @Test func textsAroundASkippedElementArriveAsOne() throws {
        for (with, without) in [
            ("<pre><b>7</b>\n  <svg><path/></svg>\n  <b>x</b></pre>", "<pre><b>7</b>\n  \n  <b>x</b></pre>"),
            ("<p>a \n<svg></svg>\n <svg></svg> <b>b</b></p>", "<p>a \n\n  <b>b</b></p>"),
            ("<p>a<svg>s</svg>b</p>", "<p>ab</p>"),
            ("<p><b>a</b> \n<svg></svg>\n b</p>", "<p><b>a</b> \n\n b</p>"),
        ] {
            var skipping = RawText(skip: ["svg"])
            _ = try HTMLStream.parse(utf8: Array(with.utf8), visitor: &skipping)
            var plain = RawText(skip: ["svg"])
            _ = try HTMLStream.parse(utf8: Array(without.utf8), visitor: &plain)
            #expect(skipping.text == plain.text, "\(with)")
        }
        // Whitespace then text: the same bytes, but the first whitespace byte is the space given.
        var skipping = RawText(skip: ["svg"])
        _ = try HTMLStream.parse(utf8: Array("<p><b>a</b>\n <svg></svg>\n b</p>".utf8), visitor: &skipping)
        #expect(skipping.text == "a  \n b")
    }

    @Test func emptyInputIsAnError() {
        var transcript = Transcript()
        #expect(throws: HTMLParseError.self) { _ = try HTMLStream.parse(utf8: [], visitor: &transcript) }
    }
}

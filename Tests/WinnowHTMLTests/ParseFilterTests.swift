import Testing

@testable import WinnowHTML

/// The filtered text and the number of bytes cut.
private func filter(_ html: String) -> (text: String, removed: Int) {
    let result = ParseFilter.filter(Array(html.utf8))
    return (String(decoding: result.bytes, as: UTF8.self), result.removed)
}

@Suite("ParseFilter")
struct ParseFilterTests {
    @Test func scriptIsRemovedWithItsContentAndTheCountIsItsLength() {
        // <script> (8) + "var x = 1;" (10) + </script> (9) = 27 bytes.
        let result = filter("<p>a</p><script>var x = 1;</script><p>b</p>")
        #expect(result.text == "<p>a</p><p>b</p>")
        #expect(result.removed == 27)
    }

    @Test func textAroundARemovedElementSurvivesByteForByte() {
        let result = filter("앞 \r\n\t<script>x()</script>뒤&amp; \u{00A0}\n")
        #expect(result.text == "앞 \r\n\t뒤&amp; \u{00A0}\n")
        #expect(result.removed == 20)
    }

    @Test func jsonLDScriptIsKeptWhateverTheCaseOfItsType() {
        let lower = #"<script type="application/ld+json">{"@type":"NewsArticle"}</script>"#
        let upper = #"<SCRIPT TYPE="Application/LD+JSON">{"@type":"NewsArticle"}</SCRIPT>"#
        #expect(filter(lower) == (lower, 0))
        #expect(filter(upper) == (upper, 0))
        // Any other type is a script like the rest.
        #expect(filter(#"a<script type="text/javascript">go()</script>b"#) == ("ab", 44))
    }

    /// The `+` of `ld+json` is looked for eight bytes at a time: at every offset in the tag, in either case.
    @Test func jsonLDTypeIsFoundAtEveryOffset() {
        for pad in 0..<20 {
            let spaces = String(repeating: " ", count: pad)
            for type in ["application/ld+json", "APPLICATION/LD+JSON", "ld+json"] {
                let kept = "<script\(spaces) type=\"\(type)\">{}</script>"
                #expect(filter(kept) == (kept, 0), "\(kept)")
            }
            let other = "<script\(spaces) type=\"ld+jso\">x</script>"
            #expect(filter("a\(other)b") == ("ab", other.utf8.count), "\(other)")
        }
    }

    /// The eight-bytes-at-a-time search against a byte loop on random bytes.
    @Test func firstFoldedMatchesAByteLoop() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = [0x2B, 0x0B, 0x61, 0x41, 0x20, 0x3C, 0x80, 0xFF, 0x00]
        for _ in 0..<2_000 {
            let bytes = (0..<Int.random(in: 0...40, using: &generator)).map { _ in
                alphabet.randomElement(using: &generator)!
            }
            let from = Int.random(in: 0...bytes.count, using: &generator)
            let to = Int.random(in: from...bytes.count, using: &generator)
            for folded: UInt8 in [0x2B, 0x61, 0x3C] {
                let expected = (from..<to).first { bytes[$0] | 0x20 == folded }
                let found = bytes.withUnsafeBufferPointer {
                    ParseFilter.firstFolded(folded, in: $0, from: from, to: to)
                }
                #expect(found == expected, "\(bytes) \(from)..<\(to) \(folded)")
            }
        }
    }

    @Test func uppercaseAndMixedCaseScriptTagsAreRemoved() {
        #expect(filter("a<SCRIPT>alert(1)</SCRIPT>b").text == "ab")
        #expect(filter("a<Script src=x.js></sCrIpT>b").text == "ab")
    }

    @Test func closingTagInAJavaScriptStringEndsTheScriptOnlyBeforeSpaceSlashOrGreaterThan() {
        // "</scripts>" is no end tag: the script runs on to the real one.
        #expect(filter(#"a<script>var s = "</scripts>"; go()</script>b"#).text == "ab")
        #expect(filter(#"a<script>var s = "</scriptx"; go()</script>b"#).text == "ab")
        // "</script " and "</script/" do end it, as in a browser; the rest of the string is left.
        #expect(filter(#"a<script>s = "</script >"; go()</script>b"#).text == #"a"; go()</script>b"#)
        #expect(filter(#"a<script>s = "</script/>"; go()</script>b"#).text == #"a"; go()</script>b"#)
    }

    @Test func scriptTagInsideAQuotedAttributeValueIsNoScript() {
        let html = #"<div title="<script>">Kept</div><p data-x='</script><style>'>Also kept</p>"#
        #expect(filter(html) == (html, 0))
    }

    @Test func greaterThanInsideAQuotedAttributeDoesNotEndTheTag() {
        // Read to the first '>', this <svg> would look self-closing.
        #expect(filter(#"a<svg aria-label="1/>2"><path/></svg>b"#).text == "ab")
        let html = #"<div title='x>y<style>'>ok</div>"#
        #expect(filter(html) == (html, 0))
    }

    @Test func stylesTemplatesAndNoscriptAreRemoved() {
        #expect(filter("a<style>p { color: red }</style>b").text == "ab")
        #expect(filter(#"a<STYLE type="text/css">p{}</STYLE>b"#).text == "ab")
        #expect(filter("a<template><p>t</p></template>b").text == "ab")
        #expect(filter("a<noscript><img src=pixel.gif></noscript>b").text == "ab")
    }

    @Test func nestedSvgIsRemovedUpToItsOwnClosingTag() {
        #expect(filter("a<svg><g><svg><text>in</text></svg><text>out</text></svg>b").text == "ab")
        // A self-closing inner <svg/> opens nothing.
        #expect(filter(#"a<svg><svg/><path d="M0"/></svg>b"#).text == "ab")
    }

    @Test func selfClosingSvgRemovesOnlyItsTag() {
        #expect(filter("a<svg/>b<p>c</p>") == ("ab<p>c</p>", 6))
        #expect(filter(#"a<svg viewBox="0 0 1 1" />b"#).text == "ab")
    }

    @Test func commentsAreRemoved() {
        #expect(filter("a<!-- note -->b") == ("ab", 13))
        #expect(filter("a<!-- <script> -->b").text == "ab")
        #expect(filter("a<!-- x --!>b").text == "ab")
    }

    @Test func abruptEmptyCommentsEndAtTheirOwnGreaterThan() {
        #expect(filter("a<!-->b-->c") == ("ab-->c", 5))
        #expect(filter("a<!--->b-->c") == ("ab-->c", 6))
    }

    @Test func unclosedCommentRunsToTheEnd() {
        #expect(filter("a<!-- never closed <p>b</p>") == ("a", 26))
    }

    @Test func unclosedScriptRunsToTheEnd() {
        #expect(filter("a<script>never closed <p>b</p>").text == "a")
    }

    @Test func elementsWhoseNamesOnlyStartLikeARemovedOneAreKept() {
        let html =
            "<scriptx>a</scriptx><styles>b</styles><svgs>c</svgs><noscripts>d</noscripts><templates>e</templates>"
        #expect(filter(html) == (html, 0))
    }

    @Test func lessThanSignsThatOpenNoTagAreLeftAlone() {
        let html = "1 < 2 <= 3 </script> <3 <!x> <!-x>"
        #expect(filter(html) == (html, 0))
        #expect(filter("1 < 2 <script>x</script>").text == "1 < 2 ")
    }

    /// A JSON-LD block is script data like any script: what its strings
    /// hold (an article body with an embedded tweet's `<script>`, a
    /// headline naming `<svg>`) is no tag. Today the filter reads on inside
    /// the block and cuts from the tag in the string.
    @Test func tagsInsideAJSONLDStringAreNotRemoved() {
        let tweet =
            #"<script type="application/ld+json">{"articleBody":"See <script async src=\"w.js\"><\/script> "#
            + #"here"}</script><p>Body</p>"#
        let svg = #"<script type="application/ld+json">{"headline":"Why <svg> icons"}</script><p>Body</p>"#
        #expect(filter(tweet) == (tweet, 0))
        #expect(filter(svg) == (svg, 0))
    }

    /// The word-at-a-time tag end agrees with a byte-by-byte reading of the
    /// rule (the first `>` outside a quoted value; a quote opens a value only after `=`).
    @Test func tagEndAgreesWithAByteByByteReading() {
        func byteByByte(_ b: [UInt8], from: Int) -> Int {
            var i = from
            while i < b.count {
                let c = b[i]
                if c == UInt8(ascii: ">") { return i + 1 }
                if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                    var k = i - 1
                    while k >= from, [0x20, 0x09, 0x0A, 0x0D].contains(b[k]) { k -= 1 }
                    if k >= from, b[k] == UInt8(ascii: "=") {
                        guard let close = b[(i + 1)...].firstIndex(of: c) else { return b.count }
                        i = close + 1
                        continue
                    }
                }
                i += 1
            }
            return b.count
        }
        let pieces = ["a", "=", "\"", "'", ">", " ", "\n", "class", "=\"x y\"", "='>'", "é", "/"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...30, using: &generator)).map { _ in
                pieces.randomElement(using: &generator)!
            }.joined()
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { b in
                for from in 0...b.count {
                    #expect(ParseFilter.tagEnd(b, from: from) == byteByByte(bytes, from: from), "\(text) from \(from)")
                }
            }
        }
    }

    @Test func theFirstLetterGateCoversEveryRemovedElement() {
        #expect(Set(ParseFilter.removedElements.map { $0[0] }) == Set(ParseFilter.removedFirstLetters))
    }
}

/// Cuts that would change what libxml2 makes of the rest of the page are not made.
@Suite("ParseFilter cuts only what libxml2 reads the same way")
struct ParseFilterExtentTests {
    /// libxml2 reads a template, noscript or svg as markup: a `<div>` left open inside
    /// keeps its end tag from closing it, and the rest of the page stays inside.
    @Test func aTemplateOrNoscriptWithAnOpenDivIsLeftToLibxml2() {
        for name in ["template", "noscript", "svg"] {
            let open = "<html><body><\(name)><li><div>menu</li></\(name)><p>Article</p>"
            #expect(filter(open).text == open, "\(name)")
            // Closed inside, it goes as before.
            #expect(
                filter("<html><body><\(name)><li><div>menu</div></li></\(name)><p>Article</p>").text
                    == "<html><body><p>Article</p>")
        }
        // Inside a landmark's extent too: the landmark is then left whole.
        let nav = "<html><body><nav><template><div>menu</template></nav><p>Article</p>"
        #expect(
            String(decoding: ParseFilter.filter(Array(nav.utf8), skipping: landmarkReader).bytes, as: UTF8.self)
                == nav)
    }

    /// Nested templates that never close: one scan reads them all, with no scan of its own per
    /// template (once a call per level, which overflowed the stack), and they are left to libxml2.
    @Test func deeplyNestedUnclosedTemplatesAreLeftToLibxml2() {
        let page = "<html><body>" + String(repeating: "<template>", count: 100_000) + "</body>"
        let result = ParseFilter.filter(Array(page.utf8), skipping: landmarkReader)
        #expect(result.removed == 0)
        #expect(result.bytes.count == page.utf8.count)
    }

    /// Elements that never close each scan to the end of the page: once scans finding no
    /// extent have read a few times the page (``ParseFilter/scanBudget(_:)``), the rest are
    /// left to libxml2 unscanned, not scanned again one by one (elements times page size).
    @Test func manyUnclosedNoscriptsAndLandmarksAreLeftToLibxml2() {
        for element in ["<noscript><img src=a.png>", "<template><p>x", "<svg><path>", "<nav>a", "<header>a"] {
            let page = "<html><body><p>x</p>" + String(repeating: element, count: 20_000) + "</body>"
            let result = ParseFilter.filter(Array(page.utf8), skipping: landmarkReader)
            #expect(result.removed == 0, "\(element)")
        }
        // Closed ones after the budget is spent stay too (left to libxml2, which reads them the same).
        let unclosed = String(repeating: "<noscript>", count: 20_000)
        let page = "<html><body>" + unclosed + "</body><noscript>b</noscript>"
        #expect(ParseFilter.filter(Array(page.utf8)).removed == 0)
        // While it lasts, they are cut as before.
        #expect(
            filter("<html><body><noscript>a</body><noscript>b</noscript>x").text == "<html><body><noscript>a</body>x")
    }

    /// Inside a landmark, an svg, template or noscript is stacked with the landmark's content (no
    /// scan of its own): nested ones counted, scripts still skipped, and, as when each was scanned
    /// alone, one closed by another end tag than its own leaves the landmark to libxml2.
    @Test func removedElementsInsideALandmarkAreReadAsItsContent() {
        func cut(_ html: String) -> String {
            String(decoding: ParseFilter.filter(Array(html.utf8), skipping: landmarkReader).bytes, as: UTF8.self)
        }
        #expect(cut("<nav><template><template>a</template></template>b</nav>c") == "c")
        #expect(cut("<nav><svg><script>'</nav>'</script><text>t</svg></nav>c") == "c")
        #expect(cut("<nav><svg><path d=M0></path></svg></nav>c") == "c")
        for open in ["<nav><template><div>a</nav>c", "<nav><noscript><img src=a.png>a</nav>c"] {
            #expect(cut(open) == open)
        }
    }

    /// An icon of drawing elements is cut without reading each tag (a comment in it is not markup);
    /// anything else inside is read as a landmark's content is.
    @Test func anSVGOfDrawingElementsIsCutAndOtherMarkupIsChecked() {
        #expect(
            filter(#"<html><body><svg><g><path d="M0 0"/><!-- </svg> --></g><svg/></svg>x"#).text == "<html><body>x")
        let html = "<html><body><svg><foreignObject><div>a</foreignObject></svg><p>x</p>"
        #expect(filter(html).text == html)
        #expect(filter("<html><body><svg><foreignObject><div>a</div></foreignObject></svg>x").text == "<html><body>x")
    }

    /// A script type written with a character reference is JSON-LD once libxml2 decodes it.
    @Test func aScriptWhoseTagHoldsAReferenceIsKept() {
        let script = #"<html><script type="application/ld&#x2B;json">{"@type":"Article"}</script>"#
        #expect(filter(script) == (script, 0))
        // A reference elsewhere in the tag changes nothing.
        #expect(filter(#"<html><script src="/a.js?x=1&amp;y=2">go()</script>"#).text == "<html>")
    }

    /// libxml2 opens `<html>` (and `<head>`) for whatever element comes first and drops a later
    /// `<html>` tag with its `lang`: an element before `<html>` is kept. (`</html>` is cut as always:
    /// `ParseFilter+HTMLEndTag`.)
    @Test func anElementBeforeTheHTMLTagIsKept() {
        let page = "<style>p{}</style>\n<!DOCTYPE html><html lang=\"en\"><head><style>p{}</style></head></html>"
        #expect(filter(page).text == "<style>p{}</style>\n<!DOCTYPE html><html lang=\"en\"><head></head>")
        // A comment or a doctype opens nothing; after `<html>` everything goes as usual.
        #expect(
            filter("<!-- a -->\n<!DOCTYPE html><html><script>x</script></html>").text
                == "\n<!DOCTYPE html><html>")
        // Text opens `<html>` (and `<body>`) itself: what follows it goes as usual.
        #expect(filter("a<script>x</script>b").text == "ab")
    }
}

import Testing

@testable import WinnowHTML

private let kept = ParseFilter.AttributeNames(["class", "href", "hidden"])

/// The page after the cuts, keeping only `class`, `href` and `hidden`.
private func slimmed(_ html: String) -> String {
    String(
        decoding: ParseFilter.filter(Array(html.utf8), skipping: landmarkReader, keepingAttributes: kept).bytes,
        as: UTF8.self)
}

@Suite("ParseFilter attributes")
struct AttributeFilterTests {
    /// The memo of one pass answers as the reader does, for words met again, words sharing a slot and new ones.
    @Test func readWordsAnswerAsTheReaderDoes() {
        func reader(_ word: Span<UInt8>) -> Bool { word.count % 3 == 0 || (word.count > 0 && word[0] == 0x73) }
        var memo = ParseFilter.ReadWords()
        var generator = SystemRandomNumberGenerator()
        let vocabulary = (0..<600).map { n in Array("w\(n)\(String(repeating: "s", count: n % 5))".utf8) }
        var asked = 0
        for _ in 0..<5_000 {
            let word = vocabulary.randomElement(using: &generator)!
            let answer = memo.isRead(word.span) { span in
                asked += 1
                return reader(span)
            }
            #expect(answer == reader(word.span), "\(String(decoding: word, as: UTF8.self))")
        }
        #expect(asked < 5_000)  // words met again are not asked again
    }

    @Test func attributesNoReaderLooksAtAreDropped() {
        #expect(slimmed(#"<p data-x="1" class="lead" onclick='go()'>a</p>"#) == #"<p class="lead">a</p>"#)
        #expect(slimmed(#"<img src=/a.jpg srcset="a 1x, b 2x" alt="A > B">"#) == "<img>")
        #expect(slimmed(#"<A HREF=/x TITLE="t">x</A>"#) == "<A HREF=/x>x</A>")
    }

    @Test func namesMatchWithoutCaseAndValuelessAttributesStay() {
        #expect(slimmed("<div Hidden CLASS=x data-y>t</div>") == "<div Hidden CLASS=x>t</div>")
        #expect(slimmed("<input disabled/>") == "<input/>")
        #expect(slimmed("<br data-a='1' />") == "<br />")
    }

    @Test func unquotedValuesRunToWhitespaceOrTheTagEnd() {
        // A `/` inside an unquoted value is part of it (`<a href=/>` has the value "/").
        #expect(slimmed("<a href=/ data-k=v/>x</a>") == "<a href=/>x</a>")
        #expect(slimmed("<a data-k=v/ href=/x>x</a>") == "<a href=/x>x</a>")
    }

    @Test func tagsWithNothingToDropAreLeftAsTheyAre() {
        for html in [#"<p class="a">x</p>"#, "<p>x</p>", "<br/>", "<a href='/x' >y</a>"] {
            #expect(slimmed(html) == html)
        }
    }

    @Test func tagsNotWrittenThePlainWayAreLeftToLibxml2() {
        for html in [
            #"<p data-a="1"class="x">t</p>"#,  // no space before an attribute
            "<p data-a=\"1\" \u{0C}class=x>t</p>",  // a form feed is no blank to libxml2
            #"<p data-a="1" "class"=x>t</p>"#,  // a stray quote
            "<p data-a= >t</p>",  // an empty unquoted value
            "<p data-a=x\"y>t</p>",  // a quote inside an unquoted value
            "<p data-a='1' / class=x>t</p>",  // a slash that does not end the tag
            "<p data-a='1\u{0}' class=x>t</p>",  // a NUL
            "<p data-a b\"c\">t</p>",  // a quote right after a name
        ] {
            #expect(slimmed(html) == html, "\(html)")
        }
    }

    @Test func ofWordListsOnlyTheWordsReadStay() {
        let words = ParseFilter.AttributeNames(["class", "id", "href"], wordLists: ["class", "id"]) { word in
            !word.isEmpty && word[0] == UInt8(ascii: "k")  // a reader of words starting with k
        }
        func slim(_ html: String) -> String {
            String(
                decoding: ParseFilter.filter(Array(html.utf8), skipping: landmarkReader, keepingAttributes: words)
                    .bytes,
                as: UTF8.self)
        }
        #expect(slim("<p class=\"a keep\tb\nkeep2 \" id='x'>t</p>") == #"<p class="keep keep2" id=''>t</p>"#)
        // Emptied, the attribute stays: of a repeated name libxml2 keeps the first.
        #expect(slim(#"<p class="a" class="kb">t</p>"#) == #"<p class="" class="kb">t</p>"#)
        // Not touched: unquoted values, values with a character reference, other attributes, all words read.
        #expect(slim(#"<p class=a href="a b">t</p>"#) == #"<p class=a href="a b">t</p>"#)
        #expect(slim(#"<p class="a &amp; k" data-x=1>t</p>"#) == #"<p class="a &amp; k">t</p>"#)
        #expect(slim(#"<p class="k1 k2">t</p>"#) == #"<p class="k1 k2">t</p>"#)
    }

    @Test func withoutNamesEveryAttributeStays() {
        let html = #"<p data-x="1" class="lead">a</p>"#
        #expect(
            String(decoding: ParseFilter.filter(Array(html.utf8), skipping: landmarkReader).bytes, as: UTF8.self)
                == html)
    }

    /// libxml2 reads the same kept attributes, with the same values, from the slimmed page.
    @Test func libxml2ReadsTheSameKeptAttributes() throws {
        struct Probe: HTMLVisitor {
            var seen: [String] = []
            mutating func enter(_ element: HTMLElement) -> VisitDecision {
                let values = (["class", "href", "hidden"] as [StaticString]).map { element.attribute($0) ?? "-" }
                seen.append("\(element.name) \(values.joined(separator: " "))")
                return .descend
            }
            mutating func text(_ text: String) {}
            mutating func exit(_ element: HTMLElement) {}
        }
        let html = """
            <body><a data-track='{"a": "b > c"}' href="/x?a=1&amp;b=2" class=Top>x</a>
            <div hidden data-z=1 class="a &amp; b"><img src=x.png class=pic></div><a href=/ data-k=v/>y</a></body>
            """
        var original = Probe()
        var slim = Probe()
        _ = try HTMLStream.parse(utf8: Array(html.utf8), visitor: &original)
        _ = try HTMLStream.parse(utf8: Array(slimmed(html).utf8), visitor: &slim)
        #expect(slim.seen == original.seen)
        #expect(slim.seen.contains("a Top /x?a=1&b=2 -"))
    }
}

import Testing

@testable import WinnowHTML

/// A reader that skips the page landmarks, unless their start tag mentions what it reads there, and no blocks.
let landmarkReader = ParseFilter.SkippedElements(
    landmarks: ["nav", "header", "footer", "aside"], keepingWords: ["related", "itemprop", "content", "body", "text"],
    blocks: { _ in false })

/// The page after the cuts (landmarks included).
private func cut(_ html: String) -> String {
    String(decoding: ParseFilter.filter(Array(html.utf8), skipping: landmarkReader).bytes, as: UTF8.self)
}

@Suite("ParseFilter landmarks")
struct LandmarkFilterTests {
    /// Indentation is skipped eight bytes at a time only when all eight are blank.
    @Test func blankWordsAreAllBlank() {
        for bytes: [UInt8] in [
            Array("        ".utf8), Array("\n\t\r     ".utf8), Array("       x".utf8), Array("x       ".utf8),
            [0x20, 0x20, 0x20, 0x0C, 0x20, 0x20, 0x20, 0x20], [0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0xA0],
            [0x0A, 0x0A, 0x0A, 0x0A, 0x0A, 0x0A, 0x0A, 0x2A],
        ] {
            let expected = bytes.allSatisfy { [0x20, 0x0A, 0x09, 0x0D].contains($0) }
            #expect(bytes.withUnsafeBufferPointer { ParseFilter.isBlankWord($0, at: 0) } == expected, "\(bytes)")
        }
    }

    /// The one-pass key of a tag name is the key of the name found first, for short, long and uppercase names.
    @Test func tagNameKeyIsTheKeyOfTheTagName() {
        for tag in [
            "<div>", "<DIV class=x>", "<a/>", "<section\n>", "<blockquote >", "<my-custom-element-x>",
            "<ABCDEFGH>", "<abcdefghi>", "<x", "< >",
        ] {
            let bytes = Array(tag.utf8)
            let key = bytes.withUnsafeBufferPointer { ParseFilter.tagNameKey($0, from: 1) }
            let expected = bytes.withUnsafeBufferPointer { ParseFilter.nameKey($0, ParseFilter.tagName($0, from: 1)) }
            #expect(key == expected, "\(tag)")
        }
    }

    @Test func balancedLandmarksAreCutWithTheirContent() {
        #expect(
            cut("<body><nav><ul><li><a href=/>Home</a></ul></nav><p>a</p><FOOTER class=x>© 2024</FOOTER></body>")
                == "<body><p>a</p></body>")
        #expect(
            cut("<header><h1>Site</h1><nav>menu</nav></header><p>b</p><aside>ad<br><img src=x></aside>") == "<p>b</p>")
    }

    @Test func unclosedInnerElementsEndWithTheLandmark() {
        // <li> and <p> without end tags are closed by </ul> and </nav>, as libxml2 does.
        #expect(cut("<nav><ul><li>a<li>b</ul><p>c</nav>after") == "after")
    }

    @Test func nestedLandmarksOfTheSameNameAreCountedNotMatchedToTheFirstEnd() {
        #expect(cut("<nav>a<nav>b</nav>c</nav>d") == "d")
    }

    @Test func aSelfClosedLandmarkIsCutAlone() {
        #expect(cut("<nav/><p>a</p>") == "<p>a</p>")
    }

    @Test func endTagTextInsideAScriptDoesNotEndTheLandmark() {
        let html = #"<aside><script type="application/ld+json">{"x": "</aside>"}</script>more</aside>after"#
        #expect(cut(html) == "after")
    }

    /// Read in the same pass, a landmark's extent skips what the pass removes as text (comments,
    /// styles); an svg is markup to libxml2, and a `</nav>` in it ends the nav there: left to libxml2.
    @Test func endTagTextInCommentsStylesAndSvgInsideALandmarkDoesNotEndIt() {
        #expect(
            cut("<nav>a<!-- </nav> --><style>p:after{content:'</nav>'}</style><svg><text>b</text></svg>b</nav>c") == "c"
        )
        let svg = "<nav>a<svg><text></nav></text></svg>b</nav>c"
        #expect(cut(svg) == svg)
        #expect(cut("<p>x<!-- <nav> --></p>") == "<p>x</p>")
        // A comment that never ends runs to the end: the landmark never ends either, and the rest is cut as comment.
        #expect(cut("<nav>a<!-- </nav>") == "<nav>a")
    }

    @Test func landmarksTheExtractorLooksAtAreKept() {
        for html in [
            #"<aside class="related-articles"><a href=/a>A</a></aside>"#,
            #"<header itemprop="datePublished" content="2024-01-02">x</header>"#,
            #"<aside class="entry-content">x</aside>"#,
        ] {
            #expect(cut(html) == html)
        }
    }

    @Test func landmarksLibxml2WouldCloseElsewhereAreLeftToIt() {
        // </div> closes the outer div (and the nav with it) in libxml2: text after it is outside the nav.
        let outside = "<div><nav>menu</div>visible</nav>"
        #expect(cut(outside) == outside)
        // An end tag matching nothing inside is ignored by libxml2: the cut does not guess.
        let stray = "<nav>menu</span>more</nav>x"
        #expect(cut(stray) == stray)
        // </nav> may not close an open <div> (higher end priority): libxml2 ignores it.
        let blocked = "<nav><div>menu</nav>still in nav</div>"
        #expect(cut(blocked) == blocked)
        // Never closed: left whole.
        let open = "<footer>to the end"
        #expect(cut(open) == open)
    }

    @Test func withoutTheOptionLandmarksStay() {
        let html = "<nav>menu</nav><p>a</p>"
        #expect(String(decoding: ParseFilter.filter(Array(html.utf8)).bytes, as: UTF8.self) == html)
    }
}

@Suite("ParseFilter skipped blocks")
struct SkippedBlockFilterTests {
    /// Cuts blocks whose class/id (lowercased, joined) contains "share", as a reader's rule might.
    private func cutSharing(_ html: String) -> String {
        let skipping = ParseFilter.SkippedElements(
            landmarks: ["nav", "header", "footer", "aside"],
            keepingWords: ["related", "itemprop", "content", "body", "text"],
            blocks: { $0.classAndID.contains("share") || $0.hidden })
        return String(decoding: ParseFilter.filter(Array(html.utf8), skipping: skipping).bytes, as: UTF8.self)
    }

    @Test func blocksTheReaderSkipsAreCut() {
        #expect(
            cutSharing(#"<p>a</p><div class="Share-Bar"><a href=/x>Tweet</a><div>in</div></div><p>b</p>"#)
                == "<p>a</p><p>b</p>")
        #expect(cutSharing("<section id=SHARE>x<p>y</section>z") == "z")
        #expect(cutSharing("<div hidden>x</div>y") == "y")
    }

    @Test func attributesAreReadAsLibxml2ReadsThem() {
        // Unquoted value up to whitespace; the first of a repeated name counts.
        #expect(cutSharing("<div class=share-this title=x>a</div>b") == "b")
        #expect(
            cutSharing(#"<div class="content" class="share">a</div>b"#)
                == #"<div class="content" class="share">a</div>b"#)
        #expect(cutSharing(#"<div data-x='1' CLASS = 'share'>a</div>b"#) == "b")
    }

    @Test func blocksWithCharacterReferencesInAttributesAreLeftToLibxml2() {
        let html = #"<div class="share &amp; save">a</div>b"#
        #expect(cutSharing(html) == html)
    }

    @Test func onlyDivAndSectionAreCutByAttributes() {
        // A <p> or <li> may be closed by a later start tag in libxml2; never guessed here.
        for html in [#"<p class="share">a</p>b"#, #"<ul class="share"><li>a</ul>b"#, #"<span class="share">a</span>b"#]
        {
            #expect(cutSharing(html) == html)
        }
    }

    @Test func unbalancedBlocksAreLeftToLibxml2() {
        let html = #"<div class="share">a<p>b</td>c</div>d"#
        #expect(cutSharing(html) == html)
    }
}

@Suite("ParseFilter blocks walked on trial")
struct ProseTrialFilterTests {
    /// Skips `header` and blocks classed `share`; walks both on trial, kept from 20 bytes of text outside links.
    private func cutTrying(_ html: String) -> String {
        let trial = ParseFilter.ProseTrial(
            landmarks: ["header"], blocks: { $0.classAndID.contains("share") }, textBytes: 20)
        let skipping = ParseFilter.SkippedElements(
            landmarks: ["nav", "header", "footer", "aside"], keepingWords: [],
            blocks: { $0.classAndID.contains("share") }, trial: trial)
        return String(decoding: ParseFilter.filter(Array(html.utf8), skipping: skipping).bytes, as: UTF8.self)
    }

    private let prose = "Twenty-five bytes of text"

    @Test func aBlockWithMuchTextOutsideLinksIsKept() {
        let kept = "<header><p>\(prose)</p></header>x"
        #expect(cutTrying(kept) == kept)
        #expect(cutTrying("<header><a href=/>\(prose)</a></header>x") == "x")
        #expect(cutTrying(#"<div class="share">short</div>x"#) == "x")
    }

    @Test func aBlockInsideABlockKeptForItsTextIsCutWhateverItsText() {
        // The reader walks one block on trial at a time: the inner one it skips.
        #expect(
            cutTrying(#"<header><p>\#(prose)</p><div class="share"><p>\#(prose)</p></div><p>b</p></header>x"#)
                == "<header><p>\(prose)</p><p>b</p></header>x")
        // After the kept block ends, a block with much text is kept again.
        let after = #"<header><p>\#(prose)</p></header><div class="share"><p>\#(prose)</p></div>x"#
        #expect(cutTrying(after) == after)
        // The outer block libxml2 might read differently (never closed): the inner one is kept.
        let open = #"<header><p>\#(prose)</p><div class="share"><p>\#(prose)</p></div>x"#
        #expect(cutTrying(open) == open)
    }

    /// Also walks blocks classed `widget` on trial, kept from 5 bytes of text (low blocks).
    private func cutTryingWidgets(_ html: String) -> String {
        let isChrome: @Sendable (CommonAttributes) -> Bool = {
            $0.classAndID.contains("share") || $0.classAndID.contains("widget")
        }
        let trial = ParseFilter.ProseTrial(
            landmarks: ["header"], blocks: isChrome, textBytes: 20,
            lowBlocks: { $0.classAndID.contains("widget") }, lowTextBytes: 5)
        let skipping = ParseFilter.SkippedElements(
            landmarks: ["nav", "header", "footer", "aside"], keepingWords: [], blocks: isChrome, trial: trial)
        return String(decoding: ParseFilter.filter(Array(html.utf8), skipping: skipping).bytes, as: UTF8.self)
    }

    @Test func aLowBlockIsKeptFromLessText() {
        let kept = #"<div class="widget"><p>a cell</p></div>x"#
        #expect(cutTryingWidgets(kept) == kept)
        #expect(cutTryingWidgets(#"<div class="widget"><p>a</p></div>x"#) == "x")
        #expect(cutTryingWidgets(#"<div class="share"><p>a cell</p></div>x"#) == "x")
    }

    @Test func aLowBlockInsideALowBlockKeptForItsTextIsKeptWhateverItsText() {
        // The reader walks a low block inside a low block's trial as part of it.
        let nested = #"<div class="widget"><p>a cell</p><div class="widget"><p>b</p></div></div>x"#
        #expect(cutTryingWidgets(nested) == nested)
        // Any other block inside it the reader skips.
        #expect(
            cutTryingWidgets(#"<div class="widget"><p>a cell</p><div class="share"><p>\#(prose)</p></div></div>x"#)
                == #"<div class="widget"><p>a cell</p></div>x"#)
        // A low block inside another block kept for its text is skipped too.
        #expect(
            cutTryingWidgets(#"<header><p>\#(prose)</p><div class="widget"><p>a cell</p></div></header>x"#)
                == "<header><p>\(prose)</p></header>x")
    }
}

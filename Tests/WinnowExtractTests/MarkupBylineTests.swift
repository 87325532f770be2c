import Testing
import WinnowCore

@testable import WinnowExtract

private func names(_ html: String) -> [String] {
    PageMarkup.textBylines(in: Array(html.utf8), siteName: nil)
}

@Suite("Byline text in the markup")
struct MarkupBylineTests {
    @Test func aByLineInTheCutHeaderNamesTheAuthor() throws {
        let record = try extract(
            """
            <html><head><title>Planting</title></head><body>
            <header class="post-header"><div class="publish-meta"><span>Published August 7, 2023</span>
            <span>by Nicole Burke</span></div><h1>Planting beds the easy way</h1></header>
            <article><p>The first paragraph of the post explains how raised beds are planted step by step.</p>
            <p>The second paragraph goes on with the watering and the care the young plants need.</p>
            </article></body></html>
            """)
        #expect(record.authors == ["Nicole Burke"])
    }

    @Test func theNameMayStandInTheNextElement() {
        #expect(
            names(#"<body><h1>T</h1><div><span class="mr-1">by </span><p><a href="/x">Shannon Grilli</a></p></div>"#)
                == ["Shannon Grilli"])
    }

    @Test func windowsLineEndsBeforeTheNameAreBlank() {
        #expect(
            names("<body><h1>T</h1><div><span>By \r\n</span><p><a href=\"/x\">Shannon Grilli</a></p></div>") == [
                "Shannon Grilli"
            ])
    }

    @Test func theNameEndsAtADateOrASeparator() {
        #expect(
            names(#"<body><h1>T</h1><div><strong>By <a>Dr. Jane Doe</a></strong> - Mar 27, 2024</div>"#) == [
                "Dr. Jane Doe"
            ])
        #expect(names(#"<body><h1>T</h1><p>by: <!-- -->Ziyi Xu<!-- -->, Dec 17, 2025</p>"#) == ["Ziyi Xu"])
        #expect(
            names(#"<body><h1>T</h1><span class="posted">Posted by Jane Doe at December 16, 2025</span>"#) == [
                "Jane Doe"
            ])
    }

    @Test func menusHeadingsAndProseAreNoByline() {
        #expect(names(#"<body><h4>By Event Type</h4><h1>T</h1>"#).isEmpty)
        #expect(names(#"<body><h1>T</h1><a href="/s">By Category Name</a>"#).isEmpty)
        #expect(names(#"<body><h1>T</h1><div><a href="/b">A book</a> by Kan Chu Sen, 1721.</div>"#).isEmpty)
        #expect(names(#"<body><h1>T</h1><div class="nav-header">By Sector</div>"#).isEmpty)
        #expect(names(#"<body><h1>T</h1><p>By the way, the text goes on.</p>"#).isEmpty)
    }

    @Test func anAuthorPageLinkMayJoinTwoNamesWithAnd() {
        let html = #"<body><h1>T</h1><p>Written by <a href="/blog/author/a-and-b">Moses Kim and Kate Shokurova</a></p>"#
        #expect(PageMarkup.bylines(in: Array(html.utf8), siteName: nil) == ["Moses Kim", "Kate Shokurova"])
    }
}

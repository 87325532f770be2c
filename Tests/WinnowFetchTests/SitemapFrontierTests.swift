import Testing

@testable import WinnowFetch

@Suite("Sitemap discovery: recursion bounded, loops detected")
struct SitemapFrontierTests {
    @Test func sitemapsComeOutInTheOrderTheyWentIn() throws {
        var frontier = SitemapFrontier()
        try frontier.add("https://example.com/a.xml")
        try frontier.add("https://example.com/b.xml")
        #expect(frontier.next()?.url == "https://example.com/a.xml")
        #expect(frontier.next()?.url == "https://example.com/b.xml")
        #expect(frontier.next() == nil)
    }

    @Test func anIndexListingItselfOrItsParentEnds() throws {
        var frontier = SitemapFrontier()
        try frontier.add("https://example.com/index.xml")
        let next = frontier.next()
        let index = try #require(next)
        let refusals = frontier.addChildren(
            of: index,
            [
                SitemapEntry(url: "https://EXAMPLE.com:443/index.xml#again"),  // itself, spelled differently
                SitemapEntry(url: "https://example.com/child.xml"),
                SitemapEntry(url: "https://example.com/child.xml"),
            ])
        #expect(
            refusals == [
                .alreadySeen("https://EXAMPLE.com:443/index.xml#again"),
                .alreadySeen("https://example.com/child.xml"),
            ])
        let second = frontier.next()
        let child = try #require(second)
        #expect(child == SitemapFrontier.Item(url: "https://example.com/child.xml", depth: 1))
        #expect(frontier.addChildren(of: child, [SitemapEntry(url: "https://example.com/index.xml")]).count == 1)
        #expect(frontier.next() == nil)
    }

    @Test func recursionIsBounded() throws {
        var frontier = SitemapFrontier(maxDepth: 2)
        try frontier.add("https://example.com/0.xml")
        var depth = 0
        while let item = frontier.next() {
            depth = item.depth
            let refusals = frontier.addChildren(
                of: item, [SitemapEntry(url: "https://example.com/\(item.depth + 1).xml")])
            if item.depth == 2 {
                #expect(refusals == [.tooDeep("https://example.com/3.xml", depth: 3)])
                #expect(
                    refusals.first?.description == "sitemap https://example.com/3.xml is 3 index levels deep: not read")
            }
        }
        #expect(depth == 2)
    }

    @Test func totalIsBoundedAndBadURLsAreRefused() throws {
        var frontier = SitemapFrontier(maxSitemaps: 2)
        try frontier.add("https://example.com/1.xml")
        try frontier.add("https://example.com/2.xml")
        #expect(throws: SitemapFrontier.Refusal.tooMany("https://example.com/3.xml", limit: 2)) {
            try frontier.add("https://example.com/3.xml")
        }
        #expect(throws: SitemapFrontier.Refusal.notAWebURL("/sitemap.xml")) { try frontier.add("/sitemap.xml") }
        #expect(frontier.accepted == 2)
    }

    @Test func aLongQueueDrainsCompletely() throws {
        var frontier = SitemapFrontier(maxSitemaps: 5000)
        for n in 0..<3000 { try frontier.add("https://example.com/\(n).xml") }
        var count = 0
        while let item = frontier.next() {
            #expect(item.url == (count < 3000 ? "https://example.com/\(count).xml" : "https://example.com/late.xml"))
            count += 1
            if count == 1500 { try frontier.add("https://example.com/late.xml") }
        }
        #expect(count == 3001)
    }
}

import Foundation
import Testing

@testable import WinnowFetch

private func parse(_ text: String, url: String? = nil, limits: SitemapLimits = .standard) throws -> SitemapContents {
    try SitemapParser.parse(Array(text.utf8), url: url, limits: limits)
}

/// Compresses with the system's `gzip -n`.
private func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-sitemap-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/sitemap.xml"
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/gzip")
    process.arguments = ["-n", "-f", path]
    try process.run()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0)
    return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path + ".gz")))
}

private let urlset = """
    <?xml version="1.0" encoding="UTF-8"?>
    <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
            xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
      <url>
        <loc>https://news.example.com/2016/08/10/market-prices</loc>
        <lastmod>2016-08-10T17:02:00+09:00</lastmod>
        <changefreq>never</changefreq>
        <image:image><image:loc>https://news.example.com/photo.jpg</image:loc></image:image>
      </url>
      <url>
        <loc>
          https://news.example.com/2016/08/11/border-trade?id=2&amp;lang=en
        </loc>
      </url>
      <url><lastmod>2016-08-12</lastmod></url>
    </urlset>
    """

@Suite("Sitemaps and feeds")
struct SitemapParserTests {
    @Test func urlsetGivesPagesWithLastmod() throws {
        let contents = try parse(urlset)
        #expect(contents.kind == .urlset)
        #expect(
            contents.pages == [
                SitemapEntry(
                    url: "https://news.example.com/2016/08/10/market-prices",
                    lastModified: "2016-08-10T17:02:00+09:00"),
                SitemapEntry(url: "https://news.example.com/2016/08/11/border-trade?id=2&lang=en"),
            ])
        #expect(contents.sitemaps.isEmpty)
        #expect(contents.warnings == ["1 entries had no absolute http(s) URL and were skipped"])
    }

    @Test func sitemapIndexGivesChildSitemaps() throws {
        let index = """
            <?xml version="1.0" encoding="UTF-8"?>
            <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
              <sitemap><loc>https://example.com/sitemap-2016.xml.gz</loc><lastmod>2016-12-31</lastmod></sitemap>
              <sitemap><loc>https://example.com/sitemap-news.xml</loc></sitemap>
            </sitemapindex>
            """
        let contents = try parse(index)
        #expect(contents.kind == .sitemapIndex)
        #expect(contents.pages.isEmpty)
        #expect(
            contents.sitemaps == [
                SitemapEntry(url: "https://example.com/sitemap-2016.xml.gz", lastModified: "2016-12-31"),
                SitemapEntry(url: "https://example.com/sitemap-news.xml"),
            ])
        #expect(contents.warnings.isEmpty)
    }

    @Test func googleNewsSitemapGivesPublicationDateAndTitle() throws {
        let news = """
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
                    xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
              <url>
                <loc>https://example.com/business/article55.html</loc>
                <news:news>
                  <news:publication>
                    <news:name>The Example Times</news:name>
                    <news:language>en</news:language>
                  </news:publication>
                  <news:publication_date>2008-12-23</news:publication_date>
                  <news:title>Companies A, B in Merger Talks</news:title>
                </news:news>
              </url>
            </urlset>
            """
        let contents = try parse(news)
        #expect(
            contents.pages == [
                SitemapEntry(
                    url: "https://example.com/business/article55.html", published: "2008-12-23",
                    title: "Companies A, B in Merger Talks")
            ])
    }

    @Test func textSitemapIsOneURLALine() throws {
        let contents = try parse(
            "https://example.com/a\r\n\r\nhttps://example.com/b\nnot a url\n  http://example.com/c  \n")
        #expect(contents.kind == .text)
        #expect(
            contents.pages.map(\.url) == ["https://example.com/a", "https://example.com/b", "http://example.com/c"])
        #expect(contents.warnings == ["1 lines are not http(s) URLs and were skipped"])
    }

    @Test func rss2GivesItemLinksDatesAndTitles() throws {
        let rss = """
            <?xml version="1.0"?>
            <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
              <channel>
                <title>Example News</title>
                <link>https://example.com/</link>
                <item>
                  <title>Rice prices rise</title>
                  <link>https://example.com/rice</link>
                  <pubDate>Wed, 10 Aug 2016 08:02:00 GMT</pubDate>
                  <guid isPermaLink="false">rice-1</guid>
                </item>
                <item>
                  <title><![CDATA[Border <b>trade</b>]]></title>
                  <guid>https://example.com/border</guid>
                </item>
                <item><title>Relative</title><link>/2016/relative.html</link></item>
                <item><title>No link</title><guid isPermaLink="false">x-1</guid></item>
              </channel>
            </rss>
            """
        let contents = try parse(rss, url: "https://example.com/feed/rss.xml")
        #expect(contents.kind == .rss)
        #expect(
            contents.pages == [
                SitemapEntry(
                    url: "https://example.com/rice", published: "Wed, 10 Aug 2016 08:02:00 GMT",
                    title: "Rice prices rise"),
                SitemapEntry(url: "https://example.com/border", title: "Border <b>trade</b>"),
                SitemapEntry(url: "https://example.com/2016/relative.html", title: "Relative"),
            ])
        #expect(contents.warnings == ["1 entries had no absolute http(s) URL and were skipped"])
        // Without the feed's own URL a relative link cannot be resolved.
        #expect(try parse(rss).pages.count == 2)
    }

    @Test func rss1GivesItemLinks() throws {
        let rdf = """
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
                     xmlns:dc="http://purl.org/dc/elements/1.1/">
              <channel rdf:about="https://example.com/"><title>x</title><link>https://example.com/</link></channel>
              <item \
            rdf:about="https://example.com/a"><title>A</title><link>https://example.com/a</link>\
            <dc:date>2016-08-10</dc:date></item>
            </rdf:RDF>
            """
        #expect(
            try parse(rdf).pages == [SitemapEntry(url: "https://example.com/a", published: "2016-08-10", title: "A")])
    }

    @Test func atomGivesAlternateLinksAndDates() throws {
        let atom = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
              <title>Example Feed</title>
              <link href="https://example.com/"/>
              <updated>2016-08-10T18:30:02Z</updated>
              <entry>
                <title>Harvest season</title>
                <link rel="self" href="https://example.com/api/entries/1"/>
                <link rel="alternate" type="text/html" href="https://example.com/harvest"/>
                <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
                <published>2016-08-10T17:02:00+09:00</published>
                <updated>2016-08-11T09:00:00+09:00</updated>
                <summary>Some text.</summary>
              </entry>
              <entry>
                <title type="text">Plain link</title>
                <link href="https://example.com/plain"/>
              </entry>
            </feed>
            """
        let contents = try parse(atom)
        #expect(contents.kind == .atom)
        #expect(
            contents.pages == [
                SitemapEntry(
                    url: "https://example.com/harvest", lastModified: "2016-08-11T09:00:00+09:00",
                    published: "2016-08-10T17:02:00+09:00", title: "Harvest season"),
                SitemapEntry(url: "https://example.com/plain", title: "Plain link"),
            ])
    }

    @Test func gzipSitemapIsInflated() throws {
        let compressed = try gzip(Array(urlset.utf8))
        let contents = try SitemapParser.parse(compressed, url: "https://news.example.com/sitemap.xml.gz")
        #expect(contents.kind == .urlset)
        #expect(contents.pages.count == 2)
    }

    @Test func gzipOverTheByteLimitIsRefused() throws {
        let compressed = try gzip(Array(urlset.utf8))
        #expect(throws: SitemapError.self) {
            try SitemapParser.parse(compressed, limits: SitemapLimits(maxBytes: 100))
        }
    }

    @Test func tooManyURLsAreCutWithAWarning() throws {
        var xml = "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
        for n in 0..<30 { xml += "<url><loc>https://example.com/\(n)</loc></url>" }
        xml += "</urlset>"
        let contents = try parse(xml, limits: SitemapLimits(maxURLs: 25))
        #expect(contents.pages.count == 25)
        #expect(contents.pages.last?.url == "https://example.com/24")
        #expect(contents.warnings == ["more than 25 URLs: the rest were ignored (sitemap protocol limit)"])

        let text = (0..<30).map { "https://example.com/\($0)" }.joined(separator: "\n")
        let textContents = try parse(text, limits: SitemapLimits(maxURLs: 25))
        #expect(textContents.pages.count == 25)
        #expect(textContents.warnings == ["more than 25 URLs: the rest were ignored (sitemap protocol limit)"])
        // Exactly at the limit: no warning.
        #expect(try parse(xml, limits: SitemapLimits(maxURLs: 30)).warnings.isEmpty)
    }

    @Test func theProtocolLimitsAreFiftyThousandURLsAndFiftyMB() throws {
        #expect(SitemapLimits.standard.maxURLs == 50_000)
        #expect(SitemapLimits.standard.maxBytes == 52_428_800)
        var text = ""
        for n in 0..<50_010 { text += "https://example.com/p/\(n)\n" }
        let contents = try parse(text)
        #expect(contents.pages.count == 50_000)
        #expect(contents.warnings.count == 1)
    }

    @Test func tooManyBytesAreCutWithAWarning() throws {
        var xml = "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
        for n in 0..<100 { xml += "<url><loc>https://example.com/\(n)</loc></url>" }
        xml += "</urlset>"
        let cut = 46 * 20 + 60  // the root and about 20 whole entries
        let contents = try parse(xml, limits: SitemapLimits(maxBytes: cut))
        #expect(contents.pages.count >= 15 && contents.pages.count < 100)
        #expect(contents.pages.allSatisfy { $0.url.hasPrefix("https://example.com/") })
        #expect(
            contents.warnings.first
                == "file is \(xml.utf8.count) bytes: only the first \(cut) were read (sitemap protocol limit)")
        #expect(contents.warnings.contains { $0.contains("not well-formed") })
    }

    @Test func entityExpansionIsNeverPerformed() throws {
        // A "billion laughs": ten levels of ten references each.
        var doctype = "<!DOCTYPE urlset [\n<!ENTITY lol0 \"lollollollollollollollollollol\">\n"
        for level in 1...9 {
            let refs = String(repeating: "&lol\(level - 1);", count: 10)
            doctype += "<!ENTITY lol\(level) \"\(refs)\">\n"
        }
        doctype += "]>\n"
        let xml =
            doctype + """
                <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                  <url><loc>https://example.com/a&lol9;</loc></url>
                  <url><loc>https://example.com/b</loc></url>
                </urlset>
                """
        // libxml2 refuses the amplification outright (nothing is read) or drops the reference: never expands it.
        let outcome = Result { try parse(xml) }
        switch outcome {
        case .success(let contents):
            #expect(contents.pages.allSatisfy { !$0.url.contains("lol") })
        case .failure(let error):
            #expect("\(error)".hasPrefix("not a sitemap or feed: no XML element could be read"))
        }
        // A declared entity that is not amplified is dropped too, and the rest of the file read.
        let small = """
            <!DOCTYPE urlset [<!ENTITY path "expanded/path">]>
            <urlset><url><loc>https://example.com/a/&path;</loc></url>\
            <url><loc>https://example.com/b</loc></url></urlset>
            """
        let contents = try parse(small)
        #expect(contents.pages.map(\.url) == ["https://example.com/a/", "https://example.com/b"])
    }

    @Test func externalDTDAndEntitiesOnAFileAreNeverRead() throws {
        let marker = "winnow-marker-\(UUID().uuidString)"
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(marker).path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("\(marker)-secret".utf8).write(to: URL(fileURLWithPath: dir + "/secret.txt"))
        // A DTD that would declare the entity and add a default attribute, if it were loaded.
        try Data("<!ENTITY dtdsecret \"\(marker)-from-dtd\"><!ATTLIST loc leaked CDATA \"\(marker)-attr\">".utf8)
            .write(to: URL(fileURLWithPath: dir + "/evil.dtd"))
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE urlset SYSTEM "file://\(dir)/evil.dtd" [
              <!ENTITY secret SYSTEM "file://\(dir)/secret.txt">
            ]>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
              <url><loc>https://example.com/&secret;</loc><news:title \
            xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">&dtdsecret;</news:title></url>
              <url><loc>https://example.com/after</loc></url>
            </urlset>
            """
        let contents = try parse(xml)
        let everything = contents.pages.map { "\($0)" }.joined() + contents.warnings.joined()
        #expect(!everything.contains(marker))
        #expect(contents.pages.map(\.url).contains("https://example.com/after"))
    }

    @Test func whatIsNotASitemapIsAnError() {
        #expect(throws: SitemapError(description: "not a sitemap or feed: the root element is <html>")) {
            try parse("<!DOCTYPE html><html><body><a href='https://example.com/'>x</a></body></html>")
        }
        #expect(throws: SitemapError.self) { try parse("<<<>>>") }
    }

    @Test func brokenXMLKeepsWhatCameBefore() throws {
        let xml =
            "<urlset><url><loc>https://example.com/a</loc></url><url><loc>https://example.com/b</loc></url><url><loc>"
            + "https://exa"
        let contents = try parse(xml)
        #expect(contents.pages.map(\.url).starts(with: ["https://example.com/a", "https://example.com/b"]))
        #expect(contents.warnings.contains { $0.contains("not well-formed") })
    }

    @Test func nonHTTPLocationsAreSkipped() throws {
        let xml = """
            <urlset><url><loc>ftp://example.com/a</loc></url><url><loc>javascript:alert(1)</loc></url>
            <url><loc>https://example.com/ok</loc></url></urlset>
            """
        let contents = try parse(xml, url: "https://example.com/sitemap.xml")
        #expect(contents.pages.map(\.url) == ["https://example.com/ok"])
        #expect(contents.warnings == ["2 entries had no absolute http(s) URL and were skipped"])
    }
}

import Foundation
import Testing

@testable import WinnowExtract

@Suite("JSONLD")
struct JSONLDTests {
    @Test func flatNewsArticle() throws {
        let block = """
            {"@context": "https://schema.org", "@type": "NewsArticle",
             "headline": "Flood  hits Sinuiju",
             "author": {"@type": "Person", "name": "Jane Doe"},
             "datePublished": "2016-08-10T17:02:00+09:00", "dateModified": "2016-08-11T09:00:00+09:00",
             "publisher": {"@type": "Organization", "name": "Daily NK", "logo": {"@type": "ImageObject", "url": \
            "https://x.test/l.png"}},
             "description": "Rain fell for days.", "inLanguage": "en",
             "mainEntityOfPage": {"@type": "WebPage", "@id": "https://www.dailynk.com/english/flood/"}}
            """
        let article = try #require(JSONLDArticle.read([block]))
        #expect(article.headline == "Flood hits Sinuiju")
        #expect(article.authors == ["Jane Doe"])
        #expect(article.datePublished == "2016-08-10T17:02:00+09:00")
        #expect(article.dateModified == "2016-08-11T09:00:00+09:00")
        #expect(article.publisher == "Daily NK")
        #expect(article.description == "Rain fell for days.")
        #expect(article.language == "en")
        #expect(article.url == "https://www.dailynk.com/english/flood/")
    }

    @Test func articleInAnArrayOfObjects() throws {
        let block = """
            [{"@type": "Organization", "name": "Daily NK"},
             {"@type": "BreadcrumbList", "name": "Home > News"},
             {"@type": "NewsArticle", "headline": "Flood hits Sinuiju"}]
            """
        #expect(try #require(JSONLDArticle.read([block])).headline == "Flood hits Sinuiju")
    }

    @Test func articleInAGraphWinsOverThePageBeforeIt() throws {
        let block = """
            {"@context": "https://schema.org", "@graph": [
              {"@type": "WebPage", "name": "Flood hits Sinuiju - Daily NK", "url": "https://x.test/page"},
              {"@type": ["NewsArticle", "Article"], "headline": "Flood hits Sinuiju", "url": "https://x.test/article"}]}
            """
        let article = try #require(JSONLDArticle.read([block]))
        #expect(article.headline == "Flood hits Sinuiju")
        #expect(article.url == "https://x.test/article")
    }

    @Test func articleInALaterBlockWinsOverAPageInAnEarlierOne() throws {
        let page = #"{"@type": "WebPage", "name": "Page"}"#
        let article = #"{"@type": "BlogPosting", "headline": "Post"}"#
        #expect(try #require(JSONLDArticle.read([page, article])).headline == "Post")
    }

    @Test func webPageIsUsedWhenThereIsNoArticle() throws {
        let block = """
            [{"@type": "Organization", "name": "Daily NK"},
             {"@type": "WebPage", "name": "Flood hits Sinuiju", "datePublished": "2016-08-10"}]
            """
        let page = try #require(JSONLDArticle.read([block]))
        #expect(page.headline == "Flood hits Sinuiju")
        #expect(page.datePublished == "2016-08-10")
    }

    @Test func authorAsAString() throws {
        let block = #"{"@type": "NewsArticle", "author": "Jane Doe"}"#
        #expect(try #require(JSONLDArticle.read([block])).authors == ["Jane Doe"])
    }

    @Test func authorAsGivenAndFamilyName() throws {
        let block =
            #"{"@type": "NewsArticle", "author": {"@type": "Person", "givenName": "Jane", "familyName": "Doe"}}"#
        #expect(try #require(JSONLDArticle.read([block])).authors == ["Jane Doe"])
    }

    @Test func authorsAsAMixedArrayThenCreators() throws {
        let block = """
            {"@type": "NewsArticle",
             "author": ["Jane Doe", {"@type": "Person", "name": "John Roe"}, {"givenName": "Min", "familyName": \
            "Kim"}, {"@type": "Person"}],
             "creator": {"name": "Lee Su"}}
            """
        #expect(try #require(JSONLDArticle.read([block])).authors == ["Jane Doe", "John Roe", "Min Kim", "Lee Su"])
    }

    @Test func keywordsAsACommaSeparatedString() throws {
        let block = #"{"@type": "NewsArticle", "keywords": "North Korea,  markets , ,rice"}"#
        #expect(try #require(JSONLDArticle.read([block])).keywords == ["North Korea", "markets", "rice"])
    }

    @Test func keywordsAsAnArray() throws {
        let block = #"{"@type": "NewsArticle", "keywords": ["North Korea", "markets, rice"]}"#
        #expect(try #require(JSONLDArticle.read([block])).keywords == ["North Korea", "markets", "rice"])
    }

    @Test func dateCreatedStandsInForAMissingDatePublished() throws {
        let block = #"{"@type": "NewsArticle", "dateCreated": "2016-08-10"}"#
        let article = try #require(JSONLDArticle.read([block]))
        #expect(article.datePublished == "2016-08-10")
        #expect(article.dateModified == nil)
    }

    @Test func rawNewlineInAStringAndATrailingCommaAreTolerated() throws {
        let block =
            "{\"@type\": \"NewsArticle\",\n \"headline\": \"Flood hits\nSinuiju\",\n \"keywords\": [\"rice\", "
            + "\"flood\",],\n}"
        let article = try #require(JSONLDArticle.read([block]))
        #expect(article.headline == "Flood hits Sinuiju")
        #expect(article.keywords == ["rice", "flood"])
    }

    @Test func garbageBlocksAreSkipped() throws {
        #expect(JSONLDArticle.read([]) == nil)
        #expect(JSONLDArticle.read(["", "not json", "{\"@type\": "]) == nil)
        #expect(JSONLDArticle.read([#"{"@type": "Organization", "name": "Daily NK"}"#]) == nil)
        let article = try #require(JSONLDArticle.read(["{oops", #"{"@type": "Article", "headline": "H"}"#]))
        #expect(article.headline == "H")
    }

    @Test func repairMakesControlCharactersSpacesAndDropsTrailingCommas() {
        #expect(JSONLDArticle.repaired("{\"a\": [1, 2,\n ],\u{3000}}") == "{\"a\": [1, 2]}")
        #expect(JSONLDArticle.repaired("{\"a\": \"x,\ty\"}") == "{\"a\": \"x, y\"}")
        let article = JSONLDArticle.read(["{\"@type\": \"NewsArticle\",\n \"headline\": \"Line\none\",\n}"])
        #expect(article?.headline == "Line one")
    }

    /// The byte-level repair does what the regular expression it replaces did:
    /// control characters made spaces, then `,\s*([}\]])` → `$1` (ICU's `\s`).
    @Test func repairAgreesWithTheRegularExpression() throws {
        let expression = try NSRegularExpression(pattern: #",\s*([}\]])"#)
        let pieces = [
            ",", " ", "}", "]", "\n", "\t", "\u{3000}", "\u{A0}", "\u{2028}", "\u{85}", "a", "é", "\"", "\u{1}", "한",
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 0...16, using: &generator)).map { _ in
                pieces.randomElement(using: &generator)!
            }.joined()
            let spaced = String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 ? " " : $0 }))
            let expected = expression.stringByReplacingMatches(
                in: spaced, range: NSRange(spaced.startIndex..., in: spaced), withTemplate: "$1")
            #expect(JSONLDArticle.repaired(text) == expected, "\(text.unicodeScalars.map(\.value))")
        }
    }
}

@Suite("Title suffix")
struct TitleSuffixTests {
    @Test func theSiteNameAfterTheLastSeparatorGoes() {
        #expect(
            ArticleExtractor.withoutSiteSuffix("Rice prices rise - Markets - Daily NK", siteName: "Daily NK")
                == "Rice prices rise - Markets")
        #expect(
            ArticleExtractor.withoutSiteSuffix("북한 쌀값 상승 · 데일리NK", siteName: "데일리NK")
                == "북한 쌀값 상승")
        #expect(
            ArticleExtractor.withoutSiteSuffix("A long headline about the harvest | Site", siteName: nil)
                == "A long headline about the harvest")
        #expect(
            ArticleExtractor.withoutSiteSuffix("Short | A much longer tail than head", siteName: nil)
                == "Short | A much longer tail than head")
        #expect(ArticleExtractor.withoutSiteSuffix("No separator here", siteName: "Site") == "No separator here")
    }
}

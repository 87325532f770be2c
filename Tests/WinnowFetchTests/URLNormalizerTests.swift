import Testing

@testable import WinnowFetch

@Suite("URL normalisation for the seen-check")
struct URLNormalizerTests {
    @Test func spellingsOfOneAddressBecomeOneKey() {
        let spellings = [
            "https://example.com/a/b?x=1",
            "HTTPS://EXAMPLE.com/a/b?x=1",
            "https://example.com:443/a/b?x=1",
            "https://Example.COM/a/b?x=1#section",
            "  https://example.com/a/b?x=1\n",
        ]
        for spelling in spellings {
            #expect(URLNormalizer.normalize(spelling) == "https://example.com/a/b?x=1", "\(spelling)")
        }
    }

    @Test func defaultPortsOnlyAreDropped() {
        #expect(URLNormalizer.normalize("http://example.com:80/") == "http://example.com/")
        #expect(URLNormalizer.normalize("http://example.com:443/") == "http://example.com:443/")
        #expect(URLNormalizer.normalize("https://example.com:8443/x") == "https://example.com:8443/x")
        #expect(URLNormalizer.normalize("http://example.com:/x") == "http://example.com/x")
    }

    @Test func emptyPathBecomesSlash() {
        #expect(URLNormalizer.normalize("https://example.com") == "https://example.com/")
        #expect(URLNormalizer.normalize("https://example.com?q=1") == "https://example.com/?q=1")
    }

    @Test func percentEncodingCaseIsNormalised() {
        #expect(URLNormalizer.normalize("https://example.com/%e3%83%84?q=%2f") == "https://example.com/%E3%83%84?q=%2F")
        #expect(
            URLNormalizer.normalize("https://example.com/%7Euser/%41") == "https://example.com/~user/A",
            "unreserved characters decoded")
        #expect(
            URLNormalizer.normalize("https://example.com/a%2Fb") == "https://example.com/a%2Fb",
            "reserved characters stay encoded")
        #expect(URLNormalizer.normalize("https://example.com/ツ a") == "https://example.com/%E3%83%84%20a")
        #expect(URLNormalizer.normalize("https://example.com/100%") == "https://example.com/100%25")
    }

    @Test func pathCaseAndQueryOrderAreKept() {
        #expect(
            URLNormalizer.normalize("https://example.com/News/Article?b=2&a=1")
                == "https://example.com/News/Article?b=2&a=1")
    }

    @Test func userInfoAndIPv6AreKept() {
        #expect(URLNormalizer.normalize("http://User@Example.com:80/") == "http://User@example.com/")
        #expect(URLNormalizer.normalize("http://[::1]:8080/x") == "http://[::1]:8080/x")
        #expect(URLNormalizer.normalize("http://[::1]/x") == "http://[::1]/x")
    }

    @Test func whatIsNotAnAbsoluteWebURLIsRefused() {
        for bad in [
            "", "/relative/path", "example.com/x", "mailto:a@example.com", "ftp://example.com/x", "https:///x",
            "https://example.com:99999/", "https://example.com:8a/",
        ] {
            #expect(URLNormalizer.normalize(bad) == nil, "\(bad)")
        }
    }

    @Test func partsSplitAsRFC3986Does() throws {
        let parts = try #require(URLNormalizer.Parts("https://user:pw@Example.com:8080/p/a?q=1&r=2#frag?x"))
        #expect(parts.scheme == "https")
        #expect(parts.userInfo == "user:pw")
        #expect(parts.host == "Example.com")
        #expect(parts.port == 8080)
        #expect(parts.path == "/p/a")
        #expect(parts.query == "q=1&r=2")
        #expect(parts.fragment == "frag?x")
        #expect(parts.pathAndQuery == "/p/a?q=1&r=2")
        #expect(parts.origin == "https://example.com:8080")
    }

    @Test func robotsTxtURLIsAtTheTopOfTheOrigin() {
        #expect(URLNormalizer.robotsTxtURL(for: "https://Example.com/a/b?c#d") == "https://example.com/robots.txt")
        #expect(URLNormalizer.robotsTxtURL(for: "http://example.com:8080/a") == "http://example.com:8080/robots.txt")
        #expect(URLNormalizer.robotsTxtURL(for: "https://example.com:443/a") == "https://example.com/robots.txt")
        #expect(URLNormalizer.robotsTxtURL(for: "/a") == nil)
    }
}

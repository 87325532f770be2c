import Testing

@testable import WinnowFetch

private func allowed(_ robots: String, _ url: String, agent: String = "FooBot") -> Bool {
    RobotsTxt(robots).isAllowed(url, userAgent: agent)
}

private func decision(_ robots: String, _ url: String, agent: String = "FooBot") -> RobotsDecision {
    RobotsTxt(robots).decision(for: url, userAgent: agent)
}

/// RFC 9309 section 5.1, the complete example file.
private let rfcExample = """
    User-Agent: *
    Disallow: *.gif$
    Disallow: /example/
    Allow: /publications/

    User-Agent: foobot
    Disallow:/
    Allow:/example/page.html
    Allow:/example/allowed.gif

    User-Agent: barbot
    User-Agent: bazbot
    Disallow: /example/page.html

    User-Agent: quxbot

    EOF
    """

@Suite("robots.txt, RFC 9309")
struct RobotsTxtTests {
    // MARK: 2.1 protocol definition, 5.1 the example

    @Test func rfcExampleForFoobot() {
        #expect(allowed(rfcExample, "https://www.example.com/example/page.html", agent: "foobot"))
        #expect(allowed(rfcExample, "https://www.example.com/example/allowed.gif", agent: "foobot"))
        #expect(!allowed(rfcExample, "https://www.example.com/example/other.gif", agent: "foobot"))
        #expect(!allowed(rfcExample, "https://www.example.com/publications/", agent: "foobot"))
        #expect(!allowed(rfcExample, "https://www.example.com/", agent: "foobot"))
    }

    @Test func rfcExampleForBarbotAndBazbotShareOneGroup() {
        for agent in ["barbot", "bazbot"] {
            #expect(!allowed(rfcExample, "https://www.example.com/example/page.html", agent: agent))
            #expect(allowed(rfcExample, "https://www.example.com/example/other.html", agent: agent))
            #expect(
                allowed(rfcExample, "https://www.example.com/picture.gif", agent: agent),
                "the * group does not apply to \(agent)")
        }
    }

    @Test func rfcExampleGroupWithoutRulesAllowsEverything() {
        #expect(allowed(rfcExample, "https://www.example.com/example/page.html", agent: "quxbot"))
        #expect(allowed(rfcExample, "https://www.example.com/picture.gif", agent: "quxbot"))
    }

    @Test func rfcExampleForAnyOtherCrawler() {
        #expect(!allowed(rfcExample, "https://www.example.com/picture.gif", agent: "otherbot"))
        #expect(
            allowed(rfcExample, "https://www.example.com/picture.gif?size=2", agent: "otherbot"), "$ ends the match")
        #expect(!allowed(rfcExample, "https://www.example.com/example/", agent: "otherbot"))
        #expect(allowed(rfcExample, "https://www.example.com/publications/", agent: "otherbot"))
        #expect(allowed(rfcExample, "https://www.example.com/about", agent: "otherbot"))
    }

    // MARK: 5.2 longest match

    @Test func rfcLongestMatchExample() {
        let robots = "User-Agent: foobot\nAllow: /example/page/\nDisallow: /example/page/disallowed.gif\n"
        #expect(allowed(robots, "https://www.example.com/example/page/", agent: "foobot"))
        #expect(allowed(robots, "https://www.example.com/example/page/allowed.gif", agent: "foobot"))
        #expect(!allowed(robots, "https://www.example.com/example/page/disallowed.gif", agent: "foobot"))
    }

    @Test func mostOctetsWinWhateverTheOrder() {
        #expect(!allowed("User-agent: *\nAllow: /page\nDisallow: /*.html\n", "/page.html"), "7 octets beat 5")
        #expect(allowed("User-agent: *\nAllow: /page\nDisallow: /*.html\n", "/page"))
        #expect(allowed("User-agent: *\nAllow: /x/page.\nDisallow: /*.html\n", "/x/page.html"), "8 octets beat 7")
        #expect(!allowed("User-agent: *\nDisallow: /a/b\nAllow: /a\n", "/a/b/c"))
        #expect(!allowed("User-agent: *\nAllow: /a\nDisallow: /a/b\n", "/a/b/c"))
        #expect(allowed("User-agent: *\nAllow: /$\nDisallow: /\n", "/"))
        #expect(!allowed("User-agent: *\nAllow: /$\nDisallow: /\n", "/page.html"))
    }

    @Test func allowWinsATie() {
        #expect(allowed("User-agent: *\nDisallow: /x/page.html\nAllow: /x/page.html\n", "/x/page.html"))
        #expect(allowed("User-agent: *\nAllow: /folder\nDisallow: /folder\n", "/folder/page"))
        #expect(allowed("User-agent: *\nDisallow: /\nAllow: /\n", "/anything"))
        #expect(allowed("User-agent: *\nDisallow: /*.html\nAllow: /a.html\n", "/a.html"), "equal octets: 7 and 7")
        let tie = decision("User-agent: *\nDisallow: /folder\nAllow: /folder\n", "/folder")
        #expect(tie.rule?.kind == .allow && tie.rule?.line == 3)
    }

    @Test func noMatchingRuleMeansAllowed() {
        let result = decision("User-agent: *\nDisallow: /private\n", "/public")
        #expect(result.allowed)
        #expect(result.reason == .noMatchingRule)
        #expect(result.explanation == "no matching rule")
        #expect(allowed("", "/anything"))
        #expect(allowed("User-agent: otherbot\nDisallow: /\n", "/anything"), "no group applies")
    }

    @Test func theDecidingRuleIsReportedWithItsLineAndText() {
        let robots = "# site rules\nUser-agent: *\nDisallow: /private/  # keep out\nAllow: /private/press/\n"
        let denied = decision(robots, "https://example.com/private/x")
        #expect(!denied.allowed)
        #expect(denied.rule?.line == 3)
        #expect(denied.explanation == "line 3: Disallow: /private/")
        let granted = decision(robots, "https://example.com/private/press/today")
        #expect(granted.explanation == "line 4: Allow: /private/press/")
    }

    @Test func emptyPatternsMatchNothing() {
        #expect(allowed("User-agent: *\nDisallow:\n", "/"))
        #expect(allowed("User-agent: *\nDisallow: \nAllow:\n", "/a"))
        #expect(!allowed("User-agent: *\nAllow:\nDisallow: /a\n", "/a"))
    }

    // MARK: 2.2.1 user-agent line

    @Test func agentsMatchCaseInsensitivelyByProductToken() {
        let robots = "User-agent: FooBot\nDisallow: /\n"
        #expect(!allowed(robots, "/x", agent: "foobot"))
        #expect(!allowed(robots, "/x", agent: "FOOBOT"))
        #expect(!allowed(robots, "/x", agent: "FooBot/2.1 (+https://foo.example/bot)"))
        #expect(allowed(robots, "/x", agent: "FooBotter"), "a longer token is another crawler")
        #expect(
            !allowed("user-AGENT: foobot/1.0\nDisallow: /\n", "/x", agent: "FooBot"),
            "the line's version is not part of the token")
        #expect(RobotsTxt.productToken("Winnow/0.1 (+https://example.org)") == "winnow")
    }

    @Test func specificGroupBeatsTheGlobalGroup() {
        let robots = "User-agent: *\nAllow: /\nUser-agent: FooBot\nDisallow: /\n"
        #expect(!allowed(robots, "/x", agent: "FooBot"))
        #expect(allowed(robots, "/x", agent: "BarBot"))
        // The global group's rules do not add to a specific group's.
        let mixed = "User-agent: *\nDisallow: /private\nUser-agent: FooBot\nDisallow: /tmp\n"
        #expect(allowed(mixed, "/private", agent: "FooBot"))
        #expect(!allowed(mixed, "/private", agent: "BarBot"))
    }

    @Test func groupsForTheSameAgentAreMerged() {
        let robots = """
            User-agent: FooBot
            Disallow: /a

            User-agent: BarBot
            Disallow: /b

            User-agent: foobot
            Disallow: /c
            Allow: /a/open
            """
        #expect(!allowed(robots, "/a", agent: "FooBot"))
        #expect(!allowed(robots, "/c", agent: "FooBot"))
        #expect(allowed(robots, "/b", agent: "FooBot"))
        #expect(
            allowed(robots, "/a/open/x", agent: "FooBot"),
            "an allow from the second group outranks the first group's shorter disallow")
        #expect(RobotsTxt(robots).groups(for: "FooBot").count == 2)
        // Global groups merge too.
        let global = "User-agent: *\nDisallow: /a\nUser-agent: FooBot\nDisallow: /x\nUser-agent: *\nDisallow: /b\n"
        #expect(!allowed(global, "/a", agent: "Other") && !allowed(global, "/b", agent: "Other"))
    }

    @Test func consecutiveUserAgentLinesShareAGroupAndARuleEndsIt() {
        let robots = "User-agent: a\nUser-agent: b\nDisallow: /x\nUser-agent: c\nDisallow: /y\n"
        let parsed = RobotsTxt(robots)
        #expect(parsed.groups.map(\.userAgents) == [["a", "b"], ["c"]])
        #expect(!allowed(robots, "/x", agent: "b"))
        #expect(allowed(robots, "/y", agent: "b"))
    }

    @Test func rulesBeforeAnyUserAgentAreIgnored() {
        #expect(allowed("Disallow: /\nUser-agent: FooBot\nDisallow: /private\n", "/public"))
        #expect(allowed("Disallow: /\n", "/x"))
    }

    // MARK: 2.2.2 allow and disallow, percent-encoding (the section's table)

    @Test func rfcPercentEncodingTable() {
        // Path in robots.txt → the URL path it matches (RFC 9309 section 2.2.2).
        let table: [(pattern: String, url: String)] = [
            ("/foo/bar?baz=quz", "https://example.com/foo/bar?baz=quz"),
            ("/foo/bar/ツ", "https://example.com/foo/bar/%E3%83%84"),
            ("/foo/bar/%E3%83%84", "https://example.com/foo/bar/%E3%83%84"),
            ("/foo/bar/%62%61%7A", "https://example.com/foo/bar/baz"),
        ]
        for row in table {
            #expect(
                !allowed("User-agent: *\nDisallow: \(row.pattern)\n", row.url), "\(row.pattern) should match \(row.url)"
            )
        }
    }

    @Test func percentEncodingIsNormalisedOnBothSides() {
        let robots = "User-agent: *\nDisallow: /foo/bar/ツ\nDisallow: /%7Euser/\nDisallow: /a%2fb\n"
        #expect(!allowed(robots, "/foo/bar/ツ"), "a raw UTF-8 URL is encoded before comparison")
        #expect(!allowed(robots, "/foo/bar/%e3%83%84"), "hex case does not matter")
        #expect(!allowed(robots, "/~user/notes"), "%7E is ~ (unreserved)")
        #expect(!allowed(robots, "/%7euser/notes"))
        #expect(!allowed(robots, "/a%2Fb/c"))
        #expect(allowed(robots, "/a/b/c"), "an encoded slash is not a slash")
        #expect(!allowed("User-agent: *\nDisallow: /%E3%83%84\n", "/ツ"))
        #expect(!allowed("User-agent: *\nDisallow: /a b\n", "/a%20b"))
    }

    @Test func pathsMatchCaseSensitively() {
        #expect(!allowed("User-agent: *\nDisallow: /Private\n", "/Private/x"))
        #expect(allowed("User-agent: *\nDisallow: /Private\n", "/private/x"))
    }

    @Test func blankLinesAndCommentsBetweenUserAgentLinesKeepOneGroup() {
        let robots = "User-agent: a\n\n# both\nUser-agent: b\nDisallow: /x\n"
        #expect(RobotsTxt(robots).groups.map(\.userAgents) == [["a", "b"]])
        #expect(!allowed(robots, "/x", agent: "a"))
    }

    @Test func queryIsMatchedAndFragmentIsNot() {
        let robots = "User-agent: *\nDisallow: /search?q=\nDisallow: /*?sessionid\n"
        #expect(!allowed(robots, "https://example.com/search?q=north"))
        #expect(allowed(robots, "https://example.com/search"))
        #expect(!allowed(robots, "https://example.com/page?sessionid=1"))
        #expect(allowed(robots, "https://example.com/page#?sessionid"), "the fragment never reaches the server")
        #expect(
            allowed(
                "User-agent: *\nAllow: /foo/bar?qux=taz&baz=http://foo.bar?tar&par\nDisallow: /\n",
                "http://foo.bar/foo/bar?qux=taz&baz=http://foo.bar?tar&par"))
    }

    @Test func anEmptyPathIsTheRoot() {
        #expect(!allowed("User-agent: *\nDisallow: /$\n", "https://example.com"))
        #expect(allowed("User-agent: *\nDisallow: /$\n", "https://example.com/a"))
    }

    @Test func robotsTxtItselfIsAlwaysAllowed() {
        let result = decision("User-agent: *\nDisallow: /\n", "https://example.com/robots.txt")
        #expect(result.allowed)
        #expect(result.reason == .robotsTxtItself)
        #expect(!allowed("User-agent: *\nDisallow: /\n", "https://example.com/robots.txt.bak"))
    }

    // MARK: 2.2.3 special characters

    @Test func rfcSpecialCharactersTable() {
        // "#": a comment, at the start of a line or after a rule.
        let comments = "User-agent: *\n# Disallow: /\nDisallow: /foo/quz#qux\nAllow: / # comment in line\n"
        #expect(allowed(comments, "/foo/bar"))
        #expect(!allowed(comments, "/foo/quz"))
        #expect(allowed(comments, "/foo/qu"))
        // "$": the end of the match pattern.
        let dollar = "User-agent: *\nDisallow: /\nAllow: /this/path/exactly$\n"
        #expect(allowed(dollar, "/this/path/exactly"))
        #expect(!allowed(dollar, "/this/path/exactly/not"))
        #expect(!allowed(dollar, "/this/path/exactly?x"))
        // "*": zero or more of any character.
        let star = "User-agent: *\nDisallow: /\nAllow: /this/*/exactly\n"
        #expect(allowed(star, "/this/a/exactly"))
        #expect(allowed(star, "/this/a/b/exactly"))
        #expect(allowed(star, "/this//exactly"))
        #expect(!allowed(star, "/this/exactly"))
    }

    @Test func rfcPercentEncodedSpecialCharacters() {
        // A pattern matches a URL's literal "*" and "$" with %2A and %24.
        #expect(
            !allowed(
                "User-agent: *\nDisallow: /path/file-with-a-%2A.html\n",
                "https://www.example.com/path/file-with-a-*.html"))
        #expect(
            allowed(
                "User-agent: *\nDisallow: /path/file-with-a-%2A.html\n",
                "https://www.example.com/path/file-with-a-x.html"))
        #expect(!allowed("User-agent: *\nDisallow: /path/foo-%24\n", "https://www.example.com/path/foo-$"))
        #expect(!allowed("User-agent: *\nDisallow: /path/foo-%24\n", "https://www.example.com/path/foo-%24"))
        // An unencoded "*" in a pattern stays a wildcard.
        #expect(
            !allowed(
                "User-agent: *\nDisallow: /path/file-with-a-*.html\n", "https://www.example.com/path/file-with-a-x.html"
            ))
    }

    @Test func wildcardsCombined() {
        let robots =
            "User-agent: *\nDisallow: /foo/bar/quz\nAllow: /foo/*/qux\nDisallow: /*.pdf$\nDisallow: /**/tmp*$\n"
        #expect(!allowed(robots, "/foo/bar/quz"))
        #expect(allowed(robots, "/foo/quz"))
        #expect(allowed(robots, "/foo/bax/qux"))
        #expect(!allowed(robots, "/docs/report.pdf"))
        #expect(allowed(robots, "/docs/report.pdf.html"))
        #expect(!allowed(robots, "/a/b/tmp-file"))
        #expect(!allowed("User-agent: *\nDisallow: /a$b\n", "/a$b"), "a $ before the end is literal")
        #expect(allowed("User-agent: *\nDisallow: /a$b\n", "/a"))
        #expect(!allowed("User-agent: *\nDisallow: *\n", "/anything"))
        #expect(!allowed("User-agent: *\nDisallow: /*$\n", "/anything"))
    }

    @Test func longPatternsAgainstLongPathsStayFast() {
        let pattern = String(repeating: "/*a", count: 200) + "$"
        let path = "/" + String(repeating: "a", count: 5000) + "b"
        #expect(allowed("User-agent: *\nDisallow: \(pattern)\n", path))
    }

    // MARK: 2.2.4 other records

    @Test func sitemapsAndCrawlDelayAreCollected() {
        let robots = """
            Sitemap: https://example.com/sitemap-index.xml
            User-agent: FooBot
            Crawl-delay: 2.5
            Disallow: /x
            User-agent: *
            Crawl-delay: 10
            sitemap:https://example.com/news.xml
            """
        let parsed = RobotsTxt(robots)
        #expect(parsed.sitemaps == ["https://example.com/sitemap-index.xml", "https://example.com/news.xml"])
        #expect(parsed.crawlDelay(for: "FooBot/1.0") == 2.5)
        #expect(parsed.crawlDelay(for: "Other") == 10)
        #expect(RobotsTxt("User-agent: *\nCrawl-delay: soon\n").crawlDelay(for: "x") == nil)
    }

    @Test func unknownKeysAndLinesWithoutAColonAreIgnored() {
        let robots = "User-agent: *\nDisallow /a\nNoindex: /b\nHost: example.com\nrandom garbage\nDisallow: /c\n"
        #expect(allowed(robots, "/a"))
        #expect(allowed(robots, "/b"))
        #expect(!allowed(robots, "/c"))
        #expect(decision(robots, "/c").rule?.line == 6)
    }

    @Test func keysAreCaseInsensitiveAndSpacesAroundThemIgnored() {
        let robots = "USER-AGENT:*\n  DISALLOW  :   /a   \n\tallow:/a/b\n"
        #expect(!allowed(robots, "/a"))
        #expect(allowed(robots, "/a/b"))
    }

    // MARK: 2.3 access method: line ends, BOM, status codes

    @Test func crLfAndCrlfLineEndsAndLineNumbers() {
        for separator in ["\n", "\r", "\r\n"] {
            let robots = ["User-agent: *", "", "Disallow: /a", "Allow: /a/b"].joined(separator: separator)
            let result = decision(robots, "/a/x")
            #expect(!result.allowed, "separator \(Array(separator.utf8))")
            #expect(result.rule?.line == 3)
            #expect(decision(robots, "/a/b").rule?.line == 4)
        }
    }

    @Test func byteOrderMarkIsSkipped() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("User-agent: *\nDisallow: /a\n".utf8)
        let robots = RobotsTxt(bytes)
        #expect(!robots.isAllowed("/a", userAgent: "x"))
        #expect(robots.decision(for: "/a", userAgent: "x").rule?.line == 2)
        #expect(robots.groups.first?.userAgents == ["*"])
    }

    @Test func statusCodePolicy() {
        #expect(RobotsTxt.policy(forStatus: 200) == .parse)
        #expect(RobotsTxt.policy(forStatus: 204) == .parse)
        #expect(RobotsTxt.policy(forStatus: 301) == .allowAll, "redirects left over after five hops: unavailable")
        #expect(RobotsTxt.policy(forStatus: 401) == .allowAll)
        #expect(RobotsTxt.policy(forStatus: 403) == .allowAll)
        #expect(RobotsTxt.policy(forStatus: 404) == .allowAll)
        #expect(RobotsTxt.policy(forStatus: 410) == .allowAll)
        #expect(RobotsTxt.policy(forStatus: 429) == .disallowAll)
        #expect(RobotsTxt.policy(forStatus: 500) == .disallowAll)
        #expect(RobotsTxt.policy(forStatus: 503) == .disallowAll)
        #expect(RobotsTxt.policy(forStatus: nil) == .disallowAll, "unreachable")
    }

    @Test func fetchedRobotsFollowTheStatus() {
        let body = Array("User-agent: *\nDisallow: /private\n".utf8)
        #expect(!RobotsTxt.fetched(status: 200, body: body).isAllowed("/private", userAgent: "x"))
        let missing = RobotsTxt.fetched(status: 404, body: body)
        #expect(missing.isAllowed("/private", userAgent: "x"), "a 404's body is not robots.txt")
        #expect(missing.decision(for: "/private", userAgent: "x").explanation.contains("404"))
        let failing = RobotsTxt.fetched(status: 503, body: body)
        #expect(!failing.isAllowed("/public", userAgent: "x"))
        #expect(failing.decision(for: "/public", userAgent: "x").explanation.contains("503"))
        #expect(!RobotsTxt.fetched(status: nil, body: []).isAllowed("/", userAgent: "x"))
    }

    // MARK: 2.5 limits

    @Test func atLeast500KiBAreParsedAndTheRestIgnored() {
        var text = "User-agent: *\nDisallow: /early\n"
        let padding = "# " + String(repeating: "x", count: 97) + "\n"  // 100 bytes a line
        while text.utf8.count < 510 * 1024 { text += padding }
        text += "Disallow: /late\n"
        let robots = RobotsTxt(text)
        #expect(robots.truncated)
        #expect(robots.bytesParsed <= RobotsTxt.parseLimit)
        #expect(robots.bytesParsed > RobotsTxt.parseLimit - 100)
        #expect(!robots.isAllowed("/early", userAgent: "x"))
        #expect(robots.isAllowed("/late", userAgent: "x"))
        // A rule ending just before the limit still counts.
        var near = "User-agent: *\n"
        while near.utf8.count < RobotsTxt.parseLimit - 200 { near += padding }
        near += "Disallow: /near-the-end\n"
        #expect(near.utf8.count < RobotsTxt.parseLimit)
        #expect(!RobotsTxt(near).isAllowed("/near-the-end", userAgent: "x"))
        #expect(!RobotsTxt(near).truncated)
    }

    @Test func aLineCutByTheLimitIsDropped() {
        let head = "User-agent: *\n"
        let text = head + "Disallow: /private-area\n"
        // The limit falls inside "/private-area": "/priv" must not become a rule.
        let robots = RobotsTxt(Array(text.utf8), limit: head.utf8.count + 15)
        #expect(robots.truncated)
        #expect(robots.isAllowed("/priv", userAgent: "x"))
        #expect(robots.groups.first?.rules.isEmpty == true)
    }

    @Test func invalidUTF8IsMatchedAsOctets() {
        let bytes: [UInt8] = Array("User-agent: *\nDisallow: /caf".utf8) + [0xE9] + Array("\n".utf8)
        let robots = RobotsTxt(bytes)
        #expect(!robots.isAllowed("/caf%E9", userAgent: "x"))
        #expect(robots.isAllowed("/cafe", userAgent: "x"))
    }
}

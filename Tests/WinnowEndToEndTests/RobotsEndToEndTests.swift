import Foundation
import Testing

/// `winnow robots` through the real binary: the answer, the deciding line, the exit status.
@Suite(.serialized)
struct RobotsEndToEndTests {
    static let robots = """
        # Example robots.txt
        User-agent: *
        Disallow: /private/
        Allow: /private/press/
        Disallow: /*.pdf$

        User-agent: FooBot
        Disallow: /
        Sitemap: https://example.com/sitemap.xml
        """

    func withRobots(_ body: (String) throws -> Void) throws {
        let tmp = try TemporaryDirectory("robots")
        try Archive.write(Self.robots, to: tmp.sub("robots.txt"))
        try body(tmp.sub("robots.txt"))
    }

    @Test func disallowedExitsOneAndNamesTheLine() throws {
        try withRobots { path in
            let result = try Winnow.run(["robots", path, "https://example.com/private/plans.html"])
            #expect(result.status == 1, "\(result.stderr)")
            #expect(result.stdout == "disallowed\nline 3: Disallow: /private/\n")
            #expect(result.stderr.isEmpty)
        }
    }

    @Test func allowedExitsZeroAndNamesTheLine() throws {
        try withRobots { path in
            let result = try Winnow.run(["robots", path, "https://example.com/private/press/release"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout == "allowed\nline 4: Allow: /private/press/\n")
        }
    }

    @Test func noMatchingRuleAndPathsAndWildcards() throws {
        try withRobots { path in
            let open = try Winnow.run(["robots", path, "/news/today"])
            #expect(open.status == 0)
            #expect(open.stdout == "allowed\nno matching rule\n")
            let pdf = try Winnow.run(["robots", path, "/files/report.pdf"])
            #expect(pdf.status == 1)
            #expect(pdf.stdout == "disallowed\nline 5: Disallow: /*.pdf$\n")
        }
    }

    @Test func userAgentPicksItsGroup() throws {
        try withRobots { path in
            let result = try Winnow.run([
                "robots", path, "https://example.com/news/today", "--user-agent", "foobot/2.1 (+https://foo.example)",
            ])
            #expect(result.status == 1)
            #expect(result.stdout == "disallowed\nline 8: Disallow: /\n")
            let itself = try Winnow.run(["robots", path, "https://example.com/robots.txt", "--user-agent", "FooBot"])
            #expect(itself.status == 0)
        }
    }

    @Test func missingFileIsOneLineAndExit64() throws {
        let tmp = try TemporaryDirectory("robots")
        let result = try Winnow.run(["robots", tmp.sub("nope.txt"), "https://example.com/"])
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "winnow: error: \(tmp.sub("nope.txt")): no such file\n")
    }

    @Test func badURLAndMissingArgumentsAreUsageErrors() throws {
        try withRobots { path in
            let bad = try Winnow.run(["robots", path, "example.com/x"])
            #expect(bad.status == 64)
            #expect(bad.stderr.split(separator: "\n").count == 1)
            let missing = try Winnow.run(["robots", path])
            #expect(missing.status == 64)
        }
    }

    @Test func helpExplainsTheCommand() throws {
        let result = try Winnow.run(["robots", "--help"])
        #expect(result.status == 0)
        for fragment in ["ROBOTS.txt", "URL", "--user-agent", "Exit status"] {
            #expect(result.stdout.contains(fragment), "--help lacks \(fragment)")
        }
        let top = try Winnow.run(["--help"])
        #expect(top.stdout.contains("robots"))
    }
}

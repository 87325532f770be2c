import Foundation
import Testing

@testable import WinnowFetch

@Suite("SOURCE arguments and URL lists")
struct SourceSpecTests {
    @Test func theThreeKindsParse() throws {
        #expect(try SourceSpec(parsing: "urls:list.txt") == .urls(file: "list.txt"))
        #expect(
            try SourceSpec(parsing: "urls:/data/a:b.txt") == .urls(file: "/data/a:b.txt"),
            "only the first colon separates")
        #expect(
            try SourceSpec(parsing: "sitemap:https://example.com/sitemap.xml")
                == .sitemap(url: "https://example.com/sitemap.xml"))
        #expect(
            try SourceSpec(parsing: "robots:http://example.com/robots.txt")
                == .robots(url: "http://example.com/robots.txt"))
        #expect(
            try SourceSpec(parsing: "sitemap:https://example.com/s.xml").description
                == "sitemap:https://example.com/s.xml")
    }

    @Test func robotsSourcesReadTheRobotsTxtAtTheTopOfTheOrigin() throws {
        #expect(try SourceSpec(parsing: "robots:https://Example.com").robotsTxtURL == "https://example.com/robots.txt")
        #expect(
            try SourceSpec(parsing: "robots:https://example.com:8443/news/").robotsTxtURL
                == "https://example.com:8443/robots.txt")
        #expect(
            try SourceSpec(parsing: "robots:https://example.com/robots.txt").robotsTxtURL
                == "https://example.com/robots.txt")
        #expect(try SourceSpec(parsing: "sitemap:https://example.com/s.xml").robotsTxtURL == nil)
    }

    @Test func anythingElseIsAOneLineError() {
        let cases: [(argument: String, fragment: String)] = [
            ("list.txt", "has no kind"),
            ("feed:https://example.com/rss", "unknown kind 'feed'"),
            ("URLS:list.txt", "unknown kind 'URLS'"),
            ("urls:", "names no file"),
            ("sitemap:", "not an absolute http(s) URL"),
            ("sitemap:/sitemap.xml", "not an absolute http(s) URL"),
            ("robots:ftp://example.com/robots.txt", "not an absolute http(s) URL"),
            ("https://example.com/page", "a page URL goes into a urls: file"),
        ]
        for (argument, fragment) in cases {
            #expect {
                try SourceSpec(parsing: argument)
            } throws: { error in
                let message = (error as? SourceSpecError)?.message ?? ""
                return message.contains(fragment) && message.contains(argument) && !message.contains("\n")
                    && message.contains("urls:FILE") == !fragment.contains("not an absolute")
            }
        }
    }

    @Test func urlListSkipsCommentsAndBlankLines() throws {
        let text =
            "\u{FEFF}# articles\r\nhttps://example.com/a\r\n\r\n   https://example.com/b   \n\t# indented "
            + "comment\nhttp://example.com/c"
        #expect(
            try URLList.parse(text, name: "list.txt") == [
                "https://example.com/a", "https://example.com/b", "http://example.com/c",
            ])
        #expect(try URLList.parse("", name: "empty.txt").isEmpty)
    }

    @Test func aBadLineIsNamedByFileAndLine() {
        #expect(throws: SourceSpecError(message: "list.txt:3: 'example.com/x' is not an absolute http(s) URL")) {
            try URLList.parse("https://example.com/a\n\nexample.com/x\n", name: "list.txt")
        }
    }

    @Test func readingAFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-urls-\(UUID().uuidString).txt")
            .path
        try Data("https://example.com/a\n# x\nhttps://example.com/b\n".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try URLList.read(path: path) == ["https://example.com/a", "https://example.com/b"])
        #expect(throws: SourceSpecError(message: "urls:\(path).missing: no such file")) {
            try URLList.read(path: path + ".missing")
        }
    }

    @Test func aFileIsReadLineByLineAsItsTextParses() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-urls-\(UUID().uuidString).txt")
            .path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let text =
            "\u{FEFF}https://example.com/a\r\n  # c\r\n\r\nhttps://example.com/b\rhttps://example.com/c\n"
            + "\thttps://example.com/d  \nhttps://example.com/e"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        #expect(try URLList.read(path: path) == URLList.parse(text, name: path))
        #expect(try URLList.read(path: path).count == 5)
        try Data("https://example.com/a\r\n\rexample.com/x\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: SourceSpecError(message: "\(path):3: 'example.com/x' is not an absolute http(s) URL")) {
            try URLList.read(path: path)
        }
        #expect(throws: SourceSpecError(message: "urls:\(FileManager.default.temporaryDirectory.path): is a directory"))
        {
            try URLList.read(path: FileManager.default.temporaryDirectory.path)
        }
    }
}

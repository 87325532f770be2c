import Foundation
import Testing
import WinnowCore
import WinnowHTML

@testable import WinnowExtract

/// The message of the error `parse` throws for `yaml`, or nil (and an issue) when it parses.
private func parseError(_ yaml: String, origin: String = "sites/x.yml") -> String? {
    do {
        let profile = try SiteProfile.parse(yaml: yaml, origin: origin)
        Issue.record("expected an error, got \(profile)")
        return nil
    } catch {
        return error.message
    }
}

@Suite("SiteProfile")
struct SiteProfileTests {
    @Test func fullProfileParses() throws {
        let yaml = """
            name: Example News
            hosts: [example-news.test, Example-Mirror.TEST]
            timezone: Asia/Seoul
            boilerplate:
              - Example News works with sources
              - Send tips to
            language_links:
              Lire en coréen: ko
            layouts:
              - name: modern
                detect: //div[@class = 'modern']
                from: 2019-01-01
                until: 2020-12-31
                title: //h1
                byline: //div[@class = 'byline']
                published: //time/@datetime
                body: //div[@class = 'story']
                captions: //figcaption
                credits: //p[@class = 'credit']
                remove:
                  - //div[@class = 'ad']
                  - //p[@class = 'promo']
              - name: old
                detect: //table
                remove: //div[@class = 'ad']
            """
        let profile = try SiteProfile.parse(yaml: yaml, origin: "sites/example.yml")
        #expect(profile.name == "Example News")
        #expect(profile.hosts == ["example-news.test", "example-mirror.test"])
        #expect(profile.timeZone == TimeZone(identifier: "Asia/Seoul"))
        #expect(profile.boilerplate == ["Example News works with sources", "Send tips to"])
        #expect(profile.languageLinks == ["Lire en coréen": "ko"])
        #expect(profile.origin == "sites/example.yml")
        #expect(profile.layouts.map(\.name) == ["modern", "old"])
        let modern = profile.layouts[0]
        #expect(modern.detect == "//div[@class = 'modern']")
        #expect(modern.from == WrittenDate(year: 2019, month: 1, day: 1))
        #expect(modern.until == WrittenDate(year: 2020, month: 12, day: 31))
        #expect(modern.title == "//h1")
        #expect(modern.byline == "//div[@class = 'byline']")
        #expect(modern.published == "//time/@datetime")
        #expect(modern.body == "//div[@class = 'story']")
        #expect(modern.captions == "//figcaption")
        #expect(modern.credits == "//p[@class = 'credit']")
        #expect(modern.remove == ["//div[@class = 'ad']", "//p[@class = 'promo']"])
        // A single expression is a list of one.
        #expect(profile.layouts[1].remove == ["//div[@class = 'ad']"])
        #expect(profile.layouts[1].from == nil)
    }

    @Test func unknownKeyNamesFileLineAndColumn() throws {
        let message = try #require(parseError("name: X\nhosts: [x.test]\ncolour: red\n"))
        #expect(message.hasPrefix("sites/x.yml:3:1: unknown key 'colour'"))
    }

    @Test func unknownLayoutKeyNamesFileLineAndColumn() throws {
        let yaml = "name: X\nhosts: [x.test]\nlayouts:\n  - name: a\n    detect: //div\n    colour: red\n"
        let message = try #require(parseError(yaml))
        #expect(message.hasPrefix("sites/x.yml:6:5: unknown layout key 'colour'"))
    }

    @Test func invalidXPathNamesFileLineAndColumn() throws {
        let yaml = "name: X\nhosts: [x.test]\nlayouts:\n  - name: a\n    detect: \"//div[@class = 'a'\"\n"
        let message = try #require(parseError(yaml))
        #expect(message == "sites/x.yml:5:13: 'detect' is not a valid XPath expression: //div[@class = 'a'")
    }

    @Test func invalidXPathInRemoveIsAnError() throws {
        let yaml = "name: X\nhosts: [x.test]\nlayouts:\n  - name: a\n    detect: //div\n    remove: [\"//p[\"]\n"
        let message = try #require(parseError(yaml))
        #expect(message.hasPrefix("sites/x.yml:6:13: 'remove' holds an invalid XPath expression"))
    }

    @Test func unknownTimezoneNamesFileLineAndColumn() throws {
        let message = try #require(parseError("name: X\nhosts: [x.test]\ntimezone: Mars/Olympus\n"))
        #expect(message.hasPrefix("sites/x.yml:3:11: unknown timezone 'Mars/Olympus'"))
    }

    @Test func layoutWithoutDetectOrDatesIsAnError() throws {
        let yaml = "name: X\nhosts: [x.test]\nlayouts:\n  - name: a\n    title: //h1\n"
        let message = try #require(parseError(yaml))
        #expect(message == "sites/x.yml:4:5: layout 'a' needs detect (an XPath) or a from/until date")
    }

    @Test func layoutWithOnlyADateIsEnough() throws {
        let yaml = "name: X\nhosts: [x.test]\nlayouts:\n  - name: a\n    until: 2018-12-31\n"
        #expect(
            try SiteProfile.parse(yaml: yaml, origin: "x").layouts.first?.until
                == WrittenDate(year: 2018, month: 12, day: 31))
    }

    @Test func missingNameOrHostsIsAnError() {
        #expect(parseError("hosts: [x.test]\n") == "sites/x.yml: a site profile needs a name")
        #expect(parseError("name: X\n") == "sites/x.yml: a site profile needs hosts")
    }

    @Test func coversTheHostAndItsSubdomainsOnly() {
        let profile = SiteProfile(name: "Daily NK", hosts: ["dailynk.com"], origin: "x")
        #expect(profile.covers(host: "dailynk.com"))
        #expect(profile.covers(host: "www.dailynk.com"))
        #expect(profile.covers(host: "WWW.DailyNK.com"))
        #expect(profile.covers(host: "m.english.dailynk.com"))
        #expect(!profile.covers(host: "notdailynk.com"))
        #expect(!profile.covers(host: "dailynk.com.example.test"))
        #expect(!profile.covers(host: "dailynk.co"))
    }

    @Test func profilesForAHostAndForATextWithoutOne() {
        let nk = SiteProfile(
            name: "Daily NK", hosts: ["dailynk.com"], boilerplate: ["Daily NK works with"], origin: "a")
        let other = SiteProfile(name: "Other", hosts: ["other.test"], boilerplate: ["Other Herald is"], origin: "b")
        let profiles = SiteProfiles([nk, other])
        #expect(profiles.profile(forHost: "www.other.test")?.name == "Other")
        #expect(profiles.profile(forHost: "unknown.test") == nil)
        #expect(profiles.profile(forHost: nil) == nil)
        #expect(profiles.profile(recognizing: "Rain fell.\n\nOther Herald is an independent paper.")?.name == "Other")
        #expect(profiles.profile(recognizing: "Rain fell.\n\nNothing to see.") == nil)
    }

    @Test func loadReadsYAMLFilesOfAFolderInNameOrder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("site-profiles-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        func write(_ name: String, _ text: String) throws {
            try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
        }
        try write("b.yml", "name: B\nhosts: [b.test]\n")
        try write("a.yaml", "name: A\nhosts: [a.test]\n")
        try write("notes.txt", "not: a profile\n")
        try write("c.yml.bak", "broken: [\n")
        let profiles = try SiteProfiles.load(folder: folder)
        #expect(profiles.profiles.map(\.name) == ["A", "B"])
        #expect(profiles.profiles.map(\.origin) == [folder + "/a.yaml", folder + "/b.yml"])
    }

    @Test func loadingAMissingFolderIsAnError() {
        #expect(throws: ConfigurationError("site_profiles: cannot read the folder /nonexistent/site-profiles")) {
            try SiteProfiles.load(folder: "/nonexistent/site-profiles")
        }
    }

    @Test func builtInProfileIsTheFileOfPipelinesSites() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let file = try String(contentsOf: root.appendingPathComponent("Pipelines/sites/dailynk.yml"), encoding: .utf8)
        let builtIn = try #require(BuiltInSiteProfiles.files.first { $0.name == "dailynk.yml" })
        #expect(builtIn.text + "\n" == file)
        let profile = try #require(SiteProfiles.builtIn().profiles.first)
        #expect(profile.name == "Daily NK")
        #expect(profile.covers(host: "www.dailynk.com"))
        #expect(profile.timeZone == TimeZone(identifier: "Asia/Seoul"))
        #expect(profile.languageLinks == ["Read in Korean": "ko", "영문 보기": "en"])
        #expect(profile.layouts.map(\.name) == ["wordpress-2019", "table-2016"])
    }

    @Test func layoutIsTheFirstWhoseDetectSelectsSomething() throws {
        let yaml = """
            name: X
            hosts: [x.test]
            layouts:
              - name: old
                detect: //div[@id = 'news_contents']
              - name: new
                detect: //div[contains(@class, 'jeg_inner_content')]
            """
        let profile = try SiteProfile.parse(yaml: yaml, origin: "x")
        let new = try HTMLDocument(
            utf8: Array(#"<html><body><div class="jeg_inner_content x"><p>a</p></div></body></html>"#.utf8))
        let old = try HTMLDocument(
            utf8: Array(#"<html><body><div id="news_contents"><p>a</p></div></body></html>"#.utf8))
        let neither = try HTMLDocument(utf8: Array("<html><body><p>a</p></body></html>".utf8))
        #expect(profile.layout(for: new, date: nil)?.name == "new")
        #expect(profile.layout(for: old, date: nil)?.name == "old")
        #expect(profile.layout(for: neither, date: nil) == nil)
    }

    @Test func layoutDatesHoldFromTheFirstDayThroughTheLast() throws {
        let yaml = """
            name: X
            hosts: [x.test]
            layouts:
              - name: early
                detect: //body
                until: 2018-12-31
              - name: late
                detect: //body
                from: 2019-01-01
            """
        let profile = try SiteProfile.parse(yaml: yaml, origin: "x")
        let document = try HTMLDocument(utf8: Array("<html><body><p>a</p></body></html>".utf8))
        let lastEarlyDay = WrittenDate(year: 2018, month: 12, day: 31, hour: 23, minute: 0, offset: 0)
        #expect(profile.layout(for: document, date: lastEarlyDay)?.name == "early")
        #expect(profile.layout(for: document, date: WrittenDate(year: 2019, month: 1, day: 1))?.name == "late")
        #expect(profile.layout(for: document, date: WrittenDate(year: 2017, month: 6, day: 1))?.name == "early")
        // Without a date, the first layout whose detect matches.
        #expect(profile.layout(for: document, date: nil)?.name == "early")
    }
}

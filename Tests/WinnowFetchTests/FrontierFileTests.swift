import Foundation
import Testing

@testable import WinnowFetch

@Suite struct FrontierFileTests {
    private func freshPath() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("frontier-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.path + "/frontier.sqlite"
    }

    @Test func claimsEachURLOnce() throws {
        let file = try FrontierFile(path: try freshPath())
        #expect(try file.claim(SeenKey("https://a.test/1")) == .new)
        #expect(try file.claim(SeenKey("https://a.test/2")) == .new)
        #expect(try file.claim(SeenKey("https://a.test/1")) == .claimed)
    }

    /// Resume: a URL the log holds as done is reported once as done, then as claimed; others are new.
    @Test func urlsDoneBeforeAreReportedOnce() throws {
        let file = try FrontierFile(path: try freshPath())
        try file.markDone(SeenKey("https://a.test/done"))
        try file.markDone(SeenKey("https://a.test/done"))
        #expect(try file.isDone(SeenKey("https://a.test/done")))
        #expect(try !file.isDone(SeenKey("https://a.test/other")))
        #expect(try file.claim(SeenKey("https://a.test/done")) == .doneBefore)
        #expect(try file.claim(SeenKey("https://a.test/done")) == .claimed)
        #expect(try !file.isDone(SeenKey("https://a.test/done")))
        #expect(try file.claim(SeenKey("https://a.test/other")) == .new)
    }

    @Test func waitingURLsComeBackPerHostInOrder() throws {
        let file = try FrontierFile(path: try freshPath())
        try file.begin()
        for seq in 0..<10 { try file.append(host: seq % 2, seq: seq, url: "u\(seq)") }
        try file.commit()
        let first = try file.urls(host: 1, after: -1, limit: 3)
        #expect(first.map(\.url) == ["u1", "u3", "u5"] && first.map(\.seq) == [1, 3, 5])
        #expect(try file.urls(host: 1, after: 5, limit: 3).map(\.url) == ["u7", "u9"])
        #expect(try file.urls(host: 0, after: 8, limit: 3).isEmpty)
        #expect(try file.urls(host: 7, after: -1, limit: 3).isEmpty)
    }

    /// `--refresh`: the last fetch's validators per URL, the later replacing the earlier; none for others.
    @Test func validatorsOfTheLastFetch() throws {
        let file = try FrontierFile(path: try freshPath())
        try file.setValidators(url: "https://a.test/1", etag: "\"v1\"", lastModified: nil)
        try file.setValidators(url: "https://a.test/2", etag: nil, lastModified: "Mon, 30 Nov 2026 10:00:00 GMT")
        try file.setValidators(url: "https://a.test/1", etag: "\"v2\"", lastModified: "Tue, 01 Dec 2026 08:00:00 GMT")
        let first = try file.validators(for: "https://a.test/1")
        #expect(first?.etag == "\"v2\"" && first?.lastModified == "Tue, 01 Dec 2026 08:00:00 GMT")
        let second = try file.validators(for: "https://a.test/2")
        #expect(second?.etag == nil && second?.lastModified == "Mon, 30 Nov 2026 10:00:00 GMT")
        #expect(try file.validators(for: "https://a.test/3") == nil)
    }

    @Test func aLeftoverFileIsReplacedAndRemoveDeletesIt() throws {
        let path = try freshPath()
        do {
            let killed = try FrontierFile(path: path)
            try killed.append(host: 0, seq: 0, url: "old")
            try killed.markDone(SeenKey("old"))
        }
        let file = try FrontierFile(path: path)
        #expect(try file.urls(host: 0, after: -1, limit: 10).isEmpty)
        #expect(try file.claim(SeenKey("old")) == .new)
        #expect(FileManager.default.fileExists(atPath: path))
        file.remove()
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func anUnwritablePlaceIsOneClearError() {
        #expect {
            _ = try FrontierFile(path: "/nonexistent-dir-for-winnow/frontier.sqlite")
        } throws: { error in
            "\(error)".contains("/nonexistent-dir-for-winnow/frontier.sqlite")
        }
    }
}

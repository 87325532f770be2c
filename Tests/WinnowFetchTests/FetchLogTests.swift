import Foundation
import Testing

@testable import WinnowFetch

@Suite struct FetchLogTests {
    @Test func appendsLinesAndCutsATornTailOnReopen() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fetchlog-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/fetch-log.jsonl"
        let log = try FetchLog(path: path)
        log.append(
            FetchLogEntry(
                kind: "page", url: "http://a.example/1", outcome: .fetched, status: 200, bytes: 10, attempts: 1))
        log.append(
            FetchLogEntry(
                kind: "page", url: "http://a.example/2", outcome: .robotsDisallowed, error: "line 2: Disallow: /"))
        // A kill mid-write leaves half a line.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        handle.write(Data("{\"kind\":\"page\",\"url\":\"http://a.exa".utf8))
        try handle.close()
        let reopened = try FetchLog(path: path)
        reopened.append(
            FetchLogEntry(kind: "page", url: "http://a.example/3", outcome: .failed, status: 503, attempts: 4))
        let entries = FetchLog.read(path: path)
        #expect(entries.map(\.url) == ["http://a.example/1", "http://a.example/2", "http://a.example/3"])
        #expect(entries.map(\.outcome) == [.fetched, .robotsDisallowed, .failed])
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("\"outcome\":\"robots-disallowed\""))
        #expect(text.hasSuffix("\n"))
    }

    /// `forEach` (resume reads the log with it, line by line) gives what `read` gives, torn lines skipped.
    @Test func forEachReadsLineByLineAsReadDoes() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fetchlog-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/fetch-log.jsonl"
        let log = try FetchLog(path: path)
        for n in 0..<10000 {  // about 1.5 MB: crosses a 1 MB chunk
            log.append(FetchLogEntry(kind: "page", url: "http://a.example/\(n)", outcome: .fetched, status: 200))
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        handle.write(Data("not json\n{\"kind\":\"page\",\"url\":\"http://a.exa".utf8))
        try handle.close()
        var urls: [String] = []
        FetchLog.forEach(path: path) { urls.append($0.url) }
        #expect(urls == (0..<10000).map { "http://a.example/\($0)" })
        #expect(urls == FetchLog.read(path: path).map(\.url))
        var none = 0
        FetchLog.forEach(path: dir + "/absent.jsonl") { _ in none += 1 }
        #expect(none == 0)
    }
}

import Foundation
import Testing

@testable import WinnowFetch

@Suite struct FetchStatusTests {
    @Test func errorKindsGroupFailures() {
        #expect(FetchStatus.errorKind("HTTP 404") == "HTTP 404")
        #expect(FetchStatus.errorKind("timeout: Operation timed out after 1000 ms") == "timeout")
        #expect(FetchStatus.errorKind("host x.example does not resolve") == "does not resolve")
        #expect(FetchStatus.errorKind(nil) == "unknown")
    }
}

@Suite struct FetchStatusSkippedTypeTests {
    @Test func skippedTypesAreCountedByMediaType() throws {
        let directory = FileManager.default.temporaryDirectory.path + "/fetch-status-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let log = try FetchLog(path: directory + "/" + Crawler.logName)
        log.append(FetchLogEntry(kind: "page", url: "http://a.example/1.html", outcome: .fetched, status: 200))
        for (n, type) in ["image/jpeg", "image/jpeg; q=1", "application/pdf"].enumerated() {
            log.append(
                FetchLogEntry(
                    kind: "page", url: "http://a.example/m\(n)", outcome: .skippedType, status: 200, contentType: type))
        }
        let status = FetchStatus.read(directory)
        #expect(status.pages == ["fetched": 1, "skipped-type": 3])
        #expect(status.skippedTypes == ["image/jpeg": 2, "application/pdf": 1])
        #expect(status.rendered().contains("not kept (type): 2 image/jpeg, 1 application/pdf"))
        let line = try #require(FetchLog.read(path: directory + "/" + Crawler.logName).last)
        #expect(line.contentType == "application/pdf" && line.outcome == .skippedType)
    }
}

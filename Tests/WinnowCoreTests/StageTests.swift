import Testing

@testable import WinnowCore

@Suite("Stage and Page")
struct StageTests {
    @Test func pageStartsARecordFromItsInput() {
        let ref = InputRef(key: "en/2016/08/a.html", kind: .file, location: "/data/en/2016/08/a.html")
        let content = InputContent(
            bytes: [1, 2], format: .html, url: "https://example.com/a",
            fetchedAt: "2024-01-02T03:04:05Z", httpStatus: 200)
        let page = Page(input: ref, content: content)
        #expect(page.record.id == StableHash.recordID(forKey: "en/2016/08/a.html"))
        #expect(page.record.source == Record.Source(kind: "file", path: "en/2016/08/a.html"))
        #expect(page.record.url == "https://example.com/a")
        #expect(page.record.fetchedAt == "2024-01-02T03:04:05Z")
        #expect(page.record.httpStatus == 200)
        #expect(page.record.text == nil)
        #expect(page.content.bytes == [1, 2])
    }

    @Test func gzipInputIsAFileSourceWithItsOffset() {
        let ref = InputRef(key: "a.html.gz", kind: .gzip, location: "/d/a.html.gz", offset: 7)
        let page = Page(input: ref, content: InputContent(bytes: [], format: .html))
        #expect(page.record.source == Record.Source(kind: "file", path: "a.html.gz", offset: 7))
    }

    @Test func stageFailureDescribesStageAndReason() {
        #expect(StageFailure(stage: "extract", reason: "empty file").description == "extract: empty file")
    }
}

import Foundation
import Testing

@testable import WinnowCore

@Suite("Record")
struct RecordTests {
    /// A record with every field set.
    static func fullRecord() -> Record {
        var r = Record(
            id: "abc", source: .init(kind: "warc", path: "en/a.html", offset: 12, warcRecordID: "<urn:uuid:1>"))
        r.url = "https://example.com/a"
        r.canonicalURL = "https://example.com/a?c"
        r.fetchedAt = "2024-01-02T03:04:05Z"
        r.httpStatus = 200
        r.charset = "UTF-8"
        r.title = "T \"quoted\""
        r.authors = ["A", "B"]
        r.published = "2016-08-10T17:02:00+09:00"
        r.modified = "2016-08-11T00:00:00+09:00"
        r.siteName = "S"
        r.description = "D"
        r.language = "en"
        r.languageConfidence = 0.5
        r.text = "P1\n\nP2"
        r.paragraphs = [.init(text: "P1"), .init(text: "P2", kind: .heading, language: "ko")]
        r.captions = ["C"]
        r.related = [.init(title: "R", url: "https://r")]
        r.alternates = [.init(language: "ko", url: "https://k")]
        var t = Record.Translation()
        t.translators = ["X"]
        t.editors = ["Y"]
        t.originalLanguage = "ko"
        t.originalURL = "https://o"
        t.notes = [.init(text: "[Chinese]", paragraph: 1)]
        r.translation = t
        r.tags = ["nk"]
        r.dedup = .init(textHash: "h", cluster: "c", duplicateOf: "d")
        r.warnings = ["w"]
        return r
    }

    private func line(_ r: Record) -> String { String(decoding: r.jsonLine(), as: UTF8.self) }

    @Test func fullRecordIsWrittenExactlyInContractOrder() {
        let expected =
            #"{"id":"abc","url":"https://example.com/a","canonical_url":"https://example.com/a?c","#
            + #""source":{"kind":"warc","path":"en/a.html","offset":12,"warc_record_id":"<urn:uuid:1>"},"#
            + #""fetched_at":"2024-01-02T03:04:05Z","http_status":200,"charset":"UTF-8","#
            + #""title":"T \"quoted\"","authors":["A","B"],"published":"2016-08-10T17:02:00+09:00","#
            + #""modified":"2016-08-11T00:00:00+09:00","site_name":"S","description":"D","#
            + #""language":"en","language_confidence":0.5,"text":"P1\n\nP2","paragraphs":[{"text":"P1","#
            + #""kind":"paragraph"},{"text":"P2","kind":"heading","language":"ko"}],"captions":["C"],"#
            + #""related":[{"title":"R","url":"https://r"}],"alternates":[{"language":"ko","#
            + #""url":"https://k"}],"translation":{"translators":["X"],"editors":["Y"],"#
            + #""original_language":"ko","original_url":"https://o","notes":[{"text":"[Chinese]","#
            + #""paragraph":1}]},"tags":["nk"],"dedup":{"text_hash":"h","cluster":"c","duplicate_of":"d"},"#
            + #""warnings":["w"]}"#
        #expect(line(Self.fullRecord()) == expected + "\n")
    }

    @Test func topLevelKeysFollowTheFixedOrder() {
        let order = [
            "id", "url", "canonical_url", "source", "fetched_at", "http_status", "charset", "title", "authors",
            "published", "modified", "site_name", "description", "language", "language_confidence", "text",
            "paragraphs", "captions", "related", "alternates", "translation", "tags", "dedup", "warnings",
        ]
        let text = line(Self.fullRecord())
        var positions: [String.Index] = []
        for key in order {
            let range = text.range(of: "\"\(key)\":")
            #expect(range != nil, "key \(key) missing")
            if let range { positions.append(range.lowerBound) }
        }
        #expect(positions.count == order.count)
        #expect(positions == positions.sorted())
    }

    @Test func minimalRecordHasOnlyIdAndSource() {
        let r = Record(id: "x", source: .init(kind: "file", path: "a/b.html"))
        #expect(line(r) == #"{"id":"x","source":{"kind":"file","path":"a/b.html"}}"# + "\n")
    }

    @Test func emptyStringsAndEmptyNestedValuesAreAbsent() {
        var r = Record(id: "x", source: .init(kind: "file", path: "p"))
        r.url = ""
        r.title = ""
        r.translation = Record.Translation()
        r.dedup = Record.Dedup()
        r.authors = []
        r.warnings = []
        #expect(line(r) == #"{"id":"x","source":{"kind":"file","path":"p"}}"# + "\n")
    }

    @Test func lineEndsWithExactlyOneNewline() {
        var r = Self.fullRecord()
        r.text = "a\nb\n\nc\n"
        r.warnings = ["multi\nline"]
        let bytes = r.jsonLine()
        #expect(bytes.last == 0x0A)
        #expect(bytes.filter { $0 == 0x0A }.count == 1)
    }

    @Test func fullRecordRoundTripsThroughJSONDecoder() throws {
        let original = Self.fullRecord()
        let decoded = try JSONDecoder().decode(Record.self, from: Data(original.jsonLine()))
        #expect(decoded == original)
    }

    @Test func minimalRecordRoundTripsThroughJSONDecoder() throws {
        var original = Record(id: "x", source: .init(kind: "file", path: "ko/기사.html"))
        original.text = "탈북민 \"인터뷰\"\n\n둘째 \u{01} 문단"
        let decoded = try JSONDecoder().decode(Record.self, from: Data(original.jsonLine()))
        #expect(decoded == original)
    }
}

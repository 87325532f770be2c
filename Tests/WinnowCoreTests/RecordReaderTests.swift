import Foundation
import Testing

@testable import WinnowCore

@Suite("RecordReader")
struct RecordReaderTests {
    /// A record with every field set, escapes, Hangul, an astral emoji and a number that needs all its digits.
    static var full: Record {
        var r = Record(
            id: "0123abcd",
            source: .init(kind: "warc", path: "crawl.warc.gz#1024", offset: 1024, warcRecordID: "<urn:uuid:1>"))
        r.url = "https://example.org/a?b=1&c=\"2\""
        r.canonicalURL = "https://example.org/a"
        r.fetchedAt = "2024-01-02T03:04:05Z"
        r.httpStatus = 200
        r.pageType = "article"
        r.charset = "CP949"
        r.title = "평양 \"시장\" \\ tab\there\nline 😀"
        r.authors = ["Kim, Min-ji", "Lee Ha-na"]
        r.published = "2017-02-23T17:18:13-08:00"
        r.modified = "2017-02-24"
        r.siteName = "Daily NK"
        r.description = "a/b \u{1} control"
        r.language = "ko"
        r.languageConfidence = 0.9873416399955750
        r.text = "one\n\ntwo"
        r.paragraphs = [.init(text: "one", kind: .heading, language: "ko"), .init(text: "two", kind: .quote)]
        r.captions = ["FILE PHOTO: x"]
        r.related = [.init(title: "t", url: nil), .init(title: nil, url: "/u")]
        r.alternates = [.init(language: "en", url: "https://example.org/en"), .init(language: nil, url: "/x")]
        var t = Record.Translation()
        t.translators = ["A"]
        t.editors = ["B"]
        t.originalLanguage = "ko"
        t.originalURL = "https://example.org/ko"
        t.notes = [.init(text: "[Chinese]", paragraph: 1)]
        r.translation = t
        r.tags = ["rice", "쌀"]
        r.dedup = .init(textHash: "ff", cluster: "c", duplicateOf: "d")
        r.warnings = ["removed 3 NUL bytes"]
        return r
    }

    @Test func readsBackWhatTheRecordWroteAsJSONDecoderDoes() throws {
        for record in [Self.full, Record(id: "x", source: .init(kind: "file", path: "a.html"))] {
            let line = record.jsonLine()
            let read = try RecordReader().record(ArraySlice(line.dropLast()))
            #expect(read == record)
            #expect(read == (try JSONDecoder().decode(Record.self, from: Data(line))))
            #expect(read.jsonLine() == line)
        }
    }

    @Test func escapesAndSurrogatePairsDecodeLikeJSONDecoder() throws {
        let line = #"{"id":"i","source":{"kind":"file","path":"p"},"title":"\u00e9\ud83d\ude00\/\b\f\r\u0041"}"#
        let read = try RecordReader().record(ArraySlice(Array(line.utf8)))
        let decoded = try JSONDecoder().decode(Record.self, from: Data(line.utf8))
        #expect(read.title == "é😀/\u{8}\u{C}\rA")
        #expect(read.title == decoded.title)
        // JSONDecoder refuses a lone surrogate; Winnow never writes one, and reads it as U+FFFD.
        let lone = #"{"id":"i","source":{"kind":"file","path":"p"},"text":"\ud800 lone"}"#
        #expect(try RecordReader().record(ArraySlice(Array(lone.utf8))).text == "\u{FFFD} lone")
    }

    @Test func unknownKeysAndNullsAreSkippedWhitespaceIsAllowed() throws {
        let line =
            #" { "future" : [1, {"a": null}], "id" : "i", "source" : {"kind":"file","path":"p","extra":true}, "#
            + #""title" : null } "#
        let read = try RecordReader().record(ArraySlice(Array(line.utf8)))
        #expect(read.id == "i" && read.title == nil && read.source.path == "p")
    }

    @Test func brokenLinesAreErrorsNotCrashes() {
        let bad = [
            "", "[]", #"{"id":"i"}"#, #"{"id":"i","source":{"kind":"file","path":"p"}"#,
            #"{"id":"i","source":{"kind":"file","path":"p"},"http_status":"200"}"#,
            #"{"id":"i","source":{"kind":"file","path":"p"},"title":"unterminated}"#,
            #"{"id":"i","source":{"kind":"file","path":"p"}} trailing"#,
            String(repeating: "[", count: 100_000),
        ]
        for line in bad {
            #expect(throws: RecordReader.Failure.self) { try RecordReader().record(ArraySlice(Array(line.utf8))) }
        }
    }
}

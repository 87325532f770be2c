import Testing
import WinnowCore

@testable import WinnowExport

@Suite("CSVWriter")
struct CSVWriterTests {
    func row(_ cells: [String?]) -> String { String(decoding: CSVWriter.row(cells), as: UTF8.self) }

    @Test func plainCellsAreNotQuoted() {
        #expect(row(["a", "평양", "1.5"]) == "a,평양,1.5\r\n")
    }

    @Test func absentFieldsAreEmptyCells() {
        #expect(row([nil, "x", nil]) == ",x,\r\n")
    }

    @Test func commasQuotesAndLineBreaksAreQuotedWithQuotesDoubled() {
        #expect(row(["a,b"]) == "\"a,b\"\r\n")
        #expect(row(["say \"hi\""]) == "\"say \"\"hi\"\"\"\r\n")
        #expect(row(["one\n\ntwo"]) == "\"one\n\ntwo\"\r\n")
        #expect(row(["cr\rhere"]) == "\"cr\rhere\"\r\n")
    }

    @Test func listsJoinWithLineBreaksAndNestedListsAreJSON() throws {
        final class Collect: ByteSink {
            var bytes: [UInt8] = []
            func write(_ bytes: [UInt8]) throws { self.bytes += bytes }
            func close() throws {}
        }
        let sink = Collect()
        let writer = try CSVWriter(sink: sink)
        var record = Record(id: "r1", source: .init(kind: "file", path: "a/b.html"))
        record.authors = ["Kim Min-ji", "Lee, Ha-na"]
        record.paragraphs = [.init(text: "He said \"no\".", kind: .quote, language: "en")]
        try writer.write(record)
        let text = String(decoding: sink.bytes, as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines[0].hasPrefix("id,url,canonical_url,source_kind,source_path,"))
        #expect(lines[1].hasPrefix("r1,,,file,a/b.html,,,"))
        #expect(lines[1].contains("\"Kim Min-ji\nLee, Ha-na\""))
        #expect(
            lines[1].contains(
                "\"[{\"\"text\"\":\"\"He said \\\"\"no\\\"\".\"\",\"\"kind\"\":\"\"quote\"\","
                    + "\"\"language\"\":\"\"en\"\"}]\""
            ))
    }
}

@Suite("ExportFormat")
struct ExportFormatTests {
    @Test func fileNamesImplyTheirFormat() {
        #expect(ExportFormat(fileName: "out.jsonl") == .jsonl)
        #expect(ExportFormat(fileName: "OUT.JSONL.GZ") == .jsonlGzip)
        #expect(ExportFormat(fileName: "a/b.jsonl.zst") == .jsonlZstd)
        #expect(ExportFormat(fileName: "x.csv") == .csv)
        #expect(ExportFormat(fileName: "x.parquet") == .parquet)
        #expect(ExportFormat(fileName: "x.sqlite") == .sqlite)
        #expect(ExportFormat(fileName: "x.db") == .sqlite)
        #expect(ExportFormat(fileName: "x.gz") == nil)
        #expect(ExportFormat(fileName: "x.xls") == nil)
    }
}

@Suite("FieldSelection")
struct FieldSelectionTests {
    @Test func flatColumnsBelongToTheirRecordKey() {
        #expect(FieldSelection.key(ofColumn: "source_kind") == "source")
        #expect(FieldSelection.key(ofColumn: "published_raw") == "published")
        #expect(FieldSelection.key(ofColumn: "translation_notes") == "translation")
        #expect(FieldSelection.key(ofColumn: "dedup_duplicate_of") == "dedup")
        #expect(FieldSelection.key(ofColumn: "language_confidence") == "language_confidence")
        #expect(FieldSelection.key(ofColumn: "language") == "language")
    }

    @Test func idAndSourceAreAlwaysKeptAndUnknownNamesAreErrors() throws {
        let selection = try FieldSelection(["title"])
        #expect(selection.keys == ["id", "source", "title"])
        #expect(selection.keeps(column: "source_path") && !selection.keeps(column: "language_confidence"))
        #expect(throws: ConfigurationError.self) { try FieldSelection(["titel"]) }
        var record = Record(id: "i", source: .init(kind: "file", path: "p"))
        record.title = "T"
        record.text = "body"
        record.authors = ["A"]
        selection.apply(to: &record)
        #expect(record.title == "T" && record.text == nil && record.authors.isEmpty && record.source.path == "p")
    }
}

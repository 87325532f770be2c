import Foundation
import Testing
import WinnowCore
import WinnowParquet

@testable import WinnowExport

/// The Record -> row mapping; the file itself is read back by real readers
/// in Tests/Interop/test_parquet.py.
@Suite struct ParquetRecordWriterTests {
    @Test func timestampsAreUTCInstantsInMicroseconds() {
        // 2016-08-10T17:02:00+09:00 = 08:02:00Z = 1470816120 s
        #expect(ParquetRecordWriter.timestamp("2016-08-10T17:02:00+09:00") == .timestampMicros(1_470_816_120_000_000))
        #expect(ParquetRecordWriter.timestamp("2016-08-10T08:02:00.5Z") == .timestampMicros(1_470_816_120_500_000))
        // Without an offset: UTC; a day alone: midnight UTC.
        #expect(ParquetRecordWriter.timestamp("2016-08-10T08:02:00") == .timestampMicros(1_470_816_120_000_000))
        #expect(ParquetRecordWriter.timestamp("2016-08-10") == .timestampMicros(1_470_787_200_000_000))
        #expect(ParquetRecordWriter.timestamp("August 10, 2016") == .null)
        #expect(ParquetRecordWriter.timestamp(nil) == .null)
    }

    @Test func aRowHasOneValuePerTopLevelColumnAndEmptyListsAreNull() {
        var record = Record(id: "abc", source: .init(kind: "file", path: "a/b.html"))
        record.tags = []
        record.authors = ["Kim", "Lee"]
        record.published = "2016-08-10T17:02:00+09:00"
        record.paragraphs = [.init(text: "첫 문단", kind: .heading, language: "ko")]
        let row = ParquetRecordWriter.row(record)
        let names = ParquetRecordWriter.schema.fields.map(\.name)
        #expect(row.count == names.count)
        let value = Dictionary(uniqueKeysWithValues: zip(names, row))
        #expect(value["id"] == .string("abc"))
        #expect(value["source_kind"] == .string("file"))
        #expect(value["tags"] == .null)
        #expect(value["warnings"] == .null)
        #expect(value["authors"] == .list([.string("Kim"), .string("Lee")]))
        #expect(value["published_raw"] == .string("2016-08-10T17:02:00+09:00"))
        #expect(value["paragraphs"] == .list([.group([.string("첫 문단"), .string("heading"), .string("ko")])]))
        #expect(value["translation_notes"] == .null)
        #expect(value["dedup_cluster"] == .null)
    }

    @Test func theExportFormatWritesAParquetFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-\(UUID().uuidString).parquet")
            .path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try ExportFormat.parquet.makeWriter(path: path)
        try writer.write(Record(id: "abc", source: .init(kind: "file", path: "a.html")))
        try writer.finish()
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(Array(bytes.prefix(4)) == Array("PAR1".utf8) && Array(bytes.suffix(4)) == Array("PAR1".utf8))
    }
}

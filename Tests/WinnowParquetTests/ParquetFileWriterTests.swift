import Testing

@testable import WinnowParquet

/// The file's frame and the shredding into levels; the readers' view of the
/// content is tested in Tests/Interop/test_parquet.py.
@Suite struct ParquetFileWriterTests {
    final class MemoryOutput: ParquetOutput {
        var bytes: [UInt8] = []
        var closed = false
        func write(_ bytes: [UInt8]) throws { self.bytes += bytes }
        func close() throws { closed = true }
    }

    static let schema = ParquetSchema([
        .string("id", optional: false),
        .stringList("tags"),
        .list("notes", of: .group("element", [.string("text", optional: false), .int32("n")], optional: false)),
    ])

    @Test func levelsOfTheLeafColumns() {
        let columns = Self.schema.columns
        #expect(
            columns.map { $0.path.joined(separator: ".") } == [
                "id", "tags.list.element", "notes.list.element.text", "notes.list.element.n",
            ])
        #expect(columns.map(\.maxDefinitionLevel) == [0, 2, 2, 3])
        #expect(columns.map(\.maxRepetitionLevel) == [0, 1, 1, 1])
    }

    @Test func aFileIsMagicPagesFooterLengthMagic() throws {
        let output = MemoryOutput()
        let writer = try ParquetFileWriter(output: output, schema: Self.schema)
        try writer.write(row: [.string("a"), .list([.string("x"), .string("y")]), .null])
        try writer.write(row: [.string("b"), .null, .list([.group([.string("n1"), .int32(3)])])])
        try writer.finish()
        let bytes = output.bytes
        #expect(output.closed)
        #expect(Array(bytes.prefix(4)) == Array("PAR1".utf8))
        #expect(Array(bytes.suffix(4)) == Array("PAR1".utf8))
        let n = bytes.count
        let footerLength =
            Int(bytes[n - 8]) | Int(bytes[n - 7]) << 8 | Int(bytes[n - 6]) << 16 | Int(bytes[n - 5]) << 24
        #expect(footerLength > 0 && footerLength < n - 12)
        #expect(writer.rows == 2)
    }

    @Test func aRowThatDoesNotFitTheSchemaIsRefused() throws {
        let writer = try ParquetFileWriter(output: MemoryOutput(), schema: Self.schema)
        #expect(throws: ParquetFileWriter.Failure.self) { try writer.write(row: [.null, .null, .null]) }
        #expect(throws: ParquetFileWriter.Failure.self) { try writer.write(row: [.int32(1), .null, .null]) }
        #expect(throws: ParquetFileWriter.Failure.self) { try writer.write(row: [.string("a")]) }
    }

    @Test func aSmallRowGroupLimitStartsNewRowGroups() throws {
        let output = MemoryOutput()
        var options = ParquetFileWriter.Options()
        options.rowGroupBytes = 100
        let writer = try ParquetFileWriter(output: output, schema: Self.schema, options: options)
        for index in 0..<10 {
            try writer.write(row: [.string(String(repeating: "x", count: 120) + "\(index)"), .null, .null])
        }
        try writer.finish()
        #expect(writer.rowGroupCount == 10)  // each row passes the limit
    }
}

@Suite struct ColumnStatisticsTests {
    @Test func stringsCompareAsUnsignedBytes() {
        var statistics = ColumnStatistics()
        for value in ["b", "a", "가", "Z", "é"] { statistics.update(value) }
        let (min, max) = statistics.encoded(type: .string, prefixBytes: 64)
        #expect(min == Array("Z".utf8))
        #expect(max == Array("가".utf8))  // EA B0 80 sorts after C3 A9 (é)
    }

    @Test func longStringsAreCutOnCharacterBoundaries() {
        // 가나다 is three 3-byte characters; 4 bytes keep one.
        #expect(ColumnStatistics.truncatedMinimum("가나다", 4) == Array("가".utf8))
        #expect(ColumnStatistics.truncatedMaximum("가나다", 4) == Array("각".utf8))  // U+AC00 + 1
        #expect(ColumnStatistics.truncatedMaximum("ab", 4) == Array("ab".utf8))
        #expect(ColumnStatistics.truncatedMaximum("a\u{10FFFF}\u{10FFFF}", 5) == Array("b".utf8))
        #expect(ColumnStatistics.truncatedMaximum("\u{10FFFF}\u{10FFFF}", 4) == nil)
    }

    @Test func integersAndDoubles() {
        var integers = ColumnStatistics()
        for value: Int64 in [5, -3, 200] { integers.update(value) }
        let (min, max) = integers.encoded(type: .int32, prefixBytes: 64)
        #expect(min == [0xFD, 0xFF, 0xFF, 0xFF])
        #expect(max == [200, 0, 0, 0])

        var doubles = ColumnStatistics()
        for value in [Double.nan, 0.0, 1.5] { doubles.update(value) }
        let (dmin, dmax) = doubles.encoded(type: .double, prefixBytes: 64)
        #expect(dmin == ColumnStatistics.littleEndian((-0.0 as Double).bitPattern, bytes: 8))
        #expect(dmax == ColumnStatistics.littleEndian((1.5 as Double).bitPattern, bytes: 8))
    }
}

@Suite struct DictionaryKeyTests {
    @Test func canonicallyEquivalentSpellingsStayDistinct() {
        // Swift's String == says NFC é equals e + combining acute; the dictionary must not.
        let composed = "caf\u{E9}"
        let decomposed = "cafe\u{301}"
        #expect(composed == decomposed)
        #expect(DictionaryKey(composed) != DictionaryKey(decomposed))
        #expect(DictionaryKey(composed) == DictionaryKey("caf\u{E9}"))
    }
}

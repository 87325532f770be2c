/// parquet.thrift `FileMetaData`: the footer, with its row groups, column
/// chunks and their statistics.
struct FileMetaData: Sendable {
    var schema: [SchemaElement]
    var rowCount: Int
    var rowGroups: [RowGroup]
    var createdBy: String

    struct RowGroup: Sendable {
        var columns: [ColumnChunk]
        var rowCount: Int
        var ordinal: Int

        /// Offset of the first column chunk's first page.
        var fileOffset: Int { columns.first?.fileOffset ?? 0 }
        /// Uncompressed bytes of all column data (page headers included, as parquet-mr and Arrow count).
        var totalByteSize: Int { columns.reduce(0) { $0 + $1.totalUncompressedSize } }
        var totalCompressedSize: Int { columns.reduce(0) { $0 + $1.totalCompressedSize } }
    }

    /// `ColumnChunk` with its `ColumnMetaData`.
    struct ColumnChunk: Sendable {
        var type: ParquetField.Primitive
        var path: [String]
        /// parquet.thrift `Encoding`s of the chunk's pages and levels.
        var encodings: [Int32]
        var valueCount: Int
        var totalUncompressedSize: Int
        var totalCompressedSize: Int
        /// Where the chunk starts: its dictionary page if it has one, else its first data page.
        var fileOffset: Int
        var dictionaryPageOffset: Int?
        var dataPageOffset: Int
        var statistics: Statistics
    }

    /// `Statistics`: the chunk's null count and its minimum and maximum in
    /// the type's order, PLAIN-encoded (strings without a length prefix).
    /// Only the `min_value`/`max_value` fields: the deprecated `min`/`max`
    /// have an undefined order for strings.
    struct Statistics: Sendable {
        var nullCount: Int
        var min: [UInt8]?
        var max: [UInt8]?
    }

    /// parquet.thrift `CompressionCodec`.
    static let zstd: Int32 = 6

    func encoded() -> [UInt8] {
        var w = ThriftCompactWriter()
        w.field(1, i32: 2)  // version: written with format 2.x logical types
        w.beginList(2, of: .structure, count: schema.count)
        for element in schema { element.encode(into: &w) }
        w.field(3, i64: Int64(rowCount))
        w.beginList(4, of: .structure, count: rowGroups.count)
        for group in rowGroups { encode(group, into: &w) }
        w.field(6, string: createdBy)
        // column_orders: TYPE_ORDER for every column, so readers trust min_value/max_value
        // (strings compare as unsigned bytes).
        let columnCount = rowGroups.first?.columns.count ?? schema.filter { $0.primitive != nil }.count
        w.beginList(7, of: .structure, count: columnCount)
        for _ in 0..<columnCount {
            w.beginStructValue()
            w.beginStruct(1)
            w.endStruct()
            w.endStruct()
        }
        w.endStruct()
        return w.bytes
    }

    private func encode(_ group: RowGroup, into w: inout ThriftCompactWriter) {
        w.beginStructValue()
        w.beginList(1, of: .structure, count: group.columns.count)
        for column in group.columns { encode(column, into: &w) }
        w.field(2, i64: Int64(group.totalByteSize))
        w.field(3, i64: Int64(group.rowCount))
        w.field(5, i64: Int64(group.fileOffset))
        w.field(6, i64: Int64(group.totalCompressedSize))
        w.field(7, i16: Int16(truncatingIfNeeded: group.ordinal))
        w.endStruct()
    }

    private func encode(_ column: ColumnChunk, into w: inout ThriftCompactWriter) {
        w.beginStructValue()
        w.field(2, i64: Int64(column.fileOffset))  // file_offset: where the chunk starts
        w.beginStruct(3)  // meta_data
        w.field(1, i32: SchemaElement.physicalType(column.type))
        w.beginList(2, of: .i32, count: column.encodings.count)
        for encoding in column.encodings { w.element(i32: encoding) }
        w.beginList(3, of: .binary, count: column.path.count)
        for name in column.path { w.element(string: name) }
        w.field(4, i32: Self.zstd)
        w.field(5, i64: Int64(column.valueCount))
        w.field(6, i64: Int64(column.totalUncompressedSize))
        w.field(7, i64: Int64(column.totalCompressedSize))
        w.field(9, i64: Int64(column.dataPageOffset))
        if let offset = column.dictionaryPageOffset { w.field(11, i64: Int64(offset)) }
        w.beginStruct(12)
        w.field(3, i64: Int64(column.statistics.nullCount))
        if let max = column.statistics.max { w.field(5, binary: max) }
        if let min = column.statistics.min { w.field(6, binary: min) }
        w.endStruct()
        w.endStruct()
        w.endStruct()
    }
}

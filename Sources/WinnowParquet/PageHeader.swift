/// parquet.thrift `PageHeader` of a data page v1 (`DataPageHeader`): the
/// page's sizes, its level count, and its encodings (PLAIN values, RLE
/// hybrid levels).
///
/// Version 1 pages because every reader takes them; a v1 page compresses
/// levels and values together, which costs nothing here since levels are
/// a small part of a page.
struct PageHeader: Sendable {
    var uncompressedSize: Int
    var compressedSize: Int
    /// Levels in the page, nulls and empty lists included.
    var valueCount: Int

    /// parquet.thrift `Encoding`.
    static let plain: Int32 = 0
    static let rle: Int32 = 3

    func encoded() -> [UInt8] {
        var w = ThriftCompactWriter()
        w.field(1, i32: 0)  // type: DATA_PAGE
        w.field(2, i32: Int32(uncompressedSize))
        w.field(3, i32: Int32(compressedSize))
        w.beginStruct(5)  // data_page_header
        w.field(1, i32: Int32(valueCount))
        w.field(2, i32: Self.plain)
        w.field(3, i32: Self.rle)  // definition_level_encoding
        w.field(4, i32: Self.rle)  // repetition_level_encoding
        w.endStruct()
        w.endStruct()
        return w.bytes
    }
}

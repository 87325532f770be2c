/// parquet.thrift `PageHeader` of a data page v1 (`DataPageHeader`) or a
/// dictionary page (`DictionaryPageHeader`): the page's sizes, its value
/// count, and its encodings.
///
/// Version 1 data pages because every reader takes them; a v1 page
/// compresses levels and values together, which costs nothing here since
/// levels are a small part of a page.
struct PageHeader: Sendable {
    enum Kind: Sendable {
        case data(encoding: Int32)
        case dictionary
    }

    var kind: Kind
    var uncompressedSize: Int
    var compressedSize: Int
    /// Data page: levels in the page, nulls and empty lists included. Dictionary page: entries.
    var valueCount: Int

    /// parquet.thrift `Encoding`.
    static let plain: Int32 = 0
    static let rle: Int32 = 3
    static let rleDictionary: Int32 = 8

    func encoded() -> [UInt8] {
        var w = ThriftCompactWriter()
        switch kind {
        case .data(let encoding):
            w.field(1, i32: 0)  // type: DATA_PAGE
            w.field(2, i32: Int32(uncompressedSize))
            w.field(3, i32: Int32(compressedSize))
            w.beginStruct(5)  // data_page_header
            w.field(1, i32: Int32(valueCount))
            w.field(2, i32: encoding)
            w.field(3, i32: Self.rle)  // definition_level_encoding
            w.field(4, i32: Self.rle)  // repetition_level_encoding
            w.endStruct()
        case .dictionary:
            w.field(1, i32: 2)  // type: DICTIONARY_PAGE
            w.field(2, i32: Int32(uncompressedSize))
            w.field(3, i32: Int32(compressedSize))
            w.beginStruct(7)  // dictionary_page_header
            w.field(1, i32: Int32(valueCount))
            w.field(2, i32: Self.plain)  // the dictionary's values are PLAIN (format 2.x; v1 wrote PLAIN_DICTIONARY)
            w.endStruct()
        }
        w.endStruct()
        return w.bytes
    }
}

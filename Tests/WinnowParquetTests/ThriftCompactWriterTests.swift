import Testing

@testable import WinnowParquet

/// Expected bytes worked out by hand from Thrift's compact-protocol
/// specification (field header = delta << 4 | type; zigzag varints).
@Suite struct ThriftCompactWriterTests {
    @Test func shortFieldHeadersCarryTheDeltaAndType() {
        var w = ThriftCompactWriter()
        w.field(1, i32: 0)  // 0x15: delta 1, type 5 (i32); zigzag 0 = 0
        w.field(2, i32: -1)  // delta 1 again; zigzag -1 = 1
        w.field(3, i32: 300)  // zigzag 300 = 600 = 0x258 -> D8 04
        w.field(5, i64: -2)  // 0x26: delta 2, type 6 (i64); zigzag -2 = 3
        #expect(w.bytes == [0x15, 0x00, 0x15, 0x01, 0x15, 0xD8, 0x04, 0x26, 0x03])
    }

    @Test func aJumpPast15UsesTheLongFormWithAZigzagID() {
        var w = ThriftCompactWriter()
        w.field(1, i32: 1)
        w.field(17, i32: 1)  // delta 16: type byte 0x05, then zigzag 17 = 34 = 0x22
        #expect(w.bytes == [0x15, 0x02, 0x05, 0x22, 0x02])
    }

    @Test func booleansLiveInTheTypeNibble() {
        var w = ThriftCompactWriter()
        w.field(1, bool: true)  // type 1: true
        w.field(2, bool: false)  // type 2: false
        #expect(w.bytes == [0x11, 0x12])
    }

    @Test func binaryIsALengthVarintThenTheBytes() {
        var w = ThriftCompactWriter()
        w.field(4, string: "ab")
        #expect(w.bytes == [0x48, 0x02, 0x61, 0x62])
    }

    @Test func listHeadersPackShortSizesAndExtendLongOnes() {
        var w = ThriftCompactWriter()
        w.beginList(2, of: .i32, count: 3)  // field: 0x29; header: 3 << 4 | 5
        for value: Int32 in [1, 2, 3] { w.element(i32: value) }
        #expect(w.bytes == [0x29, 0x35, 0x02, 0x04, 0x06])

        var long = ThriftCompactWriter()
        long.beginList(1, of: .binary, count: 15)  // 0xF8 then varint 15
        #expect(long.bytes == [0x19, 0xF8, 0x0F])
    }

    @Test func nestedStructsRestartFieldIDsAndRestoreThem() {
        var w = ThriftCompactWriter()
        w.field(1, i32: 0)
        w.beginStruct(3)  // delta 2, type 12: 0x2C
        w.field(1, i32: 5)  // ids restart inside: 0x15, zigzag 5 = 10
        w.endStruct()  // stop
        w.field(4, i64: 1)  // delta from 3: 0x16
        w.endStruct()
        #expect(w.bytes == [0x15, 0x00, 0x2C, 0x15, 0x0A, 0x00, 0x16, 0x02, 0x00])
    }

    @Test func aDataPageHeader() {
        let header = PageHeader(
            kind: .data(encoding: PageHeader.plain), uncompressedSize: 100, compressedSize: 50, valueCount: 10)
        #expect(
            header.encoded() == [
                0x15, 0x00,  // type DATA_PAGE
                0x15, 0xC8, 0x01,  // uncompressed_page_size 100 (zigzag 200)
                0x15, 0x64,  // compressed_page_size 50
                0x2C,  // data_page_header (field 5)
                0x15, 0x14,  // num_values 10
                0x15, 0x00,  // encoding PLAIN
                0x15, 0x06,  // definition_level_encoding RLE
                0x15, 0x06,  // repetition_level_encoding RLE
                0x00, 0x00,
            ])
    }

    @Test func aDictionaryPageHeader() {
        let header = PageHeader(kind: .dictionary, uncompressedSize: 7, compressedSize: 8, valueCount: 2)
        #expect(header.encoded() == [0x15, 0x04, 0x15, 0x0E, 0x15, 0x10, 0x4C, 0x15, 0x04, 0x15, 0x00, 0x00, 0x00])
    }

    @Test func aTimestampColumnCarriesBothAnnotations() {
        var w = ThriftCompactWriter()
        SchemaElement(name: "t", repetition: .optional, primitive: .timestampMicros).encode(into: &w)
        #expect(
            w.bytes == [
                0x15, 0x04,  // type INT64 (2)
                0x25, 0x02,  // repetition_type OPTIONAL
                0x18, 0x01, 0x74,  // name "t"
                0x25, 0x14,  // converted_type TIMESTAMP_MICROS (10), delta 2 from 4
                0x4C,  // logicalType (10), delta 4
                0x8C,  // TIMESTAMP (8)
                0x11,  // isAdjustedToUTC true
                0x1C, 0x2C, 0x00, 0x00,  // unit: MICROS (2), an empty struct
                0x00, 0x00, 0x00,
            ])
    }
}

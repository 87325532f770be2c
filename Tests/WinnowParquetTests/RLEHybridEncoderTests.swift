import Testing

@testable import WinnowParquet

/// Expected bytes from parquet-format `Encodings.md` (RLE / bit-packing hybrid).
@Suite struct RLEHybridEncoderTests {
    @Test func bitWidths() {
        #expect([0, 1, 2, 3, 4, 7, 8].map { RLEHybridEncoder.bitWidth(maxLevel: $0) } == [0, 1, 2, 2, 3, 3, 4])
    }

    @Test func aLongRunIsOneRLERun() {
        // header: 10 << 1 = 20; value in one byte
        #expect(RLEHybridEncoder.encode([UInt8](repeating: 1, count: 10), bitWidth: 1) == [0x14, 0x01])
    }

    @Test func theSpecificationsBitPackingExample() {
        // Encodings.md: 0...7 with bit width 3 pack to 10001000 11000110 11111010.
        #expect(RLEHybridEncoder.encode([UInt8](0...7), bitWidth: 3) == [0x03, 0x88, 0xC6, 0xFA])
    }

    @Test func aShortTailIsPaddedToAGroup() {
        // 1,0,1,0,1 -> one group, bits from the least significant: 0b00010101
        #expect(RLEHybridEncoder.encode([1, 0, 1, 0, 1] as [UInt8], bitWidth: 1) == [0x03, 0x15])
    }

    @Test func bitPackedGroupsThenARunOnAGroupBoundary() {
        let levels: [UInt8] = [0, 1, 0, 1, 0, 1, 0, 1] + [UInt8](repeating: 2, count: 8)
        // width 2: 0,1,0,1 -> 0b01000100 per byte; then RLE 8 << 1 = 16 of value 2
        #expect(RLEHybridEncoder.encode(levels, bitWidth: 2) == [0x03, 0x44, 0x44, 0x10, 0x02])
    }

    @Test func wideDictionaryIndicesUseEnoughBytes() {
        // 300 times index 256 at 9 bits: header varint(600) = D8 04, value in two bytes
        #expect(RLEHybridEncoder.encode([UInt32](repeating: 256, count: 300), bitWidth: 9) == [0xD8, 0x04, 0x00, 0x01])
        // 8 values at 9 bits pack into 9 bytes
        let packed = RLEHybridEncoder.encode([UInt32]([511, 0, 511, 0, 511, 0, 511, 0]), bitWidth: 9)
        #expect(packed.count == 10)
        #expect(Array(packed.prefix(3)) == [0x03, 0xFF, 0x01])
    }

    @Test func anEmptyOrZeroWidthInputEncodesToNothing() {
        #expect(RLEHybridEncoder.encode([UInt8](), bitWidth: 1).isEmpty)
        #expect(RLEHybridEncoder.encode([0, 0] as [UInt8], bitWidth: 0).isEmpty)
    }
}

import Testing

@testable import WinnowHTML

@Suite("ByteScan")
struct ByteScanTests {
    @Test func countMatchesAByteByByteCountAtEveryLengthAndOffset() {
        var generator = SystemRandomNumberGenerator()
        for length in 0..<70 {
            // Bytes next to '<' in value (0x3B, 0x3D, 0xBC) catch carries between bytes.
            let bytes = (0..<length).map { _ in
                [UInt8(0x3C), 0x3B, 0x3D, 0xBC, 0x00, 0xFF, 0x41][Int.random(in: 0..<7, using: &generator)]
            }
            #expect(ByteScan.count(of: 0x3C, in: bytes) == bytes.filter { $0 == 0x3C }.count, "\(bytes)")
            #expect(ByteScan.contains(0, in: bytes) == bytes.contains(0))
            #expect(ByteScan.isASCII(bytes) == bytes.allSatisfy { $0 < 0x80 })
        }
    }

    @Test func firstTagByteMatchesAByteByByteScanAtEveryLengthAndOffset() {
        var generator = SystemRandomNumberGenerator()
        for length in 0..<40 {
            // Bytes next to the three in value (0x3D, 0x3F, 0x21, 0x23, 0x26, 0x28) catch carries between bytes.
            let bytes = (0..<length).map { _ in
                [UInt8(0x3E), 0x22, 0x27, 0x3D, 0x3F, 0x21, 0x23, 0x26, 0x28, 0x00, 0xFF, 0x61][
                    Int.random(in: 0..<12, using: &generator)]
            }
            for from in 0...length {
                let expected = bytes[from...].firstIndex { $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }
                #expect(ByteScan.firstTagByte(in: bytes.span, from: from) == expected, "\(bytes) from \(from)")
            }
        }
    }
}

import Testing

@testable import WinnowBytes

@Suite("SmallHashTable")
struct SmallHashTableTests {
    @Test func findsEveryEntryAndNothingElse() {
        // 200 keys that share their top bits and differ in the low ones (as packed tag names do), so slots collide.
        let entries = (1...200).map { (key: UInt64($0) | 0x6100_0000_0000_0000, value: $0) }
        let table = SmallHashTable(entries, absent: -1)
        for (key, value) in entries { #expect(table[key] == value) }
        #expect(table[0x6100_0000_0000_0000 | 201] == -1)
        #expect(table[42] == -1)
    }

    @Test func emptyTableReadsAbsent() {
        let table = SmallHashTable([(key: UInt64, value: UInt8)](), absent: 0)
        #expect(table[1] == 0 && table[UInt64.max] == 0)
    }
}

import Testing
import WinnowCore

@testable import WinnowDedup

@Suite("DedupSignature")
struct DedupSignatureTests {
    let full = DedupSignature(
        id: "ab", site: "s", published: nil, modified: "m", isCanonical: true, key: "k/1", textHash: "t",
        minHash: [1, 2], paragraphHashes: [3], shingleHashes: [5, 9], shingleTotal: 7)

    @Test func theBinaryFormIsTheDocumentedLayout() {
        let expected: [UInt8] =
            [59, 0, 0, 0]  // length of what follows
            + [2, 0, 0x61, 0x62] + [1, 0, 0x73] + [0xFF, 0xFF] + [1, 0, 0x74]  // id, site, no published, text hash
            + [2, 0] + [1, 0, 0, 0, 2, 0, 0, 0]  // MinHash
            + [1, 0, 0, 0] + [3, 0, 0, 0, 0, 0, 0, 0]  // paragraph hashes
            + [7, 0, 0, 0] + [2, 0, 0, 0] + [5, 0, 0, 0, 9, 0, 0, 0]  // shingle total, kept shingles
            + [1, 0, 0x6D] + [1] + [3, 0, 0x6B, 0x2F, 0x31]  // modified, canonical, key
        #expect(full.encoded() == expected)
    }

    @Test func entriesOfTheSecondFormatReadWithoutDatesOfChangeAndKeys() throws {
        // The second format ended after the shingles.
        var bytes = Array(full.encoded().dropLast(9))
        bytes[0] -= 9
        let read = try DedupSignature.decodeAll(bytes)
        #expect(read.count == 1)
        #expect(read[0].shingleHashes == [5, 9] && read[0].shingleTotal == 7)
        #expect(read[0].modified == nil && !read[0].isCanonical && read[0].key == "")
    }

    @Test func entriesReadBackInOrder() throws {
        let other = DedupSignature(
            id: "cd", site: "", published: "2016-08-10T17:02:00+09:00", textHash: nil, minHash: [], paragraphHashes: [])
        #expect(try DedupSignature.decodeAll(full.encoded() + other.encoded()) == [full, other])
    }

    @Test func entriesOfTheFirstFormatReadWithoutShingles() throws {
        // The first format ended after the paragraph hashes.
        var bytes = Array(full.encoded().dropLast(25))
        bytes[0] -= 25
        let read = try DedupSignature.decodeAll(bytes)
        #expect(read.count == 1)
        #expect(read[0].minHash == [1, 2])
        #expect(read[0].shingleHashes.isEmpty && read[0].shingleTotal == 0)
    }

    @Test func aTruncatedFileIsAnError() {
        let bytes = Array(full.encoded().dropLast(3))
        #expect(throws: ConfigurationError.self) { try DedupSignature.decodeAll(bytes) }
        var offset = 0
        #expect(throws: ConfigurationError.self) { try DedupSignature.decode(Array(bytes.prefix(2)), at: &offset) }
    }
}

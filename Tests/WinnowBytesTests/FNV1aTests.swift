import Testing

@testable import WinnowBytes

@Suite("FNV1a")
struct FNV1aTests {
    @Test func matchesPublishedVectors() {
        // FNV-1a 64 test vectors (Fowler, Noll, Vo): "" -> cbf29ce484222325, "a" -> af63dc4c8601ec8c,
        // "foobar" -> 85944171f73967e8.
        #expect(FNV1a.hash("".utf8) == 0xcbf2_9ce4_8422_2325)
        #expect(FNV1a.hash("a".utf8) == 0xaf63_dc4c_8601_ec8c)
        #expect(FNV1a.hash("foobar".utf8) == 0x8594_4171_f739_67e8)
    }

    @Test func spanAndSequenceAndBytewiseAgree() {
        let bytes = Array("article-social-share".utf8)
        var hash = FNV1a()
        for byte in bytes { hash.add(byte) }
        #expect(FNV1a.hash(bytes.span) == FNV1a.hash(bytes))
        #expect(hash.value == FNV1a.hash(bytes))
        #expect(FNV1a.hash(bytes, seed: 7) != FNV1a.hash(bytes))
    }
}

import Testing

@testable import WinnowCore

@Suite("StableHash")
struct StableHashTests {
    @Test func emptyInputIsTheMixedFNVOffsetBasis() {
        #expect(StableHash.hash64("") == StableHash.mix(0xcbf2_9ce4_8422_2325))
        #expect(StableHash.hash64([UInt8]()) == StableHash.mix(0xcbf2_9ce4_8422_2325))
    }

    @Test func matchesPublishedFNV1aVectorsBeforeMixing() {
        // FNV-1a 64 test vectors: "a" -> af63dc4c8601ec8c, "foobar" -> 85944171f73967e8.
        #expect(StableHash.hash64("a") == StableHash.mix(0xaf63_dc4c_8601_ec8c))
        #expect(StableHash.hash64("foobar") == StableHash.mix(0x8594_4171_f739_67e8))
    }

    @Test func knownValuesAreStableAcrossRuns() {
        // Computed independently (FNV-1a 64 then the SplitMix64 finalizer).
        #expect(StableHash.hash64("") == (0xf52a_15e9_a9b5_e89b as UInt64))
        #expect(StableHash.hash64("a") == (0x02c0_bdbf_4814_20f8 as UInt64))
        #expect(StableHash.hash64("foobar") == (0x404d_a9e3_b740_78c2 as UInt64))
        #expect(StableHash.recordID(forKey: "foobar") == "404da9e3b74078c2eb059116686c06da")
        #expect(StableHash.recordID(forKey: "en/2016/08/a.html") == "b2525a3460fc7f8105ec1c79075afa23")
    }

    @Test func mixOfZeroIsZero() {
        #expect(StableHash.mix(0) == UInt64(0))
    }

    @Test func sameInputGivesSameHash() {
        #expect(StableHash.hash64("en/2016/08/a.html") == StableHash.hash64("en/2016/08/a.html"))
        #expect(StableHash.hash64(Array("한국어".utf8)) == StableHash.hash64("한국어"))
    }

    @Test func differentSeedsAndInputsDiffer() {
        #expect(StableHash.hash64("a", seed: 0) != StableHash.hash64("a", seed: 1))
        #expect(StableHash.hash64("a", seed: 0x5bd1_e995) != StableHash.hash64("a"))
        #expect(StableHash.hash64("a") != StableHash.hash64("b"))
        #expect(StableHash.hash64("ab") != StableHash.hash64("ba"))
    }

    @Test func hexIsSixteenLowercaseDigitsZeroPadded() {
        #expect(StableHash.hex(0) == "0000000000000000")
        #expect(StableHash.hex(0xff) == "00000000000000ff")
        #expect(StableHash.hex(0xABCD_EF01_2345_6789) == "abcdef0123456789")
        #expect(StableHash.hex(UInt64.max) == "ffffffffffffffff")
        #expect(StableHash.hex(StableHash.hash64("x")).count == 16)
    }

    @Test func recordIDIsTwoSeededHashesIn32HexDigits() {
        let id = StableHash.recordID(forKey: "ko/2017/01/b.html")
        #expect(id.count == 32)
        #expect(id.allSatisfy { "0123456789abcdef".contains($0) })
        #expect(
            id == StableHash.hex(StableHash.hash64("ko/2017/01/b.html"))
                + StableHash.hex(StableHash.hash64("ko/2017/01/b.html", seed: 0x5bd1_e995)))
        #expect(id != StableHash.recordID(forKey: "ko/2017/01/c.html"))
    }
}

import Testing

@testable import WinnowDedup

/// Reference values come from datasketch 2.0.0 in Python:
/// `MinHash(num_perm=n, permutations=(a, b), scheme="legacy", hashfunc=lambda h: h & 0xFFFFFFFF)`
/// with `a`, `b` from a Python port of the SplitMix64 draws documented on `MinHasher`
/// and `update_batch(shingle_hashes)`.
@Suite("MinHash")
struct MinHashTests {
    @Test func permutationsComeFromSplitMix64SeededWithOne() {
        let hasher = MinHasher(permutations: 4)
        #expect(
            hasher.multipliers == [
                0x1221_45bd_9120_4b98, 0x1f12_745d_df66_4aab, 0x0e37_6a9b_1a20_36b7, 0x1c13_3d8d_9ae6_c794,
            ])
        #expect(
            hasher.offsets == [
                0x17dd_71b4_2cb1_dd8c, 0x0e38_30d2_1dc8_5921, 0x1869_a17f_f202_a050, 0x10bc_f761_e244_f0ae,
            ])
    }

    @Test func permutationParametersAreInDatasketchsRanges() {
        let hasher = MinHasher()
        #expect(hasher.permutations == 128)
        #expect(hasher.multipliers.allSatisfy { (1..<MinHasher.mersennePrime).contains($0) })
        #expect(hasher.offsets.allSatisfy { $0 < MinHasher.mersennePrime })
        #expect(Set(hasher.multipliers).count == 128)
    }

    @Test func theSeedChangesThePermutations() {
        #expect(MinHasher(seed: 1).multipliers != MinHasher(seed: 2).multipliers)
        #expect(MinHasher(seed: 7).multipliers == MinHasher(seed: 7).multipliers)
    }

    @Test func signatureMatchesDatasketchLegacyScheme() {
        let hashes: [UInt64] = [1, 2, 3, 0xdead_beef_cafe_babe, 0x6221_bd2e_db18_59cd]
        // The wrapping `a * h + b` (numpy uint64) matters: without it the first value would be 943177571.
        #expect(
            MinHasher(permutations: 8).signature(hashes) == [
                1_248_225_375, 1_100_874_251, 203_609_864, 403_865_560, 580_617_234, 1_125_797_700, 462_438_409,
                1_584_122_407,
            ])
    }

    @Test func signatureOfAnArticleMatchesDatasketch() {
        let hasher = MinHasher()
        let original = hasher.signature(Shingles.hashes(of: sampleArticle))
        let edited = hasher.signature(Shingles.hashes(of: replacingWords(of: sampleArticle, at: [20, 70])))
        #expect(
            Array(original.prefix(8)) == [
                45_691_500, 16_550_133, 208_342, 34_729_275, 8_487_631, 38_860_306, 3_438_878, 56_991_295,
            ])
        // datasketch: m1.jaccard(m2) == 0.84375 (108 of 128 positions equal).
        #expect(MinHasher.estimatedJaccard(original, edited) == 0.84375)
    }

    @Test func anEmptySetHasTheMaximalSignature() {
        #expect(MinHasher().signature([]) == [UInt32](repeating: .max, count: 128))
    }

    @Test func theOrderAndRepetitionOfHashesDoNotMatter() {
        let hashes = Shingles.hashes(of: sampleArticle)
        let hasher = MinHasher()
        #expect(hasher.signature(hashes) == hasher.signature(hashes.reversed() + hashes))
    }

    @Test func identicalTextsHaveJaccardOne() {
        let hasher = MinHasher()
        let a = hasher.signature(Shingles.hashes(of: sampleArticle))
        let b = hasher.signature(Shingles.hashes(of: sampleArticle.uppercased()))
        #expect(MinHasher.estimatedJaccard(a, b) == 1)
    }

    @Test func twoChangedWordsInAHundredEstimateTheTrueJaccard() {
        let hasher = MinHasher()
        let original = Shingles.hashes(of: sampleArticle)
        for positions in [[20, 70], [3, 50], [0, 99], [40, 42]] {
            let edited = Shingles.hashes(of: replacingWords(of: sampleArticle, at: positions))
            let truth = trueJaccard(original, edited)
            let estimate = MinHasher.estimatedJaccard(hasher.signature(original), hasher.signature(edited))
            #expect(truth > 0.75 && truth < 1, "positions \(positions): true Jaccard \(truth)")
            #expect(abs(estimate - truth) < 0.1, "positions \(positions): estimate \(estimate), true \(truth)")
        }
    }

    @Test func unrelatedTextsHaveALowEstimate() {
        let hasher = MinHasher()
        let a = hasher.signature(Shingles.hashes(of: sampleArticle))
        let b = hasher.signature(Shingles.hashes(of: otherArticle))
        #expect(MinHasher.estimatedJaccard(a, b) < 0.05)
    }

    @Test func estimatedJaccardIsTheShareOfEqualPositions() {
        #expect(MinHasher.estimatedJaccard([1, 2, 3, 4], [1, 2, 0, 0]) == 0.5)
        #expect(MinHasher.estimatedJaccard([5, 6, 7, 8], [1, 2, 3, 4]) == 0)
        #expect(MinHasher.estimatedJaccard([], []) == 0)
    }
}

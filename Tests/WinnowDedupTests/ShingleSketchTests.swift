import Testing

@testable import WinnowDedup

@Suite("ShingleSketch")
struct ShingleSketchTests {
    @Test func keepsTheDistinctLow32BitsInAscendingOrder() {
        let sketch = ShingleSketch(shingleHashes: [0x1_0000_0005, 3, 0x2_0000_0003, 9])
        #expect(sketch.hashes == [3, 5, 9])
        #expect(sketch.total == 3)
        #expect(sketch.isComplete)
    }

    @Test func keepsTheSmallestUpToTheCapacity() {
        let sketch = ShingleSketch(shingleHashes: (1...10).reversed().map { UInt64($0) }, capacity: 4)
        #expect(sketch.hashes == [1, 2, 3, 4])
        #expect(sketch.total == 10)
        #expect(!sketch.isComplete)
    }

    @Test func completeSketchesGiveTheExactJaccard() {
        // {1..8} and {3..10}: 6 shared of 10.
        let a = ShingleSketch(shingleHashes: (1...8).map { UInt64($0) })
        let b = ShingleSketch(shingleHashes: (3...10).map { UInt64($0) })
        #expect(ShingleSketch.jaccard(a, b) == 0.6)
        #expect(ShingleSketch.jaccard(b, a) == 0.6)
        #expect(ShingleSketch.jaccard(a, a) == 1)
        #expect(ShingleSketch.jaccard(a, ShingleSketch(shingleHashes: [100, 200])) == 0)
        #expect(ShingleSketch.jaccard(ShingleSketch(shingleHashes: []), ShingleSketch(shingleHashes: [])) == 0)
    }

    @Test func cutSketchesEstimateFromTheSmallestOfTheUnion() {
        // a = {0..<20000}, b = {4000..<24000}: Jaccard 16000/24000 = 2/3.
        // Hashed so that the kept smallest are a random sample of each set.
        let a = (0..<20000).map { mix(UInt64($0)) }
        let b = (4000..<24000).map { mix(UInt64($0)) }
        let estimate = ShingleSketch.jaccard(ShingleSketch(shingleHashes: a), ShingleSketch(shingleHashes: b))
        #expect(abs(estimate - 2.0 / 3.0) < 0.03, "\(estimate)")
        // By hand on small numbers: k = 3; union's 3 smallest are 1, 2, 3, of which both hold 2 and 3.
        let x = ShingleSketch(hashes: [1, 2, 3], total: 50)
        let y = ShingleSketch(hashes: [2, 3, 4], total: 50)
        #expect(ShingleSketch.jaccard(x, y) == 2.0 / 3.0)
    }

    @Test func aLightEditIsMeasuredExactlyWhereMinHashOnlyEstimates() {
        let original = Shingles.hashes(of: sampleArticle)
        let edited = Shingles.hashes(of: replacingWords(of: sampleArticle, at: [50, 80]))
        let exact = trueJaccard(original, edited)
        #expect(
            ShingleSketch.jaccard(ShingleSketch(shingleHashes: original), ShingleSketch(shingleHashes: edited)) == exact
        )
    }

    private func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

import Foundation
import Testing
import WinnowCore

@testable import WinnowDedup

@Suite("LSHParameters")
struct LSHParametersTests {
    struct DatasketchCase: Sendable, CustomTestStringConvertible {
        var threshold: Double
        var permutations: Int
        var falsePositiveWeight = 0.5
        var falseNegativeWeight = 0.5
        var bands: Int
        var rows: Int
        var testDescription: String {
            "t=\(threshold) n=\(permutations) w=(\(falsePositiveWeight), \(falseNegativeWeight)) -> \(bands)x\(rows)"
        }
    }

    /// From datasketch 2.0.0 (pip, Python venv): `MinHashLSH(threshold=t, num_perm=n)` then `.b, .r`,
    /// and `datasketch.lsh._optimal_param(t, n, fp_weight, fn_weight)` for the rest.
    static let datasketchChoices: [DatasketchCase] = [
        DatasketchCase(threshold: 0.8, permutations: 128, bands: 9, rows: 13),
        DatasketchCase(threshold: 0.5, permutations: 128, bands: 25, rows: 5),
        DatasketchCase(threshold: 0.9, permutations: 128, bands: 5, rows: 25),
        DatasketchCase(threshold: 0.3, permutations: 128, bands: 37, rows: 3),
        DatasketchCase(threshold: 0.7, permutations: 128, bands: 14, rows: 9),
        DatasketchCase(threshold: 0.85, permutations: 128, bands: 8, rows: 16),
        DatasketchCase(threshold: 0.95, permutations: 128, bands: 3, rows: 42),
        DatasketchCase(threshold: 0.8, permutations: 64, bands: 5, rows: 11),
        DatasketchCase(threshold: 0.6, permutations: 64, bands: 10, rows: 6),
        DatasketchCase(threshold: 0.8, permutations: 256, bands: 17, rows: 15),
        DatasketchCase(threshold: 0.5, permutations: 256, bands: 42, rows: 6),
        DatasketchCase(
            threshold: 0.8, permutations: 128, falsePositiveWeight: 0.3, falseNegativeWeight: 0.7, bands: 11, rows: 11),
        DatasketchCase(
            threshold: 0.8, permutations: 128, falsePositiveWeight: 0.9, falseNegativeWeight: 0.1, bands: 6, rows: 21),
    ]

    @Test(arguments: datasketchChoices)
    func optimalMatchesDatasketch(_ c: DatasketchCase) {
        let chosen = LSHParameters.optimal(
            threshold: c.threshold, permutations: c.permutations,
            falsePositiveWeight: c.falsePositiveWeight, falseNegativeWeight: c.falseNegativeWeight)
        #expect(chosen == LSHParameters(bands: c.bands, rows: c.rows))
        #expect(chosen.bands * chosen.rows <= c.permutations)
    }

    /// Checked with a separate Python search (midpoint integration): the pair
    /// with P(candidate at t) ≥ 0.99 and the least area below t.
    @Test(arguments: [(0.8, 16, 6), (0.7, 17, 4), (0.9, 11, 10), (0.5, 35, 3)])
    func forRecallFindsThresholdPairsAlmostAlways(_ c: (threshold: Double, bands: Int, rows: Int)) {
        let chosen = LSHParameters.forRecall(threshold: c.threshold, permutations: 128)
        #expect(chosen == LSHParameters(bands: c.bands, rows: c.rows))
        #expect(
            LSHParameters.candidateProbability(similarity: c.threshold, bands: chosen.bands, rows: chosen.rows) >= 0.99)
    }

    @Test func forRecallTakesTheClosestWhenNoneReaches() {
        // With 2 permutations nothing finds a 0.5 pair 99% of the time; 2 bands of 1 row come closest (0.75).
        #expect(LSHParameters.forRecall(threshold: 0.5, permutations: 2) == LSHParameters(bands: 2, rows: 1))
    }

    @Test func theAreasIntegrateTheCandidateCurve() {
        // One band of one row: P(candidate) = s, so the areas are t²/2 and (1 - t)²/2.
        #expect(abs(LSHParameters.falsePositiveArea(threshold: 0.8, bands: 1, rows: 1) - 0.32) < 1e-12)
        #expect(abs(LSHParameters.falseNegativeArea(threshold: 0.8, bands: 1, rows: 1) - 0.02) < 1e-12)
        // One band of r rows: ∫₀ᵗ s^r ds = t^(r+1) / (r+1).
        let expected = pow(0.9, 26.0) / 26
        #expect(abs(LSHParameters.falsePositiveArea(threshold: 0.9, bands: 1, rows: 25) - expected) < 1e-12)
    }

    @Test func bandKeysHashTheBandIndexAndItsRows() {
        // Reference: FNV-1a 64 + SplitMix64 finalizer of struct.pack("<3I", band, v0, v1), in Python.
        #expect(
            LSHParameters(bands: 2, rows: 2).bandKeys([1, 2, 3, 4, 5]) == [
                0xbc5f_863b_a559_d06f, 0x4196_6f34_f622_473a,
            ])
        #expect(LSHParameters(bands: 9, rows: 13).bandKeys([UInt32](repeating: 0, count: 128)).count == 9)
    }

    @Test func equalRowsInDifferentBandsGetDifferentKeys() {
        let keys = LSHParameters(bands: 2, rows: 2).bandKeys([7, 7, 7, 7])
        #expect(keys[0] != keys[1])
    }

    @Test func signaturesShareExactlyTheKeysOfTheBandsTheyAgreeOn() {
        let parameters = LSHParameters(bands: 3, rows: 2)
        let a = parameters.bandKeys([1, 2, 3, 4, 5, 6])
        let b = parameters.bandKeys([1, 2, 3, 9, 5, 6])
        #expect(a[0] == b[0])
        #expect(a[1] != b[1])
        #expect(a[2] == b[2])
    }
}

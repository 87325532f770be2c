import Foundation
import WinnowCore

/// LSH banding: a signature is cut into `bands` bands of `rows` values; two
/// items become candidates when they agree on every value of at least one
/// band, which happens with probability 1 - (1 - s^rows)^bands for Jaccard
/// similarity s. Signature values past `bands * rows` are not banded (they
/// still count when candidates are verified).
public struct LSHParameters: Sendable, Hashable {
    public var bands: Int
    public var rows: Int

    public init(bands: Int, rows: Int) {
        precondition(bands > 0 && rows > 0, "LSH needs at least one band of one row")
        self.bands = bands
        self.rows = rows
    }

    /// The bands and rows (bands × rows ≤ `permutations`) that minimize
    /// `falsePositiveWeight` × the false-positive area plus
    /// `falseNegativeWeight` × the false-negative area, where the
    /// false-positive area is ∫₀ᵗ 1 - (1 - s^r)^b ds (pairs below the
    /// threshold that become candidates) and the false-negative area is
    /// ∫ₜ¹ (1 - s^r)^b ds (pairs above it that do not).
    ///
    /// The same search as datasketch's `lsh._optimal_param` (bands from 1
    /// up, rows from 1 up, the first strict minimum wins), so that
    /// `MinHashLSH(threshold:num_perm:)` picks the same bands and rows;
    /// datasketch integrates with scipy's `quad`, here adaptive Simpson to
    /// 1e-12, well below the gaps between candidates' errors.
    public static func optimal(
        threshold: Double, permutations: Int, falsePositiveWeight: Double = 0.5, falseNegativeWeight: Double = 0.5
    ) -> LSHParameters {
        precondition((0...1).contains(threshold), "a Jaccard threshold is in [0, 1]")
        precondition(permutations > 0, "LSH needs at least one permutation")
        var best = LSHParameters(bands: 1, rows: 1)
        var bestError = Double.infinity
        for bands in 1...permutations {
            for rows in 1...(permutations / bands) {
                let error =
                    falsePositiveWeight * falsePositiveArea(threshold: threshold, bands: bands, rows: rows)
                    + falseNegativeWeight * falseNegativeArea(threshold: threshold, bands: bands, rows: rows)
                if error < bestError {
                    bestError = error
                    best = LSHParameters(bands: bands, rows: rows)
                }
            }
        }
        return best
    }

    /// The bands and rows `winnow dedup` uses when the pipeline does not set
    /// them: of those that make a pair at exactly `threshold` a candidate with
    /// probability at least `recall` (0.99: a pair at 0.8 is missed about once
    /// in 600), the ones with the smallest false-positive area, i.e. the
    /// fewest candidates below the threshold. Candidates are verified on
    /// their shingle sketches, so extra ones cost time, not precision; missed
    /// ones are lost. (``optimal(threshold:permutations:falsePositiveWeight:falseNegativeWeight:)``,
    /// datasketch's choice, gives 9 × 13 at 0.8, which finds a pair at 0.8
    /// only 40% of the time.) When no choice reaches `recall`, the one that
    /// comes closest. At 0.8 and 128 permutations: 16 bands of 6 rows
    /// (99.2% at 0.8, 53% at 0.6, 22% at 0.5).
    public static func forRecall(threshold: Double, permutations: Int, recall: Double = 0.99) -> LSHParameters {
        precondition((0...1).contains(threshold), "a Jaccard threshold is in [0, 1]")
        precondition(permutations > 0, "LSH needs at least one permutation")
        var best: (parameters: LSHParameters, reaches: Bool, probability: Double, area: Double)?
        for bands in 1...permutations {
            for rows in 1...(permutations / bands) {
                let probability = candidateProbability(similarity: threshold, bands: bands, rows: rows)
                let reaches = probability >= recall
                let area = falsePositiveArea(threshold: threshold, bands: bands, rows: rows)
                let better: Bool
                if let best {
                    if reaches != best.reaches {
                        better = reaches
                    } else if reaches {
                        better = area < best.area
                    } else {
                        better = probability > best.probability
                    }
                } else {
                    better = true
                }
                if better { best = (LSHParameters(bands: bands, rows: rows), reaches, probability, area) }
            }
        }
        return best!.parameters
    }

    static func falsePositiveArea(threshold: Double, bands: Int, rows: Int) -> Double {
        integrate(from: 0, to: threshold) { s in
            candidateProbability(similarity: s, bands: bands, rows: rows)
        }
    }

    static func falseNegativeArea(threshold: Double, bands: Int, rows: Int) -> Double {
        integrate(from: threshold, to: 1) { s in
            1 - candidateProbability(similarity: s, bands: bands, rows: rows)
        }
    }

    /// 1 - (1 - s^rows)^bands.
    static func candidateProbability(similarity s: Double, bands: Int, rows: Int) -> Double {
        1 - pow(1 - pow(s, Double(rows)), Double(bands))
    }

    /// Adaptive Simpson over 16 equal pieces of [a, b]: the integrands are
    /// smooth and monotone, but steep near 1 when rows are many, and the
    /// pieces keep a steep stretch from hiding between the first samples.
    static func integrate(from a: Double, to b: Double, _ f: (Double) -> Double) -> Double {
        guard b > a else { return 0 }
        let pieces = 16
        let width = (b - a) / Double(pieces)
        var total = 0.0
        for piece in 0..<pieces {
            let lo = a + Double(piece) * width
            let hi = piece == pieces - 1 ? b : lo + width
            let fLo = f(lo)
            let fHi = f(hi)
            let fMid = f((lo + hi) / 2)
            let whole = (hi - lo) / 6 * (fLo + 4 * fMid + fHi)
            total += simpson(f, lo, hi, fLo, fMid, fHi, whole, tolerance: 1e-12 / Double(pieces), depth: 40)
        }
        return total
    }

    private static func simpson(
        _ f: (Double) -> Double, _ a: Double, _ b: Double, _ fa: Double, _ fm: Double, _ fb: Double,
        _ whole: Double, tolerance: Double, depth: Int
    ) -> Double {
        let m = (a + b) / 2
        let lm = (a + m) / 2
        let rm = (m + b) / 2
        let flm = f(lm)
        let frm = f(rm)
        let left = (m - a) / 6 * (fa + 4 * flm + fm)
        let right = (b - m) / 6 * (fm + 4 * frm + fb)
        let delta = left + right - whole
        if depth <= 0 || abs(delta) <= 15 * tolerance {
            return left + right + delta / 15
        }
        return simpson(f, a, m, fa, flm, fm, left, tolerance: tolerance / 2, depth: depth - 1)
            + simpson(f, m, b, fm, frm, fb, right, tolerance: tolerance / 2, depth: depth - 1)
    }

    /// One stable 64-bit key per band: ``StableHash/hash64(_:seed:)`` of the
    /// band index then the band's `rows` signature values, each as 4
    /// little-endian bytes. Items share a key (up to 2^-64 collisions) only
    /// when they agree on that whole band; the index keeps equal values in
    /// different bands from sharing a key, so one dictionary can hold every
    /// band's buckets.
    public func bandKeys(_ signature: [UInt32]) -> [UInt64] {
        precondition(signature.count >= bands * rows, "the signature is shorter than bands × rows")
        var keys: [UInt64] = []
        keys.reserveCapacity(bands)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(4 * (rows + 1))
        for band in 0..<bands {
            bytes.removeAll(keepingCapacity: true)
            Self.appendLittleEndian(UInt32(band), to: &bytes)
            for value in signature[(band * rows)..<((band + 1) * rows)] {
                Self.appendLittleEndian(value, to: &bytes)
            }
            keys.append(StableHash.hash64(bytes))
        }
        return keys
    }

    private static func appendLittleEndian(_ value: UInt32, to bytes: inout [UInt8]) {
        for shift in stride(from: 0, to: 32, by: 8) {
            bytes.append(UInt8(truncatingIfNeeded: value >> shift))
        }
    }
}

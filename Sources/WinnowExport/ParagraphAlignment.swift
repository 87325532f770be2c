import Foundation

/// Aligns the paragraphs of a text and its translation by their lengths, in
/// the manner of Gale and Church (1993, "A program for aligning sentences in
/// bilingual corpora"): a dynamic program over beads of 1-1, 1-0, 0-1, 2-1,
/// 1-2 and 2-2 paragraphs, each costing −log of its prior times the
/// probability of its length difference under a normal model.
///
/// The expected length ratio is the pair's own (total right ÷ total left
/// characters), since English and Korean differ by a factor of about 2.5 in
/// characters; the variance is Gale and Church's 6.8 scaled by that ratio.
public enum ParagraphAlignment {
    /// Paragraph indices on each side; one side may be empty (an unmatched paragraph).
    public struct Bead: Sendable, Equatable {
        public var left: [Int]
        public var right: [Int]
        /// exp(−cost): near 0.89 for a 1-1 bead of exactly the expected lengths.
        public var score: Double
    }

    // Gale and Church's priors for the bead shapes.
    static let shapes: [(left: Int, right: Int, prior: Double)] = [
        (1, 1, 0.89), (1, 0, 0.0099 / 2), (0, 1, 0.0099 / 2), (2, 1, 0.089 / 2), (1, 2, 0.089 / 2), (2, 2, 0.011),
    ]

    /// The best alignment of paragraphs with `left` and `right` character lengths.
    public static func align(left: [Int], right: [Int]) -> [Bead] {
        let n = left.count
        let m = right.count
        guard n > 0 || m > 0 else { return [] }
        let totalLeft = left.reduce(0, +)
        let totalRight = right.reduce(0, +)
        let ratio = totalLeft > 0 && totalRight > 0 ? Double(totalRight) / Double(totalLeft) : 1
        let variance = 6.8 * ratio
        var cost = [[Double]](repeating: [Double](repeating: .infinity, count: m + 1), count: n + 1)
        var back = [[Int]](repeating: [Int](repeating: -1, count: m + 1), count: n + 1)
        cost[0][0] = 0
        for i in 0...n {
            for j in 0...m where cost[i][j] < .infinity {
                for (shape, s) in shapes.enumerated() where i + s.left <= n && j + s.right <= m {
                    let l1 = left[i..<(i + s.left)].reduce(0, +)
                    let l2 = right[j..<(j + s.right)].reduce(0, +)
                    let c = cost[i][j] + beadCost(l1, l2, prior: s.prior, ratio: ratio, variance: variance)
                    if c < cost[i + s.left][j + s.right] {
                        cost[i + s.left][j + s.right] = c
                        back[i + s.left][j + s.right] = shape
                    }
                }
            }
        }
        var beads: [Bead] = []
        var i = n
        var j = m
        while i > 0 || j > 0 {
            let s = shapes[back[i][j]]
            let before = cost[i - s.left][j - s.right]
            beads.append(
                Bead(left: Array((i - s.left)..<i), right: Array((j - s.right)..<j), score: exp(-(cost[i][j] - before)))
            )
            i -= s.left
            j -= s.right
        }
        return beads.reversed()
    }

    /// −log(prior · P(|δ|)), δ the length difference in standard deviations.
    static func beadCost(_ l1: Int, _ l2: Int, prior: Double, ratio: Double, variance: Double) -> Double {
        let mean = (Double(l1) + Double(l2) / ratio) / 2
        let delta = mean > 0 ? (Double(l2) - Double(l1) * ratio) / (mean * variance).squareRoot() : 0
        // Two-sided tail of the standard normal; floored so a long paragraph's mismatch stays finite.
        let tail = max(erfc(abs(delta) / 2.0.squareRoot()), 1e-300)
        return -log(prior) - log(tail)
    }

    /// The alignment's score: the geometric mean of its beads' scores.
    public static func score(_ beads: [Bead]) -> Double {
        guard !beads.isEmpty else { return 0 }
        return exp(beads.map { log(max($0.score, 1e-300)) }.reduce(0, +) / Double(beads.count))
    }
}

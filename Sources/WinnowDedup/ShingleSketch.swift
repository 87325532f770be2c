/// What `winnow dedup` keeps of a text's shingle set to verify an LSH
/// candidate pair: the `capacity` smallest distinct 32-bit shingle hashes
/// (a bottom-k sketch) and the size of the whole set.
///
/// Why not the MinHash estimate: with 128 permutations its standard error
/// at Jaccard 0.8 is about 0.035, so a pair at 0.82 falls below a 0.8
/// threshold about a quarter of the time. Texts whose sets both fit
/// (up to `capacity` shingles: about 4,000 words at the default) are
/// compared exactly; longer ones with Broder's bottom-k estimate, whose
/// error at k = 4096 is below 0.01.
public struct ShingleSketch: Sendable, Equatable {
    /// Ascending and distinct.
    public var hashes: [UInt32]
    /// Distinct 32-bit hashes in the whole set (≥ `hashes.count`).
    public var total: Int

    public static let defaultCapacity = 4096

    public init(hashes: [UInt32], total: Int) {
        self.hashes = hashes
        self.total = max(total, hashes.count)
    }

    /// The sketch of a set of 64-bit shingle hashes: their low 32 bits, as
    /// MinHash uses them.
    public init(shingleHashes: [UInt64], capacity: Int = ShingleSketch.defaultCapacity) {
        precondition(capacity > 0, "a sketch keeps at least one hash")
        var low = shingleHashes.map { UInt32(truncatingIfNeeded: $0) }
        low.sort()
        var distinct: [UInt32] = []
        distinct.reserveCapacity(low.count)
        for value in low where distinct.last != value { distinct.append(value) }
        total = distinct.count
        hashes = Array(distinct.prefix(capacity))
    }

    /// Whether the sketch holds the whole set.
    public var isComplete: Bool { hashes.count == total }

    /// The Jaccard similarity of the two sets: exact when both sketches are
    /// complete, else the share of the k smallest hashes of the union that
    /// both sets hold, k being the smaller sketch's size. Two empty sets: 0.
    public static func jaccard(_ a: ShingleSketch, _ b: ShingleSketch) -> Double {
        let limit = a.isComplete && b.isComplete ? Int.max : min(a.hashes.count, b.hashes.count)
        let x = a.hashes
        let y = b.hashes
        var i = 0
        var j = 0
        var taken = 0
        var shared = 0
        while taken < limit && (i < x.count || j < y.count) {
            if j == y.count || (i < x.count && x[i] < y[j]) {
                i += 1
            } else if i == x.count || y[j] < x[i] {
                j += 1
            } else {
                shared += 1
                i += 1
                j += 1
            }
            taken += 1
        }
        return taken == 0 ? 0 : Double(shared) / Double(taken)
    }
}

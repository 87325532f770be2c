import WinnowCore

/// MinHash signatures of shingle sets, bit-for-bit those of the `datasketch`
/// Python package's `MinHash(scheme="legacy")` given the same permutations,
/// so a benchmark can run datasketch side by side on the same data.
///
/// **Signature.** For each permutation `k` with multiplier `a[k]` and offset
/// `b[k]`, the signature value is the minimum over the shingles of
///
///     UInt32(truncating: ((a[k] &* h &+ b[k]) mod 2^64) mod (2^61 - 1))
///
/// where `h` is the low 32 bits of the shingle's 64-bit hash. The `mod 2^64`
/// is datasketch's: it computes `a * h + b` in numpy `uint64`, which wraps
/// (a < 2^61 times h < 2^32 overflows), before `% _mersenne_prime`, then
/// masks with `_max_hash` (2^32 - 1). An empty set's signature is all
/// `UInt32.max`, as datasketch's initial hash values.
///
/// **Permutations.** Drawn from SplitMix64 seeded with `seed` (state starts
/// at `seed`; each draw adds 0x9E3779B97F4A7C15 to the state and returns
/// ``StableHash/mix(_:)`` of it). For k = 0, 1, …: `a[k]` is the first draw
/// `x >> 3` with `1 <= x >> 3 < 2^61 - 1`, then `b[k]` the next draw `x >> 3`
/// with `x >> 3 < 2^61 - 1` (the shift gives 61 uniform bits; the rare
/// rejected draw is skipped). These are datasketch's ranges (`randint(1, p)`,
/// `randint(0, p)`) but not its numpy generator: give datasketch
/// ``multipliers`` and ``offsets`` through
/// `MinHash(permutations=(a, b), scheme="legacy", hashfunc=lambda h: h & 0xFFFFFFFF)`.
///
/// datasketch 2.0 made `"affine32"` its default scheme; only `"legacy"`
/// matches this one.
public struct MinHasher: Sendable {
    /// 2^61 - 1.
    public static let mersennePrime: UInt64 = (1 << 61) - 1

    /// `a` of each permutation, in [1, 2^61 - 1).
    public let multipliers: [UInt64]
    /// `b` of each permutation, in [0, 2^61 - 1).
    public let offsets: [UInt64]

    public var permutations: Int { multipliers.count }

    public init(permutations: Int = 128, seed: UInt64 = 1) {
        precondition(permutations > 0, "a signature needs at least one permutation")
        var random = SplitMix64(seed: seed)
        var multipliers: [UInt64] = []
        var offsets: [UInt64] = []
        multipliers.reserveCapacity(permutations)
        offsets.reserveCapacity(permutations)
        for _ in 0..<permutations {
            multipliers.append(random.next61(in: 1..<Self.mersennePrime))
            offsets.append(random.next61(in: 0..<Self.mersennePrime))
        }
        self.multipliers = multipliers
        self.offsets = offsets
    }

    /// The signature of a set of shingle hashes (as ``Shingles/hashes(of:wordsPerShingle:charactersPerShingle:)``
    /// gives it; repeated hashes do not change the result).
    public func signature(_ shingleHashes: [UInt64]) -> [UInt32] {
        var signature = [UInt32](repeating: .max, count: permutations)
        let p = Self.mersennePrime
        signature.withUnsafeMutableBufferPointer { sig in
            multipliers.withUnsafeBufferPointer { a in
                offsets.withUnsafeBufferPointer { b in
                    for shingleHash in shingleHashes {
                        let h = shingleHash & 0xFFFF_FFFF
                        for k in 0..<sig.count {
                            // x mod (2^61-1) without a division: fold the top 3 bits
                            // onto the rest; equal to `x % p` for every 64-bit x.
                            let x = a[k] &* h &+ b[k]
                            var folded = (x & p) &+ (x >> 61)
                            if folded >= p { folded -= p }
                            let permuted = UInt32(truncatingIfNeeded: folded)
                            if permuted < sig[k] { sig[k] = permuted }
                        }
                    }
                }
            }
        }
        return signature
    }

    /// The share of positions where two signatures agree: an unbiased
    /// estimate of the Jaccard similarity of their shingle sets.
    public static func estimatedJaccard(_ a: [UInt32], _ b: [UInt32]) -> Double {
        precondition(a.count == b.count, "signatures of different permutation counts cannot be compared")
        if a.isEmpty { return 0 }
        var equal = 0
        for k in a.indices where a[k] == b[k] { equal += 1 }
        return Double(equal) / Double(a.count)
    }

    /// Sebastiano Vigna's SplitMix64: tiny, and the same sequence everywhere.
    struct SplitMix64 {
        private var state: UInt64

        init(seed: UInt64) { state = seed }

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            return StableHash.mix(state)
        }

        /// The first draw's top 61 bits that fall in `range` (within [0, 2^61)).
        mutating func next61(in range: Range<UInt64>) -> UInt64 {
            while true {
                let value = next() >> 3
                if range.contains(value) { return value }
            }
        }
    }
}

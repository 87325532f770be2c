import WinnowCore

/// A normalised URL in the crawler's seen-sets, as two seeded 64-bit stable
/// hashes: 16 bytes instead of the text (about 100 bytes with its String
/// storage), so a list of millions keeps a small seen-set. Two URLs collide
/// with a chance of about n²/2¹²⁹ (none in practice for n in the billions).
struct SeenKey: Hashable, Sendable {
    let low: UInt64
    let high: UInt64

    init(_ url: String) {
        low = StableHash.hash64(url)
        high = StableHash.hash64(url, seed: 0x9E37_79B9_7F4A_7C15)
    }
}

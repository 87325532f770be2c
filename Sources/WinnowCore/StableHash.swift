import WinnowBytes

/// A 64-bit hash that is the same on every machine, run and Swift version
/// (Swift's `Hasher` is seeded per process, so it cannot name records or shards).
///
/// FNV-1a over the UTF-8 bytes (``FNV1a``), then the SplitMix64 finalizer so that the low
/// bits used for `hash % shards` are well mixed.
public enum StableHash {
    public static func hash64(_ bytes: UnsafeBufferPointer<UInt8>, seed: UInt64 = 0) -> UInt64 {
        var hash = FNV1a(seed: seed)
        for byte in bytes { hash.add(byte) }
        return mix(hash.value)
    }

    public static func hash64(_ bytes: [UInt8], seed: UInt64 = 0) -> UInt64 {
        bytes.withUnsafeBufferPointer { hash64($0, seed: seed) }
    }

    public static func hash64(_ string: String, seed: UInt64 = 0) -> UInt64 {
        var string = string
        return string.withUTF8 { hash64($0, seed: seed) }
    }

    /// SplitMix64's finalizer.
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// 16 lowercase hex digits.
    public static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// The record id of an input key: 32 hex digits (two seeded 64-bit hashes),
    /// so that a million-page archive has no practical chance of a collision.
    public static func recordID(forKey key: String) -> String {
        hex(hash64(key)) + hex(hash64(key, seed: 0x5bd1_e995))
    }
}

/// The one stable 64-bit byte hash of the project: FNV-1a, the same on every
/// machine, run and Swift version (Swift's `Hasher` is seeded per process).
/// Record ids and shards (``StableHash`` in WinnowCore, which mixes it),
/// class-word tokens, long tag names and Parquet dictionary keys all use it.
/// Inlinable: it runs per byte on hot paths of other modules.
@frozen public struct FNV1a {
    @inlinable public static var offsetBasis: UInt64 { 0xcbf2_9ce4_8422_2325 }
    @inlinable public static var prime: UInt64 { 0x100_0000_01b3 }

    /// The hash of the bytes added so far.
    public var value: UInt64

    /// An empty hash; a seed gives an independent second hash of the same bytes.
    @inlinable @inline(__always) public init(seed: UInt64 = 0) { value = Self.offsetBasis ^ seed }

    @inlinable @inline(__always) public mutating func add(_ byte: UInt8) {
        value = (value ^ UInt64(byte)) &* Self.prime
    }

    /// The hash of `bytes`.
    @inlinable public static func hash(_ bytes: some Sequence<UInt8>, seed: UInt64 = 0) -> UInt64 {
        var hash = FNV1a(seed: seed)
        for byte in bytes { hash.add(byte) }
        return hash.value
    }

    /// The hash of `bytes`.
    @inlinable public static func hash(_ bytes: Span<UInt8>, seed: UInt64 = 0) -> UInt64 {
        var hash = FNV1a(seed: seed)
        for k in bytes.indices { hash.add(bytes[k]) }
        return hash.value
    }
}

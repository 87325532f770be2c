import WinnowBytes

/// A tag name as one number, so that a visitor or the pre-parse filter can
/// compare and look up the name of every element without making a `String`
/// of it: a name of up to eight bytes is its bytes (the first the lowest); a
/// longer one is its 64-bit ``FNV1a`` hash with the high bit set (collisions
/// are negligible among tag names).
public struct TagKey: Hashable, Comparable, Sendable {
    public let value: UInt64

    /// `name` in lowercase, as libxml2 gives element names.
    public init(_ name: String) {
        var name = name
        self = name.withUTF8 { TagKey($0, 0..<$0.count) }
    }

    /// The key of `b[name]`. With `caseBit` 0x20 every byte gets that bit
    /// (ASCII case folded, as the pre-parse filter reads raw tags); the key
    /// of a lowercase name of letters and digits is the same either way.
    @inline(__always) init(_ b: UnsafeBufferPointer<UInt8>, _ name: Range<Int>, caseBit: UInt8 = 0) {
        var value: UInt64 = 0
        if name.count <= 8 {
            var shift: UInt64 = 0
            for k in name {
                value |= UInt64(b[k] | caseBit) << shift
                shift += 8
            }
        } else {
            var hash = FNV1a()
            for k in name { hash.add(b[k] | caseBit) }
            value = hash.value | 1 << 63
        }
        self.value = value
    }

    public static func < (a: TagKey, b: TagKey) -> Bool { a.value < b.value }
}

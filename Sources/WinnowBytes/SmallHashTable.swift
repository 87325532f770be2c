/// The one open-addressed table of the project: up to 200 entries keyed by
/// nonzero 64-bit keys (hashes or packed tag names), in 256 slots probed in
/// order from a multiplicative hash of the key. Built once, read per element
/// or per class word: most lookups are one probe (a `Dictionary` hashes the
/// key again with SipHash; a sorted array takes six to seven probes).
@frozen public struct SmallHashTable<Value> {
    @usableFromInline let keys: [UInt64]
    @usableFromInline let values: [Value]
    /// What a key not in the table reads as.
    @usableFromInline let absent: Value

    /// A table of `entries`; a key of 0 is refused (it marks an empty slot).
    public init(_ entries: some Sequence<(key: UInt64, value: Value)>, absent: Value) {
        var keys = [UInt64](repeating: 0, count: 256)
        var values = [Value](repeating: absent, count: 256)
        var count = 0
        for (key, value) in entries {
            precondition(key != 0, "0 marks an empty slot")
            count += 1
            precondition(count <= 200, "the table has 256 slots")
            var slot = Self.slot(key)
            while keys[slot] != 0, keys[slot] != key { slot = (slot + 1) & 255 }
            keys[slot] = key
            values[slot] = value
        }
        self.keys = keys
        self.values = values
        self.absent = absent
    }

    /// The first slot of a key: its top byte after a multiply by 2^64/φ
    /// (packed tag names differ mostly in their low bytes).
    @inlinable @inline(__always) static func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 56)
    }

    /// The value of `key`; ``absent`` when it is not in the table.
    @inlinable public subscript(key: UInt64) -> Value {
        var slot = Self.slot(key)
        while keys[slot] != 0 {
            if keys[slot] == key { return values[slot] }
            slot = (slot + 1) & 255
        }
        return absent
    }
}

extension SmallHashTable: Sendable where Value: Sendable {}

import CLibXML2  // for memchr (string.h)

/// Whole-page byte scans that run on every page, a word or a SIMD block at
/// a time (a byte-by-byte `reduce` or `contains` is several times slower on
/// a 200 kB page).
public enum ByteScan {
    /// How many times `byte` occurs in `bytes`: memchr from one to the
    /// next, fastest for a byte that is rare in the text (such as `<`:
    /// about one byte in forty on news pages).
    public static func count(of byte: UInt8, in bytes: [UInt8]) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return 0 }
            var count = 0
            var i = 0
            while i < buffer.count, let hit = memchr(base + i, Int32(byte), buffer.count - i) {
                count += 1
                i = UnsafeRawPointer(hit) - UnsafeRawPointer(base) + 1
            }
            return count
        }
    }

    /// Whether every byte is ASCII.
    public static func isASCII(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { isASCII($0) }
    }

    /// Whether every byte is ASCII (an absent buffer has none that is not).
    static func isASCII(_ buffer: UnsafeBufferPointer<UInt8>?) -> Bool {
        guard let buffer else { return true }
        var any: UInt8 = 0
        for b in buffer { any |= b }
        return any < 0x80
    }

    /// Whether `bytes` holds `byte` anywhere.
    public static func contains(_ byte: UInt8, in bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return false }
            return memchr(base, Int32(byte), buffer.count) != nil
        }
    }

    /// The index of the first `>`, `"` or `'` at or after `from` in `bytes`,
    /// eight bytes at a time, or nil: where a tag's scan stops next.
    @inlinable public static func firstTagByte(in bytes: Span<UInt8>, from: Int) -> Int? {
        bytes.withUnsafeBufferPointer { ParseFilter.firstTagByte($0, from: from) }
    }

    /// The index of the first `byte` at or after `from` in `bytes` (memchr), or nil.
    @inlinable public static func firstIndex(of byte: UInt8, in bytes: Span<UInt8>, from: Int) -> Int? {
        bytes.withUnsafeBufferPointer { ParseFilter.firstIndex(of: byte, in: $0, from: from) }
    }
}

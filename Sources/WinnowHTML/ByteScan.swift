import CLibXML2  // for memchr (string.h)

/// Whole-page byte scans that run on every page, a word or a SIMD block at
/// a time (a byte-by-byte `reduce` or `contains` is several times slower on
/// a 200 kB page).
public enum ByteScan {
    /// How many times `byte` occurs in `bytes`.
    public static func count(of byte: UInt8, in bytes: [UInt8]) -> Int {
        bytes.withUnsafeBytes { raw in
            // Eight bytes at a time: the high bit of each byte of `zeros` is
            // set exactly where the word held `byte` (no carries between bytes).
            let ones: UInt64 = 0x0101_0101_0101_0101, lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
            let pattern = UInt64(byte) &* ones
            var count = 0, i = 0
            while i + 8 <= raw.count {
                let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ pattern
                let zeros = ~(((x & lows) &+ lows) | x | lows)
                count &+= zeros.nonzeroBitCount
                i += 8
            }
            while i < raw.count {
                if raw[i] == byte { count += 1 }
                i += 1
            }
            return count
        }
    }

    /// Whether every byte is ASCII.
    public static func isASCII(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var any: UInt8 = 0
            for b in buffer { any |= b }
            return any < 0x80
        }
    }

    /// Whether `bytes` holds `byte` anywhere.
    public static func contains(_ byte: UInt8, in bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return false }
            return memchr(base, Int32(byte), buffer.count) != nil
        }
    }
}

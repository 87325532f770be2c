/// Parquet's RLE / bit-packing hybrid, for definition and repetition levels
/// (parquet-format `Encodings.md`, "Run Length Encoding / Bit-Packing
/// Hybrid").
///
/// A run of 8 or more equal levels becomes an RLE run (header
/// `count << 1`, then the value in `ceil(bitWidth / 8)` little-endian
/// bytes); anything else becomes bit-packed groups of 8 (header
/// `groups << 1 | 1`, values packed from the least significant bit). A
/// bit-packed run ends only on a group boundary, so padding zeros appear
/// only after the last level, where readers stop at the page's value count.
public enum LevelEncoder {
    /// The bits a level up to `maxLevel` needs: 0 for 0 (no levels are written), 1 for 1, 2 for 2–3, …
    public static func bitWidth(maxLevel: Int) -> Int {
        maxLevel == 0 ? 0 : Int.bitWidth - maxLevel.leadingZeroBitCount
    }

    /// The hybrid encoding of `levels` (without the data page v1 length prefix).
    public static func encode(_ levels: [UInt8], bitWidth: Int) -> [UInt8] {
        var out: [UInt8] = []
        guard bitWidth > 0, !levels.isEmpty else { return out }
        out.reserveCapacity(levels.count / 4 + 16)
        let count = levels.count
        var i = 0
        while i < count {
            let run = runLength(levels, from: i)
            if run >= 8 {
                varint(UInt64(run) << 1, into: &out)
                out.append(levels[i])  // bitWidth <= 8: levels fit one byte
                i += run
                continue
            }
            // Bit-packed groups until a long run starts on a group boundary, or the end.
            let headerAt = out.count
            out.append(0)  // placeholder for a one-byte header (up to 63 groups)
            var groups = 0
            repeat {
                packGroup(levels, from: i, bitWidth: bitWidth, into: &out)
                i += 8
                groups += 1
            } while i < count && groups < 63 && runLength(levels, from: i) < 8
            out[headerAt] = UInt8(groups << 1 | 1)
        }
        return out
    }

    /// How many levels from `start` equal `levels[start]`.
    static func runLength(_ levels: [UInt8], from start: Int) -> Int {
        let value = levels[start]
        var end = start + 1
        while end < levels.count && levels[end] == value { end += 1 }
        return end - start
    }

    /// Eight levels (zeros past the end), `bitWidth` bits each, least significant bit first.
    static func packGroup(_ levels: [UInt8], from start: Int, bitWidth: Int, into out: inout [UInt8]) {
        var buffer: UInt64 = 0
        for k in 0..<8 {
            let index = start + k
            let value = index < levels.count ? UInt64(levels[index]) : 0
            buffer |= value << UInt64(k * bitWidth)
        }
        for b in 0..<bitWidth {  // 8 values * bitWidth bits = bitWidth bytes
            out.append(UInt8(truncatingIfNeeded: buffer >> UInt64(b * 8)))
        }
    }

    static func varint(_ value: UInt64, into out: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }
}

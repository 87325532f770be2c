/// Parquet's RLE / bit-packing hybrid, for definition and repetition levels
/// and dictionary indices (parquet-format `Encodings.md`, "Run Length
/// Encoding / Bit-Packing Hybrid").
///
/// A run of 8 or more equal levels becomes an RLE run (header
/// `count << 1`, then the value in `ceil(bitWidth / 8)` little-endian
/// bytes); anything else becomes bit-packed groups of 8 (header
/// `groups << 1 | 1`, values packed from the least significant bit). A
/// bit-packed run ends only on a group boundary, so padding zeros appear
/// only after the last level, where readers stop at the page's value count.
public enum RLEHybridEncoder {
    /// The bits a value up to `maxLevel` needs: 0 for 0 (no levels are written), 1 for 1, 2 for 2–3, …
    public static func bitWidth(maxLevel: Int) -> Int {
        maxLevel == 0 ? 0 : Int.bitWidth - maxLevel.leadingZeroBitCount
    }

    /// The hybrid encoding of `levels` (without the data page v1 length prefix).
    public static func encode<Value: FixedWidthInteger & UnsignedInteger>(_ levels: [Value], bitWidth: Int) -> [UInt8] {
        var out: [UInt8] = []
        guard bitWidth > 0, !levels.isEmpty else { return out }
        out.reserveCapacity(levels.count / 4 + 16)
        let count = levels.count
        var i = 0
        while i < count {
            let run = runLength(levels, from: i)
            if run >= 8 {
                varint(UInt64(run) << 1, into: &out)
                let value = UInt64(levels[i])
                for b in 0..<((bitWidth + 7) / 8) { out.append(UInt8(truncatingIfNeeded: value >> UInt64(b * 8))) }
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
    static func runLength<Value: FixedWidthInteger & UnsignedInteger>(_ levels: [Value], from start: Int) -> Int {
        let value = levels[start]
        var end = start + 1
        while end < levels.count && levels[end] == value { end += 1 }
        return end - start
    }

    /// Eight values (zeros past the end), `bitWidth` bits each, least significant bit first:
    /// `bitWidth` bytes. Up to 32 bits, so 8 values fit in 256 bits (four words).
    static func packGroup<Value: FixedWidthInteger & UnsignedInteger>(
        _ levels: [Value], from start: Int, bitWidth: Int, into out: inout [UInt8]
    ) {
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        for k in 0..<8 {
            let index = start + k
            guard index < levels.count else { break }
            let value = UInt64(levels[index])
            let bit = k * bitWidth
            let (word, shift) = (bit / 64, UInt64(bit % 64))
            let low = value << shift
            let high = shift == 0 ? 0 : value >> (64 - shift)
            switch word {
            case 0:
                words.0 |= low
                words.1 |= high
            case 1:
                words.1 |= low
                words.2 |= high
            case 2:
                words.2 |= low
                words.3 |= high
            default: words.3 |= low
            }
        }
        for b in 0..<bitWidth {
            let word: UInt64
            switch b / 8 {
            case 0: word = words.0
            case 1: word = words.1
            case 2: word = words.2
            default: word = words.3
            }
            out.append(UInt8(truncatingIfNeeded: word >> UInt64((b % 8) * 8)))
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

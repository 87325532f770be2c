import CLibXML2  // for memchr (string.h)

/// Tells markup from files that are not pages at all (images, PDFs, archives),
/// which libxml2 would otherwise "recover" into garbage text.
public enum ContentSniffer {
    /// A name for a known binary format, from its magic bytes; nil if the
    /// bytes look like text.
    public static func binaryKind(_ bytes: [UInt8]) -> String? {
        let magics: [(String, [UInt8])] = [
            ("PNG image", [0x89, 0x50, 0x4E, 0x47]),
            ("JPEG image", [0xFF, 0xD8, 0xFF]),
            ("GIF image", Array("GIF8".utf8)),
            ("PDF document", Array("%PDF".utf8)),
            ("ZIP archive", [0x50, 0x4B, 0x03, 0x04]),
            ("gzip data", [0x1F, 0x8B]),
            ("WebP image", Array("RIFF".utf8)),
            ("ELF binary", [0x7F, 0x45, 0x4C, 0x46]),
        ]
        for (name, magic) in magics where bytes.starts(with: magic) { return name }
        // UTF-16 text has NULs by design; a BOM says so.
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return nil }
        // Text has no control bytes other than whitespace; a binary file has many.
        let sample = bytes.prefix(4096)
        var control = 0
        for b in sample where b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0C && b != 0x1B {
            control += 1
        }
        return control * 10 > sample.count ? "binary data" : nil
    }
}

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

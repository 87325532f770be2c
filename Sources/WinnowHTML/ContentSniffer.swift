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
        let control = sample.withUnsafeBufferPointer(controlBytes)
        return control * 10 > sample.count ? "binary data" : nil
    }

    /// How many bytes are below 0x20 and not whitespace or escape: eight at a time,
    /// with exact per-byte tests (markup has a line break every few dozen bytes).
    static func controlBytes(_ b: UnsafeBufferPointer<UInt8>) -> Int {
        @inline(__always) func isControl(_ c: UInt8) -> Bool {
            c < 0x20 && c != 0x09 && c != 0x0A && c != 0x0D && c != 0x0C && c != 0x1B
        }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        /// The high bit of each byte of `w` that is `c`, and no other (no carry between bytes).
        @inline(__always) func equal(_ w: UInt64, _ c: UInt8) -> UInt64 {
            let t = w ^ (ones &* UInt64(c))
            return ~(((t & ~highs) &+ ~highs) | t) & highs
        }
        var count = 0
        var i = 0
        while i + 8 <= b.count {
            let w = UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: UInt64.self)
            // Below 0x20: the high bit is clear, and clear after 0x20 is taken from the byte with it set.
            var marks = ~((w | highs) &- (ones &* 0x20)) & ~w & highs
            if marks != 0 {
                marks &= ~(equal(w, 0x09) | equal(w, 0x0A) | equal(w, 0x0D) | equal(w, 0x0C) | equal(w, 0x1B))
                while marks != 0 {
                    count += 1
                    marks &= marks &- 1
                }
            }
            i += 8
        }
        while i < b.count {
            if isControl(b[i]) { count += 1 }
            i += 1
        }
        return count
    }
}

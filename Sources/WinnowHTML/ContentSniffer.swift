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

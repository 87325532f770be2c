/// Decodes a page to UTF-8, choosing its encoding in this order: byte-order
/// mark; the transport's charset (HTTP `Content-Type`); `<meta charset>` or
/// `http-equiv` in a prescan of the head; valid UTF-8; then uchardet.
/// A declared charset that does not decode the bytes cleanly (a meta that
/// lies) is set aside with a warning and the next source is tried.
///
/// Labels are mapped as the WHATWG Encoding Standard does (`euc-kr` is really
/// CP949, `iso-8859-1` is really windows-1252), to names iconv accepts.
public enum CharsetSniffer {
    public struct Decoded: Sendable, Equatable {
        /// The page as UTF-8.
        public var utf8: [UInt8]
        /// The encoding it was decoded from (an iconv name such as `UTF-8`, `CP949`).
        public var encoding: String
        /// `bom`, `transport`, `meta`, `content` (valid UTF-8), `detector` or `fallback`.
        public var source: String
        public var warnings: [String] = []
    }

    /// How far into the page to look for `<meta charset>`. Browsers stop at
    /// 1024 bytes; archives hold pages with long preambles before it.
    static let prescanLimit = 65_536

    public static func decode(_ bytes: [UInt8], declared: String?) -> Decoded {
        var warnings: [String] = []
        for (bom, encoding) in [
            ([UInt8]([0xEF, 0xBB, 0xBF]), "UTF-8"), ([0xFF, 0xFE], "UTF-16LE"), ([0xFE, 0xFF], "UTF-16BE"),
        ]
        where bytes.starts(with: bom) {
            let body = Array(bytes.dropFirst(bom.count))
            if let utf8 = strict(body, encoding) { return Decoded(utf8: utf8, encoding: encoding, source: "bom") }
        }

        for (label, source) in [(declared, "transport"), (metaCharset(bytes), "meta")] {
            guard let label else { continue }
            guard let encoding = encodingName(forLabel: label) else {
                warnings.append("unknown charset '\(label)' declared in \(source); ignored")
                continue
            }
            if let utf8 = strict(bytes, encoding) {
                return Decoded(utf8: utf8, encoding: encoding, source: source, warnings: warnings)
            }
            warnings.append("charset '\(label)' declared in \(source) does not decode the bytes; ignored")
        }

        if isValidUTF8(bytes) { return Decoded(utf8: bytes, encoding: "UTF-8", source: "content", warnings: warnings) }

        if let detected = CharsetDetector.detect(bytes),
            let encoding = encodingName(forLabel: detected) ?? Optional(detected.uppercased()),
            encoding != "UTF-8", let utf8 = strict(bytes, encoding)
        {
            warnings.append("no usable charset declared; detected \(encoding) with uchardet")
            return Decoded(utf8: utf8, encoding: encoding, source: "detector", warnings: warnings)
        }

        // Nothing fits: windows-1252 decodes almost every byte; mark the rest.
        switch Transcoder.toUTF8(bytes, from: "WINDOWS-1252") {
        case .clean(let utf8):
            warnings.append("charset unknown; read as windows-1252")
            return Decoded(utf8: utf8, encoding: "WINDOWS-1252", source: "fallback", warnings: warnings)
        case .repaired(let utf8, let invalid):
            warnings.append("charset unknown; read as windows-1252 with \(invalid) undecodable bytes replaced")
            return Decoded(utf8: utf8, encoding: "WINDOWS-1252", source: "fallback", warnings: warnings)
        case .unknownEncoding:
            preconditionFailure("iconv always knows WINDOWS-1252")
        }
    }

    /// UTF-8 of `bytes` in `encoding`, or nil if any sequence is invalid.
    private static func strict(_ bytes: [UInt8], _ encoding: String) -> [UInt8]? {
        if encoding == "UTF-8" { return isValidUTF8(bytes) ? bytes : nil }
        if case .clean(let utf8) = Transcoder.toUTF8(bytes, from: encoding) { return utf8 }
        return nil
    }

    /// WHATWG label → iconv name, for the encodings news archives use.
    public static func encodingName(forLabel label: String) -> String? {
        let key = label.trimmingASCIIWhitespace().lowercased()
        switch key {
        case "utf-8", "utf8", "unicode-1-1-utf-8": return "UTF-8"
        case "euc-kr", "ks_c_5601-1987", "ks_c_5601-1989", "ksc5601", "ksc_5601", "korean", "csksc56011987",
            "iso-ir-149", "windows-949", "x-windows-949", "cp949", "uhc":
            return "CP949"
        case "iso-8859-1", "latin1", "l1", "ascii", "us-ascii", "iso8859-1", "iso_8859-1", "cp1252",
            "windows-1252", "x-cp1252", "cp819", "ibm819":
            return "WINDOWS-1252"
        case "gb2312", "gbk", "gb18030", "x-gbk", "chinese", "csgb2312", "iso-ir-58": return "GB18030"
        case "big5", "big5-hkscs", "cn-big5", "x-x-big5", "csbig5": return "BIG5-HKSCS"
        case "shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "windows-31j", "csshiftjis", "ms932":
            return "CP932"
        case "euc-jp", "x-euc-jp", "cseucpkdfmtjapanese": return "EUC-JP"
        case "iso-2022-jp", "csiso2022jp": return "ISO-2022-JP"
        case "windows-1251", "cp1251", "x-cp1251": return "WINDOWS-1251"
        case "koi8-r", "koi8", "koi", "cskoi8r": return "KOI8-R"
        case "koi8-u", "koi8-ru": return "KOI8-U"
        case "utf-16", "utf-16le": return "UTF-16LE"
        case "utf-16be": return "UTF-16BE"
        default:
            if key.hasPrefix("windows-125"), key.count == 12 { return key.uppercased() }
            if key.hasPrefix("iso-8859-") { return key.uppercased() }
            return nil
        }
    }

    /// The charset of the first `<meta charset=…>` or `<meta http-equiv content="…charset=…">`.
    static func metaCharset(_ bytes: [UInt8]) -> String? {
        bytes.withUnsafeBufferPointer { all in
            let b = UnsafeBufferPointer(rebasing: all[0..<min(all.count, prescanLimit)])
            var i = 0
            while let lt = ParseFilter.firstIndex(of: UInt8(ascii: "<"), in: b, from: i), lt + 5 < b.count {
                i = lt
                let tag = (lower(b[i + 1]), lower(b[i + 2]), lower(b[i + 3]), lower(b[i + 4]))
                if tag == (UInt8(ascii: "m"), UInt8(ascii: "e"), UInt8(ascii: "t"), UInt8(ascii: "a")) {
                    let end = ParseFilter.firstIndex(of: UInt8(ascii: ">"), in: b, from: i + 5) ?? b.count
                    if let value = charsetValue(in: UnsafeBufferPointer(rebasing: b[(i + 5)..<end])) { return value }
                    i = end
                } else if tag == (UInt8(ascii: "b"), UInt8(ascii: "o"), UInt8(ascii: "d"), UInt8(ascii: "y")) {
                    return nil
                } else {
                    i += 1
                }
            }
            return nil
        }
    }

    /// Finds `charset` followed by `=` and a value inside one tag's bytes.
    private static func charsetValue(in tag: UnsafeBufferPointer<UInt8>) -> String? {
        let needle = Array("charset".utf8)
        guard tag.count > needle.count else { return nil }
        var j = 0
        // Only where a `c` (either case) stands, found eight bytes at a time.
        while let c = ParseFilter.firstFolded(needle[0], in: tag, from: j, to: tag.count - needle.count + 1) {
            j = c
            var matched = 0
            while matched < needle.count, lower(tag[j + matched]) == needle[matched] { matched += 1 }
            if matched == needle.count {
                var k = j + needle.count
                while k < tag.count && (tag[k] == 0x20 || tag[k] == 0x09) { k += 1 }
                if k < tag.count && tag[k] == UInt8(ascii: "=") {
                    k += 1
                    while k < tag.count
                        && (tag[k] == 0x20 || tag[k] == UInt8(ascii: "\"") || tag[k] == UInt8(ascii: "'"))
                    { k += 1 }
                    var e = k
                    while e < tag.count, tag[e] != UInt8(ascii: "\""), tag[e] != UInt8(ascii: "'"),
                        tag[e] != UInt8(ascii: ";"), tag[e] != 0x20, tag[e] != UInt8(ascii: "/")
                    { e += 1 }
                    if e > k { return String(decoding: tag[k..<e].map(lower), as: UTF8.self) }
                }
            }
            j += 1
        }
        return nil
    }

    @inline(__always) private static func lower(_ b: UInt8) -> UInt8 {
        b >= 0x41 && b <= 0x5A ? b | 0x20 : b
    }

    /// Strict UTF-8 validation (no overlongs, no surrogates, nothing above U+10FFFF).
    public static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { b in
            var i = 0
            let n = b.count
            let raw = UnsafeRawBufferPointer(b)
            let highs: UInt64 = 0x8080_8080_8080_8080
            while i < n {
                let c = b[i]
                if c < 0x80 {
                    // Markup is mostly ASCII: 32 then 8 bytes at a time while no high bit is set.
                    i += 1
                    while i + 32 <= n {
                        let any =
                            raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                            | raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
                            | raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)
                            | raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)
                        guard any & highs == 0 else { break }
                        i += 32
                    }
                    while i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & highs == 0 { i += 8 }
                    continue
                }
                // A lead byte and its continuation bytes, decoded to check the scalar's range
                // (text in other scripts is runs of these: no word test between them).
                @inline(__always) func continuation(_ k: Int) -> UInt32? {
                    let cc = b[k]
                    return cc & 0xC0 == 0x80 ? UInt32(cc & 0x3F) : nil
                }
                switch c {
                case 0xC2...0xDF:
                    guard i + 1 < n, continuation(i + 1) != nil else { return false }
                    i += 2
                case 0xE0...0xEF:
                    guard i + 2 < n, let c1 = continuation(i + 1), let c2 = continuation(i + 2) else { return false }
                    let scalar = UInt32(c & 0x0F) << 12 | c1 << 6 | c2
                    if scalar < 0x800 || (0xD800...0xDFFF).contains(scalar) { return false }
                    i += 3
                case 0xF0...0xF4:
                    guard i + 3 < n, let c1 = continuation(i + 1), let c2 = continuation(i + 2),
                        let c3 = continuation(i + 3)
                    else { return false }
                    let scalar = UInt32(c & 0x07) << 18 | c1 << 12 | c2 << 6 | c3
                    if scalar < 0x10000 || scalar > 0x10FFFF { return false }
                    i += 4
                default: return false
                }
            }
            return true
        }
    }
}

extension String {
    func trimmingASCIIWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}

/// Character references in markup read straight from the page's bytes (a headline, a byline line),
/// where libxml2 does not decode them for us.
enum CharacterReference {
    /// Named entities of headlines and bylines; others are kept as written.
    static let namedEntities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "rsquo": "’", "lsquo": "‘",
        "rdquo": "”", "ldquo": "“", "ndash": "–", "mdash": "—", "hellip": "…", "shy": "", "laquo": "«",
        "raquo": "»", "bdquo": "„", "sbquo": "‚",
    ]

    /// Appends the entity at `at` (`&amp;`, `&#8217;`, `&#x27;`) decoded, or the `&` alone; returns the index after it.
    static func decode(_ b: UnsafeBufferPointer<UInt8>, at: Int, into out: inout [UInt8]) -> Int {
        var end = at + 1
        while end < b.count, end - at <= 10, b[end] != UInt8(ascii: ";"), b[end] > 0x20, b[end] != UInt8(ascii: "&") {
            end += 1
        }
        guard end < b.count, b[end] == UInt8(ascii: ";"), end > at + 1 else {
            out.append(UInt8(ascii: "&"))
            return at + 1
        }
        let name = String(decoding: b[(at + 1)..<end], as: UTF8.self)
        var value: String?
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
            value = number(name.dropFirst(2), radix: 16)
        } else if name.hasPrefix("#") {
            value = number(name.dropFirst(), radix: 10)
        } else {
            value = namedEntities[name]
        }
        guard let value else {
            out.append(UInt8(ascii: "&"))
            return at + 1
        }
        out += Array(value.utf8)
        return end + 1
    }

    /// A numeric reference's character; U+FFFD for zero, a surrogate or past U+10FFFF, as libxml2 and
    /// browsers give; nil when the digits are not all digits (`&#+41;` is no reference).
    private static func number(_ digits: Substring, radix: Int) -> String? {
        guard !digits.isEmpty, digits.allSatisfy({ $0.isHexDigit && (radix == 16 || $0.isNumber) }) else { return nil }
        guard let code = UInt32(digits, radix: radix), code != 0, let scalar = Unicode.Scalar(code) else {
            return "\u{FFFD}"
        }
        return String(Character(scalar))
    }
}

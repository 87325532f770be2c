/// A caption told by its credit: a line that ends with a photo credit after
/// a bracket, slash, pipe or dash, as captions print them in many languages
/// and none of ``PageFurniture/captionPrefixes`` starts: `… /사진=데일리NK`,
/// `… (사진=연합뉴스)`, `… (AP Photo/Name)`, `… [Photo: Agency]`,
/// `… | Foto: Name`, `… — Image: Name`.
enum CaptionLine {
    /// A caption is short: a longer paragraph ending in a credit is article text quoting one.
    static let longestCaption = 300
    /// The credit after the separator is a few words.
    static let longestCredit = 80

    /// How a credit starts (lowercased): the word for "photo", "image" or
    /// "credit" and the mark that follows it.
    static let creditMarks = [
        "사진=", "사진 =", "사진:", "사진 :", "사진제공", "사진 제공", "자료사진", "그래픽=", "영상=",
        "photo:", "photo by", "photos:", "photo credit", "photograph:", "photograph by", "image:", "image by",
        "image credit", "images:", "credit:", "picture:", "pictures:", "ap photo", "afp photo", "reuters photo",
        "getty images", "foto:", "fotos:", "foto ", "bild:", "photo ©", "© photo", "写真:", "写真＝", "写真=", "圖片來源",
        "图片来源", "图/", "фото:", "фото ",
    ]

    /// Separators before the credit.
    private static let separators: [UInt8] = [
        UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "/"), UInt8(ascii: "|"), UInt8(ascii: "-"),
    ]

    /// Whether `text` (of `scalars` Unicode scalars) ends with a photo credit.
    static func endsWithCredit(_ text: String, scalars: Int) -> Bool {
        guard scalars <= longestCaption else { return false }
        let bytes = Array(text.utf8)
        // Only the last bytes can hold the credit (80 scalars, up to 3 bytes each).
        let floor = max(0, bytes.count - longestCredit * 3)
        var index = bytes.count - 1
        while index >= floor {
            let byte = bytes[index]
            // ASCII separators, and the em dash (E2 80 94) and full-width parenthesis (EF BC 88) by their last byte.
            let isSeparator =
                separators.contains(byte)
                || (byte == 0x94 && index >= 2 && bytes[index - 2] == 0xE2 && bytes[index - 1] == 0x80)
                || (byte == 0x88 && index >= 2 && bytes[index - 2] == 0xEF && bytes[index - 1] == 0xBC)
            if isSeparator, index > 0, startsWithCredit(bytes[(index + 1)...]) { return true }
            index -= 1
        }
        return false
    }

    /// Whether the text after a separator starts with one of ``creditMarks`` and is a credit's length.
    private static func startsWithCredit(_ tail: ArraySlice<UInt8>) -> Bool {
        var start = tail.startIndex
        while start < tail.endIndex, tail[start] == 0x20 { start += 1 }
        guard start < tail.endIndex else { return false }
        let rest = String(decoding: tail[start...], as: UTF8.self)
        guard rest.unicodeScalarCount <= longestCredit else { return false }
        let lower = rest.lowercased()
        guard creditMarks.contains(where: { lower.hasPrefix($0) }) else { return false }
        // The credit ends the line: nothing but punctuation after its closing bracket.
        guard let close = lower.lastIndex(where: { $0 == ")" || $0 == "]" || $0 == "）" }) else { return true }
        return lower[lower.index(after: close)...].allSatisfy { $0.isWhitespace || $0.isPunctuation }
    }
}

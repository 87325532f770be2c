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

    /// ``creditMarks`` as bytes.
    private static let markBytes: [[UInt8]] = creditMarks.map { Array($0.utf8) }

    /// Whether `text` (of `scalars` Unicode scalars) ends with a photo credit.
    /// On the bytes, with no allocation: most lines have a separator and no credit.
    static func endsWithCredit(_ text: String, scalars: Int) -> Bool {
        guard scalars <= longestCaption else { return false }
        var text = text
        return text.withUTF8 { bytes in
            // Only the last bytes can hold the credit (80 scalars, up to 3 bytes each).
            let floor = max(1, bytes.count - longestCredit * 3)
            var index = bytes.count - 1
            while index >= floor {
                let byte = bytes[index]
                // ASCII separators, and the em dash (E2 80 94) and full-width parenthesis (EF BC 88) by their last
                // byte.
                let isSeparator =
                    byte == 0x28 || byte == 0x5B || byte == 0x2F || byte == 0x7C || byte == 0x2D
                    || (byte == 0x94 && index >= 2 && bytes[index - 2] == 0xE2 && bytes[index - 1] == 0x80)
                    || (byte == 0x88 && index >= 2 && bytes[index - 2] == 0xEF && bytes[index - 1] == 0xBC)
                if isSeparator, isCredit(bytes, from: index + 1) { return true }
                index -= 1
            }
            return false
        }
    }

    /// Whether the bytes from `start` to the end are a credit: a mark first,
    /// a credit's length, and nothing but punctuation after a closing bracket.
    private static func isCredit(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        var start = start
        while start < bytes.count, bytes[start] == 0x20 { start += 1 }
        guard start < bytes.count else { return false }
        let matches = markBytes.contains { mark in
            guard bytes.count - start >= mark.count else { return false }
            for (offset, m) in mark.enumerated() {
                let b = bytes[start + offset]
                if (b >= 0x41 && b <= 0x5A ? b | 0x20 : b) != m { return false }
            }
            return true
        }
        guard matches else { return false }
        var tailScalars = 0
        var lastClose = -1
        for i in start..<bytes.count {
            let b = bytes[i]
            if b & 0xC0 != 0x80 { tailScalars += 1 }
            if b == 0x29 || b == 0x5D || (b == 0x89 && i >= 2 && bytes[i - 2] == 0xEF && bytes[i - 1] == 0xBC) {
                lastClose = i
            }
        }
        guard tailScalars <= longestCredit else { return false }
        guard lastClose >= 0 else { return true }
        // After the closing bracket: spaces and ASCII punctuation only.
        for i in (lastClose + 1)..<bytes.count {
            let b = bytes[i]
            let isLetterOrDigit = b >= 0x80 || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || (b >= 0x30 && b <= 0x39)
            if isLetterOrDigit { return false }
        }
        return true
    }
}

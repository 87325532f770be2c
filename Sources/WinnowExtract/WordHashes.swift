/// The words of a short line as 64-bit FNV-1a hashes of their bytes, made
/// in one pass with no allocation: ASCII letters lowercased, every other
/// ASCII byte, Latin-1 punctuation, the general punctuation block
/// (U+2000–U+206F: dashes, bullets, quotes) and CJK punctuation separating words, other bytes kept as they are. Word
/// lists are compared by the same hash (``hash(_:)``).
enum WordHashes {
    static let offset: UInt64 = 0xCBF2_9CE4_8422_2325
    static let prime: UInt64 = 0x100_0000_01B3

    /// The hashes of the words of `text`, in order, through `body` (stops when it returns false).
    /// Returns false when stopped.
    @discardableResult
    static func forEachWord(in text: String, _ body: (UInt64) -> Bool) -> Bool {
        var text = text
        return text.withUTF8 { bytes -> Bool in
            var hash = offset
            var length = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                var separator = false
                var width = 1
                if byte < 0x80 {
                    let isLetter = (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A
                    separator = !(isLetter || (byte >= 0x30 && byte <= 0x39))
                } else if byte == 0xE2, index + 1 < bytes.count, bytes[index + 1] == 0x80 || bytes[index + 1] == 0x81 {
                    separator = true
                    width = 3
                } else if byte == 0xE3, index + 1 < bytes.count, bytes[index + 1] == 0x80 {
                    // CJK punctuation and brackets (U+3000–U+303F).
                    separator = true
                    width = 3
                } else if byte == 0xC2 {
                    // Latin-1 punctuation (U+0080–U+00BF: », «, ·, ©).
                    separator = true
                    width = 2
                }
                if separator {
                    if length > 0, !body(hash) { return false }
                    hash = offset
                    length = 0
                } else {
                    let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                    hash = (hash ^ UInt64(lower)) &* prime
                    length += 1
                }
                index += width
            }
            if length > 0 { return body(hash) }
            return true
        }
    }

    /// The hash a word of ``forEachWord(in:_:)`` has (give it lowercased).
    static func hash(_ word: String) -> UInt64 {
        word.utf8.reduce(offset) { ($0 ^ UInt64($1)) &* prime }
    }

    /// A line's words joined: the hash of the word hashes in order.
    static func lineHash(_ text: String, maxWords: Int) -> UInt64? {
        var combined = offset
        var count = 0
        let finished = forEachWord(in: text) { word in
            count += 1
            combined = (combined ^ word) &* prime
            return count <= maxWords
        }
        return finished && count > 0 ? combined : nil
    }

    static func lineHash(words: [String]) -> UInt64 {
        words.reduce(offset) { ($0 ^ hash($1)) &* prime }
    }
}

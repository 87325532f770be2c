import Foundation
import WinnowCore

/// The shingle set of a text: the sorted, unique 64-bit hashes of its
/// overlapping runs of words (or of characters, for scripts written without
/// spaces). MinHash signatures are computed from these.
///
/// The text is first normalized like `dedup.text_hash` (NFKC, lowercase,
/// collapsed whitespace: ``TextHashStage/normalize(_:)``), so texts that
/// differ only in form share their shingles. Punctuation stays part of the
/// word it is written against.
///
/// **Words or characters.** A text is cut into character shingles when at
/// least half of its letters (Unicode scalars with the Alphabetic property)
/// belong to a script written without spaces between words: Han, Hiragana,
/// Katakana, Thai, Lao, Myanmar or Khmer. Otherwise it is cut into word
/// shingles. So Chinese or Japanese with some Latin names inside takes
/// characters, and Korean (Hangul is written with spaces) takes words.
///
/// **Shingles.** A word shingle is `wordsPerShingle` consecutive words joined
/// by one space; a character shingle is `charactersPerShingle` consecutive
/// Unicode scalars of the text with its spaces removed. A text with fewer
/// units than one shingle gives one shingle: the whole text (without spaces,
/// in the character case). An empty text gives no shingles.
///
/// **Hash.** Each shingle's UTF-8 bytes go through ``StableHash/hash64(_:seed:)``
/// with seed 0, so the same text has the same shingle hashes on every machine
/// (a benchmark feeds them to datasketch as-is).
public enum Shingles {
    public static func hashes(
        of text: String, wordsPerShingle: Int = 5, charactersPerShingle: Int = 5
    ) -> [UInt64] {
        hashes(
            ofNormalized: TextHashStage.normalize(text), wordsPerShingle: wordsPerShingle,
            charactersPerShingle: charactersPerShingle)
    }

    /// The same for text already passed through `TextHashStage.normalize`.
    public static func hashes(
        ofNormalized normalized: String, wordsPerShingle: Int = 5, charactersPerShingle: Int = 5
    ) -> [UInt64] {
        precondition(wordsPerShingle > 0 && charactersPerShingle > 0, "a shingle holds at least one unit")
        if normalized.isEmpty { return [] }
        if usesCharacterShingles(normalized) {
            let (bytes, scalars) = scalarsWithoutSpaces(normalized)
            return windowHashes(bytes: bytes, units: scalars, unitsPerShingle: charactersPerShingle)
        } else {
            let bytes = Array(normalized.utf8)
            return windowHashes(bytes: bytes, units: words(bytes), unitsPerShingle: wordsPerShingle)
        }
    }

    /// Whether at least half of the letters of `text` are in a script written
    /// without spaces (see the type's documentation).
    static func usesCharacterShingles(_ text: String) -> Bool {
        var letters = 0
        var spaceless = 0
        for scalar in text.unicodeScalars {
            // ASCII needs no property lookup (the slow part on English text).
            if scalar.value < 0x80 {
                if (scalar.value | 0x20) >= 0x61 && (scalar.value | 0x20) <= 0x7A { letters += 1 }
                continue
            }
            guard scalar.properties.isAlphabetic else { continue }
            letters += 1
            if isWrittenWithoutSpaces(scalar) { spaceless += 1 }
        }
        return letters > 0 && spaceless * 2 >= letters
    }

    static func isWrittenWithoutSpaces(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3005, 0x3007,  // 々 (ideographic iteration mark), 〇
            0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x323AF:  // Han
            return true
        case 0x3040...0x309F, 0x30A0...0x30FF, 0x31F0...0x31FF:  // Hiragana, Katakana
            return true
        case 0x0E00...0x0E7F, 0x0E80...0x0EFF, 0x1000...0x109F, 0x1780...0x17FF:  // Thai, Lao, Myanmar, Khmer
            return true
        default:
            return false
        }
    }

    /// The byte range of each word in `bytes` (normalized text: words
    /// separated by exactly one ASCII space, no space at either end).
    private static func words(_ bytes: [UInt8]) -> [Range<Int>] {
        var words: [Range<Int>] = []
        var start = 0
        for (offset, byte) in bytes.enumerated() where byte == 0x20 {
            words.append(start..<offset)
            start = offset + 1
        }
        words.append(start..<bytes.count)
        return words
    }

    /// The UTF-8 bytes of `text` without its spaces, and the byte range of
    /// each scalar in them.
    private static func scalarsWithoutSpaces(_ text: String) -> (bytes: [UInt8], scalars: [Range<Int>]) {
        var bytes: [UInt8] = []
        var scalars: [Range<Int>] = []
        bytes.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars where scalar != " " {
            let start = bytes.count
            UTF8.encode(scalar) { bytes.append($0) }
            scalars.append(start..<bytes.count)
        }
        return (bytes, scalars)
    }

    /// Hashes the bytes from the first to the last unit of every run of
    /// `unitsPerShingle` consecutive units (the whole text when it has fewer),
    /// sorted and unique.
    private static func windowHashes(bytes: [UInt8], units: [Range<Int>], unitsPerShingle: Int) -> [UInt64] {
        if units.isEmpty { return [] }
        let shingleCount = max(1, units.count - unitsPerShingle + 1)
        var hashes: [UInt64] = []
        hashes.reserveCapacity(shingleCount)
        bytes.withUnsafeBufferPointer { buffer in
            for first in 0..<shingleCount {
                let last = min(first + unitsPerShingle, units.count) - 1
                let shingle = units[first].lowerBound..<units[last].upperBound
                hashes.append(StableHash.hash64(UnsafeBufferPointer(rebasing: buffer[shingle])))
            }
        }
        hashes.sort()
        var unique: [UInt64] = []
        unique.reserveCapacity(hashes.count)
        for hash in hashes where hash != unique.last { unique.append(hash) }
        return unique
    }
}

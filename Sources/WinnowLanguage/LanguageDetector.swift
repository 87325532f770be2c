import CLD2Shim

/// Language detection with CLD2 (Compact Language Detector 2). The only
/// place that calls CLD2.
public enum LanguageDetector {
    public struct Guess: Sendable, Equatable {
        /// ISO 639-1 where CLD2 has one (`en`, `ko`, `zh`, `ja`, `ru`); CLD2's code otherwise.
        public var language: String
        /// Share of the text's letters, 0...1.
        public var share: Double
    }

    public struct Result: Sendable, Equatable {
        /// The top three, largest share first; unknown ones left out.
        public var guesses: [Guess]
        public var reliable: Bool
    }

    public static func detect(_ text: String) -> Result? {
        var text = text
        return text.withUTF8 { bytes -> Result? in
            guard let base = bytes.baseAddress, bytes.count > 0, bytes.count < Int(Int32.max) else { return nil }
            var raw = cld2_result()
            let status = base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                cld2_detect($0, Int32(bytes.count), &raw)
            }
            guard status == 0 else { return nil }
            let codes = withUnsafeBytes(of: raw.code) { buffer -> [String] in
                (0..<3).map { i in
                    let slice = buffer[(i * 8)..<(i * 8 + 8)]
                    return String(decoding: slice.prefix { $0 != 0 }, as: UTF8.self)
                }
            }
            let percents = [raw.percent.0, raw.percent.1, raw.percent.2]
            var guesses: [Guess] = []
            for i in 0..<3 where codes[i] != "un" && percents[i] > 0 {
                // CLD2 names Chinese "zh" and "zh-Hant"; the record uses ISO 639-1.
                let code = codes[i].split(separator: "-").first.map(String.init) ?? codes[i]
                guesses.append(Guess(language: code, share: Double(percents[i]) / 100))
            }
            return Result(guesses: guesses, reliable: raw.reliable != 0)
        }
    }
}

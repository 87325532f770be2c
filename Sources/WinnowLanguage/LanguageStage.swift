import WinnowCore

/// Sets `language` and `language_confidence` of the record and
/// `paragraphs[].language`, with CLD2. `<html lang>` (already in the record)
/// is only a hint: it is kept when CLD2 cannot tell. A paragraph whose
/// detection is not reliable (short ones) inherits the document language.
public struct LanguageStage: Stage {
    public let name = "language"
    /// Paragraphs shorter than this (in bytes) inherit the document language.
    public var minimumParagraphBytes: Int

    public init(minimumParagraphBytes: Int = 40) { self.minimumParagraphBytes = minimumParagraphBytes }

    public static let definition = StageDefinition(
        name: "language",
        summary: "Document and paragraph languages with CLD2 (language, language_confidence, paragraphs[].language).",
        options: [
            OptionSpec("min_paragraph_bytes", default: .int(40), help: "Shorter paragraphs take the document language.")
        ],
        requires: ["extract"],
        make: { LanguageStage(minimumParagraphBytes: $0.int("min_paragraph_bytes")) })

    public func process(_ page: inout Page) throws -> StageOutcome {
        guard let text = page.record.text, let result = LanguageDetector.detect(text), let top = result.guesses.first
        else {
            return .keep
        }
        page.record.language = top.language
        page.record.languageConfidence = (top.share * 100).rounded() / 100
        for i in page.record.paragraphs.indices {
            let paragraph = page.record.paragraphs[i].text
            if paragraph.utf8.count >= minimumParagraphBytes, let guess = LanguageDetector.detect(paragraph),
                guess.reliable, let best = guess.guesses.first
            {
                page.record.paragraphs[i].language = best.language
            } else {
                page.record.paragraphs[i].language = top.language
            }
        }
        return .keep
    }
}

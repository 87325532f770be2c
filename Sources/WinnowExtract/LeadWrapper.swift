/// The rest of the lead's wrapper: when the lead paragraph nearest the
/// article's block (``MainContent/lead(before:of:levels:_:lengths:parentOf:standfirsts:)``)
/// sits in a wrapper of its own (an intro or standfirst box), the wrapper's
/// other prose paragraphs are the article's too: a third paragraph of a
/// long intro (the lead takes two) and its short sentences ("Here are 15
/// plants to add to your home.") that the lead passes over. Prose is a
/// paragraph of ``MainContent/siblingParagraphCharacters`` or more, or one of
/// ``MainContent/minimumScoringCharacters`` or more that ends a sentence:
/// the headline, a date line and a byline in a header's wrapper end without
/// a full stop. Only the nearest paragraph's wrapper: a summary box before
/// the intro ("Key points") is not the article on the 181 pages.
/// Half A | B: WCXB articles must-include 0.8698 → 0.8714 | 0.8599 → 0.8606,
/// WCXB must-include 0.7879 → 0.7898 | 0.7547 → 0.7559; the 181 pages the same.
enum LeadWrapper {
    /// The indices before `first` (the block's first paragraph) of the prose
    /// paragraphs directly in `wrapper`, the element around the lead paragraph nearest the block.
    static func rest(
        of wrapper: Int, before first: Int, _ paragraphs: [(text: String, ancestors: [Int])], lengths: [Int]
    ) -> [Int] {
        (0..<first).filter { i in
            paragraphs[i].ancestors.last == wrapper && isProse(paragraphs[i].text, scalars: lengths[i])
                && !paragraphs[i].text.hasPrefix("http")
        }
    }

    /// Long, or long enough to score and ending a sentence.
    static func isProse(_ text: String, scalars: Int) -> Bool {
        if scalars >= MainContent.siblingParagraphCharacters { return true }
        guard scalars >= MainContent.minimumScoringCharacters, let last = text.unicodeScalars.last else { return false }
        return sentenceEnds.contains(last)
    }

    /// A full stop, an exclamation mark, an ideographic full stop.
    static let sentenceEnds: Set<Unicode.Scalar> = [".", "!", "。"]
}

/// The intro the page marks as body text too: when the page marks its
/// article body (``MainContent/hintedBody(_:lengths:scoringText:hints:)``)
/// and another element with a body mark (the same `articletext` class on
/// the summary above the review, `article-body` on the standfirst's box)
/// stands before it inside the container ``MainContent/leadLevels`` levels
/// above the body, that element's paragraphs are the article's intro. The
/// body mark alone kept only one of them, and the lead rule is not asked
/// for a marked body (asked, it took teasers and captions on the 181 pages:
/// half A 0.9727 → 0.9697).
/// Half A | B: the 181 pages 0.9727 → 0.9771 | 0.9772 (same); WCXB articles
/// must-include 0.8758 → 0.8781 | 0.8606 → 0.8652; Fundus body F1 0.9631 (same)
/// | 0.9389 → 0.9428.
enum MarkedBodyIntro {
    /// The indices before `first` (the chosen block's first paragraph) of
    /// the paragraphs inside another of `hints` than `body` and its
    /// ancestors, within the container ``MainContent/leadLevels`` above `body`.
    static func paragraphs(
        before first: Int, body: Int, hints: [Int], _ paragraphs: [(text: String, ancestors: [Int])],
        parentOf: [Int]
    ) -> [Int] {
        guard first > 0, hints.count > 1 else { return [] }
        var container = body
        for _ in 0..<MainContent.leadLevels where parentOf[container] >= 0 { container = parentOf[container] }
        // The body mark and the marks around it (an outer `article-body` holds the whole page's article).
        var around: [Int] = []
        var element = body
        while element >= 0 {
            around.append(element)
            element = parentOf[element]
        }
        // By element id, so a page of thousands of marks is not paragraphs × marks.
        var isOther = [Bool](repeating: false, count: parentOf.count)
        for hint in hints where hint >= 0 && hint < isOther.count && !around.contains(hint) { isOther[hint] = true }
        guard isOther.contains(true) else { return [] }
        return (0..<first).filter { i in
            paragraphs[i].ancestors.contains(container)
                && paragraphs[i].ancestors.contains { $0 >= 0 && $0 < isOther.count && isOther[$0] }
        }
    }
}

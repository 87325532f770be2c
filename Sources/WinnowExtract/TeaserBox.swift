/// A box of teasers inside the article's block ("More on this topic": a
/// linked headline and a line of summary per story). When the block's text
/// sits mostly in paragraphs written straight into the block element, its
/// short paragraphs and headings inside ``minimumDepth`` or more elements
/// below it (so one level further down), in a box (a child of the block)
/// that holds a link, are the
/// box's teasers, not the article: the article's own paragraphs, lists and
/// quotes sit one or two levels down. Loose text (a table's cells) and
/// paragraphs of ``teaserCharacters`` or more stay, and so does a box
/// without a link (a pros and cons table written with headings and
/// paragraphs). Half A | B: Fundus body F1 0.9637 → 0.9650 | 0.9397 →
/// 0.9407 (precision 0.9452 → 0.9475 | 0.9422 → 0.9439), WCXB must-exclude
/// 0.9460 → 0.9465 | ± 0 and body ± 0.0001, the 181 pages ± 0. Without the
/// link condition, WCXB articles fell 0.0005 (tables of headings).
enum TeaserBox {
    /// The share of the block's scoring text that must sit directly in the block element.
    static let directShare = 0.6
    /// How many elements below the block element wrap a teaser's paragraph at least (`top > div > div > div > p`).
    static let minimumDepth = 3
    /// A paragraph this long (in Unicode scalars) is prose, not a teaser's line.
    static let teaserCharacters = 200

    /// `kept` without the teasers of the block `top`. `blocks`: whether each
    /// paragraph is a `<p>` or a heading (its own element); `linked`: whether it holds a link.
    static func kept(
        _ kept: [Int], top: Int, _ paragraphs: [(text: String, ancestors: [Int])], lengths: [Int], blocks: [Bool],
        linked: [Bool]
    ) -> [Int] {
        guard blocks.count == paragraphs.count, linked.count == paragraphs.count else { return kept }
        var direct = 0
        var total = 0
        for i in kept where lengths[i] >= MainContent.minimumScoringCharacters {
            total += lengths[i]
            if paragraphs[i].ancestors.last == top { direct += lengths[i] }
        }
        guard total > 0, Double(direct) >= directShare * Double(total) else { return kept }
        /// The child of `top` that holds paragraph `i`, and how deep below `top` the paragraph sits.
        func box(_ i: Int) -> (element: Int, depth: Int)? {
            let chain = paragraphs[i].ancestors
            guard let at = chain.lastIndex(of: top), at + 1 < chain.count else { return nil }
            return (chain[at + 1], chain.count - at - 1)
        }
        var linkedBoxes = Set<Int>()
        for i in kept where linked[i] {
            if let box = box(i) { linkedBoxes.insert(box.element) }
        }
        guard !linkedBoxes.isEmpty else { return kept }
        return kept.filter { i in
            guard blocks[i], lengths[i] < teaserCharacters, let box = box(i) else { return true }
            return box.depth < minimumDepth || !linkedBoxes.contains(box.element)
        }
    }
}

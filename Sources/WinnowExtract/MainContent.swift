/// Picks the article's block among the extracted paragraphs, the way
/// Readability does: each substantial paragraph gives points to its parent,
/// half to its grandparent and a sixth to the level above; the element with
/// the most points is the article, together with its siblings that score at
/// least a fifth of it. Paragraphs outside them (teasers, footers, widgets
/// that class hints missed) are dropped.
enum MainContent {
    /// Paragraphs shorter than this give no points (captions, bylines, buttons).
    static let minimumScoringCharacters = 25

    /// The indices of the paragraphs to keep, in order. Keeps everything when
    /// nothing scores, or when the chosen block would hold less than
    /// `minimumShare` of the scoring text (the page has no single article block;
    /// 0.3 scored best on the extraction benchmark among 0.2, 0.3, 0.5, 0.7).
    static func select(_ paragraphs: [(text: String, ancestors: [Int])], parentOf: [Int], minimumShare: Double = 0.3) -> [Int] {
        var scores: [Int: Double] = [:]
        var scoringText = 0
        // Lengths in Unicode scalars and commas found by scalar value: Character
        // iteration made this the slowest step on small pages.
        let lengths = paragraphs.map { $0.text.unicodeScalars.count }
        for (index, p) in paragraphs.enumerated() {
            let length = lengths[index]
            guard length >= minimumScoringCharacters, let parent = p.ancestors.last else { continue }
            scoringText += length
            let commas = p.text.unicodeScalars.reduce(0) { $1 == "," || $1 == "、" || $1 == "，" ? $0 + 1 : $0 }
            let points = 1 + Double(commas) + min(Double(length) / 100, 3)
            scores[parent, default: 0] += points
            let chain = p.ancestors
            if chain.count >= 2 { scores[chain[chain.count - 2], default: 0] += points / 2 }
            if chain.count >= 3 { scores[chain[chain.count - 3], default: 0] += points / 6 }
        }
        guard let top = scores.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }) else {
            return Array(paragraphs.indices)
        }
        let threshold = max(10, top.value * 0.2)
        var chosen: Set<Int> = [top.key]
        let parent = parentOf[top.key]
        for (element, score) in scores where element != top.key && score >= threshold && parentOf[element] == parent {
            chosen.insert(element)
        }
        let kept = paragraphs.indices.filter { i in paragraphs[i].ancestors.contains { chosen.contains($0) } }
        let keptText = kept.reduce(0) { total, i in
            lengths[i] >= minimumScoringCharacters ? total + lengths[i] : total
        }
        if Double(keptText) < minimumShare * Double(scoringText) { return Array(paragraphs.indices) }
        return kept
    }
}

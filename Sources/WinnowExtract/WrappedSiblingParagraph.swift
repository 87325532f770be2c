/// A long paragraph beside the article's block in a wrapper of its own
/// (`<div class=block>text</div>` after the block's `<div class=block>`):
/// Readability reads a `<div>` that holds only text as a paragraph, so such
/// a wrapper is one of the block's sibling paragraphs (``MainContent``), the
/// second part of an article its CMS split in two, too short to score as a
/// sibling block. A wrapper holding anything else (two paragraphs, a list,
/// nested blocks) is not one, and it is taken only right after a paragraph
/// of the block that is alone in its wrapper too (an article written one
/// wrapper per paragraph; after an article of several paragraphs, a lone
/// one is more often an "About us" box). Anywhere beside the block, the 181
/// pages fell 0.9726 → 0.9716 on half A (source URLs, paywall prompts,
/// teasers) and Fundus half B 0.9354 → 0.9351. As built, half A | B:
/// Fundus body F1 0.9606 → 0.9623 | ± 0, WCXB ± 0 | 0.8290 → 0.8291, its
/// articles and the 181 pages ± 0 on both halves.
enum WrappedSiblingParagraph {
    /// For each of `paragraphs`, whether it is the only paragraph of a
    /// wrapper whose parent is `parent` (nothing else in the wrapper holds text).
    static func marks(_ paragraphs: [(text: String, ancestors: [Int])], parent: Int) -> [Bool] {
        // Paragraphs directly in each candidate wrapper, and whether any lies deeper in it.
        var direct: [Int: Int] = [:]
        var deeper: Set<Int> = []
        for p in paragraphs {
            let chain = p.ancestors
            if let last = chain.last, chain.count >= 2, chain[chain.count - 2] == parent {
                direct[last, default: 0] += 1
            } else if chain.count >= 3, chain[chain.count - 3] == parent {
                deeper.insert(chain[chain.count - 2])
            }
        }
        return paragraphs.map { p in
            let chain = p.ancestors
            guard chain.count >= 2, chain[chain.count - 2] == parent, let wrapper = chain.last else { return false }
            return direct[wrapper] == 1 && !deeper.contains(wrapper)
        }
    }

    /// Whether paragraph `index` is the article's next part: a paragraph of
    /// ``MainContent/siblingParagraphCharacters`` or more, not a link written
    /// out, alone in its wrapper (`sole`, ``marks(_:parent:)``), right after a
    /// paragraph of the block (`inBlock`) alone in its own wrapper too.
    static func continues(
        _ index: Int, _ paragraphs: [(text: String, ancestors: [Int])], lengths: [Int], sole: [Bool], inBlock: [Bool]
    ) -> Bool {
        index > 0 && sole[index] && sole[index - 1] && inBlock[index - 1]
            && lengths[index] >= MainContent.siblingParagraphCharacters && !paragraphs[index].text.hasPrefix("http")
    }
}

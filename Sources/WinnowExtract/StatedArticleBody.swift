/// The article's text as its publisher states it in JSON-LD (`articleBody`),
/// used for recall: when the stated text is clearly longer than the chosen
/// block (``longerBy`` in words) and holds nearly all of it (``containedShare``
/// of the block's word pairs: the same article, not a truncated paywall
/// teaser nor another text), the page's other paragraphs whose word pairs are
/// nearly all (``matchShare``) in the stated text join the body, in page
/// order. Only paragraphs the page shows are taken (the stated text may carry
/// later edits, captions or ad lines the page does not), so the paragraph
/// structure stays and nothing unseen is added. Words are compared as
/// ``WordHashes``, in pairs so that common words alone do not match.
enum StatedArticleBody {
    /// The stated text has at least this many times the block's words.
    static let longerBy = 1.3
    /// The share of the block's word pairs the stated text must hold.
    static let containedShare = 0.8
    /// The share of a paragraph's word pairs in the stated text that adds it.
    static let matchShare = 0.8
    /// A paragraph needs this many words to be matched (shorter lines match by chance).
    static let shortestParagraph = 4

    /// The indices of `paragraphs` to add to the body `chosen` (sorted, none
    /// of `chosen`), taken from `candidates`.
    static func added(stated: String, paragraphs: [String], chosen: [Int], candidates: [Int]) -> [Int] {
        let statedPairs = pairs(of: plainText(stated))
        let statedSet = Set(statedPairs.pairs)
        guard !statedSet.isEmpty else { return [] }
        var blockWords = 0
        var blockPairs = 0
        var contained = 0
        for index in chosen {
            let found = pairs(of: paragraphs[index])
            blockWords += found.words
            blockPairs += found.pairs.count
            contained += found.pairs.lazy.filter { statedSet.contains($0) }.count
        }
        guard blockPairs > 0, Double(statedPairs.words) >= longerBy * Double(blockWords),
            Double(contained) >= containedShare * Double(blockPairs)
        else { return [] }
        let taken = Set(chosen)
        return candidates.filter { index in
            guard !taken.contains(index) else { return false }
            let found = pairs(of: paragraphs[index])
            guard found.words >= shortestParagraph else { return false }
            let matched = found.pairs.lazy.filter { statedSet.contains($0) }.count
            return Double(matched) >= matchShare * Double(found.pairs.count)
        }
    }

    /// `text` without HTML tags and character references (a stated body may keep its markup).
    static func plainText(_ text: String) -> String {
        guard text.contains("<") || text.contains("&") else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var inTag = false
        var entity: String?
        for character in text {
            if inTag {
                if character == ">" { inTag = false }
                continue
            }
            if var name = entity {
                if character == ";" || name.count > 10 || character == " " {
                    entity = nil
                    result.append(" ")
                    if character == " " { result.append(character) }
                    continue
                }
                name.append(character)
                entity = name
                continue
            }
            switch character {
            case "<":
                inTag = true
                result.append(" ")
            case "&": entity = ""
            default: result.append(character)
            }
        }
        return result
    }

    /// The number of words of `text`, and the hashes of its adjacent word pairs.
    static func pairs(of text: String) -> (words: Int, pairs: [UInt64]) {
        var words: [UInt64] = []
        WordHashes.forEachWord(in: text) {
            words.append($0)
            return true
        }
        let pairs = words.indices.dropFirst().map { (words[$0 - 1] &* WordHashes.prime) ^ (words[$0] &+ 0x9E37) }
        return (words.count, pairs)
    }
}

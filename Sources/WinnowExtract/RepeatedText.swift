import WinnowCore

/// Text the body already holds, written again: a block of the article
/// served twice (a second layout for small screens, a tab that repeats the
/// page), or a hidden copy of the whole article (a paywall block the walk
/// reads, ``ArticleExtractor``) that doubles the text. The first occurrence
/// is kept, the copy dropped: a run of ``shortestRun`` or more paragraphs,
/// each of ``shortestRepeat`` scalars or more, that repeats a run of the
/// same paragraphs in the same order (the walk's text is already
/// whitespace-collapsed; one hash per paragraph), and a paragraph of
/// ``shortestCopy`` bytes or more whose runs of ``copyRunWords`` words are
/// nearly all (``copyShare``) in the text before it (a copy run into one
/// block, its paragraph breaks lost; hashed only when such a paragraph comes).
/// A paragraph repeated alone stays: meal plans, product cards and
/// interviews repeat lines on purpose (dropping every repeat of 40+ scalars
/// cost the 181 pages 0.973 → 0.970 on half A). Half A | B: WCXB body F1
/// 0.8343 → 0.8350 | 0.8273 → 0.8283, its articles 0.9441 → 0.9447 |
/// 0.9445 → 0.9451, Fundus 0.9592 ± 0 | 0.9321 → 0.9342, the 181 pages the
/// same (runs of 2, or of 20 scalars, cost the 181 pages; 1,000 bytes for a copy cost a WCXB article).
enum RepeatedText {
    /// A repeated paragraph this long (in Unicode scalars) can be part of a
    /// copy; shorter lines (a date, "Photo:", a heading) repeat in any article.
    static let shortestRepeat = 40
    /// Paragraphs in a row that make a copy of a block.
    static let shortestRun = 3
    /// A paragraph this long (UTF-8 bytes) is checked for being a copy of the text before it.
    static let shortestCopy = 2000
    /// Words per run compared for a copy.
    static let copyRunWords = 8
    /// The share of a paragraph's word runs found earlier that makes it a copy.
    static let copyShare = 0.8

    /// The indices of `paragraphs` to keep, in order. `lengths`: in Unicode scalars.
    static func kept(_ paragraphs: [Record.Paragraph], lengths: [Int]) -> [Int] {
        // For each paragraph, the index of the first paragraph with its text when it repeats one.
        var firstOf: [String: Int] = [:]
        var original = [Int?](repeating: nil, count: paragraphs.count)
        for (index, paragraph) in paragraphs.enumerated()
        where paragraph.kind != .code && lengths[index] >= shortestRepeat {
            if let first = firstOf[paragraph.text] {
                original[index] = first
            } else {
                firstOf[paragraph.text] = index
            }
        }
        var dropped = [Bool](repeating: false, count: paragraphs.count)
        var start = 0
        while start < paragraphs.count {
            guard let first = original[start] else {
                start += 1
                continue
            }
            var end = start + 1
            while end < paragraphs.count, original[end] == first + (end - start) { end += 1 }
            if end - start >= shortestRun {
                for index in start..<end { dropped[index] = true }
            }
            start = end
        }
        var kept: [Int] = []
        kept.reserveCapacity(paragraphs.count)
        for index in paragraphs.indices where !dropped[index] {
            if paragraphs[index].text.utf8.count >= shortestCopy, !kept.isEmpty,
                isCopy(paragraphs[index].text, of: kept.lazy.map { paragraphs[$0].text })
            {
                continue
            }
            kept.append(index)
        }
        return kept
    }

    /// Whether at least ``copyShare`` of the word runs of `text` occur in `earlier` (read as one text).
    static func isCopy(_ text: String, of earlier: some Sequence<String>) -> Bool {
        var runs = Set<UInt64>()
        var window = RunWindow()
        for paragraph in earlier {
            WordHashes.forEachWord(in: paragraph) { word in
                if let run = window.push(word) { runs.insert(run) }
                return true
            }
        }
        guard !runs.isEmpty else { return false }
        window = RunWindow()
        var total = 0
        var found = 0
        WordHashes.forEachWord(in: text) { word in
            if let run = window.push(word) {
                total += 1
                if runs.contains(run) { found += 1 }
            }
            return true
        }
        return total > 0 && Double(found) >= copyShare * Double(total)
    }

    /// The last ``copyRunWords`` word hashes, and the hash of them in order once there are that many.
    private struct RunWindow {
        var words = [UInt64](repeating: 0, count: RepeatedText.copyRunWords)
        var count = 0

        mutating func push(_ word: UInt64) -> UInt64? {
            words[count % words.count] = word
            count += 1
            guard count >= words.count else { return nil }
            var hash = WordHashes.offset
            for offset in 0..<words.count {
                hash = (hash ^ words[(count + offset) % words.count]) &* WordHashes.prime
            }
            return hash
        }
    }
}

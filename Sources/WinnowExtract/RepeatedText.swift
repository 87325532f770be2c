import WinnowBytes
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
/// block, its paragraph breaks lost; hashed only when such a paragraph comes,
/// holding a quarter of the text before it or more).
/// A paragraph repeated alone stays: meal plans, product cards and
/// interviews repeat lines on purpose (dropping every repeat of 40+ scalars
/// cost the 181 pages 0.973 → 0.970 on half A). Half A | B: WCXB body F1
/// 0.8343 → 0.8350 | 0.8273 → 0.8282, its articles 0.9441 → 0.9447 |
/// 0.9445 → 0.9451, Fundus 0.9592 ± 0 | 0.9321 → 0.9342, the 181 pages the
/// same (runs of 2, or of 20 scalars, cost the 181 pages; 1,000 bytes for a copy cost a WCXB article).
/// Extract-only instructions on the 181 pages: +0.5% with ``HeaderLead`` and ``WrappedSiblingParagraph``.
enum RepeatedText {
    /// A repeated paragraph this long (in Unicode scalars) can be part of a
    /// copy; shorter lines (a date, "Photo:", a heading) repeat in any article.
    static let shortestRepeat = 40
    /// Paragraphs in a row that make a copy of a block.
    static let shortestRun = 3
    /// A paragraph this long (UTF-8 bytes) is checked for being a copy of the text before it.
    static let shortestCopy = 2000
    /// Bytes of a paragraph hashed to find its repeats (with its length).
    static let keyBytes = 32
    /// A paragraph is checked for being a copy when it holds at least 1/copyPart of the text before it.
    static let copyPart = 4
    /// Words per run compared for a copy.
    static let copyRunWords = 8
    /// The share of a paragraph's word runs found earlier that makes it a copy.
    static let copyShare = 0.8

    /// The indices of `paragraphs` to keep, in order. `lengths`: in Unicode scalars.
    static func kept(_ paragraphs: [Record.Paragraph], lengths: [Int]) -> [Int] {
        // For each paragraph, the index of the first paragraph with its text when it repeats one. Texts
        // are keyed by their length and a hash of their first ``keyBytes`` bytes, in a table open-addressed
        // on the key's bits (a `[String: Int]` hashes the whole text normalised, then again with
        // SipHash: ten times the cost), and compared byte for byte on a hit.
        var original = [Int?](repeating: nil, count: paragraphs.count)
        var slots = [Int](
            repeating: -1, count: max(16, 1 << (Int.bitWidth - (2 * paragraphs.count).leadingZeroBitCount)))
        var keys = [UInt64](repeating: 0, count: slots.count)
        let mask = slots.count - 1
        for (index, paragraph) in paragraphs.enumerated()
        where paragraph.kind != .code && lengths[index] >= shortestRepeat {
            var text = paragraph.text
            let key = text.withUTF8 { FNV1a.hash($0.prefix(keyBytes), seed: UInt64($0.count)) }
            var slot = Int(truncatingIfNeeded: key ^ (key >> 29)) & mask
            while slots[slot] >= 0 {
                let first = slots[slot]
                if keys[slot] == key, paragraphs[first].text.utf8.elementsEqual(paragraph.text.utf8) {
                    original[index] = first
                    break
                }
                slot = (slot + 1) & mask
            }
            if original[index] == nil {
                slots[slot] = index
                keys[slot] = key
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
        // The word runs of the kept text, made when the first long paragraph comes and extended after.
        var earlier = EarlierRuns()
        var keptBytes = 0
        for index in paragraphs.indices where !dropped[index] {
            let bytes = paragraphs[index].text.utf8.count
            // A copy of the article, or of a good part of it, is not small beside the text before it;
            // on a page of many long paragraphs, checking each against all before it cost 0.4% of the
            // instructions of extracting the 181 pages.
            if bytes >= shortestCopy, !kept.isEmpty, bytes * copyPart >= keptBytes {
                for keptIndex in kept[earlier.paragraphs...] { earlier.add(paragraphs[keptIndex].text) }
                if earlier.covers(paragraphs[index].text) { continue }
            }
            kept.append(index)
            keptBytes += bytes
        }
        return kept
    }

    /// Whether at least ``copyShare`` of the word runs of `text` occur in `earlier` (read as one text).
    static func isCopy(_ text: String, of earlier: some Sequence<String>) -> Bool {
        var runs = EarlierRuns()
        for paragraph in earlier { runs.add(paragraph) }
        return runs.covers(text)
    }

    /// The word runs of the text read so far, as one text (runs cross paragraph breaks).
    struct EarlierRuns {
        private var runs = RunSet()
        private var window = RunWindow()
        /// How many paragraphs were added.
        private(set) var paragraphs = 0

        mutating func add(_ text: String) {
            paragraphs += 1
            WordHashes.forEachWord(in: text) { word in
                if let run = window.push(word) { runs.insert(run) }
                return true
            }
        }

        /// Whether at least ``copyShare`` of the word runs of `text` are among these.
        func covers(_ text: String) -> Bool {
            guard !runs.isEmpty else { return false }
            var window = RunWindow()
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
    }

    /// A set of run hashes, open-addressed on the hash's own bits: a `Set`
    /// hashes each already hashed run again with SipHash (most of the cost
    /// of this check on a page of long paragraphs).
    struct RunSet {
        /// 0 marks an empty slot (a run hashed to 0 is stored as 1); none until the first run.
        private var slots: [UInt64] = []
        private(set) var count = 0
        var isEmpty: Bool { count == 0 }

        mutating func insert(_ run: UInt64) {
            if 2 * (count + 1) > slots.count { grow() }
            let run = run == 0 ? 1 : run
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: run ^ (run >> 29)) & mask
            while slots[slot] != 0 {
                if slots[slot] == run { return }
                slot = (slot + 1) & mask
            }
            slots[slot] = run
            count += 1
        }

        func contains(_ run: UInt64) -> Bool {
            guard !slots.isEmpty else { return false }
            let run = run == 0 ? 1 : run
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: run ^ (run >> 29)) & mask
            while slots[slot] != 0 {
                if slots[slot] == run { return true }
                slot = (slot + 1) & mask
            }
            return false
        }

        private mutating func grow() {
            let old = slots
            slots = [UInt64](repeating: 0, count: max(1024, old.count * 2))
            count = 0
            for run in old where run != 0 { insert(run) }
        }
    }

    /// The last ``copyRunWords`` word hashes, and a hash of them in order
    /// once there are that many: a polynomial hash rolled one word at a time
    /// (each run hashed again word by word cost more than the rest of the check).
    private struct RunWindow {
        static let base: UInt64 = 0x9E37_79B9_7F4A_7C15
        /// `base` to the power of the run length less one: the weight of the word that leaves.
        static let leaving: UInt64 = (1..<RepeatedText.copyRunWords).reduce(1) { power, _ in power &* base }
        var words = [UInt64](repeating: 0, count: RepeatedText.copyRunWords)
        var count = 0
        var hash: UInt64 = 0

        mutating func push(_ word: UInt64) -> UInt64? {
            let slot = count % words.count
            if count >= words.count { hash = hash &- words[slot] &* Self.leaving }
            hash = hash &* Self.base &+ word
            words[slot] = word
            count += 1
            return count >= words.count ? hash : nil
        }
    }
}

/// Picks the article's block among the extracted paragraphs, the way
/// Readability does: each substantial paragraph gives points to its parent,
/// half to its grandparent and a sixth to the level above; the element with
/// the most points is the article, together with its siblings that score at
/// least a fifth of it. The block is then widened by the article's other
/// sections (``isSection``) and the long paragraphs beside it in its parent
/// (Readability's sibling paragraphs). Paragraphs outside them (teasers,
/// footers, widgets that class hints missed) are dropped.
enum MainContent {
    /// Paragraphs shorter than this give no points (captions, bylines, buttons).
    static let minimumScoringCharacters = 25

    /// The indices of the paragraphs to keep, in order. Keeps everything when
    /// nothing scores, or when the chosen block would hold less than
    /// `minimumShare` of the scoring text (the page has no single article block;
    /// 0.3 scored best on the extraction benchmark among 0.2, 0.3, 0.5, 0.7).
    /// `lengths`: of the texts in Unicode scalars, when the caller has them.
    /// `blocks`, `linked`: whether each paragraph is a `<p>` or heading, and holds a link (``TeaserBox``).
    /// `standfirsts`: whether each paragraph is a lead kept from the article's `<header>` (``HeaderLead``).
    static func select(
        _ paragraphs: [(text: String, ancestors: [Int])], lengths: [Int]? = nil, parentOf: [Int], bodyHints: [Int] = [],
        blocks: [Bool] = [], linked: [Bool] = [], standfirsts: [Bool] = [], minimumShare: Double = 0.3
    ) -> [Int] {
        // Scores and the chosen block by element id (ids are 0..<parentOf.count): arrays, no hashing.
        var scores = [Double](repeating: 0, count: parentOf.count)
        var scored: [Int] = []
        // Paragraphs of ``siblingParagraphCharacters`` or more inside each element, directly or one level down.
        var ownParagraphs = [Int](repeating: 0, count: parentOf.count)
        var scoringText = 0
        // Lengths in Unicode scalars and commas found by scalar value: Character
        // iteration made this the slowest step on small pages.
        let lengths = lengths ?? paragraphs.map { $0.text.unicodeScalarCount }
        func add(_ points: Double, to element: Int) {
            if scores[element] == 0 { scored.append(element) }
            scores[element] += points
        }
        for (index, p) in paragraphs.enumerated() {
            let length = lengths[index]
            guard length >= minimumScoringCharacters, let parent = p.ancestors.last else { continue }
            scoringText += length
            let commas = Self.commaCount(p.text)
            let points = 1 + Double(commas) + min(Double(length) / 100, 3)
            add(points, to: parent)
            let chain = p.ancestors
            if length >= siblingParagraphCharacters {
                ownParagraphs[parent] += 1
                if chain.count >= 2 { ownParagraphs[chain[chain.count - 2]] += 1 }
            }
            if chain.count >= 2 { add(points / 2, to: chain[chain.count - 2]) }
            if chain.count >= 3 { add(points / 6, to: chain[chain.count - 3]) }
        }
        // The highest score; of equal ones, the smallest id.
        guard let top = scored.max(by: { scores[$0] != scores[$1] ? scores[$0] < scores[$1] : $0 > $1 }) else {
            return Array(paragraphs.indices)
        }
        let threshold = max(10, scores[top] * 0.2)
        var chosen = [Bool](repeating: false, count: parentOf.count)
        chosen[top] = true
        let parent = parentOf[top]
        for element in scored where element != top && scores[element] >= threshold && parentOf[element] == parent {
            chosen[element] = true
        }
        let kept = paragraphs.indices.filter { i in paragraphs[i].ancestors.contains { chosen[$0] } }
        let keptText = kept.reduce(0) { total, i in
            lengths[i] >= minimumScoringCharacters ? total + lengths[i] : total
        }
        // The block widened, made only on the paths that return it; what follows
        // is decided on the block as scored, so that a page without one article
        // block still keeps all its text.
        func widened() -> (lead: [Int], block: [Int]) {
            var widenedBlock = chosen
            // The lead is looked for as far up as the article's sections reach.
            var reach = leadLevels
            // A section needs less of the block's score than a sibling block: it
            // is the block's own shape at the same depth, holding long paragraphs.
            let sectionThreshold = max(10, scores[top] * sectionShare)
            for element in scored where !chosen[element] && scores[element] >= sectionThreshold {
                if ownParagraphs[element] >= sectionParagraphs,
                    let level = sectionLevel(element, of: top, parentOf: parentOf)
                {
                    widenedBlock[element] = true
                    reach = max(reach, level)
                }
            }
            // A long paragraph right after the block in a wrapper of its own
            // is the article's next part (``WrappedSiblingParagraph``).
            let sole = parent >= 0 ? WrappedSiblingParagraph.marks(paragraphs, parent: parent) : []
            var inBlock = [Bool](repeating: false, count: paragraphs.count)
            for i in paragraphs.indices {
                inBlock[i] =
                    paragraphs[i].ancestors.contains { widenedBlock[$0] }
                    || (parent >= 0 && paragraphs[i].ancestors.last == parent
                        && lengths[i] >= siblingParagraphCharacters)
                    || (parent >= 0
                        && WrappedSiblingParagraph.continues(
                            i, paragraphs, lengths: lengths, sole: sole, inBlock: inBlock))
            }
            let block = paragraphs.indices.filter { inBlock[$0] }
            let lead = lead(
                before: block, of: top, levels: reach, paragraphs, lengths: lengths, parentOf: parentOf,
                standfirsts: standfirsts)
            return (lead, block)
        }
        if let hinted = hintedBody(paragraphs, lengths: lengths, scoringText: scoringText, hints: bodyHints) {
            // The marked body wins over the scored block, unless the block lies
            // inside it and holds most of its text (the mark is then a wrapper
            // around the article and its page furniture).
            let inHint = paragraphs.indices.filter { paragraphs[$0].ancestors.contains(hinted.element) }
            let keptInside = kept.allSatisfy { paragraphs[$0].ancestors.contains(hinted.element) }
            // The intro the page marks as body too (``MarkedBodyIntro``), looked for before
            // `chosen`; `standfirsts` (outside the mark, further up) are added after.
            func withIntro(_ chosen: [Int], standfirsts leads: [Int] = []) -> [Int] {
                guard let first = chosen.first else { return leads + chosen }
                let intro = MarkedBodyIntro.paragraphs(
                    before: first, body: hinted.element, hints: bodyHints, paragraphs, parentOf: parentOf)
                return intro.isEmpty && leads.isEmpty ? chosen : Array(Set(intro).union(leads).union(chosen)).sorted()
            }
            func isStandfirst(_ i: Int) -> Bool { i < standfirsts.count && standfirsts[i] }
            if keptInside && Double(keptText) >= narrowerBlockShare * Double(hinted.text) {
                let wide = widened()
                // Within the outermost marked body around the mark: a lead in `article-body`
                // beside `article-text` is the article's.
                var outer = hinted.element
                var element = parentOf[outer]
                while element >= 0 {
                    if bodyHints.contains(element) { outer = element }
                    element = parentOf[element]
                }
                // A standfirst may stand outside the mark (the article's header, the mark on the text only).
                func inside(_ i: Int) -> Bool { paragraphs[i].ancestors.contains(outer) }
                if wide.block.allSatisfy(inside), wide.lead.allSatisfy({ inside($0) || isStandfirst($0) }) {
                    return withIntro(
                        wide.lead.filter(inside) + wide.block, standfirsts: wide.lead.filter { !inside($0) })
                }
                return withIntro(kept, standfirsts: wide.lead.filter { isStandfirst($0) && $0 < (kept.first ?? 0) })
            }
            // Only a standfirst leads the marked body: the mark's container is the mark itself.
            let leads = lead(
                before: inHint, of: hinted.element, levels: 0, paragraphs, lengths: lengths, parentOf: parentOf,
                standfirsts: standfirsts)
            return withIntro(inHint, standfirsts: leads.filter(isStandfirst))
        }
        if Double(keptText) < minimumShare * Double(scoringText) { return Array(paragraphs.indices) }
        let wide = widened()
        return TeaserBox.kept(
            wide.lead + wide.block, top: top, paragraphs, lengths: lengths, blocks: blocks, linked: linked)
    }

    /// Whether `element` is another section of the article whose block is
    /// `top`: an element at the same depth, in a container at most
    /// ``sectionLevels`` levels up that holds both. Page builders and CMS
    /// modules put each part of an article (intro, sections under their
    /// headings, a closing part) in its own wrapper of the same shape, so the
    /// scored block is one of them. With the sibling paragraphs, on half A,
    /// WCXB body recall rose from 0.837 to 0.850 and Fundus from 0.954 to 0.973.
    static func isSection(_ element: Int, of top: Int, parentOf: [Int]) -> Bool {
        sectionLevel(element, of: top, parentOf: parentOf) != nil
    }

    /// How many levels above `top` the container of the section `element` is (``isSection``).
    static func sectionLevel(_ element: Int, of top: Int, parentOf: [Int]) -> Int? {
        var a = element
        var b = top
        for level in 1...sectionLevels {
            a = parentOf[a]
            b = parentOf[b]
            if a < 0 || b < 0 { return nil }
            if a == b { return level }
        }
        return nil
    }

    /// The article's lead (standfirst, summary) written before its block, in
    /// a wrapper of its own: the long paragraphs just before `block`, inside
    /// the container ``leadLevels`` levels above `top`. Walking back from the
    /// block, short lines (bylines, dates, captions) are passed over and not
    /// kept, and the first long paragraph outside the container ends the lead.
    /// Unlike a section, one paragraph is enough: before the article, a lone
    /// long paragraph is its lead; after it, more often an "About us" box.
    /// The nearest lead paragraph brings the rest of its wrapper (``LeadWrapper``).
    static func lead(
        before block: [Int], of top: Int, levels: Int = leadLevels, _ paragraphs: [(text: String, ancestors: [Int])],
        lengths: [Int], parentOf: [Int], standfirsts: [Bool] = []
    ) -> [Int] {
        guard let first = block.first, first > 0 else { return [] }
        var container = top
        for _ in 0..<levels where parentOf[container] >= 0 { container = parentOf[container] }
        var lead: [Int] = []
        var index = first - 1
        while index >= 0, lead.count < leadParagraphs {
            if lengths[index] >= siblingParagraphCharacters {
                // A lead from the article's `<header>` (``HeaderLead``) counts however far up it is.
                let standfirst = index < standfirsts.count && standfirsts[index]
                guard standfirst || paragraphs[index].ancestors.contains(container) else { break }
                // A link written out (a share or "source" line) is no lead.
                if !paragraphs[index].text.hasPrefix("http") { lead.append(index) }
            }
            index -= 1
        }
        // The rest of the nearest lead paragraph's wrapper (``LeadWrapper``).
        guard let nearest = lead.first else { return [] }
        guard let wrapper = paragraphs[nearest].ancestors.last else { return lead.sorted() }
        let rest = LeadWrapper.rest(of: wrapper, before: first, paragraphs, lengths: lengths)
        return Array(Set(rest).union(lead)).sorted()
    }

    /// How far up the lead's container may be.
    static let leadLevels = 2
    /// At most this many lead paragraphs.
    static let leadParagraphs = 2

    /// The share of the block's score a section needs (never under 10 points,
    /// as a sibling block): a closing section of two paragraphs beside a long
    /// block scores under the fifth a sibling block needs. From a fifth, half
    /// A | B: WCXB body F1 0.8497 → 0.8502 | 0.8404 → 0.8408, its articles
    /// 0.9493 → 0.9501 | 0.9500 → 0.9502 (must-include 0.870 → 0.874 |
    /// 0.860 → 0.862), Fundus ± 0 | 0.9388 → 0.9392, the 181 pages ± 0;
    /// a tenth gave a little less on half A, no share at all the same.
    static let sectionShare = 0.05

    /// How far up a section's container may be (3 to 6 were tried on half A; 5 scored best).
    static let sectionLevels = 5
    /// Paragraphs of ``siblingParagraphCharacters`` or more a section holds,
    /// directly or each in its own wrapper: a lone one beside the article is
    /// more often a press release's "About the company" box or an appeal for donations.
    static let sectionParagraphs = 2
    /// A paragraph directly beside the chosen block, in its parent, is kept from
    /// this length (Readability keeps sibling paragraphs over 80 characters): an
    /// intro or summary written straight into the article's wrapper.
    static let siblingParagraphCharacters = 80

    /// A scored block inside the marked body is kept instead of it when it holds this share of the body's text.
    static let narrowerBlockShare = 0.7

    /// The element the page marks as its article body, when one holds a
    /// real share of the text: the one with the most scoring text, and of
    /// nested ones the innermost that keeps nearly all of it.
    static func hintedBody(
        _ paragraphs: [(text: String, ancestors: [Int])], lengths: [Int], scoringText: Int, hints: [Int]
    ) -> (element: Int, text: Int)? {
        guard !hints.isEmpty, scoringText > 0 else { return nil }
        var textIn: [Int: Int] = [:]
        let hintSet = Set(hints)
        for (index, p) in paragraphs.enumerated() where lengths[index] >= minimumScoringCharacters {
            for element in p.ancestors where hintSet.contains(element) { textIn[element, default: 0] += lengths[index] }
        }
        guard let most = textIn.values.max(), Double(most) >= hintShare * Double(scoringText) else { return nil }
        // Deeper elements have larger ids than their ancestors: the largest id keeping 90% is the innermost.
        guard let element = textIn.filter({ Double($0.value) >= 0.9 * Double(most) }).keys.max() else { return nil }
        return (element, textIn[element]!)
    }

    /// A marked article body is taken when it holds at least this share of the scoring text.
    static let hintShare = 0.25

    /// Commas, ideographic commas (、) and full-width commas (，), counted on
    /// the UTF-8 bytes: `,` is one byte, the others end in 0x81 and 0x8C
    /// after their own lead bytes.
    static func commaCount(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { b in
            var count = 0
            var i = 0
            // Eight bytes at a time while none is a comma or one of the two lead bytes.
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            func hasByte(_ word: UInt64, _ byte: UInt8) -> Bool {
                let x = word ^ (ones &* UInt64(byte))
                return (x &- ones) & ~x & highs != 0
            }
            while i < b.count {
                if i + 8 <= b.count {
                    let word = UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: UInt64.self)
                    if !hasByte(word, UInt8(ascii: ",")) && !hasByte(word, 0xE3) && !hasByte(word, 0xEF) {
                        i += 8
                        continue
                    }
                }
                let c = b[i]
                if c == UInt8(ascii: ",") {
                    count += 1
                } else if c == 0xE3, i + 2 < b.count, b[i + 1] == 0x80, b[i + 2] == 0x81 {
                    count += 1
                } else if c == 0xEF, i + 2 < b.count, b[i + 1] == 0xBC, b[i + 2] == 0x8C {
                    count += 1
                }
                i += 1
            }
            return count
        }
    }
}

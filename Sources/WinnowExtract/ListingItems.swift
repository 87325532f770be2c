import WinnowBytes
import WinnowCore

/// A listing's items are its content: on a page that is no article (a
/// section front, a board of links, a shop's category), each item is a
/// title that links to it, often with a line of metadata (a site, a score,
/// an age, a price). The walk drops such lines as link lists, as it drops
/// menus and related-article lists, which look the same line by line; so it
/// keeps the long ones aside (``ArticleExtractor/linkLines``), and the record
/// of a page that is no article takes them back when they repeat: the
/// element whose children hold the most of them, one or more each, is the
/// list (the `<tbody>` of a table of rows, the grid of cards), and its
/// lines and paragraphs join the chosen block. Menus seldom pass: their
/// entries are shorter than ``titleWords`` and ``lineBytes``, and they sit
/// inside skipped landmarks. Only when the titles hold at least
/// ``itemShare`` of the chosen block's text: a landing page's prose stays
/// its content. On WCXB (tuned on half A), body F1 A/B 0.834/0.827 →
/// 0.846/0.835, must-include 0.772/0.738 → 0.785/0.749, must-exclude
/// 0.938/0.934 → 0.938/0.932; the other sets unchanged.
enum ListingItems {
    /// A dropped link list of this many bytes or more may be an item's title ("Pricing", "About us" are menu entries).
    static let lineBytes = 24
    /// Words an item's title has at least (a script without spaces counts one per two characters).
    static let titleWords = 4
    /// Short links in a title's line at most: a title and its site or author (a menu run into one line has many).
    static let maximumLinks = 2
    /// Children of the list holding a title: fewer is no list.
    static let minimumItems = 3
    /// The titles' text against the chosen block's: below this share the page's block stays as it is.
    static let itemShare = 0.25

    /// A link list the walk dropped, where it stood: before paragraph `position` of the walk.
    struct Line {
        var position: Int
        var paragraph: Record.Paragraph
        /// The elements around it, outermost first (as ``ArticleExtractor/paragraphAncestors``).
        var ancestors: [Int]
    }

    /// Whether a dropped link list reads as an item's title: long enough, a few words, one link or two
    /// (`shortLinks`: its links of up to 80 characters, as ``ArticleExtractor/links`` keeps them).
    static func isTitle(_ text: String, shortLinks: Int) -> Bool {
        let bytes = Array(text.utf8)
        return isTitle(utf8: bytes.span, shortLinks: shortLinks)
    }

    /// ``isTitle(_:shortLinks:)`` on the walk's bytes, before any `String` is made of them (most link
    /// lists are no title, and an article's page has many): its length and words as the collapsed text's,
    /// words counted as ``PageType/titleWords(_:)`` counts them.
    static func isTitle(utf8 text: Span<UInt8>, shortLinks: Int) -> Bool {
        guard shortLinks <= maximumLinks, text.count >= lineBytes else { return false }
        var runs = 0
        var runBytes = 0
        var unspaced = 0
        var inRun = false
        var i = 0
        while i < text.count {
            let space = Whitespace.spaceWidth(text, at: i)
            if space > 0 {
                inRun = false
                i += space
                continue
            }
            let byte = text[i]
            if !inRun { runs += 1 }
            inRun = true
            // A three-byte character of a script written without spaces (Thai, kana, Han).
            if byte & 0xF0 == 0xE0, i + 2 < text.count {
                let scalar = UInt32(byte & 0x0F) << 12 | UInt32(text[i + 1] & 0x3F) << 6 | UInt32(text[i + 2] & 0x3F)
                if PageType.isUnspaced(scalar) { unspaced += 1 }
                runBytes += 3
                i += 3
                continue
            }
            runBytes += 1
            i += 1
        }
        return runBytes + max(0, runs - 1) >= lineBytes && max(runs, unspaced / 2) >= titleWords
    }

    /// The body of a page that is no article with its listing put back: the
    /// walk's paragraphs of `body` and those `kept` inside the list, with the
    /// list's titles, in page order; nil when there is no list (fewer than
    /// ``minimumItems`` children hold a title) or its titles hold less than
    /// ``itemShare`` of the body's text.
    /// A title already on the page as a paragraph (a heading that links, and a hidden link
    /// over the card) is not taken twice.
    static func body(
        paragraphs: [Record.Paragraph], ancestors: [[Int]], kept: [Bool], body: [Int], lines: [Line]
    ) -> [Record.Paragraph]? {
        guard lines.count >= minimumItems else { return nil }
        // By a hash of the bytes: a `String`'s hash normalises the text first.
        var seen = Set<UInt64>()
        for index in paragraphs.indices where kept[index] { seen.insert(FNV1a.hash(paragraphs[index].text.utf8)) }
        let titles = lines.filter { seen.insert(FNV1a.hash($0.paragraph.text.utf8)).inserted }
        guard let list = list(of: titles.map(\.ancestors)) else { return nil }
        let inList = titles.filter { $0.ancestors.contains(list) }
        let titleScalars = inList.reduce(0) { $0 + $1.paragraph.text.unicodeScalarCount }
        let bodyScalars = body.reduce(0) { $0 + paragraphs[$1].text.unicodeScalarCount }
        guard Double(titleScalars) >= itemShare * Double(bodyScalars),
            !isSidebar(list, firstTitle: inList[0].position, paragraphs: paragraphs, ancestors: ancestors, body: body)
        else { return nil }
        // Page order: a line stands before the walk's paragraph of its position.
        var inBody = [Bool](repeating: false, count: paragraphs.count)
        for index in body { inBody[index] = true }
        var result: [Record.Paragraph] = []
        var next = 0
        for index in paragraphs.indices {
            while next < inList.count, inList[next].position <= index {
                result.append(inList[next].paragraph)
                next += 1
            }
            if inBody[index] || kept[index] && ancestors[index].contains(list) { result.append(paragraphs[index]) }
        }
        result += inList[next...].map(\.paragraph)
        return result
    }

    /// Whether the list is a column of headlines beside an article: it
    /// starts after the body's last paragraph, holds none of them, and the
    /// body has prose (a paragraph of ``PageType/proseLength``). A listing's
    /// introduction before its items is a line or two. (On WCXB half A this
    /// costs the listings 0.001 of body F1; without it a short news report
    /// typed as no article took its column of headlines.)
    static func isSidebar(
        _ list: Int, firstTitle: Int, paragraphs: [Record.Paragraph], ancestors: [[Int]], body: [Int]
    ) -> Bool {
        guard let last = body.max(), firstTitle > last else { return false }
        let hasProse = body.contains {
            paragraphs[$0].kind == .paragraph && paragraphs[$0].text.unicodeScalarCount >= PageType.proseLength
        }
        return hasProse && !body.contains { ancestors[$0].contains(list) }
    }

    /// The element whose children hold the most titles (each title's ancestors given, outermost
    /// first), the innermost of equal ones; nil when fewer than ``minimumItems`` children hold one.
    static func list(of titleAncestors: [[Int]]) -> Int? {
        var children: [Int: Set<Int>] = [:]
        for chain in titleAncestors where chain.count >= 2 {
            for level in 0..<(chain.count - 1) { children[chain[level], default: []].insert(chain[level + 1]) }
        }
        guard
            let best = children.max(by: {
                $0.value.count != $1.value.count ? $0.value.count < $1.value.count : $0.key < $1.key
            }), best.value.count >= minimumItems
        else { return nil }
        return best.key
    }
}

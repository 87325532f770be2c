import WinnowHTML

/// A byline printed as text beside the headline where the walk does not look
/// (the article's `<header>`, a meta row the filter cuts): an element whose
/// text starts with "By", "By:", "Written by" or "Posted by", the name in
/// it or in the element after it (`<span>by </span><p><a>Jane Doe</a></p>`),
/// up to a date or a separator ("By Jane Doe - Mar 27, 2024", "Posted by
/// David at December 16, 2025"). Read only when no other source names
/// anyone; the names must be written like names (``PageFurniture/looksLikeName(_:)``).
extension PageMarkup {
    /// The words that open such a line, lowercase, with what may follow them.
    static let byWords = ["by", "written by", "posted by"].map { Array($0.utf8) }

    /// The people the first byline text in the byline window names, or none.
    static func textBylines(in html: [UInt8], siteName: String?) -> [String] {
        html.withUnsafeBufferPointer { b in
            // Beside the headline: from 2 kB above the first `<h1>` to 6 kB below it (a byline window without one).
            let window =
                firstHeadline(b).map { max(bodyStart(b), $0 - 2_000)..<min(b.count, $0 + 6_000) } ?? bylineWindow(b)
            var i = window.lowerBound
            while let gt = ByteScan.firstIndex(of: UInt8(ascii: ">"), in: b.span, from: i), gt + 4 < window.upperBound {
                i = gt + 1
                var k = gt + 1
                while k < b.count, b[k] == 0x20 || b[k] == 0x0A || b[k] == 0x09 || b[k] == 0x0D { k += 1 }
                guard k + 1 < b.count,
                    b[k] | 0x20 == UInt8(ascii: "b") || b[k] | 0x20 == UInt8(ascii: "w")
                        || b[k] | 0x20 == UInt8(ascii: "p"), b[k + 1] >= 0x61, opensText(b, tagEndingAt: gt)
                else { continue }
                for word in byWords {
                    let end = k + word.count
                    guard end < b.count, (0..<word.count).allSatisfy({ b[k + $0] | 0x20 == word[$0] }),
                        b[end] == 0x20 || b[end] == UInt8(ascii: ":") || b[end] == UInt8(ascii: "<")
                    else { continue }
                    // A menu's "By Sector", a sort's "By Review" are no byline: a name has two words or more.
                    let names = names(after: end, in: b, siteName: siteName)
                    if !names.isEmpty, names.allSatisfy({ $0.contains(" ") }) { return names }
                    break
                }
            }
            return []
        }
    }

    /// Elements whose text starting with "By" is no byline: a link, a heading or a control ("By Industry" in a menu).
    static let notBylineTags: Set<String> = [
        "a", "h1", "h2", "h3", "h4", "h5", "h6", "option", "button", "label", "title",
    ]

    /// Whether the tag that ends at `gt` is a start tag that may hold a byline: text after an end tag
    /// (`</a> by Kan Chu Sen`) continues a sentence.
    private static func opensText(_ b: UnsafeBufferPointer<UInt8>, tagEndingAt gt: Int) -> Bool {
        var lt = gt
        while lt > 0, gt - lt < 400, b[lt] != UInt8(ascii: "<") { lt -= 1 }
        guard b[lt] == UInt8(ascii: "<"), lt + 1 < gt, b[lt + 1] != UInt8(ascii: "/"), b[lt + 1] != UInt8(ascii: "!")
        else { return false }
        return !notBylineTags.contains(tagName(b, from: lt + 1))
    }

    /// The names in the text after the opening words at `start`: the rest of
    /// the piece of text they stand in, or the next piece when that is empty.
    private static func names(after start: Int, in b: UnsafeBufferPointer<UInt8>, siteName: String?) -> [String] {
        var pieces: [[UInt8]] = [[]]
        var i = start
        let limit = min(b.count, start + 600)
        while i < limit, pieces.count <= 3, pieces.last!.count < 120 {
            let c = b[i]
            if c == UInt8(ascii: "<") {
                guard let end = ByteScan.firstIndex(of: UInt8(ascii: ">"), in: b.span, from: i) else { break }
                i = end + 1
                if !pieces.last!.allSatisfy({ $0 == UInt8(ascii: ":") || (0x09...0x0D).contains($0) || $0 == 0x20 }) {
                    pieces.append([])
                } else {
                    pieces[pieces.count - 1] = []
                }
            } else if c == UInt8(ascii: "&") {
                i = CharacterReference.decode(b, at: i, into: &pieces[pieces.count - 1])
            } else {
                pieces[pieces.count - 1].append(c)
                i += 1
            }
        }
        var text = TextNormalizer.collapse(pieces[0])
        if text.hasPrefix(":") { text = TextNormalizer.collapse(String(text.dropFirst())) }
        // The name ends at a date or a separator.
        for stop in [" at ", " on ", " - ", " – ", " — ", " | ", " · ", " / "] {
            if let range = text.range(of: stop) { text = String(text[..<range.lowerBound]) }
        }
        if let digit = text.firstIndex(where: \.isNumber) { text = String(text[..<digit]) }
        text = text.trimmed([",", " ", ":"])
        guard !text.isEmpty, text.utf8.count <= 80 else { return [] }
        let names = AuthorNames.clean(text, siteName: siteName)
        guard names.count <= 4, names.allSatisfy(PageFurniture.looksLikeName) else { return [] }
        return names
    }
}

import WinnowCore

/// The lines of a forum post's user card ("Join Date" "Nov 2024", "Posts:
/// 1,077", "Messages:" "3", "Location"): a thread repeats them for every
/// post, each a short line of its own, where a post's text is not repeated
/// word for word. On a page guessed to be a forum (``PageType``), a short
/// line found ``minimumRepeats`` times or more in the body is such a label,
/// and the short line right after it is its value; both are dropped. Other
/// pages keep their repeated short lines (a review's "Pros" and "Cons").
enum PostMetadata {
    /// A label is at most this many Unicode scalars ("Likes Received:", "Join Date: Aug 2008").
    static let labelCharacters = 30
    /// A label's value is at most this many ("Nov 2024", "9,525").
    static let valueCharacters = 20
    /// A thread of three posts shows its card lines three times.
    static let minimumRepeats = 3

    /// `paragraphs` without the user-card lines when `pageType` is `forum`;
    /// unchanged otherwise, or when nothing else would be left.
    static func dropped(from paragraphs: [Record.Paragraph], pageType: String?) -> [Record.Paragraph] {
        guard pageType == "forum" else { return paragraphs }
        var counts: [String: Int] = [:]
        for p in paragraphs where p.text.unicodeScalars.count <= labelCharacters { counts[p.text, default: 0] += 1 }
        guard counts.values.contains(where: { $0 >= minimumRepeats }) else { return paragraphs }
        var kept: [Record.Paragraph] = []
        var afterLabel = false
        for p in paragraphs {
            if afterLabel, p.text.unicodeScalars.count <= valueCharacters {
                afterLabel = false
                continue
            }
            afterLabel = (counts[p.text] ?? 0) >= minimumRepeats
            if !afterLabel { kept.append(p) }
        }
        return kept.isEmpty ? paragraphs : kept
    }
}

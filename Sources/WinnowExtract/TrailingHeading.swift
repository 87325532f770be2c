import WinnowCore

/// Headings at the very end of a body head nothing: what they named was a
/// block the extractor left out (a related-stories list dropped as links, a
/// newsletter form, a "Follow us" row of icons, a product-finder widget), and
/// an article does not end on a heading. Up to ``maximumRun`` of them are
/// dropped; a longer run is a list of headlines (a section front's teasers)
/// and stays, and so does a body made only of headings.
enum TrailingHeading {
    /// The most headings in a row at the end that are dropped (one orphan
    /// heading, or two boxes' headings one after the other).
    static let maximumRun = 2

    /// `paragraphs` without the headings that end it.
    static func dropped(from paragraphs: [Record.Paragraph]) -> [Record.Paragraph] {
        guard let last = paragraphs.lastIndex(where: { $0.kind != .heading }) else { return paragraphs }
        let run = paragraphs.count - 1 - last
        guard run > 0, run <= maximumRun else { return paragraphs }
        return Array(paragraphs[...last])
    }
}

import WinnowCore

/// The body of a page whose walks found no text at all, taken from the
/// page's own description (`<meta name=description>`, `og:description`,
/// JSON-LD): a page drawn by scripts and saved as its shell (a forum topic
/// without its posts, a shop's product card) still says in its head what it
/// holds, often the first post's or the product's opening words. Keeping
/// that as the text, with a warning, keeps the page's record (its title,
/// date, type) instead of rejecting a page that has real text as having
/// none. A page with any body text keeps it; this never adds to a body.
enum DescriptionText {
    /// The paragraphs to keep for `record`, or nil when its body has text or the description is shorter than `minimum`
    /// characters (Unicode scalars, as the stage counts them).
    static func body(for record: Record, minimum: Int) -> [Record.Paragraph]? {
        guard record.paragraphs.allSatisfy({ $0.text.isEmpty }),
            let description = record.description.map({ TextNormalizer.collapse($0) }), !description.isEmpty,
            description.unicodeScalarCount >= minimum
        else { return nil }
        return [Record.Paragraph(text: description)]
    }

    static let warning = "no body text found; the page's description is kept as its text"
}

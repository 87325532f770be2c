/// An author element's lines (its blocks: `<div class="author"><p>Jane
/// Doe</p><p>Founder at Example</p></div>`) are the name first, then a job
/// title, credentials or a bio; read as one text they ran together
/// ("Jane DoeFounder at Example"). The name is the first line that names
/// someone in two words or more ("By" alone on a line, a section's name
/// or a logo may come before it); without one, the element is read whole.
enum AuthorElement {
    /// The line of `text` (lines split by ``ArticleExtractor/authorLineBreak``) that names its author.
    static func nameLine(_ text: String, siteName: String?) -> String {
        guard text.utf8.contains(ArticleExtractor.authorLineBreak) else { return text }
        let lines = text.split(separator: "\u{1F}").map { String($0) }
        // A one-word line before the name is more often a section, a logo or a button ("Travel", "Share"); without a
        // line naming someone in two words or more, the element is read whole.
        return lines.first { AuthorNames.clean($0, siteName: siteName).contains { $0.contains(" ") } }
            ?? lines.joined(separator: " ")
    }
}

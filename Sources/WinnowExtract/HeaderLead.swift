import WinnowCore

/// The article's lead (standfirst, summary) written in the article's
/// `<header>` beside its headline and date: too little prose for the
/// header to be walked as the article (``ProseInChrome/trialBytes``), but
/// the walk on trial keeps its prose paragraphs (``ProseInChrome/proseParagraphBytes``
/// or more, not headings or list items) as the page's paragraphs, and the
/// block choice decides (``MainContent``: a lead just before the article's
/// block, or inside it, stays; a site header's tagline far from it does
/// not). Only from a header that the pre-parse filter keeps too
/// (``ProseInChrome/filterTextBytes`` of text outside links, counted no
/// higher than the filter counts it), so that records are the same with and
/// without the filter. Half A | B, after ``RepeatedText``: Fundus body F1
/// 0.9592 → 0.9606 | 0.9342 → 0.9354, WCXB 0.8350 ± 0 | 0.8282 → 0.8290;
/// its articles 0.9447 → 0.9446 | 0.9451 → 0.9450 and the 181 pages
/// 0.9727 → 0.9726 | ± 0 (their truth leaves decks out, Fundus keeps them).
/// Paragraphs before the header's first heading (disclosures, an author's
/// bio) were kept too at first: the 181 pages fell to 0.9724 on half A.
/// Such a lead counts however far above the block its header is and outside
/// a marked body (``MainContent/lead``: a CMS puts the header several levels
/// up, beside the element marked `article-body`). Half A | B, with
/// ``MarkedBodyIntro``, ``LeadWrapper`` and ``TeaserBox``: Fundus body F1
/// 0.9650 → 0.9660 | 0.9446 → 0.9454 (recall 0.9871 → 0.9892 | 0.9582 →
/// 0.9609), but the 181 pages 0.9771 → 0.9767 | ± 0 and WCXB articles ± 0 |
/// 0.9505 → 0.9503: their truth leaves the deck out, Fundus's keeps it.
enum HeaderLead {
    /// The paragraphs of a `<header>` walked on trial to keep, as offsets in
    /// `paragraphs` (its paragraphs, in order), when the header held `text`
    /// bytes of text outside links.
    static func kept(_ paragraphs: ArraySlice<Record.Paragraph>, text: Int) -> [Int] {
        guard text >= ProseInChrome.filterTextBytes,
            let headline = paragraphs.firstIndex(where: { $0.kind == .heading })
        else { return [] }
        return paragraphs.indices[(headline + 1)...].filter {
            paragraphs[$0].kind == .paragraph && paragraphs[$0].text.utf8.count >= ProseInChrome.proseParagraphBytes
        }.map { $0 - paragraphs.startIndex }
    }

    /// The bytes of a text node that the pre-parse filter counts at most: all but its leading whitespace.
    static func countedBytes(_ text: Span<UInt8>) -> Int {
        var start = 0
        while start < text.count,
            text[start] == 0x20 || text[start] == 0x0A || text[start] == 0x09 || text[start] == 0x0D
        {
            start += 1
        }
        return text.count - start
    }
}

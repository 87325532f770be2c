/// What a "Related Articles" / "See also" heading takes out of the body: the
/// paragraphs after it in its own container (the related list, teasers
/// included), unless they are the article itself. A heading phrase is also
/// an ordinary line of prose ("See also" before a list of explained links in
/// the middle of a document): a heading that follows text of its own
/// container cuts only when what comes after it holds at most half of the
/// page's text (a related list is furniture beside the article, never the
/// larger part of the page). A heading that heads its container cuts as
/// before: teasers under it may well be longer than a short article.
enum RelatedListCut {
    /// The share of the page's scoring text above which what follows a heading inside the text is the article.
    static let articleShare = 0.5

    /// The paragraphs the heading at `heading` (inside `container`) cuts:
    /// those after it whose ancestors include `container`; none when text of
    /// the container comes before the heading and they hold more than
    /// ``articleShare`` of the text of the `kept` paragraphs (counted from
    /// ``MainContent/minimumScoringCharacters``, as the block choice counts).
    /// On WCXB half A body F1 rose 0.825 → 0.827, half B 0.825 → 0.825 (+0.0005).
    static func cut(after heading: Int, in container: Int, ancestors: [[Int]], lengths: [Int], kept: [Bool]) -> [Int] {
        let following = ((heading + 1)..<ancestors.count).filter { ancestors[$0].contains(container) }
        let headsContainer = !(0..<heading).contains { ancestors[$0].contains(container) }
        if headsContainer { return following }
        func text(_ indices: some Sequence<Int>) -> Int {
            indices.reduce(0) { total, i in
                kept[i] && lengths[i] >= MainContent.minimumScoringCharacters ? total + lengths[i] : total
            }
        }
        let cutText = text(following)
        guard cutText > 0 else { return following }
        return Double(cutText) > articleShare * Double(text(ancestors.indices)) ? [] : following
    }
}

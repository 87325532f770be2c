import WinnowCore

/// A block that looks like chrome (a `<header>`, or class words such as
/// `elementor-widget`, `share-container`, `newsletter`) but holds most of
/// the page's prose is the article, not chrome. The walk cannot know what a
/// block holds before it enters it, and stays one pass: it walks such a
/// block on trial and keeps only its paragraphs, and only when they hold
/// ``trialBytes`` of prose (all else it gave is undone); the record then
/// keeps the blocks of one parent (sections or text widgets of one article)
/// only when together they hold ``articleBytes`` and more than ``pageShare``
/// of the page's prose (``dropped(_:paragraphs:)``). The pre-parse filter
/// keeps such a block from ``filterTextBytes`` of text outside links (a
/// paragraph that is no link list has at most half its bytes in links; a
/// quarter leaves room for whitespace), so the walk sees every block it
/// could keep. On WCXB half A body F1 rose 0.827 → 0.832, half B 0.8251 →
/// 0.8254 (articles 0.936 → 0.943 and 0.9415 → 0.9433); extract-only
/// instructions on the 181 pages +6.6%, +4.5% once a trial block inside a
/// kept one is cut by the filter (the blocks the filter keeps are parsed and
/// walked; with 400 bytes the same figures cost +9.8%, with 1,000 a Fundus
/// page whose article is split in text widgets lost its first part).
enum ProseInChrome {
    /// A paragraph of this many bytes or more is prose (not a menu item, a button, a date).
    static let proseParagraphBytes = 80
    /// The prose a block walked on trial needs to stay in the walk.
    static let trialBytes = 800
    /// The text from which the pre-parse filter keeps a block the walk tries.
    static let filterTextBytes = trialBytes / 4
    /// The prose a page builder's component (``ClassHints/component``) walked
    /// on trial needs to stay: one prose paragraph (a like button, a
    /// subscription form, a call to action holds none).
    static let componentBytes = proseParagraphBytes
    /// The text from which the pre-parse filter keeps such a component.
    static let componentFilterTextBytes = componentBytes / 4
    /// The prose the blocks beside each other must hold together to be the
    /// article (an author's bio or an About box is shorter).
    static let articleBytes = 1000
    /// The share of the page's prose a chrome-looking block must hold to be the article's.
    static let pageShare = 0.5

    /// The bytes of the paragraphs of ``proseParagraphBytes`` or more.
    static func prose(_ texts: some Sequence<String>) -> Int {
        texts.reduce(0) { total, text in
            text.utf8.count >= proseParagraphBytes ? total + text.utf8.count : total
        }
    }

    /// A block the walk kept on trial.
    struct Block {
        /// Its paragraphs (indices of the walk's).
        var paragraphs: Range<Int>
        /// The bytes of its prose paragraphs.
        var prose: Int
        /// Its parent element: blocks beside each other are parts of one article (sections, text widgets).
        var parent: Int
        /// A page builder's component: kept for its own prose, whatever the page's.
        var component = false
    }

    /// The paragraphs of the blocks kept on trial whose parent's blocks
    /// together hold at most ``pageShare`` of the page's prose.
    static func dropped(_ blocks: [Block], paragraphs: [Record.Paragraph]) -> [Int] {
        guard !blocks.isEmpty else { return [] }
        let page = Double(prose(paragraphs.lazy.map(\.text)))
        var byParent: [Int: Int] = [:]
        for block in blocks where !block.component { byParent[block.parent, default: 0] += block.prose }
        return blocks.filter {
            guard !$0.component else { return false }
            let prose = byParent[$0.parent]!
            return prose < articleBytes || Double(prose) <= pageShare * page
        }.flatMap { Array($0.paragraphs) }
    }
}

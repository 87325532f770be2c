import WinnowCore

/// Captions told by markup rather than by wording (`<figcaption>` and
/// `<caption>` aside), tracked during ``ArticleExtractor``'s walk: an
/// element whose class or id names a caption or a credit (`wp-caption-text`,
/// `image-caption`, `photo-credit`; ``ClassHints``) standing beside an image,
/// in the image's parent or grandparent. A class word alone is not enough:
/// design systems name a type size `caption-s`. Text in a `<figure>` outside
/// its `<figcaption>` is not taken either: figures also wrap cards and
/// tables (tried: it lost body text on WCXB). Their text goes to `captions`,
/// never to the body.
struct CaptionMarkup {
    /// What an element is to this tracker.
    enum Element {
        case media, other
    }

    /// A caption is a line or two: longer text in a caption context is body text.
    static let longestCaption = 300

    /// The depth of the open caption-class element; 0 outside one.
    private var captionDepth = 0
    /// The parent and grandparent of the last image (element ids; -1 when none).
    private var mediaParent = -1
    private var mediaGrandparent = -1

    /// Whether text found now is in a caption context.
    var isOpen: Bool { captionDepth > 0 }

    /// Sees an element open at `depth`; `open`: the ids of the open elements,
    /// this one last. Returns whether a caption context opens here (the caller
    /// ends the text before it).
    mutating func enter(_ element: Element, hints: ClassHints, neverChrome: Bool, depth: Int, open: [Int]) -> Bool {
        let parent = open.count >= 2 ? open[open.count - 2] : -1
        let grandparent = open.count >= 3 ? open[open.count - 3] : -1
        if element == .media {
            mediaParent = parent
            mediaGrandparent = grandparent
        }
        guard captionDepth == 0, hints.caption, !neverChrome, parent >= 0,
            parent == mediaParent || parent == mediaGrandparent || grandparent == mediaParent
                || grandparent == mediaGrandparent
        else { return false }
        captionDepth = depth
        return true
    }

    /// Whether the caption element closes at `depth` (the caller ends its text, then calls ``close()``).
    func closes(at depth: Int) -> Bool { captionDepth == depth }

    mutating func close() { captionDepth = 0 }

    /// Whether text of this kind, found while ``isOpen``, is the caption:
    /// a paragraph or loose text of caption length; a quote, code, list or
    /// heading (a pull quote, a listing) is not.
    static func isCaption(_ text: String, kind: Record.Paragraph.Kind) -> Bool {
        kind == .paragraph && text.utf8.count <= longestCaption * 4 && text.unicodeScalarCount <= longestCaption
    }
}

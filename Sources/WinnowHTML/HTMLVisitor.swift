import WinnowBytes

/// Receives a document walk. `exit` is called for every element `enter` was
/// called for, including skipped ones.
public protocol HTMLVisitor {
    mutating func enter(_ element: HTMLElement) -> VisitDecision
    mutating func text(_ text: String)
    /// The same text as UTF-8 bytes, valid only during the call: a streamed
    /// parse calls this, so that a visitor that keeps bytes need not make a
    /// `String` of every piece. By default it calls ``text(_:)``.
    mutating func text(utf8: Span<UInt8>)
    mutating func exit(_ element: HTMLElement)
    /// The attributes the visitor reads, the same declaration the pre-parse
    /// filter keeps (``ParseFilter/filter(_:skipping:keepingAttributes:headTags:)``);
    /// nil, the default, when it may read any. Debug builds stop at a read of
    /// an attribute not declared here.
    static var readAttributes: ParseFilter.AttributeNames? { get }
}

extension HTMLVisitor {
    public mutating func text(utf8: Span<UInt8>) {
        text(utf8.utf8String)
    }

    public static var readAttributes: ParseFilter.AttributeNames? { nil }
}

import CLibXML2

/// One element during a walk (``HTMLDocument/walk(_:)``) or a streamed
/// parse (``HTMLStream``). Valid only inside the visitor call that received it.
public struct HTMLElement {
    fileprivate enum Source {
        /// A node of a parsed tree.
        case node(xmlNodePtr)
        /// A SAX start or end tag: its name, its NULL-terminated (name, value)
        /// attribute pairs (nil on end tags), and its position among the
        /// document's elements.
        case tag(name: UnsafePointer<xmlChar>, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, ordinal: Int)
    }

    fileprivate let source: Source

    init(node: xmlNodePtr) { source = .node(node) }

    init(tag name: UnsafePointer<xmlChar>, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, ordinal: Int) {
        source = .tag(name: name, attributes: attributes, ordinal: ordinal)
    }

    private var namePointer: UnsafePointer<xmlChar>? {
        switch source {
        case .node(let node): node.pointee.name
        case .tag(let name, _, _): name
        }
    }

    /// Whether the element has any attribute (most have none: every lookup can be skipped).
    public var hasAttributes: Bool {
        switch source {
        case .node(let node): node.pointee.properties != nil
        case .tag(_, let attributes, _): attributes?.pointee != nil
        }
    }

    /// The element's identity in its document: in a tree walk the same as
    /// ``HTMLDocument/Selection/nodeID``; in a stream, the element's
    /// position in document order.
    public var nodeID: Int {
        switch source {
        case .node(let node): Int(bitPattern: node)
        case .tag(_, _, let ordinal): ordinal
        }
    }

    /// The lowercase tag name.
    public var name: String {
        namePointer.map { String(cString: $0) } ?? ""
    }

    /// True when the tag name equals `lowercaseName` (compared bytewise, no allocation).
    public func isNamed(_ lowercaseName: StaticString) -> Bool {
        guard let name = namePointer else { return false }
        return Self.equals(name, lowercaseName)
    }

    /// Whether the NUL-terminated `bytes` equal `text`.
    private static func equals(_ bytes: UnsafePointer<xmlChar>, _ text: StaticString) -> Bool {
        let wanted = text.utf8Start
        var i = 0
        while i < text.utf8CodeUnitCount {
            if bytes[i] != wanted[i] { return false }
            i += 1
        }
        return bytes[i] == 0
    }

    /// Calls `body` with each attribute's name (lowercase, as libxml2's HTML
    /// parser writes it) and value (nil when the attribute has none, as in `hidden`).
    private func forEachAttribute(_ body: (UnsafePointer<xmlChar>, UnsafePointer<xmlChar>?) -> Void) {
        switch source {
        case .node(let node):
            var attr = node.pointee.properties
            while let current = attr {
                attr = current.pointee.next
                guard let name = current.pointee.name else { continue }
                if let child = current.pointee.children, child.pointee.next == nil, let content = child.pointee.content {
                    body(name, content)
                } else if let content = xmlNodeListGetString(node.pointee.doc, current.pointee.children, 1) {
                    body(name, content)
                    cxml_free(content)
                } else {
                    body(name, nil)
                }
            }
        case .tag(_, let attributes, _):
            guard var pair = attributes else { return }
            while let name = pair[0] {
                body(name, pair[1])
                pair += 2
            }
        }
    }

    /// The attributes extraction looks at on every element, read in one
    /// pass over the attribute list (a lookup per name would walk it each time).
    public var commonAttributes: CommonAttributes {
        var collector = CommonAttributes.Collector()
        forEachAttribute { name, value in
            collector.add(name: Self.bytes(name), value: value.map(Self.bytes))
        }
        return collector.attributes
    }

    /// The bytes of a NUL-terminated string, without the NUL.
    private static func bytes(_ text: UnsafePointer<xmlChar>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: text, count: strlen(UnsafeRawPointer(text).assumingMemoryBound(to: CChar.self)))
    }

    /// The value of the attribute named `name` (lowercase), nil when absent.
    public func attribute(_ name: StaticString) -> String? {
        if case .node(let node) = source {
            guard let value = xmlGetProp(node, name.description) else { return nil }
            defer { cxml_free(value) }
            return String(cString: value)
        }
        var found: String?
        forEachAttribute { attributeName, value in
            guard found == nil, Self.equals(attributeName, name) else { return }
            found = value.map { String(cString: $0) } ?? ""
        }
        return found
    }
}

public enum VisitDecision { case descend, skip }

/// See ``HTMLElement/commonAttributes``.
public struct CommonAttributes: Sendable {
    /// `class` and `id` joined by a space, lowercased; empty when neither is set.
    public var classAndID = ""
    public var style: String?
    public var hidden = false
    public var ariaHidden: String?
    public var role: String?
    public var itemprop: String?
    public var rel: String?

    public init() {}

    /// Builds ``CommonAttributes`` from a tag's attributes, one at a time,
    /// whoever reads them (a parsed element, or the pre-parse filter reading
    /// the page's bytes). Names compare without regard to ASCII case; the
    /// first of a repeated name counts, as in libxml2.
    struct Collector {
        private var result = CommonAttributes()
        private var classBytes: [UInt8] = [], idBytes: [UInt8] = []
        private var seen: UInt16 = 0

        private static let names: [[UInt8]] = ["class", "id", "itemprop", "style", "hidden", "aria-hidden", "role", "rel"].map { Array($0.utf8) }

        /// `value` is nil for an attribute written without one (`hidden`).
        mutating func add(name: UnsafeBufferPointer<UInt8>, value: UnsafeBufferPointer<UInt8>?) {
            guard let which = Self.names.firstIndex(where: { Self.equalsIgnoringCase(name, $0) }), seen & (1 << which) == 0 else { return }
            seen |= 1 << which
            func text() -> String { value.map { String(decoding: $0, as: UTF8.self) } ?? "" }
            switch which {
            case 0: classBytes = value.map(Array.init) ?? []
            case 1: idBytes = value.map(Array.init) ?? []
            case 2: result.itemprop = text()
            case 3: result.style = text()
            case 4: result.hidden = true
            case 5: result.ariaHidden = text()
            case 6: result.role = text()
            default: result.rel = text()
            }
        }

        /// What was collected; `classAndID` is `class + " " + id`, lowercased
        /// (ASCII by byte, anything else by Unicode rules).
        var attributes: CommonAttributes {
            var attributes = result
            if !classBytes.isEmpty || !idBytes.isEmpty {
                let joined = classBytes + [0x20] + idBytes
                attributes.classAndID = ByteScan.isASCII(joined)
                    ? String(decoding: joined.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
                    : String(decoding: joined, as: UTF8.self).lowercased()
            }
            return attributes
        }

        private static func equalsIgnoringCase(_ name: UnsafeBufferPointer<UInt8>, _ lowercase: [UInt8]) -> Bool {
            guard name.count == lowercase.count else { return false }
            for k in 0..<lowercase.count {
                let c = name[k]
                if (c >= 0x41 && c <= 0x5A ? c | 0x20 : c) != lowercase[k] { return false }
            }
            return true
        }
    }
}

/// Receives a document walk. `exit` is called for every element `enter` was
/// called for, including skipped ones.
public protocol HTMLVisitor {
    mutating func enter(_ element: HTMLElement) -> VisitDecision
    mutating func text(_ text: String)
    mutating func exit(_ element: HTMLElement)
}

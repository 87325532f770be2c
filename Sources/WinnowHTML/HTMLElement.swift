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
    #if DEBUG
        /// The attributes the visitor declared it reads (``HTMLVisitor/readAttributes``), checked on each read.
        private var declared: ParseFilter.AttributeNames?
    #endif

    init(node: xmlNodePtr) { source = .node(node) }

    init(
        tag name: UnsafePointer<xmlChar>, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
        ordinal: Int
    ) {
        source = .tag(name: name, attributes: attributes, ordinal: ordinal)
    }

    /// This element as `V` sees it: debug builds check its reads against `V`'s declaration.
    @inline(__always) func declaring<V: HTMLVisitor>(for _: V.Type) -> HTMLElement {
        #if DEBUG
            var element = self
            element.declared = V.readAttributes
            return element
        #else
            return self
        #endif
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

    /// The lowercase tag name as a number (see ``TagKey``).
    public var tagKey: TagKey {
        guard let name = namePointer else { return TagKey("") }
        let bytes = Self.bytes(name)
        return TagKey(bytes, 0..<bytes.count)
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
    /// parser writes it) and value (nil when the attribute has none, as in
    /// `hidden`), then `end`. Names and values stay valid until `end` returns.
    private func forEachAttribute(
        _ body: (UnsafePointer<xmlChar>, UnsafePointer<xmlChar>?) -> Void, end: () -> Void = {}
    ) {
        switch source {
        case .node(let node):
            // Values joined from several child nodes are allocated: freed after `end`.
            var joined: [UnsafeMutablePointer<xmlChar>] = []
            defer { joined.forEach { cxml_free($0) } }
            var attr = node.pointee.properties
            while let current = attr {
                attr = current.pointee.next
                guard let name = current.pointee.name else { continue }
                if let child = current.pointee.children, child.pointee.next == nil, let content = child.pointee.content
                {
                    body(name, content)
                } else if let content = xmlNodeListGetString(node.pointee.doc, current.pointee.children, 1) {
                    joined.append(content)
                    body(name, content)
                } else {
                    body(name, nil)
                }
            }
            end()
        case .tag(_, let attributes, _):
            if var pair = attributes {
                while let name = pair[0] {
                    body(name, pair[1])
                    pair += 2
                }
            }
            end()
        }
    }

    /// The attributes extraction looks at on every element, read in one
    /// pass over the attribute list (a lookup per name would walk it each time).
    /// Like the element, valid only inside the visitor call: in a stream,
    /// `class` and `id` are read where libxml2 keeps them.
    public var commonAttributes: CommonAttributes {
        #if DEBUG
            if let declared {
                for name in CommonAttributes.Collector.names {
                    assert(declared.contains(name), "attribute '\(name)' is read but not declared by the visitor")
                }
            }
        #endif
        if case .node = source {
            // A tree joins some values into memory freed after the walk over them: copy.
            var collector = CommonAttributes.Collector()
            var attributes = CommonAttributes()
            forEachAttribute(
                { name, value in collector.add(name: Self.bytes(name), value: value.map(Self.bytes)) },
                end: { attributes = collector.attributes.copied })
            return attributes
        }
        var collector = CommonAttributes.Collector()
        forEachAttribute { name, value in collector.add(name: Self.bytes(name), value: value.map(Self.bytes)) }
        return collector.attributes
    }

    /// The bytes of a NUL-terminated string, without the NUL.
    private static func bytes(_ text: UnsafePointer<xmlChar>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: text, count: strlen(UnsafeRawPointer(text).assumingMemoryBound(to: CChar.self)))
    }

    /// The value of the attribute named `name` (lowercase), nil when absent.
    /// Debug builds stop at a name the visitor did not declare
    /// (``HTMLVisitor/readAttributes``): the pre-parse filter drops those.
    public func attribute(_ name: StaticString) -> String? {
        #if DEBUG
            assert(
                declared?.contains(name.description) ?? true,
                "attribute '\(name)' is read but not declared by the visitor: the pre-parse filter drops it")
        #endif
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

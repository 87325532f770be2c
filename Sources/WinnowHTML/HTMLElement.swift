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

    /// The lowercase tag name as a number (see ``TagKey``).
    public var tagKey: TagKey {
        guard let name = namePointer else { return TagKey(bytes: UnsafeBufferPointer(start: nil, count: 0)) }
        return TagKey(bytes: Self.bytes(name))
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
    /// `class` and `id` are read through pointers into libxml2's attributes.
    public var commonAttributes: CommonAttributes {
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

/// A tag name as one number, so that a visitor can compare and look up the
/// name of every element without making a `String` of it: a name of up to
/// eight bytes is its bytes; a longer one is a 64-bit FNV-1a hash with the
/// high bit set (collisions are negligible among tag names).
public struct TagKey: Hashable, Comparable, Sendable {
    public let value: UInt64

    /// `name` in lowercase, as libxml2 gives element names.
    public init(_ name: StaticString) {
        self.init(bytes: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
    }

    public init(_ name: String) {
        var name = name
        self = name.withUTF8 { TagKey(bytes: $0) }
    }

    init(bytes: UnsafeBufferPointer<UInt8>) {
        var value: UInt64 = 0
        if bytes.count <= 8 {
            for (k, c) in bytes.enumerated() { value |= UInt64(c) << (8 * k) }
        } else {
            value = 0xCBF2_9CE4_8422_2325
            for c in bytes { value = (value ^ UInt64(c)) &* 0x100_0000_01B3 }
            value |= 1 << 63
        }
        self.value = value
    }

    public static func < (a: TagKey, b: TagKey) -> Bool { a.value < b.value }
}

/// See ``HTMLElement/commonAttributes``.
public struct CommonAttributes {
    /// The `class` and `id` values as written, when read from a page:
    /// pointers, valid only as long as what they were read from (the
    /// visitor call, or the filter's pass over the page).
    public private(set) var classValue: UnsafeBufferPointer<UInt8>?
    public private(set) var idValue: UnsafeBufferPointer<UInt8>?
    private var storedClassAndID: String?
    /// The inline style says `display: none` or `visibility: hidden`.
    public var hiddenByStyle = false
    /// The `hidden` attribute is present.
    public var hidden = false
    public var ariaHidden: String?
    public var role: String?
    public var itemprop: String?
    public var rel: String?

    public init() {}

    /// `class` and `id` joined by a space, lowercased (ASCII by byte,
    /// anything else by Unicode rules); empty when neither is set. Made
    /// from ``classValue`` and ``idValue`` on each read.
    public var classAndID: String {
        get { storedClassAndID ?? Self.joinedLowercased(classValue, idValue) }
        set {
            storedClassAndID = newValue
            classValue = nil
            idValue = nil
        }
    }

    /// These attributes with `classAndID` made now: safe to keep after the pointers go.
    var copied: CommonAttributes {
        var attributes = self
        attributes.classAndID = classAndID
        return attributes
    }

    /// Whether `class` and `id` are ASCII, so that lowercasing is per byte.
    public var classAndIDIsASCII: Bool {
        guard storedClassAndID == nil else { return false }
        return ByteScan.isASCII(classValue) && ByteScan.isASCII(idValue)
    }

    private static func joinedLowercased(
        _ classValue: UnsafeBufferPointer<UInt8>?, _ idValue: UnsafeBufferPointer<UInt8>?
    ) -> String {
        let classCount = classValue?.count ?? 0
        let idCount = idValue?.count ?? 0
        guard classCount > 0 || idCount > 0 else { return "" }
        let count = classCount + 1 + idCount
        if ByteScan.isASCII(classValue) && ByteScan.isASCII(idValue) {
            return String(unsafeUninitializedCapacity: count) { out in
                func copyLowercased(_ value: UnsafeBufferPointer<UInt8>?, to start: Int) {
                    guard let value else { return }
                    for (k, c) in value.enumerated() { out[start + k] = c >= 0x41 && c <= 0x5A ? c | 0x20 : c }
                }
                copyLowercased(classValue, to: 0)
                out[classCount] = 0x20
                copyLowercased(idValue, to: classCount + 1)
                return count
            }
        }
        let joined =
            Array(classValue ?? UnsafeBufferPointer(start: nil, count: 0)) + [0x20]
            + Array(idValue ?? UnsafeBufferPointer(start: nil, count: 0))
        return String(decoding: joined, as: UTF8.self).lowercased()
    }

    /// Builds ``CommonAttributes`` from a tag's attributes, one at a time,
    /// whoever reads them (a parsed element, or the pre-parse filter reading
    /// the page's bytes). Names compare without regard to ASCII case; the
    /// first of a repeated name counts, as in libxml2. The class and id
    /// values are kept as pointers: read ``attributes`` while they are valid.
    struct Collector {
        private var result = CommonAttributes()
        private var seen: UInt16 = 0

        /// The collected names, by their index in ``add(name:value:)``'s switch.
        static let names = ["class", "id", "itemprop", "style", "hidden", "aria-hidden", "role", "rel"]

        /// The index of `name` in ``names``, ignoring ASCII case: by length
        /// first, with no table read (each static read checks its lazy initialisation).
        static func index(of name: UnsafeBufferPointer<UInt8>) -> Int? {
            func equals(_ lowercase: StaticString) -> Bool {
                let bytes = lowercase.utf8Start
                for k in 0..<name.count
                where (name[k] >= 0x41 && name[k] <= 0x5A ? name[k] | 0x20 : name[k]) != bytes[k] { return false }
                return true
            }
            switch name.count {
            case 5: return equals("class") ? 0 : equals("style") ? 3 : nil
            case 2: return equals("id") ? 1 : nil
            case 8: return equals("itemprop") ? 2 : nil
            case 6: return equals("hidden") ? 4 : nil
            case 11: return equals("aria-hidden") ? 5 : nil
            case 4: return equals("role") ? 6 : nil
            case 3: return equals("rel") ? 7 : nil
            default: return nil
            }
        }

        /// `value` is nil for an attribute written without one (`hidden`).
        mutating func add(name: UnsafeBufferPointer<UInt8>, value: UnsafeBufferPointer<UInt8>?) {
            guard let which = Self.index(of: name), seen & (1 << which) == 0 else { return }
            seen |= 1 << which
            func text() -> String { value.map { String(decoding: $0, as: UTF8.self) } ?? "" }
            switch which {
            case 0: result.classValue = value
            case 1: result.idValue = value
            case 2: result.itemprop = text()
            case 3: result.hiddenByStyle = value.map(Self.styleHides) ?? false
            case 4: result.hidden = true
            case 5: result.ariaHidden = text()
            case 6: result.role = text()
            default: result.rel = text()
            }
        }

        /// What was collected (`class` and `id` still as pointers).
        var attributes: CommonAttributes { result }

        /// Whether a style value, lowercased and without spaces, holds
        /// `display:none` or `visibility:hidden` (ASCII words: only ASCII
        /// bytes can match them, so the bytes are read as they are).
        static func styleHides(_ style: UnsafeBufferPointer<UInt8>) -> Bool {
            guard style.count >= 12 else { return false }
            var compact: [UInt8] = []
            compact.reserveCapacity(style.count)
            for c in style where c != 0x20 { compact.append(c >= 0x41 && c <= 0x5A ? c | 0x20 : c) }
            return contains(compact, displayNone) || contains(compact, visibilityHidden)
        }

        private static let displayNone = Array("display:none".utf8), visibilityHidden = Array("visibility:hidden".utf8)

        private static func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
            guard bytes.count >= needle.count else { return false }
            for start in 0...(bytes.count - needle.count) where bytes[start] == needle[0] {
                var k = 1
                while k < needle.count, bytes[start + k] == needle[k] { k += 1 }
                if k == needle.count { return true }
            }
            return false
        }
    }
}

/// Receives a document walk. `exit` is called for every element `enter` was
/// called for, including skipped ones.
public protocol HTMLVisitor {
    mutating func enter(_ element: HTMLElement) -> VisitDecision
    mutating func text(_ text: String)
    /// The same text as UTF-8 bytes, valid only during the call: a streamed
    /// parse calls this, so that a visitor that keeps bytes need not make a
    /// `String` of every piece. By default it calls ``text(_:)``.
    mutating func text(utf8: UnsafeBufferPointer<UInt8>)
    mutating func exit(_ element: HTMLElement)
}

extension HTMLVisitor {
    public mutating func text(utf8: UnsafeBufferPointer<UInt8>) {
        text(String(decoding: utf8, as: UTF8.self))
    }
}

import CLibXML2

/// An element's or attribute's name: its local name and its namespace URI
/// (nil when it is in no namespace).
public struct XMLName: Sendable, Hashable, CustomStringConvertible {
    public var localName: String
    public var namespace: String?

    public init(_ localName: String, namespace: String? = nil) {
        self.localName = localName
        self.namespace = namespace
    }

    public var description: String { namespace.map { "{\($0)}\(localName)" } ?? localName }
}

/// One attribute of a start tag (namespace declarations are not attributes here).
public struct XMLAttribute: Sendable, Equatable {
    public var name: XMLName
    public var value: String
}

/// A start tag as a visitor receives it.
public struct XMLStartTag: Sendable, Equatable {
    public var name: XMLName
    public var attributes: [XMLAttribute]

    /// The value of the first attribute with this local name, whatever its namespace.
    public func attribute(_ localName: String) -> String? {
        attributes.first { $0.name.localName == localName }?.value
    }
}

/// Receives an XML document's elements and text in document order from
/// ``XMLReader/read(_:url:into:)``.
///
/// Every start tag gets exactly one `end`, also for `<empty/>` elements.
/// Text may arrive in several pieces (CDATA sections, character
/// references); a visitor that wants an element's text joins them.
public protocol XMLVisitor {
    mutating func start(_ tag: XMLStartTag)
    mutating func text(_ text: String)
    mutating func end(_ name: XMLName)
    /// Read after every event: false stops reading (a visitor that has all it may take).
    var wantsMore: Bool { get }
}

extension XMLVisitor {
    public var wantsMore: Bool { true }
}

/// How a read ended.
public struct XMLReadResult: Sendable, Equatable {
    /// Errors libxml2 reported (and recovered from, where it could).
    public var errors: Int
    /// The reader reached the end of the document.
    public var reachedEnd: Bool
    /// The visitor stopped the read (``XMLVisitor/wantsMore``).
    public var stoppedByVisitor: Bool
    /// Nesting went past libxml2's limit (256 levels).
    public var depthExceeded: Bool

    /// Read to the end without a single error.
    public var isWellFormed: Bool { reachedEnd && errors == 0 }
}

/// Streams an XML document (sitemaps, feeds) through libxml2's pull reader,
/// so memory stays flat however many entries a file holds.
///
/// The document can neither fetch nor read anything on its own behalf: no
/// network (`XML_PARSE_NONET`), no external DTD (`XML_PARSE_DTDLOAD` not
/// set), no DTD default attributes, and entities are never substituted
/// (`XML_PARSE_NOENT` not set): a reference to a declared entity is
/// dropped, only the five predefined entities and character references
/// become text. libxml2's own limits stay on (no `XML_PARSE_HUGE`): a text
/// node over 10 MB or nesting over 256 levels is an error, not a crash.
public enum XMLReader {
    static let options = Int32(
        XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue
            | XML_PARSE_NOWARNING.rawValue)

    /// Reads `bytes` (the encoding from the BOM or the XML declaration,
    /// UTF-8 without either) and calls the visitor. `url` only names the
    /// document in libxml2's messages; nothing is ever loaded from it.
    @discardableResult
    public static func read<V: XMLVisitor>(_ bytes: [UInt8], url: String? = nil, into visitor: inout V) -> XMLReadResult
    {
        HTMLParser.initializeOnce()
        var result = XMLReadResult(errors: 0, reachedEnd: false, stoppedByVisitor: false, depthExceeded: false)
        guard !bytes.isEmpty, bytes.count < Int(Int32.max) else {
            result.errors = 1
            return result
        }
        var tally = cxml_error_tally()
        withUnsafeMutablePointer(to: &tally) { tallyPointer in
            cxml_collect_errors(tallyPointer)
            defer { cxml_stop_collecting_errors() }
            bytes.withUnsafeBufferPointer { buffer in
                buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                    // The reader reads from `bytes` in place: it must not outlive this closure.
                    guard let reader = xmlReaderForMemory(chars, Int32(buffer.count), url, nil, options) else { return }
                    defer { xmlFreeTextReader(reader) }
                    walk(reader, into: &visitor, result: &result)
                }
            }
        }
        result.errors += Int(tally.errors)
        result.depthExceeded = tally.depth_exceeded != 0
        return result
    }

    private static func walk<V: XMLVisitor>(
        _ reader: xmlTextReaderPtr, into visitor: inout V, result: inout XMLReadResult
    ) {
        let element = Int32(XML_READER_TYPE_ELEMENT.rawValue)
        let endElement = Int32(XML_READER_TYPE_END_ELEMENT.rawValue)
        let textTypes: Set<Int32> = [
            Int32(XML_READER_TYPE_TEXT.rawValue), Int32(XML_READER_TYPE_CDATA.rawValue),
            Int32(XML_READER_TYPE_WHITESPACE.rawValue), Int32(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue),
        ]
        while true {
            let status = xmlTextReaderRead(reader)
            if status == 0 {
                result.reachedEnd = true
                return
            }
            guard status > 0 else { return }
            let type = xmlTextReaderNodeType(reader)
            if type == element {
                let name = currentName(reader)
                let isEmpty = xmlTextReaderIsEmptyElement(reader) == 1
                visitor.start(XMLStartTag(name: name, attributes: attributes(reader)))
                if isEmpty { visitor.end(name) }
            } else if type == endElement {
                visitor.end(currentName(reader))
            } else if textTypes.contains(type) {
                // Entity references (type 5) fall through here unread: never expanded.
                if let value = xmlTextReaderConstValue(reader) { visitor.text(String(cString: value)) }
            }
            if !visitor.wantsMore {
                result.stoppedByVisitor = true
                return
            }
        }
    }

    private static func currentName(_ reader: xmlTextReaderPtr) -> XMLName {
        let local = xmlTextReaderConstLocalName(reader).map { String(cString: $0) } ?? ""
        return XMLName(local, namespace: xmlTextReaderConstNamespaceUri(reader).map { String(cString: $0) })
    }

    private static func attributes(_ reader: xmlTextReaderPtr) -> [XMLAttribute] {
        guard xmlTextReaderHasAttributes(reader) == 1 else { return [] }
        var attributes: [XMLAttribute] = []
        while xmlTextReaderMoveToNextAttribute(reader) == 1 {
            if xmlTextReaderIsNamespaceDecl(reader) == 1 { continue }
            let value = xmlTextReaderConstValue(reader).map { String(cString: $0) } ?? ""
            attributes.append(XMLAttribute(name: currentName(reader), value: value))
        }
        _ = xmlTextReaderMoveToElement(reader)
        return attributes
    }
}

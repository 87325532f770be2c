import CLibXML2

/// A parsed HTML page. Owns its libxml2 tree and frees it on deinit; no
/// libxml2 pointer leaves this module.
///
/// Parsing uses recover mode, never touches the network (`HTML_PARSE_NONET`)
/// and never substitutes entities from a DTD (`HTML_PARSE_NOENT` is not set),
/// so a page can neither fetch nor read anything on its own behalf.
/// Not Sendable: a document stays on the thread that parsed it.
public final class HTMLDocument {
    private let doc: htmlDocPtr

    /// Parses `bytes` as HTML in `encoding` (a name iconv knows, such as
    /// `UTF-8` or `CP949`).
    public init(bytes: [UInt8], encoding: String, url: String? = nil) throws(HTMLParseError) {
        HTMLParser.initializeOnce()
        cxml_silence_errors()
        guard !bytes.isEmpty, bytes.count < Int(Int32.max) else {
            throw HTMLParseError(reason: bytes.isEmpty ? "empty document" : "document too large for libxml2")
        }
        let options = Int32(
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
                | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_COMPACT.rawValue)
        let parsed = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                htmlReadMemory(chars, Int32(buffer.count), url, encoding, options)
            }
        }
        guard let parsed else {
            throw HTMLParseError(reason: "libxml2 could not parse the document as \(encoding)")
        }
        doc = parsed
    }

    deinit { xmlFreeDoc(doc) }

    /// Walks the tree once, depth first, without recursion (a page may nest
    /// elements 100,000 deep), calling the visitor for elements and text.
    public func walk<V: HTMLVisitor>(_ visitor: inout V) {
        guard let root = xmlDocGetRootElement(doc) else { return }
        var node: xmlNodePtr? = root
        while let current = node {
            var descend = false
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                let element = HTMLElement(node: current)
                if visitor.enter(element) == .descend, current.pointee.children != nil {
                    descend = true
                } else {
                    visitor.exit(element)
                }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content {
                    visitor.text(String(cString: content))
                }
            default:
                break
            }
            if descend {
                node = current.pointee.children
                continue
            }
            // Climb until a node has a next sibling, closing elements on the way.
            var climbing = current
            node = nil
            while climbing != root {
                if let next = climbing.pointee.next {
                    node = next
                    break
                }
                guard let parent = climbing.pointee.parent else { break }
                climbing = parent
                if parent.pointee.type == XML_ELEMENT_NODE {
                    visitor.exit(HTMLElement(node: parent))
                }
            }
        }
    }
}

/// One element during a walk. Valid only inside the visitor call that received it.
public struct HTMLElement {
    fileprivate let node: xmlNodePtr

    /// The lowercase tag name.
    public var name: String {
        node.pointee.name.map { String(cString: $0) } ?? ""
    }

    /// True when the tag name equals `lowercaseName` (compared bytewise, no allocation).
    public func isNamed(_ lowercaseName: StaticString) -> Bool {
        guard let name = node.pointee.name else { return false }
        let wanted = lowercaseName.utf8Start
        var i = 0
        while i < lowercaseName.utf8CodeUnitCount {
            if name[i] != wanted[i] { return false }
            i += 1
        }
        return name[i] == 0
    }

    public func attribute(_ name: String) -> String? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { cxml_free(value) }
        return String(cString: value)
    }
}

public enum VisitDecision { case descend, skip }

/// Receives a document walk. `exit` is called for every element `enter` was
/// called for, including skipped ones.
public protocol HTMLVisitor {
    mutating func enter(_ element: HTMLElement) -> VisitDecision
    mutating func text(_ text: String)
    mutating func exit(_ element: HTMLElement)
}

public struct HTMLParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }
}

public enum HTMLParser {
    private static let initialized: Void = { xmlInitParser() }()

    /// Initializes libxml2 once per process. Call from the main thread before
    /// starting workers; parsing calls it too, as a safety net.
    public static func initializeOnce() { _ = initialized }

    public static var libxml2Version: String { String(cString: cxml_parser_version()) }
}

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
    /// What libxml2 reported while parsing.
    public let issues: ParseIssues

    /// Parses UTF-8 `bytes` (decode other encodings first, see
    /// ``CharsetSniffer``). A `<meta charset>` inside is ignored. Parsing that
    /// takes longer than `timeLimit` is abandoned between two chunks.
    public init(utf8 bytes: [UInt8], url: String? = nil, timeLimit: Duration? = nil) throws(HTMLParseError) {
        HTMLParser.initializeOnce()
        guard !bytes.isEmpty else { throw HTMLParseError(reason: "empty document") }
        guard bytes.count < Int(Int32.max) else { throw HTMLParseError(reason: "document too large for libxml2") }

        var tally = cxml_error_tally()
        enum Outcome {
            case parsed(htmlDocPtr)
            case abandoned, failed
        }
        let outcome = withUnsafeMutablePointer(to: &tally) { tallyPointer -> Outcome in
            cxml_collect_errors(tallyPointer)
            defer { cxml_stop_collecting_errors() }
            guard let context = htmlCreatePushParserCtxt(nil, nil, nil, 0, url, XML_CHAR_ENCODING_UTF8) else {
                return .failed
            }
            defer { htmlFreeParserCtxt(context) }
            htmlCtxtUseOptions(context, HTMLParser.options | Int32(HTML_PARSE_COMPACT.rawValue))
            let abandoned = !HTMLParser.feed(bytes, to: context, timeLimit: timeLimit)
            let document = cxml_push_parser_document(context)
            cxml_push_parser_forget_document(context)
            if abandoned {
                if let document { xmlFreeDoc(document) }
                return .abandoned
            }
            return document.map(Outcome.parsed) ?? .failed
        }
        switch outcome {
        case .parsed(let document): doc = document
        case .abandoned: throw HTMLParseError(reason: "parsing took longer than the limit of \(timeLimit!)")
        case .failed: throw HTMLParseError(reason: "libxml2 could not parse the document")
        }
        issues = ParseIssues(
            errors: Int(tally.errors), depthExceeded: tally.depth_exceeded != 0, hugeText: tally.huge_text != 0)
    }

    deinit { xmlFreeDoc(doc) }

    /// Whether a NUL-terminated text holds only ASCII whitespace.
    private static func isASCIIWhitespace(_ text: UnsafePointer<xmlChar>) -> Bool {
        var p = text
        while p.pointee != 0 {
            let c = p.pointee
            guard c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D || c == 0x0C else { return false }
            p += 1
        }
        return true
    }

    /// What an XPath expression selected: an element's identity (the same
    /// as ``HTMLElement/nodeID`` during a walk) and its text content, or an
    /// attribute's or text node's value (no identity).
    public struct Selection: Sendable, Equatable {
        public var nodeID: Int?
        public var text: String
    }

    /// The nodes an XPath 1.0 expression selects, in document order. An
    /// invalid expression selects nothing (profiles check theirs with
    /// ``isValidXPath(_:)`` when loaded).
    public func select(_ xpath: String) -> [Selection] {
        var tally = cxml_error_tally()
        return withUnsafeMutablePointer(to: &tally) { tallyPointer in
            cxml_collect_errors(tallyPointer)
            defer { cxml_stop_collecting_errors() }
            guard let context = xmlXPathNewContext(doc) else { return [] }
            defer { xmlXPathFreeContext(context) }
            guard let result = xmlXPathEvalExpression(xpath, context) else { return [] }
            defer { xmlXPathFreeObject(result) }
            switch result.pointee.type {
            case XPATH_NODESET:
                guard let set = result.pointee.nodesetval, set.pointee.nodeNr > 0, let nodes = set.pointee.nodeTab
                else { return [] }
                var selections: [Selection] = []
                for index in 0..<Int(set.pointee.nodeNr) {
                    guard let node = nodes[index] else { continue }
                    var text = ""
                    if let content = xmlNodeGetContent(node) {
                        text = String(cString: content)
                        cxml_free(content)
                    }
                    let isElement = node.pointee.type == XML_ELEMENT_NODE
                    selections.append(Selection(nodeID: isElement ? Int(bitPattern: node) : nil, text: text))
                }
                return selections
            case XPATH_STRING:
                return result.pointee.stringval.map { [Selection(nodeID: nil, text: String(cString: $0))] } ?? []
            default:
                return []
            }
        }
    }

    /// Whether `xpath` compiles as an XPath 1.0 expression.
    public static func isValidXPath(_ xpath: String) -> Bool {
        HTMLParser.initializeOnce()
        var tally = cxml_error_tally()
        return withUnsafeMutablePointer(to: &tally) { tallyPointer in
            cxml_collect_errors(tallyPointer)
            defer { cxml_stop_collecting_errors() }
            guard let compiled = xmlXPathCompile(xpath) else { return false }
            xmlXPathFreeCompExpr(compiled)
            return true
        }
    }

    /// Walks the tree once, depth first, without recursion (a page may nest
    /// elements 100,000 deep), calling the visitor for elements and text.
    public func walk<V: HTMLVisitor>(_ visitor: inout V) {
        guard let root = xmlDocGetRootElement(doc) else { return }
        var node: xmlNodePtr? = root
        while let current = node {
            var descend = false
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                let element = HTMLElement(node: current).declaring(for: V.self)
                if visitor.enter(element) == .descend, current.pointee.children != nil {
                    descend = true
                } else {
                    visitor.exit(element)
                }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content {
                    // Indentation between tags is most text nodes: one shared space, no allocation.
                    visitor.text(Self.isASCIIWhitespace(content) ? " " : String(cString: content))
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

/// What libxml2 reported while recovering a broken page.
public struct ParseIssues: Sendable, Equatable {
    /// Parse errors (recovered from).
    public var errors: Int
    /// Nesting went past libxml2's limit (256 levels); deeper elements were dropped.
    public var depthExceeded: Bool
    /// A text or attribute was over libxml2's 10 MB limit and was cut.
    public var hugeText: Bool
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

    /// The options of every parse: recover from errors, never touch the
    /// network, keep quiet, and ignore `<meta charset>` (the bytes are UTF-8 already).
    static let options = Int32(
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_IGNORE_ENC.rawValue)

    /// Bytes fed to libxml2 at a time; the time limit is checked between chunks.
    static let chunkSize = 256 * 1024

    /// The length of the chunk fed from `offset`: up to ``chunkSize``, ending
    /// before a `<` in its second half when there is one. libxml2's push
    /// parser reads an end tag split between two chunks inside a script or
    /// style (`</sty` then `le>`) as text, and runs the style on to the next
    /// whole end tag: where the chunks end must not decide the page.
    static func chunkLength(_ buffer: UnsafeBufferPointer<UInt8>, from offset: Int) -> Int {
        let length = min(chunkSize, buffer.count - offset)
        guard offset + length < buffer.count else { return length }
        var end = offset + length
        while end > offset + length / 2 {
            if buffer[end] == UInt8(ascii: "<") { return end - offset }
            end -= 1
        }
        return length
    }

    /// Feeds `bytes` to a push parser chunk by chunk; false when `timeLimit` passed first.
    static func feed(_ bytes: [UInt8], to context: htmlParserCtxtPtr, timeLimit: Duration?) -> Bool {
        let started = ContinuousClock.now
        return bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                var offset = 0
                while offset < buffer.count {
                    let length = chunkLength(buffer, from: offset)
                    let last = offset + length == buffer.count
                    htmlParseChunk(context, chars + offset, Int32(length), last ? 1 : 0)
                    offset += length
                    if !last, let timeLimit, ContinuousClock.now - started > timeLimit { return false }
                }
                return true
            }
        }
    }
}

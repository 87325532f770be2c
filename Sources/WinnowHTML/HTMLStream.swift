import CLibXML2

/// Parses HTML with libxml2's SAX interface and hands the elements and text
/// straight to a visitor, without building a tree: the tree costs about as
/// much to build and free as the parse itself, and extraction reads each
/// node once. The visitor sees what ``HTMLDocument/walk(_:)`` would show it
/// for the same bytes (libxml2 emits the same start and end events, implied
/// and auto-closed elements included), except that whitespace between block
/// elements, which the tree builder drops, may arrive as text.
///
/// Use ``HTMLDocument`` when XPath is needed (site profiles).
public enum HTMLStream {
    /// libxml2's tree builder drops elements nested deeper than this; the
    /// stream does the same, so that both see the same page.
    static let maximumDepth = 257
    /// libxml2's tree builder cuts text nodes at 10,000,000 bytes; so does the stream.
    static let maximumTextBytes = 10_000_000

    /// Parses UTF-8 `bytes` (decode other encodings first, see
    /// ``CharsetSniffer``), calling `visitor` for every element and text in
    /// document order. A `<meta charset>` inside is ignored. Parsing that
    /// takes longer than `timeLimit` is abandoned between two chunks.
    public static func parse<V: HTMLVisitor>(
        utf8 bytes: [UInt8], url: String? = nil, timeLimit: Duration? = nil,
        visitor: inout V
    ) throws(HTMLParseError) -> ParseIssues {
        HTMLParser.initializeOnce()
        guard !bytes.isEmpty else { throw HTMLParseError(reason: "empty document") }
        guard bytes.count < Int(Int32.max) else { throw HTMLParseError(reason: "document too large for libxml2") }

        let driver = VisitorDriver(visitor)
        var handler = htmlSAXHandler()
        handler.startElement = { context, name, attributes in
            guard let context, let name else { return }
            Unmanaged<SAXDriver>.fromOpaque(context).takeUnretainedValue().start(name, attributes)
        }
        handler.endElement = { context, name in
            guard let context, let name else { return }
            Unmanaged<SAXDriver>.fromOpaque(context).takeUnretainedValue().end(name)
        }
        handler.characters = { context, text, length in
            guard let context, let text else { return }
            Unmanaged<SAXDriver>.fromOpaque(context).takeUnretainedValue().characters(text, Int(length))
        }
        // Script and style content (only JSON-LD survives the pre-parse filter) is text, as in the tree.
        handler.cdataBlock = handler.characters

        var tally = cxml_error_tally()
        var abandoned = false
        var failed = false
        withUnsafeMutablePointer(to: &tally) { tallyPointer in
            cxml_collect_errors(tallyPointer)
            defer { cxml_stop_collecting_errors() }
            let context = withUnsafeMutablePointer(to: &handler) { handlerPointer in
                htmlCreatePushParserCtxt(
                    handlerPointer, Unmanaged.passUnretained(driver as SAXDriver).toOpaque(),
                    nil, 0, url, XML_CHAR_ENCODING_UTF8)
            }
            guard let context else {
                failed = true
                return
            }
            defer { htmlFreeParserCtxt(context) }
            htmlCtxtUseOptions(context, HTMLParser.options)
            abandoned = !HTMLParser.feed(bytes, to: context, timeLimit: timeLimit)
            // Before the context goes: element names live in its dictionary.
            if !abandoned { driver.finish() }
        }
        if failed { throw HTMLParseError(reason: "libxml2 could not parse the document") }
        if abandoned { throw HTMLParseError(reason: "parsing took longer than the limit of \(timeLimit!)") }
        visitor = driver.visitor
        return ParseIssues(
            errors: Int(tally.errors), depthExceeded: driver.depthExceeded,
            hugeText: driver.hugeText || tally.huge_text != 0)
    }
}

/// What the C callbacks call: a class, so that one pointer reaches it, and
/// not generic, so that a C function can name it. ``VisitorDriver`` does the work.
class SAXDriver {
    func start(_ name: UnsafePointer<xmlChar>, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {}
    func end(_ name: UnsafePointer<xmlChar>) {}
    func characters(_ text: UnsafePointer<xmlChar>, _ length: Int) {}
}

/// Turns SAX events into visitor calls: joins the pieces of one text,
/// leaves out what a skipped element holds, and drops what lies deeper
/// than libxml2's tree would keep.
final class VisitorDriver<V: HTMLVisitor>: SAXDriver {
    /// Not generic (a generic state type would have its metadata looked up at run time on every event).
    private struct State {
        /// Names of the elements entered and not yet exited (libxml2's name pointers stay valid while open).
        var open: [UnsafePointer<xmlChar>] = []
        /// Depth of the element the visitor skipped, while inside it.
        var skippedAt: Int?
        /// Elements open below ``HTMLStream/maximumDepth``, not shown to the visitor.
        var tooDeep = 0
        var ordinal = 0
        /// Text received since the last tag.
        var pendingText: [UInt8] = []
        /// What the visitor was given last, when only skipped elements came after it (``LastText``).
        var lastText = LastText.none
        /// The bytes at the start of ``pendingText`` already given as one space (``LastText/space``).
        var heldSpace = 0
        var depthExceeded = false
        var hugeText = false
    }

    /// The text the visitor was given since its last element event. Texts
    /// with only skipped elements the pre-parse filter may cut between them
    /// are given as one text would be: where the filter cuts them, libxml2
    /// reads the texts as one (two indentations, one space).
    enum LastText {
        case none
        /// Whitespace given as one space.
        case space
        /// Text given as it came.
        case text
    }

    /// Behind pointers: a class's stored properties are checked for
    /// exclusive access at run time on every use, a cost on every SAX event.
    private let state: UnsafeMutablePointer<State>
    private let visitorStorage: UnsafeMutablePointer<V>

    var visitor: V { visitorStorage.pointee }
    var depthExceeded: Bool { state.pointee.depthExceeded }
    var hugeText: Bool { state.pointee.hugeText }

    init(_ visitor: V) {
        state = .allocate(capacity: 1)
        state.initialize(to: State())
        state.pointee.pendingText.reserveCapacity(4096)
        visitorStorage = .allocate(capacity: 1)
        visitorStorage.initialize(to: visitor)
    }

    deinit {
        state.deinitialize(count: 1)
        state.deallocate()
        visitorStorage.deinitialize(count: 1)
        visitorStorage.deallocate()
    }

    override func start(_ name: UnsafePointer<xmlChar>, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        flushText()
        if state.pointee.tooDeep > 0 || state.pointee.open.count >= HTMLStream.maximumDepth {
            state.pointee.tooDeep += 1
            state.pointee.depthExceeded = true
            return
        }
        state.pointee.open.append(name)
        state.pointee.ordinal += 1
        guard state.pointee.skippedAt == nil else { return }
        let element = HTMLElement(tag: name, attributes: attributes, ordinal: state.pointee.ordinal)
            .declaring(for: V.self)
        if visitorStorage.pointee.enter(element) == .skip {
            state.pointee.skippedAt = state.pointee.open.count
            // Only what the pre-parse filter may cut joins texts (a `<br>` the visitor reads and skips does not).
            if state.pointee.lastText != .none, !ParseFilter.mayCut(element.tagKey) { endText() }
        } else {
            endText()
        }
    }

    override func end(_ name: UnsafePointer<xmlChar>) {
        flushText()
        if state.pointee.tooDeep > 0 {
            state.pointee.tooDeep -= 1
            return
        }
        guard let openName = state.pointee.open.popLast() else { return }
        if let skipped = state.pointee.skippedAt {
            guard state.pointee.open.count + 1 == skipped else { return }
            state.pointee.skippedAt = nil
        } else {
            endText()
        }
        visitorStorage.pointee.exit(HTMLElement(tag: openName, attributes: nil, ordinal: 0))
    }

    override func characters(_ text: UnsafePointer<xmlChar>, _ length: Int) {
        guard state.pointee.tooDeep == 0, state.pointee.skippedAt == nil, !state.pointee.open.isEmpty, length > 0 else {
            return
        }
        let room = HTMLStream.maximumTextBytes - state.pointee.pendingText.count
        if length > room { state.pointee.hugeText = true }
        state.pointee.pendingText.append(contentsOf: UnsafeBufferPointer(start: text, count: min(length, max(room, 0))))
    }

    /// Closes what the parser left open (it closes everything when a document ends well).
    func finish() {
        flushText()
        while let name = state.pointee.open.last { end(name) }
    }

    private func flushText() {
        let held = state.pointee.heldSpace
        guard state.pointee.pendingText.count > held else { return }
        let blank = state.pointee.pendingText.withUnsafeBufferPointer { bytes in
            var i = held
            while i < bytes.count,
                bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x09 || bytes[i] == 0x0D || bytes[i] == 0x0C
            { i += 1 }
            return i == bytes.count
        }
        if blank && state.pointee.lastText != .text {
            if held == 0 {
                // Indentation between tags is most text: it arrives as one space (kept, in case text joins it).
                var space: UInt8 = 0x20
                withUnsafePointer(to: &space) {
                    visitorStorage.pointee.text(utf8: UnsafeBufferPointer(start: $0, count: 1).span)
                }
                state.pointee.lastText = .space
            }
            // Joined to whitespace given as one space, still whitespace: that space stands for both.
            state.pointee.heldSpace = state.pointee.pendingText.count
            return
        }
        state.pointee.pendingText.withUnsafeBufferPointer { bytes in
            // Joined to whitespace given as one space, the whitespace would have come as it is: all but that space.
            visitorStorage.pointee.text(utf8: UnsafeBufferPointer(rebasing: bytes[(held > 0 ? 1 : 0)...]).span)
        }
        state.pointee.lastText = .text
        state.pointee.heldSpace = 0
        state.pointee.pendingText.removeAll(keepingCapacity: true)
    }

    /// An element event reached the visitor: later text no longer joins what it was given.
    @inline(__always) private func endText() {
        state.pointee.lastText = .none
        if state.pointee.heldSpace > 0 {
            state.pointee.heldSpace = 0
            state.pointee.pendingText.removeAll(keepingCapacity: true)
        }
    }
}

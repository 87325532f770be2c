import Foundation

/// The named fields of a WARC record header (or of an HTTP message head),
/// in the order they were written; names compare without case.
public struct HeaderFields: Sendable, Equatable {
    public struct Field: Sendable, Equatable {
        public var name: String
        public var value: String
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public var fields: [Field]

    public init(_ fields: [Field] = []) { self.fields = fields }

    /// The first field of that name.
    public subscript(name: String) -> String? {
        for field in fields where Self.sameName(field.name, name) { return field.value }
        return nil
    }

    /// Field names compare without case (ASCII, as HTTP and WARC define them).
    static func sameName(_ a: String, _ b: String) -> Bool {
        var x = a.utf8.makeIterator()
        var y = b.utf8.makeIterator()
        while true {
            switch (x.next(), y.next()) {
            case (nil, nil): return true
            case (let p?, let q?):
                if p != q, p | 0x20 != q | 0x20 || !(0x61...0x7A).contains(p | 0x20) { return false }
            default: return false
            }
        }
    }

    public mutating func append(_ name: String, _ value: String) { fields.append(Field(name: name, value: value)) }

    /// Parses `Name: value` lines (CRLF or bare LF; folded continuation lines
    /// joined). Nil names the first line that is not a field.
    static func parse(_ bytes: ArraySlice<UInt8>) -> (HeaderFields, badLine: String?) {
        var fields = HeaderFields()
        var index = bytes.startIndex
        while index < bytes.endIndex {
            var end = bytes[index...].firstIndex(of: 0x0A) ?? bytes.endIndex
            let next = end < bytes.endIndex ? end + 1 : end
            if end > index, bytes[end - 1] == 0x0D { end -= 1 }
            let line = bytes[index..<end]
            index = next
            if line.isEmpty { continue }
            if line.first == 0x20 || line.first == 0x09, !fields.fields.isEmpty {
                let more = String(decoding: line, as: UTF8.self).trimmingASCIISpace()
                fields.fields[fields.fields.count - 1].value += " " + more
                continue
            }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex else {
                return (fields, String(decoding: line.prefix(80), as: UTF8.self))
            }
            let name = String(decoding: line[..<colon], as: UTF8.self).trimmingASCIISpace()
            let value = String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingASCIISpace()
            fields.append(name, value)
        }
        return (fields, nil)
    }
}

/// One WARC record as stored: the version line, the named fields and the block.
public struct WARCRecord: Sendable {
    /// `WARC/1.0` or `WARC/1.1`.
    public var version: String
    public var headers: HeaderFields
    /// The record block (for a `response`, the HTTP message as received).
    public var block: [UInt8]

    public init(version: String = "WARC/1.1", headers: HeaderFields, block: [UInt8]) {
        self.version = version
        self.headers = headers
        self.block = block
    }

    /// `WARC-Type`, lower-cased: `warcinfo`, `response`, `resource`, `request`, `metadata`, `revisit`, …
    public var type: String { headers["WARC-Type"]?.lowercased() ?? "" }
    public var recordID: String? { headers["WARC-Record-ID"] }
    public var date: String? { headers["WARC-Date"] }

    /// `WARC-Target-URI` as other readers give it: `<…>` wrappers (wget,
    /// WARC 1.0's grammar) stripped, spaces escaped as `%20`.
    public var targetURI: String? {
        headers["WARC-Target-URI"].map(Self.cleanURI)
    }

    /// A URI field as readers give it: `<…>` stripped, spaces as `%20`.
    public static func cleanURI(_ value: String) -> String {
        var uri = value.utf8[...]
        func trim() {
            while let first = uri.first, isASCIISpace(first) { uri = uri.dropFirst() }
            while let last = uri.last, isASCIISpace(last) { uri = uri.dropLast() }
        }
        trim()
        if uri.first == UInt8(ascii: "<") && uri.last == UInt8(ascii: ">") && uri.count >= 2 {
            uri = uri.dropFirst().dropLast()
            trim()
        }
        guard uri.contains(0x20) else { return String(Substring(uri)) }
        var out: [UInt8] = []
        out.reserveCapacity(uri.count + 8)
        for byte in uri {
            if byte == 0x20 { out.append(contentsOf: [0x25, 0x32, 0x30]) } else { out.append(byte) }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

func isASCIISpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }

extension String {
    func trimmingASCIISpace() -> String {
        var s = utf8[...]
        while let first = s.first, isASCIISpace(first) { s = s.dropFirst() }
        while let last = s.last, isASCIISpace(last) { s = s.dropLast() }
        return s.count == utf8.count ? self : String(Substring(s))
    }
}

/// A record read by ``WARCReader/nextParts()``: the header as parsed and as
/// stored, and the block in two parts, so that a page's body travels on
/// without another copy.
public struct WARCRecordParts: Sendable {
    /// `WARC/1.0` or `WARC/1.1`.
    public var version: String
    public var headers: HeaderFields
    /// The record header as the file holds it: the version line, the fields
    /// and the empty line that ends them.
    public var headerBytes: [UInt8]
    /// The HTTP head of a `response` or `revisit` block (status line, fields,
    /// empty line); empty when the block is not an HTTP message.
    public var httpHead: [UInt8]
    /// The rest of the block: the HTTP body as stored, or the whole block.
    public var body: [UInt8]

    public init(version: String, headers: HeaderFields, headerBytes: [UInt8], httpHead: [UInt8], body: [UInt8]) {
        self.version = version
        self.headers = headers
        self.headerBytes = headerBytes
        self.httpHead = httpHead
        self.body = body
    }

    /// Parts from the record header bytes with the HTTP head joined after
    /// them (how `winnow run` hands a record to its workers), and the body;
    /// nil when the header does not parse.
    public init?(joinedHead head: [UInt8], body: [UInt8]) {
        guard let headerEnd = WARCReader.find([0x0D, 0x0A, 0x0D, 0x0A], in: head, from: 0) else { return nil }
        let firstLineEnd = WARCReader.find([0x0D, 0x0A], in: head, from: 0) ?? headerEnd
        let version = String(decoding: head[0..<firstLineEnd], as: UTF8.self)
        guard version.hasPrefix("WARC/") else { return nil }
        let (headers, bad) = HeaderFields.parse(head[min(firstLineEnd + 2, headerEnd)..<headerEnd])
        guard bad == nil else { return nil }
        self.init(
            version: version, headers: headers, headerBytes: Array(head[..<(headerEnd + 4)]),
            httpHead: Array(head[(headerEnd + 4)...]), body: body)
    }

    /// `WARC-Type`, lower-cased.
    public var type: String { headers["WARC-Type"]?.lowercased() ?? "" }
    public var recordID: String? { headers["WARC-Record-ID"] }
    /// `WARC-Target-URI` as ``WARCRecord/targetURI``.
    public var targetURI: String? { headers["WARC-Target-URI"].map(WARCRecord.cleanURI) }
    /// The record as ``WARCReader/next()`` gives it (the block joined: a copy).
    public var record: WARCRecord { WARCRecord(version: version, headers: headers, block: httpHead + body) }
}

extension WARCRecord {
    /// The version line, the fields and the empty line that ends them;
    /// `Content-Length` is written from the block.
    public func headerBytes() -> [UInt8] {
        var head = version + "\r\n"
        for field in headers.fields where field.name.lowercased() != "content-length" {
            head += field.name + ": " + field.value + "\r\n"
        }
        head += "Content-Length: \(block.count)\r\n\r\n"
        return Array(head.utf8)
    }

    /// Parses what ``headerBytes()`` makes, with the block kept apart.
    public static func parse(head: [UInt8], block: [UInt8]) -> WARCRecord? {
        let firstLineEnd = WARCReader.find([0x0D, 0x0A], in: head, from: 0) ?? head.count
        let version = String(decoding: head[0..<firstLineEnd], as: UTF8.self)
        guard version.hasPrefix("WARC/") else { return nil }
        let (headers, bad) = HeaderFields.parse(head[min(firstLineEnd + 2, head.count)...])
        guard bad == nil else { return nil }
        return WARCRecord(version: version, headers: headers, block: block)
    }

    /// The record as a file holds it: version line, fields, an empty line,
    /// the block, two blank lines.
    public func serialized() -> [UInt8] {
        var bytes = headerBytes()
        bytes.reserveCapacity(bytes.count + block.count + 4)
        bytes.append(contentsOf: block)
        bytes.append(contentsOf: [0x0D, 0x0A, 0x0D, 0x0A])
        return bytes
    }

    /// Parses what ``serialized()`` makes (one whole record in memory).
    public static func parse(_ bytes: [UInt8]) -> WARCRecord? {
        guard let headEnd = WARCReader.find([0x0D, 0x0A, 0x0D, 0x0A], in: bytes, from: 0) else { return nil }
        let firstLineEnd = WARCReader.find([0x0D, 0x0A], in: bytes, from: 0) ?? headEnd
        let version = String(decoding: bytes[0..<firstLineEnd], as: UTF8.self)
        guard version.hasPrefix("WARC/") else { return nil }
        let (headers, bad) = HeaderFields.parse(bytes[min(firstLineEnd + 2, headEnd)..<headEnd])
        guard bad == nil, let length = headers["Content-Length"].flatMap({ Int($0) }),
            headEnd + 4 + length <= bytes.count
        else { return nil }
        return WARCRecord(
            version: version, headers: headers, block: Array(bytes[(headEnd + 4)..<(headEnd + 4 + length)]))
    }
}

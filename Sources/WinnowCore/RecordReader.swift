/// Reads a record back from its JSON line, the inverse of
/// ``Record/jsonLine()``.
///
/// Export reads every record of a run; Foundation's `JSONDecoder` spent
/// about 57 µs a record on Linux (half the CPU of a Parquet export, measured
/// with `make bench-export`). This reader parses the bytes once into the
/// record's fields. It accepts any valid JSON object with the record's keys
/// (unknown keys are skipped, as the decoder did), and a test compares it with
/// `JSONDecoder` on every record of Samples/ and the benchmark pages.
public struct RecordReader {
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// One JSON value; numbers keep their text so integers and doubles read exactly.
    indirect enum Value {
        case string(String)
        case number(Substring)
        case bool(Bool)
        case null
        case array([Value])
        case object([(String, Value)])
    }

    public init() {}

    public func record(_ line: ArraySlice<UInt8>) throws(Failure) -> Record {
        var parser = Parser(bytes: line)
        let value = try parser.document()
        guard case .object(let members) = value else {
            throw Failure(description: "a record line is not a JSON object")
        }
        var id: String?
        var source: Record.Source?
        var fields: [(String, Value)] = []
        fields.reserveCapacity(members.count)
        for (key, value) in members {
            switch key {
            case "id": id = try Self.string(value, key)
            case "source":
                let object = try Self.object(value, key)
                var kind: String?
                var path: String?
                var offset: Int?
                var warcID: String?
                for (k, v) in object {
                    switch k {
                    case "kind": kind = try Self.string(v, k)
                    case "path": path = try Self.string(v, k)
                    case "offset": offset = try Self.int(v, k)
                    case "warc_record_id": warcID = try Self.string(v, k)
                    default: continue
                    }
                }
                guard let kind, let path else { throw Failure(description: "source without kind or path") }
                source = Record.Source(kind: kind, path: path, offset: offset, warcRecordID: warcID)
            default: fields.append((key, value))
            }
        }
        guard let id, let source else { throw Failure(description: "a record line without id or source") }
        var r = Record(id: id, source: source)
        for (key, value) in fields {
            if case .null = value { continue }
            switch key {
            case "url": r.url = try Self.string(value, key)
            case "canonical_url": r.canonicalURL = try Self.string(value, key)
            case "fetched_at": r.fetchedAt = try Self.string(value, key)
            case "http_status": r.httpStatus = try Self.int(value, key)
            case "page_type": r.pageType = try Self.string(value, key)
            case "charset": r.charset = try Self.string(value, key)
            case "title": r.title = try Self.string(value, key)
            case "authors": r.authors = try Self.strings(value, key)
            case "published": r.published = try Self.string(value, key)
            case "modified": r.modified = try Self.string(value, key)
            case "site_name": r.siteName = try Self.string(value, key)
            case "description": r.description = try Self.string(value, key)
            case "language": r.language = try Self.string(value, key)
            case "language_confidence": r.languageConfidence = try Self.double(value, key)
            case "text": r.text = try Self.string(value, key)
            case "paragraphs":
                r.paragraphs = try Self.array(value, key).map { item throws(Failure) in
                    var text: String?
                    var kind = Record.Paragraph.Kind.paragraph
                    var language: String?
                    for (k, v) in try Self.object(item, key) {
                        switch k {
                        case "text": text = try Self.string(v, k)
                        case "kind":
                            let name = try Self.string(v, k)
                            guard let known = Record.Paragraph.Kind(rawValue: name) else {
                                throw Failure(description: "unknown paragraph kind '\(name)'")
                            }
                            kind = known
                        case "language": language = try Self.optionalString(v, k)
                        default: continue
                        }
                    }
                    guard let text else { throw Failure(description: "a paragraph without text") }
                    return Record.Paragraph(text: text, kind: kind, language: language)
                }
            case "captions": r.captions = try Self.strings(value, key)
            case "related":
                r.related = try Self.array(value, key).map { item throws(Failure) in
                    var title: String?
                    var url: String?
                    for (k, v) in try Self.object(item, key) {
                        if k == "title" {
                            title = try Self.optionalString(v, k)
                        } else if k == "url" {
                            url = try Self.optionalString(v, k)
                        }
                    }
                    return Record.Link(title: title, url: url)
                }
            case "alternates":
                r.alternates = try Self.array(value, key).map { item throws(Failure) in
                    var language: String?
                    var url: String?
                    for (k, v) in try Self.object(item, key) {
                        if k == "language" {
                            language = try Self.optionalString(v, k)
                        } else if k == "url" {
                            url = try Self.string(v, k)
                        }
                    }
                    guard let url else { throw Failure(description: "an alternate without url") }
                    return Record.Alternate(language: language, url: url)
                }
            case "translation":
                var t = Record.Translation()
                for (k, v) in try Self.object(value, key) {
                    if case .null = v { continue }
                    switch k {
                    case "translators": t.translators = try Self.strings(v, k)
                    case "editors": t.editors = try Self.strings(v, k)
                    case "original_language": t.originalLanguage = try Self.string(v, k)
                    case "original_url": t.originalURL = try Self.string(v, k)
                    case "notes":
                        t.notes = try Self.array(v, k).map { item throws(Failure) in
                            var text: String?
                            var paragraph: Int?
                            for (nk, nv) in try Self.object(item, k) {
                                if nk == "text" {
                                    text = try Self.string(nv, nk)
                                } else if nk == "paragraph" {
                                    paragraph = try Self.int(nv, nk)
                                }
                            }
                            guard let text, let paragraph else {
                                throw Failure(description: "a note without text or paragraph")
                            }
                            return Record.Translation.Note(text: text, paragraph: paragraph)
                        }
                    default: continue
                    }
                }
                r.translation = t
            case "tags": r.tags = try Self.strings(value, key)
            case "dedup":
                var d = Record.Dedup()
                for (k, v) in try Self.object(value, key) {
                    switch k {
                    case "text_hash": d.textHash = try Self.optionalString(v, k)
                    case "cluster": d.cluster = try Self.optionalString(v, k)
                    case "duplicate_of": d.duplicateOf = try Self.optionalString(v, k)
                    default: continue
                    }
                }
                r.dedup = d
            case "warnings": r.warnings = try Self.strings(value, key)
            default: continue
            }
        }
        return r
    }

    // MARK: Typed access

    private static func string(_ value: Value, _ key: String) throws(Failure) -> String {
        guard case .string(let s) = value else { throw Failure(description: "'\(key)' is not a string") }
        return s
    }

    private static func optionalString(_ value: Value, _ key: String) throws(Failure) -> String? {
        if case .null = value { return nil }
        return try string(value, key)
    }

    private static func int(_ value: Value, _ key: String) throws(Failure) -> Int {
        guard case .number(let text) = value, let n = Int(text) else {
            throw Failure(description: "'\(key)' is not an integer")
        }
        return n
    }

    private static func double(_ value: Value, _ key: String) throws(Failure) -> Double {
        guard case .number(let text) = value, let x = Double(text) else {
            throw Failure(description: "'\(key)' is not a number")
        }
        return x
    }

    private static func array(_ value: Value, _ key: String) throws(Failure) -> [Value] {
        guard case .array(let items) = value else { throw Failure(description: "'\(key)' is not an array") }
        return items
    }

    private static func object(_ value: Value, _ key: String) throws(Failure) -> [(String, Value)] {
        guard case .object(let members) = value else { throw Failure(description: "'\(key)' is not an object") }
        return members
    }

    private static func strings(_ value: Value, _ key: String) throws(Failure) -> [String] {
        var out: [String] = []
        for item in try array(value, key) { out.append(try string(item, key)) }
        return out
    }

    // MARK: Parsing (RFC 8259)

    struct Parser {
        let bytes: ArraySlice<UInt8>
        var index: Int
        /// Nesting bound: a record is 4 levels deep; a hostile line cannot exhaust the stack.
        var depth = 0

        init(bytes: ArraySlice<UInt8>) {
            self.bytes = bytes
            index = bytes.startIndex
        }

        mutating func document() throws(Failure) -> Value {
            let value = try parseValue()
            skipSpace()
            guard index == bytes.endIndex else { throw fail("text after the JSON value") }
            return value
        }

        func fail(_ what: String) -> Failure {
            Failure(description: "record JSON at byte \(index - bytes.startIndex): \(what)")
        }

        mutating func skipSpace() {
            while index < bytes.endIndex,
                bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09
            {
                index += 1
            }
        }

        mutating func parseValue() throws(Failure) -> Value {
            skipSpace()
            guard index < bytes.endIndex else { throw fail("unexpected end") }
            switch bytes[index] {
            case UInt8(ascii: "\""): return .string(try parseString())
            case UInt8(ascii: "{"):
                depth += 1
                guard depth <= 64 else { throw fail("nested too deep") }
                defer { depth -= 1 }
                index += 1
                var members: [(String, Value)] = []
                skipSpace()
                if index < bytes.endIndex, bytes[index] == UInt8(ascii: "}") {
                    index += 1
                    return .object(members)
                }
                while true {
                    skipSpace()
                    guard index < bytes.endIndex, bytes[index] == UInt8(ascii: "\"") else {
                        throw fail("expected a key")
                    }
                    let key = try parseString()
                    skipSpace()
                    guard index < bytes.endIndex, bytes[index] == UInt8(ascii: ":") else { throw fail("expected ':'") }
                    index += 1
                    members.append((key, try parseValue()))
                    skipSpace()
                    guard index < bytes.endIndex else { throw fail("unexpected end in an object") }
                    if bytes[index] == UInt8(ascii: ",") {
                        index += 1
                        continue
                    }
                    if bytes[index] == UInt8(ascii: "}") {
                        index += 1
                        return .object(members)
                    }
                    throw fail("expected ',' or '}'")
                }
            case UInt8(ascii: "["):
                depth += 1
                guard depth <= 64 else { throw fail("nested too deep") }
                defer { depth -= 1 }
                index += 1
                var items: [Value] = []
                skipSpace()
                if index < bytes.endIndex, bytes[index] == UInt8(ascii: "]") {
                    index += 1
                    return .array(items)
                }
                while true {
                    items.append(try parseValue())
                    skipSpace()
                    guard index < bytes.endIndex else { throw fail("unexpected end in an array") }
                    if bytes[index] == UInt8(ascii: ",") {
                        index += 1
                        continue
                    }
                    if bytes[index] == UInt8(ascii: "]") {
                        index += 1
                        return .array(items)
                    }
                    throw fail("expected ',' or ']'")
                }
            case UInt8(ascii: "t"):
                try literal("true")
                return .bool(true)
            case UInt8(ascii: "f"):
                try literal("false")
                return .bool(false)
            case UInt8(ascii: "n"):
                try literal("null")
                return .null
            default:
                let start = index
                while index < bytes.endIndex, Self.numberBytes.contains(bytes[index]) { index += 1 }
                guard index > start else { throw fail("unexpected byte \(bytes[start])") }
                return .number(Substring(decoding: bytes[start..<index], as: UTF8.self))
            }
        }

        static let numberBytes: Set<UInt8> = Set("0123456789+-.eE".utf8)

        mutating func literal(_ word: String) throws(Failure) {
            for byte in word.utf8 {
                guard index < bytes.endIndex, bytes[index] == byte else { throw fail("expected \(word)") }
                index += 1
            }
        }

        /// A string; the common case (no escapes) is one copy of the bytes.
        mutating func parseString() throws(Failure) -> String {
            index += 1  // the opening quote
            let start = index
            while index < bytes.endIndex {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    defer { index += 1 }
                    return String(decoding: bytes[start..<index], as: UTF8.self)
                }
                if byte == UInt8(ascii: "\\") { break }
                index += 1
            }
            var out = Array(bytes[start..<index])
            while index < bytes.endIndex {
                let byte = bytes[index]
                index += 1
                if byte == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
                guard byte == UInt8(ascii: "\\") else {
                    out.append(byte)
                    continue
                }
                guard index < bytes.endIndex else { break }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar), index + 1 < bytes.endIndex,
                        bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                    {
                        index += 2
                        let low = try hex4()
                        if (0xDC00..<0xE000).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            out.append(contentsOf: "\u{FFFD}".utf8)
                            scalar = low
                        }
                    }
                    // A lone surrogate is not a scalar: U+FFFD (Winnow never writes one; JSONDecoder refuses the line).
                    out.append(contentsOf: String(Unicode.Scalar(scalar).map(Character.init) ?? "\u{FFFD}").utf8)
                default: throw fail("bad escape")
                }
            }
            throw fail("unterminated string")
        }

        mutating func hex4() throws(Failure) -> UInt32 {
            guard index + 4 <= bytes.endIndex,
                let value = UInt32(String(decoding: bytes[index..<(index + 4)], as: UTF8.self), radix: 16)
            else {
                throw fail("bad \\u escape")
            }
            index += 4
            return value
        }
    }
}

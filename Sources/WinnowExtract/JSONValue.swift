/// A JSON document as JSON-LD reading needs it: strings kept, numbers and
/// booleans only noted. Foundation's `JSONSerialization` builds an
/// `NSDictionary`/`NSString` tree, an object per value: on news pages it
/// cost about 3% of extraction. The reader accepts what `JSONSerialization`
/// accepts on Linux (checked by a test against it): RFC 8259 plus a leading
/// byte-order mark and one trailing comma before `]` or `}`; a repeated
/// key's last value counts.
enum JSONValue: Equatable {
    case string(String)
    case number
    case bool
    case null
    case array([JSONValue])
    /// Members in document order.
    case object([(key: String, value: JSONValue)])

    static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)): x == y
        case (.number, .number), (.bool, .bool), (.null, .null): true
        case (.array(let x), .array(let y)): x == y
        case (.object(let x), .object(let y)):
            x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: false
        }
    }

    /// The value of `key` in an object (the last, when repeated); nil otherwise.
    subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.last { $0.key == key }?.value
    }

    /// Parses `text`; nil when it is not JSON.
    static func parse(_ text: String) -> JSONValue? {
        var text = text
        return text.withUTF8 { bytes in
            var reader = Reader(bytes: bytes)
            return reader.document()
        }
    }

    /// Nesting deeper than this is refused (JSON-LD nests a few levels).
    static let maximumDepth = 512

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0
        var depth = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func document() -> JSONValue? {
            if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
            guard let value = value() else { return nil }
            skipSpace()
            return i == bytes.count ? value : nil
        }

        mutating func skipSpace() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 {
                i += 1
            }
        }

        mutating func value() -> JSONValue? {
            skipSpace()
            guard i < bytes.count else { return nil }
            switch bytes[i] {
            case UInt8(ascii: "\""): return string().map { .string($0) }
            case UInt8(ascii: "["): return array()
            case UInt8(ascii: "{"): return object()
            case UInt8(ascii: "t"): return literal("true") ? .bool : nil
            case UInt8(ascii: "f"): return literal("false") ? .bool : nil
            case UInt8(ascii: "n"): return literal("null") ? .null : nil
            default: return number() ? .number : nil
            }
        }

        mutating func literal(_ word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard i + count <= bytes.count else { return false }
            for k in 0..<count where bytes[i + k] != word.utf8Start[k] { return false }
            i += count
            return true
        }

        /// `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`
        mutating func number() -> Bool {
            func isDigit(_ k: Int) -> Bool { k < bytes.count && bytes[k] >= 0x30 && bytes[k] <= 0x39 }
            if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard isDigit(i) else { return false }
            if bytes[i] == 0x30 {
                i += 1
                if isDigit(i) { return false }  // no leading zeros
            } else {
                while isDigit(i) { i += 1 }
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                i += 1
                guard isDigit(i) else { return false }
                while isDigit(i) { i += 1 }
            }
            if i < bytes.count, bytes[i] | 0x20 == UInt8(ascii: "e") {
                i += 1
                if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
                guard isDigit(i) else { return false }
                while isDigit(i) { i += 1 }
            }
            return true
        }

        mutating func array() -> JSONValue? {
            depth += 1
            defer { depth -= 1 }
            guard depth <= JSONValue.maximumDepth else { return nil }
            i += 1  // [
            var items: [JSONValue] = []
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
                i += 1
                return .array(items)
            }
            while true {
                guard let item = value() else { return nil }
                items.append(item)
                guard let more = afterMember(closing: UInt8(ascii: "]")) else { return nil }
                if !more { return .array(items) }
            }
        }

        mutating func object() -> JSONValue? {
            depth += 1
            defer { depth -= 1 }
            guard depth <= JSONValue.maximumDepth else { return nil }
            i += 1  // {
            var members: [(key: String, value: JSONValue)] = []
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
                i += 1
                return .object(members)
            }
            while true {
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: "\""), let key = string() else { return nil }
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return nil }
                i += 1
                guard let value = value() else { return nil }
                members.append((key, value))
                guard let more = afterMember(closing: UInt8(ascii: "}")) else { return nil }
                if !more { return .object(members) }
            }
        }

        /// After an array item or object member: true after a `,` (another
        /// follows), false after `closing` (also when one trailing comma
        /// comes before it), nil on anything else.
        mutating func afterMember(closing: UInt8) -> Bool? {
            skipSpace()
            guard i < bytes.count else { return nil }
            if bytes[i] == closing {
                i += 1
                return false
            }
            guard bytes[i] == UInt8(ascii: ",") else { return nil }
            i += 1
            skipSpace()
            if i < bytes.count, bytes[i] == closing {
                i += 1
                return false
            }
            return true
        }

        /// A string from its opening quote; nil on a raw control character,
        /// an unknown escape or a lone surrogate.
        mutating func string() -> String? {
            i += 1  // "
            let start = i
            // Most strings have no escape: taken whole.
            while i < bytes.count, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\\") {
                if bytes[i] < 0x20 { return nil }
                i += 1
            }
            guard i < bytes.count else { return nil }
            if bytes[i] == UInt8(ascii: "\"") {
                i += 1
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<(i - 1)]), as: UTF8.self)
            }
            var out = Array(UnsafeBufferPointer(rebasing: bytes[start..<i]))
            while i < bytes.count {
                let c = bytes[i]
                if c == UInt8(ascii: "\"") {
                    i += 1
                    return String(decoding: out, as: UTF8.self)
                }
                if c < 0x20 { return nil }
                guard c == UInt8(ascii: "\\") else {
                    out.append(c)
                    i += 1
                    continue
                }
                i += 1
                guard i < bytes.count else { return nil }
                switch bytes[i] {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    guard var scalar = hex4(at: i + 1) else { return nil }
                    i += 4
                    if scalar >= 0xD800 && scalar <= 0xDBFF {
                        // A high surrogate needs a low one right after.
                        guard i + 2 < bytes.count, bytes[i + 1] == UInt8(ascii: "\\"),
                            bytes[i + 2] == UInt8(ascii: "u"),
                            let low = hex4(at: i + 3), low >= 0xDC00 && low <= 0xDFFF
                        else { return nil }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        i += 6
                    } else if scalar >= 0xDC00 && scalar <= 0xDFFF {
                        return nil
                    }
                    out.append(contentsOf: String(Character(Unicode.Scalar(scalar)!)).utf8)
                default: return nil
                }
                i += 1
            }
            return nil
        }

        func hex4(at k: Int) -> UInt32? {
            guard k + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for c in bytes[k..<(k + 4)] {
                let digit: UInt8
                switch c {
                case 0x30...0x39: digit = c - 0x30
                case 0x41...0x46: digit = c - 0x41 + 10
                case 0x61...0x66: digit = c - 0x61 + 10
                default: return nil
                }
                value = value << 4 | UInt32(digit)
            }
            return value
        }
    }
}

/// Re-indents compact JSON (two spaces) without reordering keys, for
/// `winnow extract`. Only for JSON this program wrote.
public enum JSONPretty {
    public static func format(_ compact: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(compact.count * 2)
        var indent = 0
        var inString = false
        var escaped = false
        func newline() {
            out.append(0x0A)
            out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * 2))
        }
        var i = 0
        while i < compact.count {
            let c = compact[i]
            defer { i += 1 }
            if inString {
                out.append(c)
                if escaped {
                    escaped = false
                } else if c == UInt8(ascii: "\\") {
                    escaped = true
                } else if c == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch c {
            case UInt8(ascii: "\""):
                inString = true
                out.append(c)
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                out.append(c)
                let close = c == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                if i + 1 < compact.count, compact[i + 1] == close {
                    out.append(close)
                    i += 1
                } else {
                    indent += 1
                    newline()
                }
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                indent -= 1
                newline()
                out.append(c)
            case UInt8(ascii: ","):
                out.append(c)
                newline()
            case UInt8(ascii: ":"):
                out.append(contentsOf: [c, UInt8(ascii: " ")])
            case 0x0A:
                continue
            default:
                out.append(c)
            }
        }
        return out
    }
}

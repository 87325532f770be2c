/// URL normalisation for the crawler's seen-check, and the URL splitting
/// the robots.txt matcher needs.
///
/// Two spellings of one address must become one key (RFC 3986 section 6.2.2,
/// syntax-based normalisation): scheme and host lowercased, the default port
/// dropped, an empty path made `/`, the fragment dropped (it never reaches
/// the server), percent-encoding hex digits uppercased, percent-encoded
/// unreserved characters decoded, and bytes that may not appear in a URL
/// (non-ASCII, spaces, controls) percent-encoded. Nothing else changes: the
/// path's dot segments and the query are kept as the server will see them.
public enum URLNormalizer {
    /// The parts of an absolute URL, split as RFC 3986 section 3 does.
    public struct Parts: Sendable, Equatable {
        public var scheme: String
        public var userInfo: String?
        public var host: String
        public var port: Int?
        public var path: String
        public var query: String?
        public var fragment: String?

        /// Splits an absolute `scheme://authority/path?query#fragment` URL; nil
        /// for anything else (a relative reference, a `mailto:`, an empty host,
        /// a port that is not a number).
        public init?(_ url: String) {
            let text = url.trimmingASCIIWhitespace()
            guard let colon = text.firstIndex(of: ":") else { return nil }
            let scheme = text[..<colon]
            guard let first = scheme.unicodeScalars.first, first.isASCIILetter,
                scheme.unicodeScalars.allSatisfy({
                    $0.isASCIILetter || $0.isASCIIDigit || "+-.".unicodeScalars.contains($0)
                })
            else { return nil }
            var rest = text[text.index(after: colon)...]
            guard rest.hasPrefix("//") else { return nil }
            rest = rest.dropFirst(2)
            if let hash = rest.firstIndex(of: "#") {
                fragment = String(rest[rest.index(after: hash)...])
                rest = rest[..<hash]
            }
            if let question = rest.firstIndex(of: "?") {
                query = String(rest[rest.index(after: question)...])
                rest = rest[..<question]
            }
            let slash = rest.firstIndex(of: "/") ?? rest.endIndex
            path = String(rest[slash...])
            var authority = rest[..<slash]
            if let at = authority.lastIndex(of: "@") {
                userInfo = String(authority[..<at])
                authority = authority[authority.index(after: at)...]
            }
            // An IPv6 literal holds colons: the port colon comes after its bracket.
            let portColon: Substring.Index?
            if authority.hasPrefix("[") {
                guard let close = authority.firstIndex(of: "]") else { return nil }
                let after = authority.index(after: close)
                portColon = after < authority.endIndex && authority[after] == ":" ? after : nil
                guard after == authority.endIndex || portColon != nil else { return nil }
            } else {
                portColon = authority.firstIndex(of: ":")
            }
            if let portColon {
                let digits = authority[authority.index(after: portColon)...]
                if !digits.isEmpty {
                    guard digits.count <= 5, digits.unicodeScalars.allSatisfy(\.isASCIIDigit), let number = Int(digits),
                        number <= 65535
                    else { return nil }
                    port = number
                }
                authority = authority[..<portColon]
            }
            guard !authority.isEmpty else { return nil }
            self.scheme = scheme.lowercased()
            host = String(authority)
        }

        /// The path and query a request sends (`/` for an empty path).
        public var pathAndQuery: String {
            (path.isEmpty ? "/" : path) + (query.map { "?" + $0 } ?? "")
        }

        /// `scheme://host[:port]`, the origin robots.txt applies to (RFC 9309 section 2.3).
        public var origin: String {
            let defaultPort = URLNormalizer.defaultPorts[scheme]
            let portPart = port.flatMap { $0 == defaultPort ? nil : ":\($0)" } ?? ""
            return "\(scheme)://\(host.lowercased())\(portPart)"
        }
    }

    static let defaultPorts = ["http": 80, "https": 443]

    /// The normalised form of an absolute http(s) URL, or nil when `url` is not one.
    public static func normalize(_ url: String) -> String? {
        guard let parts = Parts(url), defaultPorts[parts.scheme] != nil else { return nil }
        var result = parts.scheme + "://"
        if let userInfo = parts.userInfo { result += normalizePercentEncoding(userInfo) + "@" }
        result += parts.host.lowercased()
        if let port = parts.port, port != defaultPorts[parts.scheme] { result += ":\(port)" }
        result += normalizePercentEncoding(parts.path.isEmpty ? "/" : parts.path)
        if let query = parts.query { result += "?" + normalizePercentEncoding(query) }
        return result
    }

    /// The robots.txt URL that governs `url` (RFC 9309 section 2.3: at the
    /// top of the origin, scheme, host and port included).
    public static func robotsTxtURL(for url: String) -> String? {
        guard let parts = Parts(url), defaultPorts[parts.scheme] != nil else { return nil }
        return parts.origin + "/robots.txt"
    }

    /// Uppercases percent-encoding hex digits, decodes percent-encoded
    /// unreserved characters (`%7E` is `~`), and percent-encodes bytes that
    /// may not appear in a URL. Reserved characters, encoded or not, are left
    /// as they are: `%2F` and `/` mean different things to a server.
    public static func normalizePercentEncoding(_ text: String) -> String {
        String(decoding: PercentEncoding.normalize(Array(text.utf8)), as: UTF8.self)
    }
}

/// Percent-encoding on bytes, shared by the URL normaliser and the robots.txt matcher.
enum PercentEncoding {
    /// RFC 3986 section 2.3.
    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        default: return nil
        }
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    static func appendEncoded(_ byte: UInt8, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "%"))
        output.append(hexDigits[Int(byte >> 4)])
        output.append(hexDigits[Int(byte & 0x0F)])
    }

    /// The one spelling of a byte string: see ``URLNormalizer/normalizePercentEncoding(_:)``.
    /// `alsoEncode` names ASCII bytes to encode as well (the robots.txt
    /// matcher encodes a URL's literal `*` and `$`, which patterns give as `%2A` and `%24`).
    static func normalize(_ bytes: [UInt8], alsoEncode: (UInt8) -> Bool = { _ in false }) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                if index + 2 < bytes.count, let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
                {
                    let decoded = high << 4 | low
                    if isUnreserved(decoded) { output.append(decoded) } else { appendEncoded(decoded, to: &output) }
                    index += 3
                    continue
                }
                // A lone `%` is a literal percent sign.
                appendEncoded(byte, to: &output)
            } else if byte >= 0x80 || byte <= 0x20 || byte == 0x7F || alsoEncode(byte) {
                appendEncoded(byte, to: &output)
            } else {
                output.append(byte)
            }
            index += 1
        }
        return output
    }
}

extension Unicode.Scalar {
    var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension StringProtocol {
    /// Without leading and trailing spaces, tabs, CR and LF (no Foundation needed).
    func trimmingASCIIWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}

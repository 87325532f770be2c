/// A robots.txt file read as RFC 9309 says, and the question it answers:
/// may this crawler fetch this URL, and which line decides.
///
/// - Groups (section 2.1): one or more `user-agent` lines, then rules. A
///   `user-agent` line after a rule starts a new group. Rules before the
///   first `user-agent` line belong to no group and are ignored.
/// - Agents (2.2.1): the crawler's product token (`Winnow` of
///   `Winnow/0.1 (+https://…)`) is matched case-insensitively against each
///   line's product token; all groups that name it are merged into one;
///   without one, the `*` groups (merged); without those, nothing is disallowed.
/// - Rules (2.2.2): the match with the most octets wins; an allow wins a
///   tie; no match means allowed; `/robots.txt` is always allowed. Both
///   sides are percent-encoding normalised before comparison (non-ASCII
///   UTF-8 encoded, hex uppercased, unreserved characters decoded), so
///   `/foo/bar/ツ`, `/foo/bar/%E3%83%84` and `/foo/bar/%e3%83%84` are one path.
/// - Special characters (2.2.3): `*` is any run of characters, a final `$`
///   ends the match, `#` starts a comment; a URL's own `*` and `$` are
///   matched by `%2A` and `%24` in a pattern.
/// - Other records (2.2.4): `Sitemap:` lines (anywhere) and `Crawl-delay:`
///   (per group) are collected; unknown keys and lines without a colon are ignored.
/// - Limits (2.5): the first 500 KiB are parsed, the rest ignored (a line
///   cut by the limit is dropped rather than read half).
///
/// A UTF-8 byte order mark is skipped; lines end at CR, LF or CRLF.
public struct RobotsTxt: Sendable, Equatable {
    public enum RuleKind: String, Sendable, Equatable {
        case allow = "Allow"
        case disallow = "Disallow"
    }

    /// One `Allow:` or `Disallow:` line.
    public struct Rule: Sendable, Equatable {
        public var kind: RuleKind
        /// The path pattern as written.
        public var pattern: String
        /// 1-based line number in the file.
        public var line: Int
        /// The line as written, without its comment and surrounding whitespace.
        public var text: String
        /// The pattern's octets after normalisation: RFC 9309's "most specific" measure.
        public var specificity: Int { normalizedPattern.count + (anchored ? 1 : 0) }

        /// The normalised pattern without a final `$`; `*` is the wildcard.
        let normalizedPattern: [UInt8]
        /// The pattern ended with `$`: the path must end where the pattern does.
        let anchored: Bool

        /// `pattern` is the value's octets as written: not necessarily UTF-8.
        init(kind: RuleKind, pattern: ArraySlice<UInt8>, line: Int, text: String) {
            self.kind = kind
            self.pattern = String(decoding: pattern, as: UTF8.self)
            self.line = line
            self.text = text
            var bytes = Array(pattern)
            anchored = bytes.last == UInt8(ascii: "$")
            if anchored { bytes.removeLast() }
            // A `$` anywhere else is an ordinary character, like a URL's own `$`.
            var normalized = PercentEncoding.normalize(bytes, alsoEncode: { $0 == UInt8(ascii: "$") })
            // `**` is `*`: collapsing keeps matching linear in the pattern.
            var index = 1
            while index < normalized.count {
                if normalized[index] == UInt8(ascii: "*") && normalized[index - 1] == UInt8(ascii: "*") {
                    normalized.remove(at: index)
                } else {
                    index += 1
                }
            }
            normalizedPattern = normalized
        }

        /// Whether the pattern matches the start of `path` (the whole of it when anchored).
        ///
        /// Greedy matching with backtracking to the last `*` only: with `*` as
        /// the one wildcard that is exact, allocates nothing, and is linear on
        /// the patterns robots.txt files hold (worst case pattern × path octets).
        func matches(_ path: [UInt8]) -> Bool {
            let pattern = normalizedPattern
            let star = UInt8(ascii: "*")
            var p = 0
            var s = 0
            var lastStar = -1
            var resumeAt = 0
            while true {
                // Not anchored: the pattern only has to match a prefix of the path.
                if p == pattern.count && (!anchored || s == path.count) { return true }
                if p < pattern.count && pattern[p] == star {
                    lastStar = p
                    resumeAt = s
                    p += 1
                } else if p < pattern.count && s < path.count && pattern[p] == path[s] {
                    p += 1
                    s += 1
                } else if lastStar >= 0 && resumeAt < path.count {
                    // Let the last `*` take one more octet and try again from there.
                    resumeAt += 1
                    s = resumeAt
                    p = lastStar + 1
                } else {
                    return false
                }
            }
        }
    }

    /// One group: the agents its `user-agent` lines name, and its rules.
    public struct Group: Sendable, Equatable {
        /// Product tokens, lowercased (`*` for the global group).
        public var userAgents: [String]
        /// The line of the group's first `user-agent` line.
        public var line: Int
        public var rules: [Rule] = []
        /// The group's `Crawl-delay`, in seconds (not part of RFC 9309, but widely sent).
        public var crawlDelay: Double?
    }

    /// What the robots.txt fetch gave (RFC 9309 section 2.3.1).
    public enum Availability: Sendable, Equatable {
        /// A file was read: its rules apply.
        case rules
        /// No file (4xx, too many redirects): nothing is disallowed.
        case unavailable(reason: String)
        /// The server failed or could not be reached (5xx, no response): everything is disallowed.
        case unreachable(reason: String)
    }

    /// RFC 9309 section 2.5: crawlers must parse at least 500 KiB.
    public static let parseLimit = 500 * 1024

    public private(set) var availability: Availability = .rules
    public private(set) var groups: [Group] = []
    /// `Sitemap:` URLs in file order.
    public private(set) var sitemaps: [String] = []
    /// Bytes of the file that were parsed.
    public private(set) var bytesParsed = 0
    /// The file was longer than the parse limit; the rest was ignored.
    public private(set) var truncated = false

    /// Parses a robots.txt file's bytes (UTF-8; other bytes pass through as octets).
    public init(_ bytes: [UInt8], limit: Int = RobotsTxt.parseLimit) {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if body.count > limit {
            truncated = true
            body = body.prefix(limit)
            // Keep whole lines only: half a rule may mean its opposite.
            if let lastBreak = body.lastIndex(where: { $0 == 0x0A || $0 == 0x0D }) {
                body = body[...lastBreak]
            } else {
                body = body.prefix(0)
            }
        }
        bytesParsed = body.count
        parse(body)
    }

    public init(_ text: String) { self.init(Array(text.utf8)) }

    private init(availability: Availability) { self.availability = availability }

    /// A robots.txt that allows everything, as a 4xx response means.
    public static func unavailable(_ reason: String) -> RobotsTxt {
        RobotsTxt(availability: .unavailable(reason: reason))
    }

    /// A robots.txt that disallows everything, as a 5xx or no response means.
    public static func unreachable(_ reason: String) -> RobotsTxt {
        RobotsTxt(availability: .unreachable(reason: reason))
    }

    // MARK: - Status codes (RFC 9309 section 2.3.1)

    /// What to do with a robots.txt response.
    public enum FetchPolicy: Sendable, Equatable {
        case parse, allowAll, disallowAll
    }

    /// The policy for the final status of a robots.txt fetch (redirects
    /// already followed, at most five); nil when no response came at all.
    /// - 2xx: parse the body.
    /// - 3xx left over (more than five redirects): unavailable, allow all (2.3.1.2).
    /// - 4xx: unavailable, allow all (2.3.1.3), except 429: it asks the crawler
    ///   to back off, so it is treated as the server failing (as Google does).
    /// - 5xx, any other code, or no response: unreachable, disallow all (2.3.1.4).
    public static func policy(forStatus status: Int?) -> FetchPolicy {
        guard let status else { return .disallowAll }
        switch status {
        case 200..<300: return .parse
        case 429: return .disallowAll
        case 300..<500: return .allowAll
        default: return .disallowAll
        }
    }

    /// The robots.txt to obey after a fetch that ended with `status` (nil: no response).
    public static func fetched(status: Int?, body: [UInt8]) -> RobotsTxt {
        switch policy(forStatus: status) {
        case .parse: return RobotsTxt(body)
        case .allowAll: return .unavailable("robots.txt unavailable (HTTP \(status!)): no restrictions")
        case .disallowAll:
            return .unreachable(
                status.map { "robots.txt unreachable (HTTP \($0)): everything disallowed" }
                    ?? "robots.txt unreachable (no response): everything disallowed")
        }
    }

    // MARK: - Parsing

    private mutating func parse(_ body: ArraySlice<UInt8>) {
        var current: Int?  // index of the group being built
        var readingAgents = false
        for (index, line) in Self.lines(body).enumerated() {
            let lineNumber = index + 1
            guard let record = Self.record(line) else { continue }
            switch record.key {
            case "user-agent":
                if !readingAgents {
                    groups.append(Group(userAgents: [], line: lineNumber))
                    current = groups.count - 1
                    readingAgents = true
                }
                if let token = Self.agentToken(record.value) { groups[current!].userAgents.append(token) }
            case "allow", "disallow":
                readingAgents = false
                guard let current, !record.value.isEmpty else { break }
                // An empty pattern matches nothing (RFC 9309's grammar allows it).
                groups[current].rules.append(
                    Rule(
                        kind: record.key == "allow" ? .allow : .disallow, pattern: record.valueBytes, line: lineNumber,
                        text: record.text))
            case "crawl-delay":
                readingAgents = false
                if let current, groups[current].crawlDelay == nil, let seconds = Double(record.value), seconds.isFinite,
                    seconds >= 0
                {
                    groups[current].crawlDelay = seconds
                }
            case "sitemap":
                if !record.value.isEmpty { sitemaps.append(record.value) }
            default:
                break
            }
        }
    }

    /// The lines of `body`, ended by CR, LF or CRLF.
    private static func lines(_ body: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = body.startIndex
        var index = start
        while index < body.endIndex {
            let byte = body[index]
            guard byte == 0x0A || byte == 0x0D else {
                index += 1
                continue
            }
            lines.append(body[start..<index])
            if byte == 0x0D && index + 1 < body.endIndex && body[index + 1] == 0x0A { index += 1 }
            index += 1
            start = index
        }
        if start < body.endIndex { lines.append(body[start...]) }
        return lines
    }

    /// A line's key (lowercased), value and text; nil for a line with no colon before its comment.
    private static func record(_ line: ArraySlice<UInt8>) -> (
        key: String, value: String, valueBytes: ArraySlice<UInt8>, text: String
    )? {
        var content = line
        if let hash = content.firstIndex(of: UInt8(ascii: "#")) { content = content[..<hash] }
        guard let colon = content.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let key = trimmed(content[..<colon]).map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
        let value = trimmed(content[(colon + 1)...])
        return (
            String(decoding: key, as: UTF8.self), String(decoding: value, as: UTF8.self), value,
            String(decoding: trimmed(content), as: UTF8.self)
        )
    }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) })
        else {
            return bytes[bytes.startIndex..<bytes.startIndex]
        }
        return bytes[first...last]
    }

    /// The product token of a `user-agent` value: `*`, or its leading run
    /// of letters, `_` and `-` (RFC 9309 section 2.2.1), lowercased; nil when there is none.
    static func agentToken(_ value: String) -> String? {
        if value == "*" || value.hasPrefix("* ") || value.hasPrefix("*\t") { return "*" }
        let token = productToken(value)
        return token.isEmpty ? nil : token
    }

    /// A crawler's product token: the leading letters, `_` and `-` of its
    /// user agent, lowercased (`Winnow/0.1 (+https://…)` gives `winnow`).
    public static func productToken(_ userAgent: String) -> String {
        String(
            userAgent.trimmingASCIIWhitespace().unicodeScalars.prefix { $0.isASCIILetter || $0 == "_" || $0 == "-" }
        ).lowercased()
    }

    // MARK: - Questions

    /// The groups that apply to a crawler, merged (RFC 9309 section 2.2.1):
    /// those naming its product token, or else the `*` groups.
    public func groups(for userAgent: String) -> [Group] {
        let token = Self.productToken(userAgent)
        let named = token.isEmpty ? [] : groups.filter { $0.userAgents.contains(token) }
        return named.isEmpty ? groups.filter { $0.userAgents.contains("*") } : named
    }

    /// The Crawl-delay for a crawler: the first one its groups give.
    public func crawlDelay(for userAgent: String) -> Double? {
        groups(for: userAgent).lazy.compactMap(\.crawlDelay).first
    }

    /// Whether `url` (absolute, or a path starting with `/`) may be fetched, and why.
    public func decision(for url: String, userAgent: String) -> RobotsDecision {
        switch availability {
        case .unavailable(let reason): return RobotsDecision(allowed: true, reason: .fileUnavailable(reason))
        case .unreachable(let reason): return RobotsDecision(allowed: false, reason: .fileUnreachable(reason))
        case .rules: break
        }
        let raw = Self.pathToMatch(url)
        if raw == "/robots.txt" || raw.hasPrefix("/robots.txt?") {
            return RobotsDecision(allowed: true, reason: .robotsTxtItself)
        }
        let path = PercentEncoding.normalize(
            Array(raw.utf8), alsoEncode: { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "$") })
        var best: Rule?
        for group in groups(for: userAgent) {
            for rule in group.rules where rule.matches(path) {
                guard let current = best else {
                    best = rule
                    continue
                }
                if rule.specificity > current.specificity
                    || (rule.specificity == current.specificity && rule.kind == .allow && current.kind == .disallow)
                {
                    best = rule
                }
            }
        }
        guard let best else { return RobotsDecision(allowed: true, reason: .noMatchingRule) }
        return RobotsDecision(allowed: best.kind == .allow, reason: .rule(best))
    }

    /// Whether `url` may be fetched.
    public func isAllowed(_ url: String, userAgent: String) -> Bool {
        decision(for: url, userAgent: userAgent).allowed
    }

    /// The part of a URL rules match: path and query, no fragment, `/` for an empty path.
    static func pathToMatch(_ url: String) -> String {
        if let parts = URLNormalizer.Parts(url) { return parts.pathAndQuery }
        var path = url.trimmingASCIIWhitespace()
        if let hash = path.firstIndex(of: "#") { path = String(path[..<hash]) }
        if path.isEmpty { return "/" }
        return path.hasPrefix("/") ? path : "/" + path
    }
}

/// The answer to "may I fetch this URL", with the reason a user can check.
public struct RobotsDecision: Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        /// The most specific matching rule.
        case rule(RobotsTxt.Rule)
        /// No rule of the agent's groups matched (or no group applies).
        case noMatchingRule
        /// `/robots.txt` itself is always allowed (RFC 9309 section 2.2.2).
        case robotsTxtItself
        /// No robots.txt (4xx): everything allowed.
        case fileUnavailable(String)
        /// robots.txt could not be read (5xx, no response): everything disallowed.
        case fileUnreachable(String)
    }

    public var allowed: Bool
    public var reason: Reason

    /// The deciding rule, when a rule decided.
    public var rule: RobotsTxt.Rule? {
        if case .rule(let rule) = reason { return rule }
        return nil
    }

    /// `line 3: Disallow: /private`, `no matching rule`, or why the file did not count.
    public var explanation: String {
        switch reason {
        case .rule(let rule): return "line \(rule.line): \(rule.text)"
        case .noMatchingRule: return "no matching rule"
        case .robotsTxtItself: return "/robots.txt is always allowed"
        case .fileUnavailable(let reason), .fileUnreachable(let reason): return reason
        }
    }

    public var description: String { "\(allowed ? "allowed" : "disallowed") (\(explanation))" }
}

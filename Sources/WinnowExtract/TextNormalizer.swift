import WinnowCore

/// Whitespace rules for extracted text.
enum TextNormalizer {
    static func collapse(_ text: String) -> String { Whitespace.collapse(text) }

    /// Keeps line breaks (for `<pre>` code) but trims trailing spaces and outer blank lines.
    static func trimLines(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var l = Substring(line)
            while let last = l.last, last == " " || last == "\t" || last == "\r" { l = l.dropLast() }
            return l
        }
        var start = 0, end = lines.count
        while start < end && lines[start].isEmpty { start += 1 }
        while end > start && lines[end - 1].isEmpty { end -= 1 }
        return lines[start..<end].joined(separator: "\n")
    }
}

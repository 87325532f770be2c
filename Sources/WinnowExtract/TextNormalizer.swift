/// Whitespace rules for extracted text.
enum TextNormalizer {
    /// Collapses runs of whitespace (ASCII, no-break space and the other
    /// Unicode spaces) to one space and trims the ends.
    static func collapse(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(scalar)
            }
        }
        return String(out)
    }

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

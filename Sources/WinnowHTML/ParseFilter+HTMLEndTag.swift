extension ParseFilter {
    /// `</html>` does not end a page: a browser reads what follows it into
    /// the body (HTML's "after after body" insertion mode), while libxml2's
    /// push parser stops reading there. Some templates close the document
    /// early (a header include ending in `</body></html>`) and write the
    /// article after it, so the tag is cut: libxml2 closes every element at
    /// the end of the input anyway.
    /// The index after the `</html>` end tag at `at` (its `<`), or nil when none starts there.
    @inline(__always) static func htmlEndTagEnd(_ b: UnsafeBufferPointer<UInt8>, at: Int) -> Int? {
        guard at + 6 < b.count, b[at + 1] == UInt8(ascii: "/"), b[at + 2] | 0x20 == UInt8(ascii: "h"),
            b[at + 3] | 0x20 == UInt8(ascii: "t"), b[at + 4] | 0x20 == UInt8(ascii: "m"),
            b[at + 5] | 0x20 == UInt8(ascii: "l"), isTagNameEnd(b[at + 6])
        else { return nil }
        return tagEnd(b, from: at + 2)
    }

    /// `bytes` without their `</html>` end tags (``htmlEndTagEnd(_:at:)``), for a
    /// parse without the filter, which cuts them on its way.
    public static func withoutHTMLEndTags(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBufferPointer { b in
            var output: [UInt8] = []
            var copied = 0
            var i = 0
            while let lt = firstIndex(of: UInt8(ascii: "<"), in: b, from: i) {
                if let end = htmlEndTagEnd(b, at: lt) {
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: b[copied..<lt]))
                    copied = end
                    i = end
                } else {
                    i = lt + 1
                }
            }
            guard copied > 0 else { return bytes }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: b[copied...]))
            return output
        }
    }
}

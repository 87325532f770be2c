/// HTML parsers do not read a DOCTYPE's internal subset (`<!DOCTYPE html [
/// <!ENTITY …> ]>`): libxml2 ends the DOCTYPE at the first `>` and the rest of
/// the declarations turn into body text. Entities are never expanded either
/// way; this removes the subset so it does not pollute the text.
public enum DoctypeSubset {
    /// Removes `[ … ]` from a leading `<!DOCTYPE … [ … ]>`. Returns whether it did.
    public static func remove(from bytes: inout [UInt8]) -> Bool {
        var i = 0
        let n = bytes.count
        // Skip whitespace and comments-free preamble up to the first '<'.
        while i < n, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
        let keyword = Array("<!doctype".utf8)
        guard i + keyword.count < n else { return false }
        for k in 0..<keyword.count where (bytes[i + k] | (k > 1 ? 0x20 : 0)) != keyword[k] { return false }
        var j = i + keyword.count
        while j < n, bytes[j] != UInt8(ascii: ">"), bytes[j] != UInt8(ascii: "[") { j += 1 }
        guard j < n, bytes[j] == UInt8(ascii: "[") else { return false }
        // The subset ends at "]" followed (after whitespace) by ">".
        var k = j + 1
        while k < n {
            if bytes[k] == UInt8(ascii: "]") {
                var m = k + 1
                while m < n, bytes[m] == 0x20 || bytes[m] == 0x09 || bytes[m] == 0x0A || bytes[m] == 0x0D { m += 1 }
                if m < n, bytes[m] == UInt8(ascii: ">") {
                    bytes.removeSubrange(j...k)
                    return true
                }
            }
            k += 1
        }
        return false
    }
}

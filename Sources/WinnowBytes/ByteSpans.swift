/// Span helpers: modules hand each other bytes as `Span<UInt8>` (valid
/// only for the call that receives them), never as unsafe pointers.
extension Array where Element == UInt8 {
    /// Appends the bytes of `span` (one copy).
    @inlinable public mutating func append(_ span: Span<UInt8>) {
        span.withUnsafeBufferPointer { append(contentsOf: $0) }
    }
}

extension Span where Element == UInt8 {
    /// Whether every byte is ASCII.
    @inlinable public var isASCII: Bool {
        var any: UInt8 = 0
        for k in indices { any |= self[k] }
        return any < 0x80
    }

    /// The bytes with ASCII letters lowercased and every other byte as it
    /// is, as one new string (a cut through a character is repaired).
    @inlinable public var asciiLowercased: String {
        String(unsafeUninitializedCapacity: count) { out in
            for k in indices {
                let c = self[k]
                out[k] = c >= 0x41 && c <= 0x5A ? c | 0x20 : c
            }
            return count
        }
    }

    /// The bytes as UTF-8 (invalid sequences repaired).
    @inlinable public var utf8String: String {
        withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
    }
}

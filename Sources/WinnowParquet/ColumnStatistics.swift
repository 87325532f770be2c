/// A column chunk's statistics as values arrive: null count, minimum and
/// maximum in the order parquet-format defines for the type (signed for
/// integers and timestamps, numeric for doubles with NaN left out, unsigned
/// bytes for strings).
///
/// Strings are kept whole while the chunk is written and truncated only in
/// ``encoded(prefixBytes:)``: a minimum becomes a prefix (still ≤ every
/// value), a maximum a prefix with its last character incremented (still ≥
/// every value), both cut on character boundaries so readers that decode
/// statistics as UTF-8 (pyarrow) can.
struct ColumnStatistics: Sendable {
    var nullCount = 0
    private var minString: String?
    private var maxString: String?
    private var minInteger: Int64?
    private var maxInteger: Int64?
    private var minDouble: Double?
    private var maxDouble: Double?

    mutating func update(_ value: String) {
        guard let min = minString, let max = maxString else {
            minString = value
            maxString = value
            return
        }
        if value.utf8.lexicographicallyPrecedes(min.utf8) {
            minString = value
        } else if max.utf8.lexicographicallyPrecedes(value.utf8) {
            maxString = value
        }
    }

    mutating func update(_ value: Int64) {
        if minInteger == nil || value < minInteger! { minInteger = value }
        if maxInteger == nil || value > maxInteger! { maxInteger = value }
    }

    mutating func update(_ value: Double) {
        guard !value.isNaN else { return }
        if minDouble == nil || value < minDouble! { minDouble = value }
        if maxDouble == nil || value > maxDouble! { maxDouble = value }
    }

    /// PLAIN encodings of the minimum and maximum, nil when the chunk has no
    /// (non-NaN) values or a string maximum cannot be shortened.
    func encoded(type: ParquetField.Primitive, prefixBytes: Int) -> (min: [UInt8]?, max: [UInt8]?) {
        switch type {
        case .string:
            guard let min = minString, let max = maxString else { return (nil, nil) }
            return (Self.truncatedMinimum(min, prefixBytes), Self.truncatedMaximum(max, prefixBytes))
        case .int32:
            guard let min = minInteger, let max = maxInteger else { return (nil, nil) }
            return (
                Self.littleEndian(UInt64(UInt32(bitPattern: Int32(min))), bytes: 4),
                Self.littleEndian(UInt64(UInt32(bitPattern: Int32(max))), bytes: 4)
            )
        case .int64, .timestampMicros:
            guard let min = minInteger, let max = maxInteger else { return (nil, nil) }
            return (
                Self.littleEndian(UInt64(bitPattern: min), bytes: 8),
                Self.littleEndian(UInt64(bitPattern: max), bytes: 8)
            )
        case .boolean:
            guard let min = minInteger, let max = maxInteger else { return (nil, nil) }
            return ([UInt8(min)], [UInt8(max)])
        case .double:
            guard var min = minDouble, var max = maxDouble else { return (nil, nil) }
            // parquet-format: write a zero minimum as -0.0 and a zero maximum as +0.0.
            if min == 0 { min = -0.0 }
            if max == 0 { max = 0.0 }
            return (Self.littleEndian(min.bitPattern, bytes: 8), Self.littleEndian(max.bitPattern, bytes: 8))
        }
    }

    static func littleEndian(_ value: UInt64, bytes: Int) -> [UInt8] {
        (0..<bytes).map { UInt8(truncatingIfNeeded: value >> UInt64($0 * 8)) }
    }

    /// The longest prefix of whole characters (Unicode scalars) within `limit` bytes.
    static func truncatedMinimum(_ value: String, _ limit: Int) -> [UInt8] {
        if value.utf8.count <= limit { return Array(value.utf8) }
        var prefix: [UInt8] = []
        for scalar in value.unicodeScalars {
            let encoded = Array(String(scalar).utf8)
            if prefix.count + encoded.count > limit { break }
            prefix += encoded
        }
        return prefix
    }

    /// A string ≥ `value` of about `limit` bytes: a prefix whose last scalar is incremented.
    static func truncatedMaximum(_ value: String, _ limit: Int) -> [UInt8]? {
        if value.utf8.count <= limit { return Array(value.utf8) }
        var scalars: [Unicode.Scalar] = []
        var length = 0
        for scalar in value.unicodeScalars {
            let size = String(scalar).utf8.count
            if length + size > limit { break }
            scalars.append(scalar)
            length += size
        }
        while let last = scalars.popLast() {
            var next = last.value + 1
            if next == 0xD800 { next = 0xE000 }  // skip the surrogates, which are not scalars
            if let incremented = Unicode.Scalar(next) {
                scalars.append(incremented)
                var out = String.UnicodeScalarView()
                out.append(contentsOf: scalars)
                return Array(String(out).utf8)
            }
        }
        return nil
    }
}

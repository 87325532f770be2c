/// One value of a row, shaped like its ``ParquetField``: a primitive, a
/// list's elements, or a group's children in field order. `.null` stands
/// for an absent optional value (a required field must not be null).
public enum ParquetValue: Sendable, Equatable {
    case null
    case string(String)
    case int32(Int32)
    case int64(Int64)
    case double(Double)
    case boolean(Bool)
    /// Microseconds since 1970-01-01T00:00:00Z.
    case timestampMicros(Int64)
    case list([ParquetValue])
    case group([ParquetValue])

    /// `.string(value)`, or `.null` for nil.
    public static func optional(_ value: String?) -> ParquetValue {
        value.map { .string($0) } ?? .null
    }
}

/// One field of a ``ParquetSchema``.
public struct ParquetField: Sendable {
    public var name: String
    public var isOptional: Bool
    public var kind: Kind
    /// For strings with few distinct values (languages, kinds, names, tags):
    /// a dictionary and bit-packed indices instead of PLAIN values. Unique
    /// values (ids, titles, texts) gain nothing from it and stay PLAIN.
    public var isDictionaryEncoded = false

    public indirect enum Kind: Sendable {
        case primitive(Primitive)
        case group([ParquetField])
        /// A LIST whose elements are the given field (named `element`).
        case list(ParquetField)
    }

    /// The value types Winnow writes, each with its physical type and annotations.
    public enum Primitive: Sendable, Equatable {
        /// BYTE_ARRAY, logical type STRING (converted type UTF8).
        case string
        case int32
        case int64
        case double
        case boolean
        /// INT64 microseconds since the epoch, TIMESTAMP(isAdjustedToUTC=true, MICROS).
        case timestampMicros
    }

    public init(name: String, isOptional: Bool, kind: Kind) {
        self.name = name
        self.isOptional = isOptional
        self.kind = kind
    }

    public static func string(_ name: String, optional: Bool = true, dictionary: Bool = false) -> ParquetField {
        var field = ParquetField(name: name, isOptional: optional, kind: .primitive(.string))
        field.isDictionaryEncoded = dictionary
        return field
    }
    public static func int32(_ name: String, optional: Bool = true) -> ParquetField {
        ParquetField(name: name, isOptional: optional, kind: .primitive(.int32))
    }
    public static func int64(_ name: String, optional: Bool = true) -> ParquetField {
        ParquetField(name: name, isOptional: optional, kind: .primitive(.int64))
    }
    public static func double(_ name: String, optional: Bool = true) -> ParquetField {
        ParquetField(name: name, isOptional: optional, kind: .primitive(.double))
    }
    public static func boolean(_ name: String, optional: Bool = true) -> ParquetField {
        ParquetField(name: name, isOptional: optional, kind: .primitive(.boolean))
    }
    public static func timestamp(_ name: String, optional: Bool = true) -> ParquetField {
        ParquetField(name: name, isOptional: optional, kind: .primitive(.timestampMicros))
    }
    /// An optional LIST of `element` (whose name should be `element`).
    public static func list(_ name: String, of element: ParquetField, optional: Bool = true) -> ParquetField {
        ParquetField(name: name, isOptional: optional, kind: .list(element))
    }
    /// An optional LIST of required strings, dictionary-encoded: fastparquet
    /// (2026.9) reads lists of strings only when they are, whoever wrote the file.
    public static func stringList(_ name: String) -> ParquetField {
        list(name, of: .string("element", optional: false, dictionary: true))
    }
    public static func group(_ name: String, _ children: [ParquetField], optional: Bool = true) -> ParquetField {
        ParquetField(name: name, isOptional: optional, kind: .group(children))
    }
}

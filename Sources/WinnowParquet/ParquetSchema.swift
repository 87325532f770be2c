/// A Parquet file's schema as a tree of fields, and the leaf columns it
/// shreds into.
///
/// Only the shapes Winnow needs: required or optional primitives, structs
/// (groups), and lists in the standard three-level form
/// (`optional group NAME (LIST) { repeated group list { ELEMENT element } }`,
/// parquet-format `LogicalTypes.md`, "Lists"), which pyarrow, DuckDB and
/// fastparquet all read as lists.
public struct ParquetSchema: Sendable {
    public let fields: [ParquetField]
    /// The leaf columns in schema order (depth first): one column chunk each per row group.
    public let columns: [LeafColumn]

    public init(_ fields: [ParquetField]) {
        self.fields = fields
        var columns: [LeafColumn] = []
        for field in fields {
            Self.collect(field, path: [], definition: 0, repetition: 0, into: &columns)
        }
        self.columns = columns
    }

    /// One leaf column: its path, physical type and maximum levels.
    public struct LeafColumn: Sendable, Equatable {
        public var path: [String]
        public var type: ParquetField.Primitive
        public var maxDefinitionLevel: Int
        public var maxRepetitionLevel: Int
        /// Written dictionary-encoded (see ``ParquetField/isDictionaryEncoded``).
        public var isDictionaryEncoded: Bool = false
    }

    private static func collect(_ field: ParquetField, path: [String], definition: Int, repetition: Int, into columns: inout [LeafColumn]) {
        let path = path + [field.name]
        let definition = definition + (field.isOptional ? 1 : 0)
        switch field.kind {
        case .primitive(let type):
            columns.append(LeafColumn(path: path, type: type, maxDefinitionLevel: definition, maxRepetitionLevel: repetition,
                                      isDictionaryEncoded: field.isDictionaryEncoded && type == .string))
        case .group(let children):
            for child in children { collect(child, path: path, definition: definition, repetition: repetition, into: &columns) }
        case .list(let element):
            // The repeated `list` group adds one to both levels.
            collect(element, path: path + ["list"], definition: definition + 1, repetition: repetition + 1, into: &columns)
        }
    }

    /// The flattened `SchemaElement`s of the footer, root first.
    var elements: [SchemaElement] {
        var elements = [SchemaElement(name: "schema", numChildren: fields.count)]
        for field in fields { Self.flatten(field, into: &elements) }
        return elements
    }

    private static func flatten(_ field: ParquetField, into elements: inout [SchemaElement]) {
        let repetition: SchemaElement.Repetition = field.isOptional ? .optional : .required
        switch field.kind {
        case .primitive(let type):
            elements.append(SchemaElement(name: field.name, repetition: repetition, primitive: type))
        case .group(let children):
            elements.append(SchemaElement(name: field.name, repetition: repetition, numChildren: children.count))
            for child in children { flatten(child, into: &elements) }
        case .list(let element):
            var list = SchemaElement(name: field.name, repetition: repetition, numChildren: 1)
            list.isList = true
            elements.append(list)
            elements.append(SchemaElement(name: "list", repetition: .repeated, numChildren: 1))
            flatten(element, into: &elements)
        }
    }
}

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

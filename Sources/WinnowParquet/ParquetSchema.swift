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

    private static func collect(
        _ field: ParquetField, path: [String], definition: Int, repetition: Int, into columns: inout [LeafColumn]
    ) {
        let path = path + [field.name]
        let definition = definition + (field.isOptional ? 1 : 0)
        switch field.kind {
        case .primitive(let type):
            columns.append(
                LeafColumn(
                    path: path, type: type, maxDefinitionLevel: definition, maxRepetitionLevel: repetition,
                    isDictionaryEncoded: field.isDictionaryEncoded && type == .string))
        case .group(let children):
            for child in children {
                collect(child, path: path, definition: definition, repetition: repetition, into: &columns)
            }
        case .list(let element):
            // The repeated `list` group adds one to both levels.
            collect(
                element, path: path + ["list"], definition: definition + 1, repetition: repetition + 1, into: &columns)
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

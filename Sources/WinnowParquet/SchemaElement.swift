/// parquet.thrift `SchemaElement`: one node of the footer's flattened schema.
///
/// Primitives carry both the logical type and the older converted type:
/// readers that predate logical types (and some that do not, such as
/// fastparquet for timestamps) look only at the converted type.
struct SchemaElement: Sendable {
    enum Repetition: Int32, Sendable {
        case required = 0
        case optional = 1
        case repeated = 2
    }

    var name: String
    var repetition: Repetition?
    var numChildren: Int?
    var primitive: ParquetField.Primitive?
    /// A group annotated LIST.
    var isList = false

    init(name: String, repetition: Repetition? = nil, numChildren: Int? = nil, primitive: ParquetField.Primitive? = nil)
    {
        self.name = name
        self.repetition = repetition
        self.numChildren = numChildren
        self.primitive = primitive
    }

    /// parquet.thrift `Type`.
    static func physicalType(_ primitive: ParquetField.Primitive) -> Int32 {
        switch primitive {
        case .boolean: return 0
        case .int32: return 1
        case .int64, .timestampMicros: return 2
        case .double: return 5
        case .string: return 6
        }
    }

    func encode(into w: inout ThriftCompactWriter) {
        w.beginStructValue()
        if let primitive { w.field(1, i32: Self.physicalType(primitive)) }
        if let repetition { w.field(3, i32: repetition.rawValue) }
        w.field(4, string: name)
        if let numChildren { w.field(5, i32: Int32(numChildren)) }
        // converted_type (6): UTF8 = 0, LIST = 3, TIMESTAMP_MICROS = 10.
        // logicalType (10), a union: STRING = 1, LIST = 3, TIMESTAMP = 8.
        if isList {
            w.field(6, i32: 3)
            w.beginStruct(10)
            w.beginStruct(3)
            w.endStruct()
            w.endStruct()
        } else if primitive == .string {
            w.field(6, i32: 0)
            w.beginStruct(10)
            w.beginStruct(1)
            w.endStruct()
            w.endStruct()
        } else if primitive == .timestampMicros {
            w.field(6, i32: 10)
            w.beginStruct(10)
            w.beginStruct(8)  // TimestampType
            w.field(1, bool: true)  // isAdjustedToUTC
            w.beginStruct(2)  // unit: TimeUnit union
            w.beginStruct(2)  // MICROS
            w.endStruct()
            w.endStruct()
            w.endStruct()
            w.endStruct()
        }
        w.endStruct()
    }
}

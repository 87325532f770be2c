/// Thrift's compact protocol, write side only: what Parquet's footer and
/// page headers are made of (parquet-format `parquet.thrift`; the protocol is
/// Thrift's `doc/specs/thrift-compact-protocol.md`).
///
/// Integers are zigzag ULEB128 varints; a field header is one byte (the id's
/// delta from the previous field in the upper nibble, the type in the lower)
/// when the delta is 1...15, else the type byte and the id as a zigzag
/// varint; a boolean field's value is its type nibble; a list header packs
/// sizes below 15 with the element type into one byte. Field ids must be
/// written in increasing order within a struct, which Parquet's structs
/// (and this writer's callers) do.
public struct ThriftCompactWriter: Sendable {
    public private(set) var bytes: [UInt8] = []
    private var lastFieldID: Int16 = 0
    private var enclosingFieldIDs: [Int16] = []

    public init() {}

    /// Compact-protocol type codes (the low nibble of a field header).
    public enum FieldType: UInt8, Sendable {
        case booleanTrue = 1
        case booleanFalse = 2
        case byte = 3
        case i16 = 4
        case i32 = 5
        case i64 = 6
        case double = 7
        case binary = 8
        case list = 9
        case set = 10
        case map = 11
        case structure = 12
    }

    // MARK: Fields

    public mutating func field(_ id: Int16, i16 value: Int16) {
        fieldHeader(id, .i16)
        varint(zigzag(Int64(value)))
    }

    public mutating func field(_ id: Int16, i32 value: Int32) {
        fieldHeader(id, .i32)
        varint(zigzag(Int64(value)))
    }

    public mutating func field(_ id: Int16, i64 value: Int64) {
        fieldHeader(id, .i64)
        varint(zigzag(value))
    }

    public mutating func field(_ id: Int16, bool value: Bool) {
        fieldHeader(id, value ? .booleanTrue : .booleanFalse)
    }

    public mutating func field(_ id: Int16, binary value: [UInt8]) {
        fieldHeader(id, .binary)
        varint(UInt64(value.count))
        bytes += value
    }

    public mutating func field(_ id: Int16, string value: String) {
        field(id, binary: Array(value.utf8))
    }

    /// Opens a struct-valued field; its own fields follow, then ``endStruct()``.
    public mutating func beginStruct(_ id: Int16) {
        fieldHeader(id, .structure)
        beginStructValue()
    }

    /// Opens a struct that is a list element (no field header); close with ``endStruct()``.
    public mutating func beginStructValue() {
        enclosingFieldIDs.append(lastFieldID)
        lastFieldID = 0
    }

    /// Writes the stop byte and returns to the enclosing struct's field ids.
    public mutating func endStruct() {
        bytes.append(0)
        lastFieldID = enclosingFieldIDs.popLast() ?? 0
    }

    /// A list-valued field's header; `count` elements of `elementType` follow.
    public mutating func beginList(_ id: Int16, of elementType: FieldType, count: Int) {
        fieldHeader(id, .list)
        listHeader(elementType, count: count)
    }

    // MARK: List elements

    public mutating func element(i32 value: Int32) { varint(zigzag(Int64(value))) }

    public mutating func element(binary value: [UInt8]) {
        varint(UInt64(value.count))
        bytes += value
    }

    public mutating func element(string value: String) { element(binary: Array(value.utf8)) }

    // MARK: Encoding

    mutating func fieldHeader(_ id: Int16, _ type: FieldType) {
        let delta = Int(id) - Int(lastFieldID)
        if delta > 0 && delta <= 15 {
            bytes.append(UInt8(delta) << 4 | type.rawValue)
        } else {
            bytes.append(type.rawValue)
            varint(zigzag(Int64(id)))
        }
        lastFieldID = id
    }

    mutating func listHeader(_ elementType: FieldType, count: Int) {
        if count < 15 {
            bytes.append(UInt8(count) << 4 | elementType.rawValue)
        } else {
            bytes.append(0xF0 | elementType.rawValue)
            varint(UInt64(count))
        }
    }

    mutating func varint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    func zigzag(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: (value << 1) ^ (value >> 63))
    }
}

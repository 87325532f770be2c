import Foundation

/// A stage's settings as the run's manifest records them, for a later phase
/// to read back typed (`winnow dedup` reads the `minhash` stage's): any
/// `Codable` value, kept as its JSON tree so that Core needs no stage's type.
public struct StageSettings: Codable, Sendable, Equatable {
    private var tree: Tree

    /// The value's JSON form.
    public init<Value: Encodable>(_ value: Value) throws {
        tree = try JSONDecoder().decode(Tree.self, from: JSONEncoder().encode(value))
    }

    /// The recorded value, as the type that wrote it.
    public func decode<Value: Decodable>(_ type: Value.Type) throws -> Value {
        try JSONDecoder().decode(type, from: JSONEncoder().encode(tree))
    }

    public init(from decoder: any Decoder) throws { tree = try Tree(from: decoder) }

    public func encode(to encoder: any Encoder) throws { try tree.encode(to: encoder) }

    /// JSON as it was written: integers stay integers (a seed keeps all its digits).
    private indirect enum Tree: Codable, Sendable, Equatable {
        case null
        case bool(Bool)
        case int(Int64)
        case number(Double)
        case string(String)
        case array([Tree])
        case object([String: Tree])

        init(from decoder: any Decoder) throws {
            let single = try decoder.singleValueContainer()
            if single.decodeNil() {
                self = .null
            } else if let value = try? single.decode(Bool.self) {
                self = .bool(value)
            } else if let value = try? single.decode(Int64.self) {
                self = .int(value)
            } else if let value = try? single.decode(Double.self) {
                self = .number(value)
            } else if let value = try? single.decode(String.self) {
                self = .string(value)
            } else if let value = try? single.decode([Tree].self) {
                self = .array(value)
            } else {
                self = .object(try single.decode([String: Tree].self))
            }
        }

        func encode(to encoder: any Encoder) throws {
            var single = encoder.singleValueContainer()
            switch self {
            case .null: try single.encodeNil()
            case .bool(let value): try single.encode(value)
            case .int(let value): try single.encode(value)
            case .number(let value): try single.encode(value)
            case .string(let value): try single.encode(value)
            case .array(let value): try single.encode(value)
            case .object(let value): try single.encode(value)
            }
        }
    }
}

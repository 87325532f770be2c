/// A value of a stage option, as written in a pipeline file.
public enum OptionValue: Sendable, Hashable, CustomStringConvertible {
    case int(Int)
    case double(Double)
    case string(String)
    case bool(Bool)

    public var description: String {
        switch self {
        case .int(let v): String(v)
        case .double(let v): String(v)
        case .string(let v): v
        case .bool(let v): String(v)
        }
    }

    var typeName: String {
        switch self {
        case .int: "an integer"
        case .double: "a number"
        case .string: "a string"
        case .bool: "true or false"
        }
    }
}

/// One option a stage accepts, with its default and its help text.
public struct OptionSpec: Sendable {
    public var name: String
    public var defaultValue: OptionValue
    public var help: String

    public init(_ name: String, default defaultValue: OptionValue, help: String) {
        self.name = name
        self.defaultValue = defaultValue
        self.help = help
    }
}

/// The options of one stage, defaults filled in.
public struct StageOptions: Sendable, Hashable {
    public var values: [String: OptionValue]

    public init(_ values: [String: OptionValue] = [:]) { self.values = values }

    public func int(_ name: String) -> Int {
        switch values[name] {
        case .int(let v): v
        case .double(let v): Int(v)
        default: preconditionFailure("option \(name) is not an integer; the catalog validates types")
        }
    }

    public func double(_ name: String) -> Double {
        switch values[name] {
        case .int(let v): Double(v)
        case .double(let v): v
        default: preconditionFailure("option \(name) is not a number; the catalog validates types")
        }
    }

    public func string(_ name: String) -> String {
        guard case .string(let v) = values[name] else { preconditionFailure("option \(name) is not a string") }
        return v
    }

    public func bool(_ name: String) -> Bool {
        guard case .bool(let v) = values[name] else { preconditionFailure("option \(name) is not a bool") }
        return v
    }
}

/// How to build one kind of stage from its options.
public struct StageDefinition: Sendable {
    public var name: String
    public var summary: String
    public var options: [OptionSpec]
    /// Stages that must come earlier in a pipeline (their attachments or fields are read).
    public var requires: [String]
    /// Per-shard files the stage adds to, beside the records.
    public var outputs: [PageOutput]
    /// The settings a later phase reads back from the manifest (nil: none).
    public var settings: (@Sendable (StageOptions) throws -> StageSettings)?
    public var make: @Sendable (StageOptions) throws -> any Stage

    public init(
        name: String, summary: String, options: [OptionSpec], requires: [String] = [], outputs: [PageOutput] = [],
        settings: (@Sendable (StageOptions) throws -> StageSettings)? = nil,
        make: @escaping @Sendable (StageOptions) throws -> any Stage
    ) {
        self.name = name
        self.summary = summary
        self.options = options
        self.requires = requires
        self.outputs = outputs
        // Options not given take their defaults, so `make` and `settings` always see every option.
        let defaults = Dictionary(uniqueKeysWithValues: options.map { ($0.name, $0.defaultValue) })
        if let settings {
            self.settings = { given in try settings(StageOptions(defaults.merging(given.values) { $1 })) }
        } else {
            self.settings = nil
        }
        self.make = { given in try make(StageOptions(defaults.merging(given.values) { $1 })) }
    }
}

/// The stages a pipeline file may name.
public struct StageCatalog: Sendable {
    public private(set) var definitions: [String: StageDefinition] = [:]
    public private(set) var names: [String] = []

    public init(_ definitions: [StageDefinition]) {
        for d in definitions {
            precondition(self.definitions[d.name] == nil, "stage \(d.name) defined twice")
            self.definitions[d.name] = d
            names.append(d.name)
        }
    }

    public func definition(_ name: String) -> StageDefinition? { definitions[name] }
}

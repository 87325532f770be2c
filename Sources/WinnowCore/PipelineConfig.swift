import Foundation
import Yams

/// A pipeline as written in a YAML file: stage names and options, checked
/// against a ``StageCatalog``, with every default filled in.
///
/// ```yaml
/// stages:
///   - decode
///   - clean
///   - extract:
///       min_text_chars: 1
///   - text_hash
/// ```
public struct PipelineConfig: Sendable, Equatable {
    public struct Step: Sendable, Equatable {
        public var stage: String
        public var options: StageOptions
        /// What the stage records in the manifest for a later phase (``StageDefinition/settings``).
        public var settings: StageSettings?

        public init(stage: String, options: StageOptions, settings: StageSettings? = nil) {
            self.stage = stage
            self.options = options
            self.settings = settings
        }
    }

    /// Where it came from: a file path, or `built-in default`.
    public var origin: String
    public var steps: [Step]

    /// A canonical text of the stages and all their options (defaults
    /// included), independent of YAML formatting. Its hash goes in the
    /// manifest so that `--resume` can refuse a changed pipeline.
    public var canonicalDescription: String {
        steps.map { step in
            let opts = step.options.values.keys.sorted().map { "\($0)=\(step.options.values[$0]!)" }
            return "\(step.stage)(\(opts.joined(separator: ",")))"
        }.joined(separator: " | ")
    }

    public var hash: String { StableHash.hex(StableHash.hash64(canonicalDescription)) }

    /// Parses and validates pipeline YAML. Errors name `origin`, the line and the key.
    public static func parse(yaml: String, origin: String, catalog: StageCatalog) throws(ConfigurationError)
        -> PipelineConfig
    {
        let root: Node?
        do {
            // No tag resolver: its regular expressions cost more to compile
            // (ICU) than reading the whole file; nulls are spelled out below.
            root = try Yams.compose(yaml: yaml, .basic)
        } catch let error as YamlError {
            throw ConfigurationError("\(origin): not valid YAML: \(Self.oneLine(error))")
        } catch {
            throw ConfigurationError("\(origin): not valid YAML: \(error)")
        }
        guard let root, let top = root.mapping else {
            throw ConfigurationError("\(origin): expected a mapping with a 'stages' list")
        }
        var stagesNode: Node?
        for (key, value) in top {
            switch key.string {
            case "stages": stagesNode = value
            case "name", "description": continue
            default:
                throw ConfigurationError(
                    "\(where_(origin, key)): unknown key '\(key.string ?? "?")' (known: name, description, stages)")
            }
        }
        guard let stagesNode, let list = stagesNode.sequence else {
            throw ConfigurationError("\(origin): 'stages' must be a list of stage names")
        }
        var steps: [Step] = []
        for entry in list {
            let nameNode: Node
            var optionNodes: [(Node, Node)] = []
            if entry.scalar != nil {
                nameNode = entry
            } else if let m = entry.mapping, m.count == 1, let (k, v) = m.first {
                nameNode = k
                if let om = v.mapping {
                    optionNodes = Array(om)
                } else if !Self.isNull(v) {
                    throw ConfigurationError(
                        "\(where_(origin, v)): options of stage '\(k.string ?? "?")' must be a mapping")
                }
            } else {
                throw ConfigurationError(
                    "\(where_(origin, entry)): each stage is a name, or a name with a mapping of options")
            }
            let name = nameNode.string ?? ""
            guard let definition = catalog.definition(name) else {
                throw ConfigurationError(
                    "\(where_(origin, nameNode)): unknown stage '\(name)' (known: "
                        + "\(catalog.names.joined(separator: ", ")))"
                )
            }
            for needed in definition.requires where !steps.contains(where: { $0.stage == needed }) {
                let later = list.contains { ($0.string ?? $0.mapping?.first?.key.string) == needed }
                throw ConfigurationError(
                    "\(where_(origin, nameNode)): stage '\(name)' needs '\(needed)' "
                        + "\(later ? "before it, not after" : "before it, and the pipeline has none")"
                )
            }
            var values: [String: OptionValue] = [:]
            for spec in definition.options { values[spec.name] = spec.defaultValue }
            for (k, v) in optionNodes {
                let optionName = k.string ?? ""
                guard let spec = definition.options.first(where: { $0.name == optionName }) else {
                    let known = definition.options.map(\.name).joined(separator: ", ")
                    throw ConfigurationError(
                        "\(where_(origin, k)): unknown option '\(optionName)' for stage '\(name)' (known: "
                            + "\(known.isEmpty ? "none" : known))"
                    )
                }
                values[optionName] = try Self.value(v, like: spec.defaultValue, option: optionName, origin: origin)
            }
            let options = StageOptions(values)
            var settings: StageSettings?
            if let record = definition.settings {
                do {
                    settings = try record(options)
                } catch let error as ConfigurationError {
                    throw ConfigurationError("\(where_(origin, nameNode)): \(error.message)")
                } catch {
                    throw ConfigurationError("\(where_(origin, nameNode)): stage '\(name)': \(error)")
                }
            }
            steps.append(Step(stage: name, options: options, settings: settings))
        }
        if steps.isEmpty { throw ConfigurationError("\(origin): 'stages' is empty") }
        return PipelineConfig(origin: origin, steps: steps)
    }

    /// Builds the stages.
    public func makePipeline(catalog: StageCatalog) throws -> Pipeline {
        let outputs = steps.flatMap { catalog.definition($0.stage)!.outputs }
        // Two writers of one sink would interleave in one file.
        for (k, output) in outputs.enumerated()
        where outputs[..<k].contains(where: { $0.sink.name == output.sink.name }) {
            throw ConfigurationError(
                "\(origin): two stages write the shard's '\(output.sink.name)' file; name each stage once")
        }
        return Pipeline(stages: try steps.map { try catalog.definition($0.stage)!.make($0.options) }, outputs: outputs)
    }

    /// A YAML null: tagged `!!null`, or a plain `~`, `null`, `Null`, `NULL` or nothing (YAML 1.1).
    static func isNull(_ node: Node) -> Bool {
        if node.tag.rawValue == Tag.Name.null.rawValue { return true }
        guard let scalar = node.scalar, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    private static func value(_ node: Node, like example: OptionValue, option: String, origin: String)
        throws(ConfigurationError) -> OptionValue
    {
        let text = node.scalar?.string
        let parsed: OptionValue?
        switch example {
        case .int: parsed = text.flatMap { Int($0.replacingOccurrences(of: "_", with: "")) }.map(OptionValue.int)
        case .double: parsed = text.flatMap { Double($0) }.map(OptionValue.double)
        case .bool:
            parsed = text.flatMap { ["true": true, "false": false, "yes": true, "no": false][$0.lowercased()] }.map(
                OptionValue.bool)
        case .string: parsed = text.map(OptionValue.string)
        }
        guard let parsed else {
            throw ConfigurationError(
                "\(where_(origin, node)): option '\(option)' must be \(example.typeName), not "
                    + "'\(text ?? "a collection")'"
            )
        }
        return parsed
    }

    private static func oneLine(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _):
            return "line \(mark.line): \(problem)"
        default:
            return String(describing: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
        }
    }
}

private func where_(_ origin: String, _ node: Node) -> String {
    guard let mark = node.mark else { return origin }
    return "\(origin):\(mark.line):\(mark.column)"
}

/// A bad argument or configuration: printed as one line, exit code 64.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

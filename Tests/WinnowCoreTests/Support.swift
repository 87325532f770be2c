import Foundation
import Testing

@testable import WinnowCore

/// A fresh directory under the system temp directory; remove it with `removeTemporaryDirectory`.
func makeTemporaryDirectory(_ label: String = #function) throws -> String {
    let name = "winnow-core-\(label.filter { $0.isLetter || $0.isNumber })-\(UUID().uuidString)"
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(name).path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

func removeTemporaryDirectory(_ path: String) {
    try? FileManager.default.removeItem(atPath: path)
}

func readBytes(_ path: String) -> [UInt8] {
    FileManager.default.contents(atPath: path).map { [UInt8]($0) } ?? []
}

func writeBytes(_ bytes: [UInt8], to path: String) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}

struct PlainError: Error, CustomStringConvertible {
    var text: String
    var description: String { text }
}

/// A stage that notes that it ran (in `warnings`) and then does what it is told.
struct FakeStage: Stage {
    enum Action: Sendable {
        case keep
        case drop(String)
        case fail(stage: String, reason: String)
        case error(String)
    }

    let name: String
    var action: Action = .keep

    func process(_ page: inout Page) throws -> StageOutcome {
        page.record.warnings.append("ran \(name)")
        switch action {
        case .keep: return .keep
        case .drop(let reason): return .drop(reason: reason)
        case .fail(let stage, let reason): throw StageFailure(stage: stage, reason: reason)
        case .error(let text): throw PlainError(text: text)
        }
    }
}

/// Copies the input's bytes into `text` (after `prefix`); pages starting
/// with `DROP` are dropped and pages starting with `FAIL` rejected.
struct EchoStage: Stage {
    let name = "echo"
    var prefix: String

    func process(_ page: inout Page) throws -> StageOutcome {
        let text = String(decoding: page.content.bytes, as: UTF8.self)
        if text.hasPrefix("DROP") { return .drop(reason: "asked to drop") }
        if text.hasPrefix("FAIL") { throw StageFailure(stage: name, reason: "asked to fail") }
        page.record.text = prefix + text
        return .keep
    }
}

/// What `tally` hands its sink: one line per kept page.
struct TallyLine: Sendable {
    var text: String
}

/// The settings `tally` records in the manifest.
struct TallySettings: Codable, Equatable {
    var mark: String
}

/// A stage with a per-shard file of its own (`shard-….tally.txt`): one line
/// per kept page, like the `minhash` stage's signatures.
struct TallyStage: Stage {
    let name = "tally"
    var mark: String

    static let sink = ShardSink(name: "tally", suffix: "tally.txt")

    func process(_ page: inout Page) throws -> StageOutcome {
        page.attachments[TallyLine.self] = TallyLine(text: "\(mark) \(page.input.key)\n")
        return .keep
    }
}

/// Stages for pipeline-file tests: `alpha` has one option of every type.
let testCatalog = StageCatalog([
    StageDefinition(
        name: "alpha", summary: "A stage with one option of every type.",
        options: [
            OptionSpec("size", default: .int(10), help: "An integer."),
            OptionSpec("ratio", default: .double(0.5), help: "A number."),
            OptionSpec("label", default: .string("x"), help: "A string."),
            OptionSpec("strict", default: .bool(false), help: "A flag."),
        ],
        make: { _ in FakeStage(name: "alpha") }),
    StageDefinition(
        name: "beta", summary: "A stage without options.", options: [], make: { _ in FakeStage(name: "beta") }),
    StageDefinition(
        name: "echo", summary: "Copies the input into the text.",
        options: [OptionSpec("prefix", default: .string(""), help: "Put before the text.")],
        make: { EchoStage(prefix: $0.string("prefix")) }),
    StageDefinition(
        name: "tally", summary: "Lists kept pages in a file of its own.",
        options: [OptionSpec("mark", default: .string("kept"), help: "Put before each key.")],
        outputs: [PageOutput(sink: TallyStage.sink) { Array(($0.attachments[TallyLine.self]?.text ?? "").utf8) }],
        settings: { try StageSettings(TallySettings(mark: $0.string("mark"))) },
        make: { TallyStage(mark: $0.string("mark")) }),
])

/// Serves inputs from memory; a key without a page fails like a missing file.
struct FakeLoader: InputLoader {
    var pages: [String: String]

    func load(_ ref: InputRef) throws -> InputContent {
        guard let text = pages[ref.key] else {
            throw StageFailure(stage: "read", reason: "cannot open \(ref.location)")
        }
        return InputContent(bytes: Array(text.utf8), format: .text)
    }
}

func makePage(key: String = "page.html", bytes: [UInt8] = [], format: InputContent.Format = .html) -> Page {
    Page(
        input: InputRef(key: key, kind: .file, location: "/archive/" + key),
        content: InputContent(bytes: bytes, format: format))
}

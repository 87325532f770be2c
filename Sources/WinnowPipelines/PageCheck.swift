import WinnowCore

/// Runs the default pipeline on raw bytes, as the fuzzer and its regression
/// tests do: whatever the bytes, the result is a record or a reject, never a
/// crash, and a record's JSON line is valid UTF-8 ending in one newline.
public enum PageCheck {
    public enum Outcome: Equatable, Sendable {
        case record
        case rejected(String)
        case dropped
    }

    private static let pipeline: Pipeline = {
        // The default pipeline always builds.
        try! StandardStages.defaultPipeline().makePipeline(catalog: StandardStages.catalog)
    }()

    public static func run(_ bytes: [UInt8], format: InputContent.Format = .html) -> Outcome {
        let ref = InputRef(key: "fuzz.html", kind: .file, location: "fuzz.html")
        var page = Page(input: ref, content: InputContent(bytes: bytes, format: format))
        switch pipeline.run(&page) {
        case .kept:
            let line = page.record.jsonLine()
            precondition(
                line.last == 0x0A && line.dropLast().firstIndex(of: 0x0A) == nil,
                "a record line must end in exactly one newline")
            precondition(String(validating: line, as: UTF8.self) != nil, "a record line must be valid UTF-8")
            return .record
        case .dropped:
            return .dropped
        case .rejected(let failure):
            return .rejected(failure.description)
        }
    }
}

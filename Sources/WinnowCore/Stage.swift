/// One step of a pipeline: a page in; the page kept, dropped, or rejected.
///
/// Implementation requirements:
/// - `process` is called concurrently from several worker threads, on
///   different pages; a stage keeps no mutable state shared between pages.
/// - The result depends only on the page and the stage's options, never on
///   time, thread or order, so output is byte-identical for any worker count.
/// - A stage never touches the network or the file system on a page's behalf.
/// - A page that cannot be processed is rejected by throwing ``StageFailure``
///   with a reason naming what is wrong; any other thrown error is also turned
///   into a reject, never a crash.
public protocol Stage: Sendable {
    /// The name used in pipeline files and in stats.
    var name: String { get }
    func process(_ page: inout Page) throws -> StageOutcome
}

public enum StageOutcome: Sendable, Equatable {
    case keep
    /// The page is left out of the records on purpose (a filter said so);
    /// it is counted in stats with the reason.
    case drop(reason: String)
}

/// Why a page was rejected. Becomes one line of the shard's rejects file.
public struct StageFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public var stage: String
    public var reason: String

    public init(stage: String, reason: String) {
        self.stage = stage
        self.reason = reason
    }

    public var description: String { "\(stage): \(reason)" }
}

/// The unit of work that flows through a pipeline: the input, its bytes and
/// the record being built.
public struct Page: Sendable {
    public let input: InputRef
    public var content: InputContent
    public var record: Record
    /// What one stage hands the next (the decoded text, the cleaned page, the
    /// walk's findings), by type: typed values, never strings in a dictionary.
    public var attachments = Attachments()

    public init(input: InputRef, content: InputContent) {
        self.input = input
        self.content = content
        var record = Record(
            id: StableHash.recordID(forKey: input.key),
            source: Record.Source(
                kind: input.kind.recordSourceKind, path: input.container ?? input.key,
                offset: input.offset, warcRecordID: content.warcRecordID))
        record.url = content.url
        record.fetchedAt = content.fetchedAt
        record.httpStatus = content.httpStatus
        self.record = record
    }
}

extension InputRef.Kind {
    /// `source.kind` of a record: `file` (gzip or not) or `warc`.
    public var recordSourceKind: String {
        switch self {
        case .file, .gzip: "file"
        case .warc, .warcRecord: "warc"
        }
    }
}

/// Values that stages attach to a page for later stages, one per type.
/// A stage that needs another's attachment declares that stage in its
/// ``StageDefinition/requires``, so the pipeline file is checked for it.
public struct Attachments: Sendable {
    private var values: [ObjectIdentifier: any Sendable] = [:]

    public init() {}

    public subscript<Value: Sendable>(_ type: Value.Type) -> Value? {
        get { values[ObjectIdentifier(type)] as? Value }
        set { values[ObjectIdentifier(type)] = newValue }
    }
}

/// One per-shard output file the runner appends to in input order:
/// `RUNDIR/shard-KKKKK-of-NNNNN.<suffix>`. Each checkpoint names every
/// sink's committed length, so a new per-shard output is one more sink,
/// never a new field of the checkpoint (docs/ARCHITECTURE.md "Run directory").
public struct ShardSink: Sendable, Hashable {
    /// The name in the checkpoint.
    public var name: String
    /// What follows the shard's file stem and a dot.
    public var suffix: String

    public init(name: String, suffix: String) {
        self.name = name
        self.suffix = suffix
    }

    /// The records, one JSON line each.
    public static let records = ShardSink(name: "records", suffix: "jsonl")
    /// Inputs that failed, with stage and reason.
    public static let rejects = ShardSink(name: "rejects", suffix: "rejects.jsonl")
    /// WARC `revisit` records and the records they repeat (shards that read WARC files).
    public static let revisits = ShardSink(name: "revisits", suffix: "revisits.jsonl")
}

/// A sink a stage contributes to: what each kept page adds to it (nothing
/// when `entry` is empty), typically an attachment the stage set, encoded.
/// Declared in the stage's ``StageDefinition/outputs``.
public struct PageOutput: Sendable {
    public var sink: ShardSink
    public var entry: @Sendable (Page) -> [UInt8]

    public init(sink: ShardSink, entry: @escaping @Sendable (Page) -> [UInt8]) {
        self.sink = sink
        self.entry = entry
    }
}

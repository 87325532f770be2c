import Foundation
import WinnowCore
import WinnowDedup

/// `winnow export`: every shard's records, in shard order and input order
/// within a shard, through what `winnow dedup` decided (``DedupDecisions``)
/// and the export filters, into one ``RecordWriter``.
///
/// The output is written to `PATH.partial` and renamed to `PATH` only when
/// the writer has finished, so an export killed midway leaves nothing at
/// `PATH`.
public struct Exporter {
    public let directory: RunDirectory
    public var options: Options
    /// Called every few thousand records and at the end (`done`/`total` count records).
    public var progress: ((ProgressSnapshot) -> Void)?

    public struct Options: Sendable {
        /// Leave duplicates out instead of only marking them.
        public var dropDuplicates = false
        /// Keep only records whose `language` is one of these (all when empty).
        public var languages: [String] = []
        /// Keep only records whose `page_type` is `article`.
        public var articlesOnly = false
        /// Keep only these record keys (all when nil).
        public var fields: FieldSelection?
        /// Export the complete shards of a run whose other shards are not done.
        public var allowIncomplete = false
        public init() {}
    }

    public init(directory: RunDirectory, options: Options = Options()) {
        self.directory = directory
        self.options = options
    }

    public init(directory: RunDirectory, dropDuplicates: Bool) {
        self.directory = directory
        self.options = Options()
        self.options.dropDuplicates = dropDuplicates
    }

    public struct Summary: Sendable, Equatable {
        public var records = 0
        public var written = 0
        public var duplicatesMarked = 0
        public var duplicatesDropped = 0
        public var filteredOut = 0
        public var boilerplateParagraphsRemoved = 0
        /// False when the run has no dedup decisions yet.
        public var deduplicated = false
        /// Shards left out because they are not complete (`allowIncomplete`).
        public var incompleteShards: [String] = []
        /// The records the complete shards' checkpoints count.
        var expected = 0
    }

    /// Writes JSON Lines to `output` (a path, or `-` for stdout).
    public func export(to output: String) throws -> Summary {
        if output == "-" {
            return try export(into: JSONLinesWriter(sink: StandardOutputSink()))
        }
        return try export(to: output, format: .jsonl)
    }

    /// Writes `format` to `output` through `output.partial`, renamed at the end.
    public func export(to output: String, format: ExportFormat) throws -> Summary {
        if format == .pairs { return try exportPairs(to: output).0 }
        let partial = output + ".partial"
        try? FileManager.default.removeItem(atPath: partial)
        let writer = try format.makeWriter(path: partial, fields: options.fields)
        let summary: Summary
        do {
            summary = try export(into: writer)
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw error
        }
        guard rename(partial, output) == 0 else {
            throw ExportFailure("cannot rename \(partial) to \(output): \(String(cString: strerror(errno)))")
        }
        return summary
    }

    /// The complete shards with their committed record bytes; refuses an
    /// incomplete run unless `allowIncomplete`.
    func completeShards(_ summary: inout Summary) throws -> [(ShardSpec, Int)] {
        guard let manifest = try directory.readManifest() else {
            throw ConfigurationError("\(directory.path) is not a Winnow run directory (no manifest.json)")
        }
        var shards: [(ShardSpec, Int)] = []
        var incomplete: [String] = []
        for index in 0..<manifest.shards {
            let shard = ShardSpec(index: index, count: manifest.shards)
            if let checkpoint = try directory.readCheckpoint(shard), checkpoint.complete {
                shards.append((shard, checkpoint.recordsBytes))
                summary.expected += checkpoint.stats.records
            } else {
                incomplete.append(shard.description)
            }
        }
        if !incomplete.isEmpty {
            guard options.allowIncomplete else {
                let list =
                    incomplete.count > 8
                    ? incomplete.prefix(8).joined(separator: ", ") + ", …" : incomplete.joined(separator: ", ")
                throw ConfigurationError(
                    "\(directory.path): \(incomplete.count) shard(s) not complete (\(list)); finish them first (see "
                        + "winnow status) or pass --allow-incomplete"
                )
            }
            summary.incompleteShards = incomplete
        }
        return shards
    }

    /// Translation pairs (``TranslationPairs``) as JSON Lines at `output`, or,
    /// when `output` is a directory (existing, or ending in `/`),
    /// `DIR/pairs.jsonl` and the Moses-style line files beside it.
    public func exportPairs(to output: String) throws -> (Summary, pairs: Int, segments: Int) {
        var summary = Summary()
        let shards = try completeShards(&summary)
        var isDirectory: ObjCBool = false
        let asDirectory =
            output.hasSuffix("/")
            || (FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory) && isDirectory.boolValue)
        if asDirectory { try AtomicFile.makeDirectories(output) }
        let jsonl = asDirectory ? (output.hasSuffix("/") ? output : output + "/") + "pairs.jsonl" : output
        let decisions = try DedupDecisions(directory: directory)
        summary.deduplicated = decisions != nil
        let pairs = TranslationPairs(directory: directory, decisions: decisions)
        let result = try pairs.write(
            shards: shards, jsonlPath: jsonl + ".partial",
            mosesDirectory: asDirectory ? String(jsonl.dropLast("/pairs.jsonl".count)) : nil)
        guard rename(jsonl + ".partial", jsonl) == 0 else {
            throw ExportFailure("cannot rename \(jsonl).partial to \(jsonl): \(String(cString: strerror(errno)))")
        }
        summary.records = result.records
        summary.written = result.pairs
        return (summary, result.pairs, result.alignedSegments)
    }

    /// Iterates the run's records through the decisions and filters into `writer`, then finishes it.
    public func export(into writer: RecordWriter) throws -> Summary {
        var summary = Summary()
        let shards = try completeShards(&summary)
        let decisions = try DedupDecisions(directory: directory)
        summary.deduplicated = decisions != nil
        let languages = Set(options.languages)
        let reader = RecordReader()
        let started = ContinuousClock.now
        func report() {
            let elapsed = ContinuousClock.now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            progress?(
                ProgressSnapshot(
                    done: summary.records, total: summary.expected, records: summary.written, rejects: 0,
                    dropped: summary.records - summary.written, doneThisRun: summary.records, elapsedSeconds: seconds))
        }
        for (shard, recordsBytes) in shards {
            let path = directory.recordsPath(shard)
            for line in try LineReader(path: path, limit: recordsBytes) {
                summary.records += 1
                if summary.records % 2048 == 0 { report() }
                var record: Record
                do {
                    record = try reader.record(line)
                } catch {
                    throw ConfigurationError("\(path): record \(summary.records): \(error)")
                }
                if !languages.isEmpty, !languages.contains(record.language ?? "") {
                    summary.filteredOut += 1
                    continue
                }
                if options.articlesOnly, record.pageType != "article" {
                    summary.filteredOut += 1
                    continue
                }
                if let decisions {
                    let outcome = decisions.apply(to: &record)
                    summary.boilerplateParagraphsRemoved += outcome.boilerplateParagraphsRemoved
                    if outcome.isDuplicate {
                        if options.dropDuplicates {
                            summary.duplicatesDropped += 1
                            continue
                        }
                        summary.duplicatesMarked += 1
                    }
                }
                options.fields?.apply(to: &record)
                try writer.write(record)
                summary.written += 1
            }
        }
        try writer.finish()
        report()
        return summary
    }
}

/// Standard output, for `--to -` (a pipe cannot be renamed into place).
final class StandardOutputSink: ByteSink {
    func write(_ bytes: [UInt8]) throws { FileHandle.standardOutput.write(Data(bytes)) }
    func close() throws {}
}

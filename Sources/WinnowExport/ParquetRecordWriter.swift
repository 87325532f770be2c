import Foundation
import WinnowCore
import WinnowDedup
import WinnowParquet

/// `--format parquet`: one Parquet file, one row per record, through
/// Winnow's own writer (``ParquetFileWriter``).
///
/// Columns follow the JSON export's keys in its order. Nested objects with
/// one value per record (`source`, `translation`, `dedup`) are flattened
/// into `source_kind`, `translation_editors`, `dedup_cluster`, …: a flat
/// column is a plain `WHERE source_kind = 'warc'` in DuckDB and a plain
/// pandas column, where a struct needs `source.kind` in SQL and becomes a
/// column of dicts in pandas. Lists of objects (`paragraphs`, `related`,
/// `alternates`, `translation_notes`) stay LISTs of structs.
///
/// Nulls: a field the JSON export leaves out is null here, and that
/// includes empty lists (the record contract writes no `[]`), so `authors
/// IS NULL` means the same in Parquet as a missing key in JSON Lines.
///
/// `published` and `modified` are TIMESTAMP(UTC, µs) instants parsed by
/// ``PublishedInstant`` (a value without an offset is taken as UTC, one
/// without a time as midnight; unparseable text gives null); the text as
/// written, offset included, is kept in `published_raw` / `modified_raw`.
public final class ParquetRecordWriter: RecordWriter {
    private let worker: BackgroundWriter
    private var batch: [Record] = []

    /// Records handed to the writing thread at a time, and batches in flight:
    /// about 4 × 256 records (a few MB) between the reading and the writing thread.
    static let batchSize = 256
    static let batchesInFlight = 4

    /// Environment variables that override the row-group size and the
    /// dictionary limit in bytes, for tests that need several row groups and
    /// dictionary fallback from a small run.
    public static let rowGroupBytesVariable = "WINNOW_PARQUET_ROW_GROUP_BYTES"
    public static let dictionaryBytesVariable = "WINNOW_PARQUET_DICTIONARY_BYTES"

    public init(
        path: String, fields: FieldSelection? = nil,
        options: ParquetFileWriter.Options = ParquetRecordWriter.defaultOptions()
    ) throws {
        let writer: ParquetFileWriter
        // `--fields` keeps some top-level columns; rows keep the same ones.
        let kept = Self.schema.fields.indices.filter { fields?.keeps(column: Self.schema.fields[$0].name) ?? true }
        let schema =
            kept.count == Self.schema.fields.count ? Self.schema : ParquetSchema(kept.map { Self.schema.fields[$0] })
        do {
            writer = try ParquetFileWriter(output: try FileSink(path: path), schema: schema, options: options)
        } catch let error as ExportFailure {
            throw error
        } catch {
            throw ExportFailure("cannot write \(path): \(error)")
        }
        worker = BackgroundWriter(
            writer: writer, path: path,
            kept: kept.count == Self.schema.fields.count ? nil : kept)
        batch.reserveCapacity(Self.batchSize)
    }

    /// The writer's defaults, with the sizes from ``rowGroupBytesVariable`` and ``dictionaryBytesVariable`` if set.
    public static func defaultOptions() -> ParquetFileWriter.Options {
        var options = ParquetFileWriter.Options()
        let environment = ProcessInfo.processInfo.environment
        if let text = environment[rowGroupBytesVariable], let bytes = Int(text), bytes > 0 {
            options.rowGroupBytes = bytes
        }
        if let text = environment[dictionaryBytesVariable], let bytes = Int(text), bytes > 0 {
            options.dictionaryBytes = bytes
        }
        return options
    }

    public func write(_ record: Record) throws {
        batch.append(record)
        if batch.count >= Self.batchSize {
            try worker.submit(batch)
            batch.removeAll(keepingCapacity: true)
        }
    }

    public func finish() throws {
        if !batch.isEmpty {
            try worker.submit(batch)
            batch.removeAll()
        }
        try worker.finish()
    }

    /// Shreds, encodes and compresses on its own thread while the exporter
    /// reads and decodes the next records: the two halves cost about the
    /// same (measured on 2,000 generated pages: JSON decoding 36% of the
    /// export, shredding and ZSTD about 40%), so on two cores the export
    /// takes about as long as the slower half.
    ///
    /// `@unchecked Sendable`: `writer` is used only on `queue` (serial), and
    /// `failure` only under `lock`.
    private final class BackgroundWriter: @unchecked Sendable {
        private let queue = DispatchQueue(label: "winnow.export.parquet")
        private let slots = DispatchSemaphore(value: ParquetRecordWriter.batchesInFlight)
        private let lock = NSLock()
        private var failure: ExportFailure?
        private let writer: ParquetFileWriter
        private let path: String
        /// The columns `--fields` keeps, by index into the full schema (nil: all).
        private let kept: [Int]?

        init(writer: ParquetFileWriter, path: String, kept: [Int]?) {
            self.writer = writer
            self.path = path
            self.kept = kept
        }

        /// Queues `records`; throws the writing thread's first failure, if any.
        func submit(_ records: [Record]) throws {
            if let failure = currentFailure() { throw failure }
            slots.wait()
            queue.async { [self] in
                defer { slots.signal() }
                guard currentFailure() == nil else { return }
                do {
                    for record in records {
                        let row = ParquetRecordWriter.row(record)
                        try writer.write(row: kept.map { $0.map { row[$0] } } ?? row)
                    }
                } catch {
                    record(error)
                }
            }
        }

        /// Waits for the queued records, then writes the footer.
        func finish() throws {
            try queue.sync {
                if let failure = currentFailure() { throw failure }
                do {
                    try writer.finish()
                } catch {
                    record(error)
                    throw currentFailure()!
                }
            }
        }

        private func currentFailure() -> ExportFailure? {
            lock.lock()
            defer { lock.unlock() }
            return failure
        }

        private func record(_ error: Error) {
            lock.lock()
            defer { lock.unlock() }
            if failure == nil {
                failure = error as? ExportFailure ?? ExportFailure("cannot write \(path): \(error)")
            }
        }
    }

    /// The export's columns; the README's Parquet table lists the same.
    public static let schema = ParquetSchema([
        .string("id", optional: false),
        .string("url"),
        .string("canonical_url"),
        .string("source_kind", optional: false, dictionary: true),
        .string("source_path", optional: false),
        .int64("source_offset"),
        .string("source_warc_record_id"),
        .string("fetched_at"),
        .int32("http_status"),
        .string("page_type", dictionary: true),
        .string("charset", dictionary: true),
        .string("title"),
        .stringList("authors"),
        .timestamp("published"),
        .string("published_raw"),
        .timestamp("modified"),
        .string("modified_raw"),
        .string("site_name", dictionary: true),
        .string("description"),
        .string("language", dictionary: true),
        .double("language_confidence"),
        .string("text"),
        .list(
            "paragraphs",
            of: .group(
                "element",
                [
                    .string("text", optional: false), .string("kind", optional: false, dictionary: true),
                    .string("language", dictionary: true),
                ], optional: false)),
        .stringList("captions"),
        .list("related", of: .group("element", [.string("title"), .string("url")], optional: false)),
        .list(
            "alternates",
            of: .group(
                "element", [.string("language", dictionary: true), .string("url", optional: false)], optional: false)),
        .stringList("translation_translators"),
        .stringList("translation_editors"),
        .string("translation_original_language", dictionary: true),
        .string("translation_original_url"),
        .list(
            "translation_notes",
            of: .group(
                "element",
                [
                    .string("text", optional: false), .int32("paragraph", optional: false),
                ], optional: false)),
        .stringList("tags"),
        .string("dedup_text_hash"),
        .string("dedup_cluster"),
        .string("dedup_duplicate_of"),
        .stringList("warnings"),
    ])

    /// One record as a row of ``schema``.
    static func row(_ record: Record) -> [ParquetValue] {
        let translation = record.translation
        return [
            .string(record.id),
            .optional(record.url),
            .optional(record.canonicalURL),
            .string(record.source.kind),
            .string(record.source.path),
            record.source.offset.map { .int64(Int64($0)) } ?? .null,
            .optional(record.source.warcRecordID),
            .optional(record.fetchedAt),
            record.httpStatus.map { .int32(Int32(clamping: $0)) } ?? .null,
            .optional(record.pageType),
            .optional(record.charset),
            .optional(record.title),
            strings(record.authors),
            timestamp(record.published),
            .optional(record.published),
            timestamp(record.modified),
            .optional(record.modified),
            .optional(record.siteName),
            .optional(record.description),
            .optional(record.language),
            record.languageConfidence.map { .double($0) } ?? .null,
            .optional(record.text),
            list(record.paragraphs) { .group([.string($0.text), .string($0.kind.rawValue), .optional($0.language)]) },
            strings(record.captions),
            list(record.related) { .group([.optional($0.title), .optional($0.url)]) },
            list(record.alternates) { .group([.optional($0.language), .string($0.url)]) },
            strings(translation?.translators ?? []),
            strings(translation?.editors ?? []),
            .optional(translation?.originalLanguage),
            .optional(translation?.originalURL),
            list(translation?.notes ?? []) { .group([.string($0.text), .int32(Int32(clamping: $0.paragraph))]) },
            strings(record.tags),
            .optional(record.dedup?.textHash),
            .optional(record.dedup?.cluster),
            .optional(record.dedup?.duplicateOf),
            strings(record.warnings),
        ]
    }

    /// An empty list is null, as the JSON export leaves it out.
    private static func list<Element>(_ elements: [Element], _ transform: (Element) -> ParquetValue) -> ParquetValue {
        elements.isEmpty ? .null : .list(elements.map(transform))
    }

    private static func strings(_ elements: [String]) -> ParquetValue {
        list(elements) { .string($0) }
    }

    /// Microseconds since the epoch of an ISO 8601 `published`/`modified`, null when unparseable.
    static func timestamp(_ text: String?) -> ParquetValue {
        guard let text, let instant = PublishedInstant(iso8601: text) else { return .null }
        let (micros, overflow) = instant.seconds.multipliedReportingOverflow(by: 1_000_000)
        guard !overflow else { return .null }
        return .timestampMicros(micros + Int64(instant.nanoseconds / 1000))
    }
}

extension FileSink: ParquetOutput {}

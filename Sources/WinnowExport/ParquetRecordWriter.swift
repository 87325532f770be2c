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
    private let writer: ParquetFileWriter
    private let path: String

    /// The environment variable that overrides the row-group size in bytes,
    /// for tests that need several row groups from a small run.
    public static let rowGroupBytesVariable = "WINNOW_PARQUET_ROW_GROUP_BYTES"

    public init(path: String, options: ParquetFileWriter.Options = ParquetRecordWriter.defaultOptions()) throws {
        self.path = path
        do {
            writer = try ParquetFileWriter(output: try FileSink(path: path), schema: Self.schema, options: options)
        } catch let error as ExportFailure {
            throw error
        } catch {
            throw ExportFailure("cannot write \(path): \(error)")
        }
    }

    /// The writer's defaults, with the row-group size from ``rowGroupBytesVariable`` if set.
    public static func defaultOptions() -> ParquetFileWriter.Options {
        var options = ParquetFileWriter.Options()
        if let text = ProcessInfo.processInfo.environment[rowGroupBytesVariable], let bytes = Int(text), bytes > 0 {
            options.rowGroupBytes = bytes
        }
        return options
    }

    public func write(_ record: Record) throws {
        do {
            try writer.write(row: Self.row(record))
        } catch let error as ExportFailure {
            throw error
        } catch {
            throw ExportFailure("cannot write \(path): \(error)")
        }
    }

    public func finish() throws {
        do {
            try writer.finish()
        } catch let error as ExportFailure {
            throw error
        } catch {
            throw ExportFailure("cannot write \(path): \(error)")
        }
    }

    /// The export's columns; the README's Parquet table lists the same.
    public static let schema = ParquetSchema([
        .string("id", optional: false),
        .string("url"),
        .string("canonical_url"),
        .string("source_kind", optional: false),
        .string("source_path", optional: false),
        .int64("source_offset"),
        .string("source_warc_record_id"),
        .string("fetched_at"),
        .int32("http_status"),
        .string("charset"),
        .string("title"),
        .stringList("authors"),
        .timestamp("published"),
        .string("published_raw"),
        .timestamp("modified"),
        .string("modified_raw"),
        .string("site_name"),
        .string("description"),
        .string("language"),
        .double("language_confidence"),
        .string("text"),
        .list("paragraphs", of: .group("element", [
            .string("text", optional: false), .string("kind", optional: false), .string("language"),
        ], optional: false)),
        .stringList("captions"),
        .list("related", of: .group("element", [.string("title"), .string("url")], optional: false)),
        .list("alternates", of: .group("element", [.string("language"), .string("url", optional: false)], optional: false)),
        .stringList("translation_translators"),
        .stringList("translation_editors"),
        .string("translation_original_language"),
        .string("translation_original_url"),
        .list("translation_notes", of: .group("element", [
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

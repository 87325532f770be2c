/// The formats `winnow export` writes, chosen by `--format` or by the output
/// file's name.
public enum ExportFormat: String, CaseIterable, Sendable {
    case jsonl
    case jsonlGzip = "jsonl.gz"
    case jsonlZstd = "jsonl.zst"
    case csv
    case parquet
    case sqlite
    case pairs

    /// The format a file name implies (`.jsonl.gz`, `.parquet`, `.db`, …), if any.
    public init?(fileName: String) {
        let name = fileName.lowercased()
        let endings: [(String, ExportFormat)] = [
            (".jsonl.gz", .jsonlGzip), (".jsonl.zst", .jsonlZstd), (".jsonl", .jsonl), (".json", .jsonl),
            (".csv", .csv), (".parquet", .parquet), (".sqlite", .sqlite), (".sqlite3", .sqlite), (".db", .sqlite),
        ]
        guard let match = endings.first(where: { name.hasSuffix($0.0) }) else { return nil }
        self = match.1
    }

    /// Opens this format's writer on `path`.
    func makeWriter(path: String, fields: FieldSelection? = nil) throws -> RecordWriter {
        switch self {
        case .jsonl: return JSONLinesWriter(sink: try FileSink(path: path))
        case .jsonlGzip: return JSONLinesWriter(sink: try CompressedSink(.gzip, into: try FileSink(path: path)))
        case .jsonlZstd: return JSONLinesWriter(sink: try CompressedSink(.zstd, into: try FileSink(path: path)))
        case .csv: return try CSVWriter(sink: try FileSink(path: path), fields: fields)
        case .sqlite: return try SQLiteRecordWriter(path: path, fields: fields)
        case .parquet: return try ParquetRecordWriter(path: path, fields: fields)
        // Pairs need the whole run (two passes), not a record at a time: Exporter.exportPairs.
        case .pairs: preconditionFailure("pairs are written by Exporter.exportPairs")
        }
    }
}

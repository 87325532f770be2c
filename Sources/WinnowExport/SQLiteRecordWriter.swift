import WinnowCore
import WinnowSQLite

/// SQLite: one database with a `records` table (one column per scalar field,
/// JSON arrays and objects for the rest, as ``RecordColumns``), a
/// `paragraphs` table (one row per paragraph, with its position), and an
/// FTS5 full-text index `records_fts` over title and text.
///
/// The index uses FTS5's `unicode61` tokenizer with prefix indexes: English
/// words match as words (ranked by bm25), and Korean words match by prefix
/// (`평양*` finds 평양에서, 평양의), since Korean particles attach to the end of a
/// word. The `trigram` tokenizer was not chosen because it cannot match
/// queries under three characters, and most Korean nouns are two syllables.
///
/// Everything is written in one transaction; the index is built at the end
/// from the finished table (faster than keeping it current row by row).
public final class SQLiteRecordWriter: RecordWriter {
    let database: SQLiteDatabase
    var insertRecord: SQLiteDatabase.Statement!
    var insertParagraph: SQLiteDatabase.Statement!
    /// Indices of the ``RecordColumns`` stored (all, or those `--fields` keeps).
    let kept: [Int]
    let names: [String]

    public init(path: String, fields: FieldSelection? = nil) throws {
        database = try exporting { () throws(SQLiteError) in try SQLiteDatabase(path: path) }
        kept = RecordColumns.names.indices.filter { fields?.keeps(column: RecordColumns.names[$0]) ?? true }
        names = kept.map { RecordColumns.names[$0] }
        let columns = names.map { name -> String in
            switch name {
            case "id": return "id TEXT PRIMARY KEY"
            case "source_offset", "http_status": return name + " INTEGER"
            case "language_confidence": return name + " REAL"
            default: return name + " TEXT"
            }
        }
        try exporting { () throws(SQLiteError) in
            try database.execute(
                """
                PRAGMA journal_mode = OFF;
                PRAGMA synchronous = OFF;
                BEGIN;
                CREATE TABLE records (\(columns.joined(separator: ", ")));
                CREATE TABLE paragraphs (record_id TEXT NOT NULL, position INTEGER NOT NULL, text TEXT NOT NULL, kind \
                TEXT NOT NULL, language TEXT, PRIMARY KEY (record_id, position)) WITHOUT ROWID;
                """)
        }
        let placeholders = Array(repeating: "?", count: names.count).joined(separator: ", ")
        insertRecord = try exporting { () throws(SQLiteError) in
            try database.prepare("INSERT INTO records VALUES (\(placeholders))")
        }
        insertParagraph = try exporting { () throws(SQLiteError) in
            try database.prepare("INSERT INTO paragraphs VALUES (?, ?, ?, ?, ?)")
        }
    }

    public func write(_ record: Record) throws {
        let all = RecordColumns.values(of: record)
        let values = kept.map { all[$0] }.map { value -> SQLiteDatabase.Value in
            switch value {
            case .null: return .null
            case .text(let s), .json(let s): return .text(s)
            case .integer(let n): return .integer(Int64(n))
            case .real(let x): return .real(x)
            case .strings(let list):
                var w = JSONWriter()
                w.beginArray()
                for item in list { w.string(item) }
                w.endArray()
                return .text(String(decoding: w.bytes, as: UTF8.self))
            }
        }
        try exporting { () throws(SQLiteError) in
            try insertRecord!.run(values)
            for (position, paragraph) in record.paragraphs.enumerated() {
                try insertParagraph!.run([
                    .text(record.id), .integer(Int64(position)), .text(paragraph.text),
                    .text(paragraph.kind.rawValue), paragraph.language.map { .text($0) } ?? .null,
                ])
            }
        }
    }

    public func finish() throws {
        // Statements are finalized before the database can close.
        insertRecord = nil
        insertParagraph = nil
        // Indexes over the columns there are (`--fields` may leave some out).
        var sql = ""
        for column in ["language", "published"] where names.contains(column) {
            sql += "CREATE INDEX records_\(column) ON records (\(column));\n"
        }
        let searched = ["title", "text"].filter(names.contains)
        if !searched.isEmpty {
            let list = searched.joined(separator: ", ")
            sql += """
                CREATE VIRTUAL TABLE records_fts USING fts5(\(list), content='records', content_rowid='rowid', \
                tokenize='unicode61 remove_diacritics 2', prefix='2 3');
                INSERT INTO records_fts (rowid, \(list)) SELECT rowid, \(list) FROM records;

                """
        }
        try exporting { () throws(SQLiteError) in
            try database.execute(sql + "COMMIT;")
            try database.close()
        }
    }
}

/// Runs `body`, its SQLite failure as an ``ExportFailure`` (the same text: the file and SQLite's reason).
private func exporting<T>(_ body: () throws(SQLiteError) -> T) throws(ExportFailure) -> T {
    do {
        return try body()
    } catch {
        throw ExportFailure(error.description)
    }
}

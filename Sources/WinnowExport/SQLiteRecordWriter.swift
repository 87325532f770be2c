import WinnowCore

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

    public init(path: String) throws {
        database = try SQLiteDatabase(path: path)
        let columns = RecordColumns.names.map { name -> String in
            switch name {
            case "id": return "id TEXT PRIMARY KEY"
            case "source_offset", "http_status": return name + " INTEGER"
            case "language_confidence": return name + " REAL"
            default: return name + " TEXT"
            }
        }
        try database.execute("""
            PRAGMA journal_mode = OFF;
            PRAGMA synchronous = OFF;
            BEGIN;
            CREATE TABLE records (\(columns.joined(separator: ", ")));
            CREATE TABLE paragraphs (record_id TEXT NOT NULL, position INTEGER NOT NULL, text TEXT NOT NULL, kind TEXT NOT NULL, language TEXT, PRIMARY KEY (record_id, position)) WITHOUT ROWID;
            """)
        let placeholders = Array(repeating: "?", count: RecordColumns.names.count).joined(separator: ", ")
        insertRecord = try database.prepare("INSERT INTO records VALUES (\(placeholders))")
        insertParagraph = try database.prepare("INSERT INTO paragraphs VALUES (?, ?, ?, ?, ?)")
    }

    public func write(_ record: Record) throws {
        let values = RecordColumns.values(of: record).map { value -> SQLiteDatabase.Statement.Value in
            switch value {
            case .null: return .null
            case .text(let s), .json(let s): return .text(s)
            case .integer(let n): return .integer(n)
            case .real(let x): return .real(x)
            case .strings(let list):
                var w = JSONWriter()
                w.beginArray()
                for item in list { w.string(item) }
                w.endArray()
                return .text(String(decoding: w.bytes, as: UTF8.self))
            }
        }
        try insertRecord.run(values)
        for (position, paragraph) in record.paragraphs.enumerated() {
            try insertParagraph.run([
                .text(record.id), .integer(position), .text(paragraph.text), .text(paragraph.kind.rawValue),
                paragraph.language.map { .text($0) } ?? .null,
            ])
        }
    }

    public func finish() throws {
        // Statements are finalized before the database can close.
        insertRecord = nil
        insertParagraph = nil
        try database.execute("""
            CREATE INDEX records_language ON records (language);
            CREATE INDEX records_published ON records (published);
            CREATE VIRTUAL TABLE records_fts USING fts5(title, text, content='records', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2', prefix='2 3');
            INSERT INTO records_fts (rowid, title, text) SELECT rowid, title, text FROM records;
            COMMIT;
            """)
        try database.close()
    }
}

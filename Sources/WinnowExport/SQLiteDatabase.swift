import CSQLite

/// The one wrapper around SQLite (Debian's libsqlite3): open a database,
/// run SQL, and step prepared statements with bound values. Everything
/// above it is safe Swift.
final class SQLiteDatabase {
    private var handle: OpaquePointer?
    let path: String

    init(path: String) throws {
        self.path = path
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let status = sqlite3_open_v2(path, &handle, flags, nil)
        guard status == SQLITE_OK else {
            let reason = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(handle)
            throw ExportFailure("cannot open SQLite database \(path): \(reason)")
        }
    }

    deinit { sqlite3_close(handle) }

    /// Runs one or more statements that return no rows.
    func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        if sqlite3_exec(handle, sql, nil, nil, &message) != SQLITE_OK {
            let reason = message.map { String(cString: $0) } ?? "unknown error"
            sqlite3_free(message)
            throw ExportFailure("SQLite \(path): \(reason)")
        }
    }

    func prepare(_ sql: String) throws -> Statement {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw ExportFailure("SQLite \(path): \(String(cString: sqlite3_errmsg(handle)))")
        }
        return Statement(statement: statement, database: self)
    }

    var errorMessage: String { String(cString: sqlite3_errmsg(handle)) }

    func close() throws {
        guard sqlite3_close(handle) == SQLITE_OK else { throw ExportFailure("SQLite \(path): \(errorMessage)") }
        handle = nil
    }

    /// A prepared statement: bind values (1-based), step, reset.
    final class Statement {
        private let statement: OpaquePointer
        private unowned let database: SQLiteDatabase

        fileprivate init(statement: OpaquePointer, database: SQLiteDatabase) {
            self.statement = statement
            self.database = database
        }

        deinit { sqlite3_finalize(statement) }

        enum Value {
            case null
            case text(String)
            case integer(Int)
            case real(Double)
        }

        /// Binds `values` to parameters 1…n, runs the statement to its end and resets it.
        func run(_ values: [Value]) throws {
            for (offset, value) in values.enumerated() {
                let index = Int32(offset + 1)
                switch value {
                case .null: sqlite3_bind_null(statement, index)
                case .integer(let n): sqlite3_bind_int64(statement, index, Int64(n))
                case .real(let x): sqlite3_bind_double(statement, index, x)
                case .text(let s):
                    // SQLITE_TRANSIENT: SQLite copies the bytes before the call returns.
                    sqlite3_bind_text(statement, index, s, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
                }
            }
            let status = sqlite3_step(statement)
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
            guard status == SQLITE_DONE || status == SQLITE_ROW else {
                throw ExportFailure("SQLite \(database.path): \(database.errorMessage)")
            }
        }
    }
}

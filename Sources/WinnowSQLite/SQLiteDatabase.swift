import CSQLite

/// The one wrapper around SQLite (Debian's libsqlite3): open a database, run
/// SQL, and prepare statements (``Statement``). It owns the connection and
/// every statement pointer; everything above it is safe Swift. Not
/// thread-safe (opened without SQLite's mutex): one caller at a time.
public final class SQLiteDatabase {
    /// How the file is opened (`sqlite3_open_v2`'s flags).
    public struct OpenFlags: OptionSet, Sendable {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }

        public static let readOnly = OpenFlags(rawValue: SQLITE_OPEN_READONLY)
        public static let readWrite = OpenFlags(rawValue: SQLITE_OPEN_READWRITE)
        public static let create = OpenFlags(rawValue: SQLITE_OPEN_CREATE)
        /// No SQLite mutex: the caller serialises its calls.
        public static let noMutex = OpenFlags(rawValue: SQLITE_OPEN_NOMUTEX)
    }

    /// A value bound to a parameter.
    public enum Value: Equatable, Sendable {
        case null
        case integer(Int64)
        case real(Double)
        case text(String)
    }

    /// The database file.
    public let path: String
    var handle: OpaquePointer?

    /// Opens (by default creating) the database at `path`; `vfs` names an SQLite VFS
    /// (such as "unix-none", no file locks), nil for the default.
    public init(
        path: String, flags: OpenFlags = [.readWrite, .create, .noMutex], vfs: String? = nil
    ) throws(SQLiteError) {
        self.path = path
        guard sqlite3_open_v2(path, &handle, flags.rawValue, vfs) == SQLITE_OK else {
            let reason = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(handle)
            handle = nil
            throw SQLiteError(path: path, reason: reason, isOpenFailure: true)
        }
    }

    deinit { sqlite3_close(handle) }

    /// Runs one or more statements that return no rows.
    public func execute(_ sql: String) throws(SQLiteError) {
        guard let handle else { throw closedError }
        var message: UnsafeMutablePointer<CChar>?
        if sqlite3_exec(handle, sql, nil, nil, &message) != SQLITE_OK {
            let reason = message.map { String(cString: $0) } ?? errorMessage
            sqlite3_free(message)
            throw SQLiteError(path: path, reason: reason)
        }
    }

    /// Compiles the first statement of `sql`.
    public func prepare(_ sql: String) throws(SQLiteError) -> Statement {
        guard let handle else { throw closedError }
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            sqlite3_finalize(statement)
            throw error()
        }
        return Statement(statement: statement, database: self)
    }

    /// SQLite's message for the connection's last failure.
    public var errorMessage: String {
        handle.map { String(cString: sqlite3_errmsg($0)) } ?? "closed"
    }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    public var changes: Int { handle.map { Int(sqlite3_changes($0)) } ?? 0 }

    /// Closes the connection; every ``Statement`` must be released first.
    public func close() throws(SQLiteError) {
        guard sqlite3_close(handle) == SQLITE_OK else { throw error() }
        handle = nil
    }

    /// The connection's last failure as an error naming the file.
    func error() -> SQLiteError { SQLiteError(path: path, reason: errorMessage) }

    private var closedError: SQLiteError { SQLiteError(path: path, reason: "the database is closed") }
}

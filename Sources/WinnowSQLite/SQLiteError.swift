/// A failure of SQLite: the database file and SQLite's own message. Callers
/// map it to their own error type (`ExportFailure`, `FrontierFile.Failure`).
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
    /// The database file.
    public var path: String
    /// SQLite's message ("no such table: x", "unable to open database file").
    public var reason: String
    /// Whether opening the file failed (the database never existed).
    public var isOpenFailure: Bool

    public init(path: String, reason: String, isOpenFailure: Bool = false) {
        self.path = path
        self.reason = reason
        self.isOpenFailure = isOpenFailure
    }

    public var description: String {
        isOpenFailure ? "cannot open SQLite database \(path): \(reason)" : "SQLite \(path): \(reason)"
    }
}

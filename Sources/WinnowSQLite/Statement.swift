import CSQLite

extension SQLiteDatabase {
    /// A prepared statement: bind values (1-based), step through rows, read
    /// the current row's columns, reset. It keeps its database open.
    public final class Statement {
        /// What a step found.
        public enum Step: Sendable {
            /// A row: read its columns, then step again.
            case row
            /// The statement ran to its end.
            case done
        }

        private let statement: OpaquePointer
        private let database: SQLiteDatabase

        init(statement: OpaquePointer, database: SQLiteDatabase) {
            self.statement = statement
            self.database = database
        }

        deinit { sqlite3_finalize(statement) }

        /// Binds `value` to parameter `index` (1-based).
        public func bind(_ value: Value, at index: Int) {
            let index = Int32(index)
            switch value {
            case .null: sqlite3_bind_null(statement, index)
            case .integer(let n): sqlite3_bind_int64(statement, index, n)
            case .real(let x): sqlite3_bind_double(statement, index, x)
            case .text(let s):
                // SQLITE_TRANSIENT: SQLite copies the bytes before the call returns.
                sqlite3_bind_text(statement, index, s, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
            }
        }

        /// Binds `values` to parameters 1…n.
        public func bind(_ values: [Value]) {
            for (offset, value) in values.enumerated() { bind(value, at: offset + 1) }
        }

        /// Runs the statement to its next row or its end.
        public func step() throws(SQLiteError) -> Step {
            switch sqlite3_step(statement) {
            case SQLITE_ROW: return .row
            case SQLITE_DONE: return .done
            default: throw database.error()
            }
        }

        /// An integer column (0-based) of the current row; 0 for NULL.
        public func integer(at column: Int) -> Int64 {
            sqlite3_column_int64(statement, Int32(column))
        }

        /// A text column (0-based) of the current row; nil for NULL.
        public func text(at column: Int) -> String? {
            guard let bytes = sqlite3_column_text(statement, Int32(column)) else { return nil }
            let count = Int(sqlite3_column_bytes(statement, Int32(column)))
            return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
        }

        /// Makes the statement ready to run again, its parameters unbound (NULL).
        public func reset() {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }

        /// Binds `values` to parameters 1…n, runs the statement to its first row or its end, and resets it.
        public func run(_ values: [Value]) throws(SQLiteError) {
            bind(values)
            defer { reset() }
            _ = try step()
        }
    }
}

import Foundation
import Testing

@testable import WinnowSQLite

@Suite struct SQLiteDatabaseTests {
    private func freshPath() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sqlite-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.path + "/test.sqlite"
    }

    /// Integers (both 64-bit ends), text (non-ASCII, embedded quotes) and NULL come back as bound.
    @Test func valuesRoundTrip() throws {
        let database = try SQLiteDatabase(path: try freshPath())
        try database.execute("CREATE TABLE t(n INTEGER, s TEXT)")
        let insert = try database.prepare("INSERT INTO t(n, s) VALUES(?, ?)")
        let rows: [(Int64, String?)] = [(Int64.min, "평양에서 'quoted'"), (Int64.max, nil), (-1, "")]
        for (n, s) in rows {
            try insert.run([.integer(n), s.map { .text($0) } ?? .null])
            #expect(database.changes == 1)
        }
        let select = try database.prepare("SELECT n, s FROM t WHERE n = ?")
        for (n, s) in rows {
            select.bind(.integer(n), at: 1)
            #expect(try select.step() == .row)
            #expect(select.integer(at: 0) == n)
            #expect(select.text(at: 1) == s)
            #expect(try select.step() == .done)
            select.reset()
        }
        select.bind([.integer(42)])
        #expect(try select.step() == .done)
    }

    /// After `reset` the parameters are unbound (NULL) and the statement runs again from its first row.
    @Test func resetRunsAgainWithNullParameters() throws {
        let database = try SQLiteDatabase(path: try freshPath())
        let select = try database.prepare("SELECT ? IS NULL, 7")
        select.bind([.text("x")])
        #expect(try select.step() == .row)
        #expect(select.integer(at: 0) == 0)
        select.reset()
        #expect(try select.step() == .row)
        #expect(select.integer(at: 0) == 1 && select.integer(at: 1) == 7)
    }

    /// Written rows are in the file: a second connection reads them after the first is closed.
    @Test func rowsAreInTheFileAfterClose() throws {
        let path = try freshPath()
        let writer = try SQLiteDatabase(path: path)
        try writer.execute("CREATE TABLE t(s TEXT); INSERT INTO t VALUES('kept');")
        try writer.close()
        let reader = try SQLiteDatabase(path: path, flags: [.readOnly], vfs: "unix-none")
        let select = try reader.prepare("SELECT s FROM t")
        #expect(try select.step() == .row)
        #expect(select.text(at: 0) == "kept")
    }

    @Test func anUnopenableFileNamesItsPath() {
        let path = "/nonexistent-dir-for-winnow/test.sqlite"
        #expect {
            _ = try SQLiteDatabase(path: path)
        } throws: { error in
            guard let error = error as? SQLiteError else { return false }
            return error.isOpenFailure && error.path == path
                && error.description.hasPrefix("cannot open SQLite database \(path): ")
        }
    }

    @Test func anUnknownVFSIsAnError() throws {
        let path = try freshPath()
        #expect(throws: SQLiteError.self) { _ = try SQLiteDatabase(path: path, vfs: "no-such-vfs") }
    }

    /// Bad SQL is an error naming the file and SQLite's reason, never a crash.
    @Test func badSQLIsAnError() throws {
        let path = try freshPath()
        let database = try SQLiteDatabase(path: path)
        #expect {
            try database.execute("CREATE TABLE t(n INTEGER); SELEC 1")
        } throws: { error in
            "\(error)".hasPrefix("SQLite \(path): ") && "\(error)".contains("syntax error")
        }
        #expect {
            _ = try database.prepare("SELECT n FROM missing")
        } throws: { error in
            "\(error)" == "SQLite \(path): no such table: missing"
        }
    }

    /// A failing step (a constraint) is an error; the statement is usable after `run` resets it.
    @Test func aFailingStepIsAnError() throws {
        let database = try SQLiteDatabase(path: try freshPath())
        try database.execute("CREATE TABLE t(n INTEGER PRIMARY KEY)")
        let insert = try database.prepare("INSERT INTO t VALUES(?)")
        try insert.run([.integer(1)])
        #expect {
            try insert.run([.integer(1)])
        } throws: { error in
            (error as? SQLiteError)?.reason.contains("UNIQUE constraint failed") == true
        }
        try insert.run([.integer(2)])
        #expect(database.changes == 1)
    }

    /// Closing with a statement still alive is refused (SQLite: unfinalized statements), not a crash.
    @Test func closeWithALiveStatementIsAnError() throws {
        let database = try SQLiteDatabase(path: try freshPath())
        let statement = try database.prepare("SELECT 1")
        #expect(throws: SQLiteError.self) { try database.close() }
        #expect(try statement.step() == .row)
    }
}

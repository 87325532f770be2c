import Foundation
import WinnowSQLite

/// The crawl's frontier on disk, one SQLite file (Debian's libsqlite3) in the
/// archive directory: the seen-set of normalised URLs (as `SeenKey`s) and the
/// URLs waiting, per host in list order, and for `--refresh` the validators
/// of each URL's last fetch. It keeps the fetch's memory flat: a
/// 100,000-URL list held in RAM cost about 200 bytes a URL (its text, grouped
/// by host, and the seen-set). Scratch state: rebuilt by every run (a resume
/// reads the log and the WARC files, not this file), so it is written without
/// a journal or fsync, and deleted when the run ends. SQLite through
/// WinnowSQLite's `SQLiteDatabase` (the one SQLite wrapper). Not
/// thread-safe; `HostQueue` and the crawler call it under their locks.
final class FrontierFile {
    /// What `claim` found.
    enum Claim: Equatable {
        /// Not seen before: the caller fetches it.
        case new
        /// Done by an earlier run (`markDone`), first claimed now.
        case doneBefore
        /// Claimed already in this run.
        case claimed
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let path: String
    private var database: SQLiteDatabase?
    private var insertSeen: SQLiteDatabase.Statement?
    private var claimDone: SQLiteDatabase.Statement?
    private var selectSeen: SQLiteDatabase.Statement?
    private var insertPending: SQLiteDatabase.Statement?
    private var selectPending: SQLiteDatabase.Statement?
    private var insertValidators: SQLiteDatabase.Statement?
    private var selectValidators: SQLiteDatabase.Statement?

    /// Creates the file at `path` afresh (an old one, left by a killed run, is replaced).
    init(path: String) throws(Failure) {
        self.path = path
        for suffix in ["", "-journal", "-wal", "-shm"] { unlink(path + suffix) }
        // "unix-none": no file locks. One process owns the file, and the archive directory may be on
        // a cluster's shared file system (a Slurm fetch array), where POSIX locks fail or hang.
        do {
            database = try SQLiteDatabase(path: path, flags: [.readWrite, .create, .noMutex], vfs: "unix-none")
        } catch {
            throw Failure(description: "cannot create the frontier file \(path): \(error.reason)")
        }
        // Scratch data: no journal, no fsync; a 2 MB page cache bounds SQLite's share of the memory.
        try execute(
            """
            PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -2000;
            PRAGMA temp_store = FILE;
            CREATE TABLE seen(low INTEGER, high INTEGER, claimed INTEGER, PRIMARY KEY(low, high)) WITHOUT ROWID;
            CREATE TABLE pending(host INTEGER, seq INTEGER, url TEXT, PRIMARY KEY(host, seq)) WITHOUT ROWID;
            CREATE TABLE validators(url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT) WITHOUT ROWID;
            """)
        insertSeen = try prepare("INSERT OR IGNORE INTO seen(low, high, claimed) VALUES(?, ?, ?)")
        claimDone = try prepare("UPDATE seen SET claimed = 1 WHERE low = ? AND high = ? AND claimed = 0")
        selectSeen = try prepare("SELECT claimed FROM seen WHERE low = ? AND high = ?")
        insertPending = try prepare("INSERT INTO pending(host, seq, url) VALUES(?, ?, ?)")
        selectPending = try prepare(
            "SELECT seq, url FROM pending WHERE host = ? AND seq > ? ORDER BY seq LIMIT ?")
        insertValidators = try prepare(
            "INSERT OR REPLACE INTO validators(url, etag, last_modified) VALUES(?, ?, ?)")
        selectValidators = try prepare("SELECT etag, last_modified FROM validators WHERE url = ?")
    }

    /// Closes and deletes the file.
    func remove() {
        // The statements first: the database closes when the last of them is released.
        (insertSeen, claimDone, selectSeen, insertPending, selectPending) = (nil, nil, nil, nil, nil)
        (insertValidators, selectValidators) = (nil, nil)
        database = nil
        for suffix in ["", "-journal", "-wal", "-shm"] { unlink(path + suffix) }
    }

    // MARK: - The seen-set

    /// A URL an earlier run finished (resume): `claim` reports it as `doneBefore` once.
    func markDone(_ key: SeenKey) throws(Failure) {
        try write(insertSeen, Self.values(key) + [.integer(0)], "writing the seen-set")
    }

    /// Whether an earlier run finished this URL and nothing claimed it yet.
    func isDone(_ key: SeenKey) throws(Failure) -> Bool {
        guard let statement = selectSeen else { throw failure("the frontier file is closed") }
        statement.bind(Self.values(key))
        defer { statement.reset() }
        do {
            switch try statement.step() {
            case .row: return statement.integer(at: 0) == 0
            case .done: return false
            }
        } catch {
            throw failure("reading the seen-set", error)
        }
    }

    /// Claims a URL for this run.
    func claim(_ key: SeenKey) throws(Failure) -> Claim {
        try write(insertSeen, Self.values(key) + [.integer(1)], "writing the seen-set")
        if database?.changes == 1 { return .new }
        try write(claimDone, Self.values(key), "writing the seen-set")
        return database?.changes == 1 ? .doneBefore : .claimed
    }

    // MARK: - Waiting URLs

    /// Appends `url` to `host`'s waiting URLs; `seq` orders them (ascending per host).
    func append(host: Int, seq: Int, url: String) throws(Failure) {
        try write(insertPending, [.integer(Int64(host)), .integer(Int64(seq)), .text(url)], "adding a URL")
    }

    /// Up to `limit` of `host`'s URLs after `seq`, in order, with their seq.
    func urls(host: Int, after seq: Int, limit: Int) throws(Failure) -> [(seq: Int, url: String)] {
        guard let statement = selectPending else { throw failure("the frontier file is closed") }
        statement.bind([.integer(Int64(host)), .integer(Int64(seq)), .integer(Int64(limit))])
        defer { statement.reset() }
        var rows: [(seq: Int, url: String)] = []
        do {
            while try statement.step() == .row {
                rows.append((Int(statement.integer(at: 0)), statement.text(at: 1) ?? ""))
            }
        } catch {
            throw failure("reading waiting URLs", error)
        }
        return rows
    }

    // MARK: - Validators (`--refresh`)

    /// The `ETag` and `Last-Modified` of `url`'s last fetch (a later call for the same URL replaces them).
    func setValidators(url: String, etag: String?, lastModified: String?) throws(Failure) {
        let values: [SQLiteDatabase.Value] = [
            .text(url), etag.map { .text($0) } ?? .null, lastModified.map { .text($0) } ?? .null,
        ]
        try write(insertValidators, values, "writing validators")
    }

    /// What `setValidators` stored for `url`; nil when nothing was.
    func validators(for url: String) throws(Failure) -> (etag: String?, lastModified: String?)? {
        guard let statement = selectValidators else { throw failure("the frontier file is closed") }
        statement.bind([.text(url)])
        defer { statement.reset() }
        do {
            switch try statement.step() {
            case .row: return (statement.text(at: 0), statement.text(at: 1))
            case .done: return nil
            }
        } catch {
            throw failure("reading validators", error)
        }
    }

    // MARK: - Transactions

    /// Starts a batch of writes (adding a list is about ten times faster in one transaction).
    func begin() throws(Failure) { try execute("BEGIN") }

    func commit() throws(Failure) { try execute("COMMIT") }

    // MARK: - SQLite

    private func execute(_ sql: String) throws(Failure) {
        guard let database else { throw failure("running \(sql.prefix(40))") }
        do {
            try database.execute(sql)
        } catch {
            throw failure("running \(sql.prefix(40))", error)
        }
    }

    private func prepare(_ sql: String) throws(Failure) -> SQLiteDatabase.Statement {
        guard let database else { throw failure("preparing \(sql.prefix(40))") }
        do {
            return try database.prepare(sql)
        } catch {
            throw failure("preparing \(sql.prefix(40))", error)
        }
    }

    /// Runs a statement that returns no rows with `values` bound to its parameters 1…n.
    private func write(
        _ statement: SQLiteDatabase.Statement?, _ values: [SQLiteDatabase.Value], _ doing: String
    ) throws(Failure) {
        guard let statement else { throw failure("the frontier file is closed") }
        statement.bind(values)
        defer { statement.reset() }
        let step: SQLiteDatabase.Statement.Step
        do {
            step = try statement.step()
        } catch {
            throw failure(doing, error)
        }
        guard step == .done else { throw failure(doing) }
    }

    /// A key's two hashes as the first two parameters (their bits as SQLite's signed 64-bit integers).
    private static func values(_ key: SeenKey) -> [SQLiteDatabase.Value] {
        [.integer(Int64(bitPattern: key.low)), .integer(Int64(bitPattern: key.high))]
    }

    private func failure(_ doing: String, _ error: SQLiteError? = nil) -> Failure {
        let reason = error?.reason ?? database?.errorMessage ?? "closed"
        return Failure(description: "frontier file \(path): \(reason) (\(doing))")
    }
}

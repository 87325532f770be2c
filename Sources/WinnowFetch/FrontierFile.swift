import CSQLite
import Foundation

/// The crawl's frontier on disk, one SQLite file (Debian's libsqlite3) in the
/// archive directory: the seen-set of normalised URLs (as `SeenKey`s) and the
/// URLs waiting, per host in list order, and for `--refresh` the validators
/// of each URL's last fetch. It keeps the fetch's memory flat: a
/// 100,000-URL list held in RAM cost about 200 bytes a URL (its text, grouped
/// by host, and the seen-set). Scratch state: rebuilt by every run (a resume
/// reads the log and the WARC files, not this file), so it is written without
/// a journal or fsync, and deleted when the run ends. The thin wrapper: no
/// SQLite pointer leaves this file. Not thread-safe; `HostQueue` and the
/// crawler call it under their locks.
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
    private var handle: OpaquePointer?
    private var insertSeen: OpaquePointer?
    private var claimDone: OpaquePointer?
    private var selectSeen: OpaquePointer?
    private var insertPending: OpaquePointer?
    private var selectPending: OpaquePointer?
    private var insertValidators: OpaquePointer?
    private var selectValidators: OpaquePointer?

    /// Creates the file at `path` afresh (an old one, left by a killed run, is replaced).
    init(path: String) throws(Failure) {
        self.path = path
        for suffix in ["", "-journal", "-wal", "-shm"] { unlink(path + suffix) }
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        // "unix-none": no file locks. One process owns the file, and the archive directory may be on
        // a cluster's shared file system (a Slurm fetch array), where POSIX locks fail or hang.
        guard sqlite3_open_v2(path, &handle, flags, "unix-none") == SQLITE_OK else {
            let reason = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(handle)
            handle = nil
            throw Failure(description: "cannot create the frontier file \(path): \(reason)")
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

    deinit { closeHandle() }

    /// Closes and deletes the file.
    func remove() {
        closeHandle()
        for suffix in ["", "-journal", "-wal", "-shm"] { unlink(path + suffix) }
    }

    private func closeHandle() {
        for statement in [
            insertSeen, claimDone, selectSeen, insertPending, selectPending, insertValidators, selectValidators,
        ] {
            sqlite3_finalize(statement)
        }
        (insertSeen, claimDone, selectSeen, insertPending, selectPending) = (nil, nil, nil, nil, nil)
        (insertValidators, selectValidators) = (nil, nil)
        sqlite3_close(handle)
        handle = nil
    }

    // MARK: - The seen-set

    /// A URL an earlier run finished (resume): `claim` reports it as `doneBefore` once.
    func markDone(_ key: SeenKey) throws(Failure) {
        try step(insertSeen, key, 0)
    }

    /// Whether an earlier run finished this URL and nothing claimed it yet.
    func isDone(_ key: SeenKey) throws(Failure) -> Bool {
        bind(selectSeen, key)
        defer { sqlite3_reset(selectSeen) }
        switch sqlite3_step(selectSeen) {
        case SQLITE_ROW: return sqlite3_column_int64(selectSeen, 0) == 0
        case SQLITE_DONE: return false
        default: throw failure("reading the seen-set")
        }
    }

    /// Claims a URL for this run.
    func claim(_ key: SeenKey) throws(Failure) -> Claim {
        try step(insertSeen, key, 1)
        if sqlite3_changes(handle) == 1 { return .new }
        try step(claimDone, key)
        return sqlite3_changes(handle) == 1 ? .doneBefore : .claimed
    }

    // MARK: - Waiting URLs

    /// Appends `url` to `host`'s waiting URLs; `seq` orders them (ascending per host).
    func append(host: Int, seq: Int, url: String) throws(Failure) {
        guard let statement = insertPending else { throw failure("the frontier file is closed") }
        sqlite3_bind_int64(statement, 1, Int64(host))
        sqlite3_bind_int64(statement, 2, Int64(seq))
        bindText(statement, 3, url)
        let status = sqlite3_step(statement)
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
        guard status == SQLITE_DONE else { throw failure("adding a URL") }
    }

    /// Up to `limit` of `host`'s URLs after `seq`, in order, with their seq.
    func urls(host: Int, after seq: Int, limit: Int) throws(Failure) -> [(seq: Int, url: String)] {
        guard let statement = selectPending else { throw failure("the frontier file is closed") }
        sqlite3_bind_int64(statement, 1, Int64(host))
        sqlite3_bind_int64(statement, 2, Int64(seq))
        sqlite3_bind_int64(statement, 3, Int64(limit))
        defer { sqlite3_reset(statement) }
        var rows: [(seq: Int, url: String)] = []
        while true {
            switch sqlite3_step(statement) {
            case SQLITE_ROW:
                rows.append((Int(sqlite3_column_int64(statement, 0)), text(statement, 1) ?? ""))
            case SQLITE_DONE: return rows
            default: throw failure("reading waiting URLs")
            }
        }
    }

    // MARK: - Validators (`--refresh`)

    /// The `ETag` and `Last-Modified` of `url`'s last fetch (a later call for the same URL replaces them).
    func setValidators(url: String, etag: String?, lastModified: String?) throws(Failure) {
        guard let statement = insertValidators else { throw failure("the frontier file is closed") }
        bindText(statement, 1, url)
        if let etag { bindText(statement, 2, etag) } else { sqlite3_bind_null(statement, 2) }
        if let lastModified { bindText(statement, 3, lastModified) } else { sqlite3_bind_null(statement, 3) }
        let status = sqlite3_step(statement)
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
        guard status == SQLITE_DONE else { throw failure("writing validators") }
    }

    /// What `setValidators` stored for `url`; nil when nothing was.
    func validators(for url: String) throws(Failure) -> (etag: String?, lastModified: String?)? {
        guard let statement = selectValidators else { throw failure("the frontier file is closed") }
        bindText(statement, 1, url)
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        switch sqlite3_step(statement) {
        case SQLITE_ROW: return (text(statement, 0), text(statement, 1))
        case SQLITE_DONE: return nil
        default: throw failure("reading validators")
        }
    }

    // MARK: - Transactions

    /// Starts a batch of writes (adding a list is about ten times faster in one transaction).
    func begin() throws(Failure) { try execute("BEGIN") }

    func commit() throws(Failure) { try execute("COMMIT") }

    // MARK: - SQLite

    private func execute(_ sql: String) throws(Failure) {
        guard sqlite3_exec(handle, sql, nil, nil, nil) == SQLITE_OK else { throw failure("running \(sql.prefix(40))") }
    }

    private func prepare(_ sql: String) throws(Failure) -> OpaquePointer? {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK else {
            throw failure("preparing \(sql.prefix(40))")
        }
        return statement
    }

    private func bindText(_ statement: OpaquePointer, _ index: Int32, _ value: String) {
        // SQLITE_TRANSIENT: SQLite copies the text before the call returns.
        sqlite3_bind_text(statement, index, value, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
    }

    /// A text column of the current row; nil for NULL.
    private func text(_ statement: OpaquePointer, _ column: Int32) -> String? {
        guard let bytes = sqlite3_column_text(statement, column) else { return nil }
        let count = Int(sqlite3_column_bytes(statement, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    private func bind(_ statement: OpaquePointer?, _ key: SeenKey) {
        sqlite3_bind_int64(statement, 1, Int64(bitPattern: key.low))
        sqlite3_bind_int64(statement, 2, Int64(bitPattern: key.high))
    }

    private func step(_ statement: OpaquePointer?, _ key: SeenKey, _ claimed: Int? = nil) throws(Failure) {
        guard let statement else { throw failure("the frontier file is closed") }
        bind(statement, key)
        if let claimed { sqlite3_bind_int64(statement, 3, Int64(claimed)) }
        let status = sqlite3_step(statement)
        sqlite3_reset(statement)
        guard status == SQLITE_DONE else { throw failure("writing the seen-set") }
    }

    private func failure(_ doing: String) -> Failure {
        let reason = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "closed"
        return Failure(description: "frontier file \(path): \(reason) (\(doing))")
    }
}

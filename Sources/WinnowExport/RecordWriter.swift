import WinnowCore

/// One export format: records in, one file out.
///
/// The ``Exporter`` hands a writer every record that survives the dedup
/// decisions and the export filters, in shard order and input order within a
/// shard, then calls ``finish()`` once. A writer writes to the path it was
/// opened on (the exporter's `PATH.partial`; the exporter renames it when
/// `finish()` returns), must not hold more than a bounded amount of the run in
/// memory (a Parquet row group at most), and throws ``ExportFailure`` naming
/// the path and the system's reason when the output cannot be written.
public protocol RecordWriter: AnyObject {
    /// Adds one record to the output.
    func write(_ record: Record) throws
    /// Writes what is buffered and the format's trailer, and closes the file.
    func finish() throws
}

/// An output that cannot be written (full disk, permissions): exit code 1.
public struct ExportFailure: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Bytes to a file, buffered: the sink under the byte-stream formats
/// (JSON Lines, CSV) and under the compression wrappers.
public protocol ByteSink: AnyObject {
    func write(_ bytes: [UInt8]) throws
    /// Flushes and closes; no write may follow.
    func close() throws
}

/// A file written from its start, in pieces of about a megabyte.
public final class FileSink: ByteSink {
    let file: AppendOnlyFile
    var buffer: [UInt8] = []

    public init(path: String) throws {
        do {
            file = try AppendOnlyFile(path: path, truncatingTo: 0)
        } catch {
            throw ExportFailure("cannot write \(path): \(error)")
        }
        buffer.reserveCapacity(1 << 20)
    }

    public func write(_ bytes: [UInt8]) throws {
        buffer += bytes
        if buffer.count >= 1 << 20 { try flush() }
    }

    public func close() throws {
        try flush()
    }

    private func flush() throws {
        do {
            try file.append(buffer)
        } catch {
            throw ExportFailure("cannot write \(file.path): \(error)")
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// JSON Lines: each record's `jsonLine()`, the run's own format.
public final class JSONLinesWriter: RecordWriter {
    let sink: ByteSink

    public init(sink: ByteSink) { self.sink = sink }

    public func write(_ record: Record) throws { try sink.write(record.jsonLine()) }

    public func finish() throws { try sink.close() }
}

/// Where a ``ParquetFileWriter`` puts its bytes: in file order, each byte
/// once (the writer never seeks back, so a pipe or a buffered file sink
/// will do). The export's `FileSink` conforms.
public protocol ParquetOutput: AnyObject {
    func write(_ bytes: [UInt8]) throws
    /// Flushes and closes; no write follows.
    func close() throws
}

/// One sink's file and what is emitted to it since the last checkpoint.
final class SinkFile {
    let sink: ShardSink
    let output: AppendOnlyFile
    var buffer: [UInt8] = []

    init(sink: ShardSink, output: AppendOnlyFile) {
        self.sink = sink
        self.output = output
    }

    /// Appends the buffer and syncs: after this the file's size is committed.
    func commit() throws {
        try output.append(buffer)
        buffer.removeAll(keepingCapacity: true)
        try output.sync()
    }
}

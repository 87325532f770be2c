import WinnowCompression

/// One leaf column's data for the row group being written: the levels and
/// PLAIN values of the page being filled, and the compressed pages already
/// finished.
///
/// Memory: one uncompressed page (about ``ParquetFileWriter/Options/pageBytes``)
/// plus the row group's compressed pages. Pages end only between rows, so a
/// page never starts inside a list (Arrow and DuckDB write the same).
struct ColumnWriter {
    let column: ParquetSchema.LeafColumn
    private let definitionWidth: Int
    private let repetitionWidth: Int

    // The page being filled.
    private var definitionLevels: [UInt8] = []
    private var repetitionLevels: [UInt8] = []
    private var values: [UInt8] = []
    private var booleans: [Bool] = []
    private var pageLevelCount = 0

    // The row group's finished pages (page headers and compressed bodies).
    private(set) var pages: [UInt8] = []
    private(set) var uncompressedSize = 0
    private(set) var levelCount = 0
    var statistics = ColumnStatistics()

    init(column: ParquetSchema.LeafColumn) {
        self.column = column
        definitionWidth = LevelEncoder.bitWidth(maxLevel: column.maxDefinitionLevel)
        repetitionWidth = LevelEncoder.bitWidth(maxLevel: column.maxRepetitionLevel)
    }

    /// Bytes of the page being filled, before compression.
    var pageBytes: Int { values.count + booleans.count / 8 + (definitionLevels.count + repetitionLevels.count) / 4 }

    /// Uncompressed bytes of the row group so far, for the row-group size limit.
    var bufferedBytes: Int { uncompressedSize + pageBytes }

    var isEmpty: Bool { levelCount == 0 && pageLevelCount == 0 }

    /// A null (or an empty or absent list) at `definition` < the column's maximum.
    mutating func appendNull(definition: Int, repetition: Int) {
        addLevels(definition: definition, repetition: repetition)
        statistics.nullCount += 1
    }

    /// A present value: its definition level is the column's maximum.
    mutating func append(_ value: ParquetValue, repetition: Int) throws(ParquetFileWriter.Failure) {
        switch (column.type, value) {
        case (.string, .string(let string)):
            let count = UInt32(string.utf8.count)
            values.append(UInt8(truncatingIfNeeded: count))
            values.append(UInt8(truncatingIfNeeded: count >> 8))
            values.append(UInt8(truncatingIfNeeded: count >> 16))
            values.append(UInt8(truncatingIfNeeded: count >> 24))
            values.append(contentsOf: string.utf8)
            statistics.update(string)
        case (.int32, .int32(let number)):
            appendLittleEndian(UInt64(UInt32(bitPattern: number)), bytes: 4)
            statistics.update(Int64(number))
        case (.int64, .int64(let number)), (.timestampMicros, .timestampMicros(let number)):
            appendLittleEndian(UInt64(bitPattern: number), bytes: 8)
            statistics.update(number)
        case (.double, .double(let number)):
            appendLittleEndian(number.bitPattern, bytes: 8)
            statistics.update(number)
        case (.boolean, .boolean(let flag)):
            booleans.append(flag)
            statistics.update(Int64(flag ? 1 : 0))
        default:
            throw ParquetFileWriter.Failure(description: "column \(column.path.joined(separator: ".")): \(value) does not fit \(column.type)")
        }
        addLevels(definition: column.maxDefinitionLevel, repetition: repetition)
    }

    private mutating func addLevels(definition: Int, repetition: Int) {
        if definitionWidth > 0 { definitionLevels.append(UInt8(definition)) }
        if repetitionWidth > 0 { repetitionLevels.append(UInt8(repetition)) }
        pageLevelCount += 1
    }

    private mutating func appendLittleEndian(_ value: UInt64, bytes: Int) {
        for b in 0..<bytes { values.append(UInt8(truncatingIfNeeded: value >> UInt64(b * 8))) }
    }

    /// Encodes and compresses the page being filled into ``pages``.
    mutating func finishPage(compressor: Zstd.BlockCompressor) throws(ParquetFileWriter.Failure) {
        guard pageLevelCount > 0 else { return }
        var body: [UInt8] = []
        body.reserveCapacity(values.count + booleans.count / 8 + 64)
        // Data page v1: repetition levels, then definition levels, each with a 4-byte length.
        for (levels, width) in [(repetitionLevels, repetitionWidth), (definitionLevels, definitionWidth)] where width > 0 {
            let encoded = LevelEncoder.encode(levels, bitWidth: width)
            let length = UInt32(encoded.count)
            for b in 0..<4 { body.append(UInt8(truncatingIfNeeded: length >> UInt32(b * 8))) }
            body += encoded
        }
        if column.type == .boolean {
            // PLAIN booleans: bit-packed, least significant bit first.
            var byte: UInt8 = 0
            for (index, flag) in booleans.enumerated() {
                if flag { byte |= 1 << UInt8(index % 8) }
                if index % 8 == 7 { body.append(byte); byte = 0 }
            }
            if booleans.count % 8 != 0 { body.append(byte) }
        } else {
            body += values
        }
        let compressed: [UInt8]
        do {
            compressed = try compressor.compress(body)
        } catch {
            throw ParquetFileWriter.Failure(description: "column \(column.path.joined(separator: ".")): \(error)")
        }
        let header = PageHeader(uncompressedSize: body.count, compressedSize: compressed.count, valueCount: pageLevelCount).encoded()
        pages += header
        pages += compressed
        uncompressedSize += header.count + body.count
        levelCount += pageLevelCount

        definitionLevels.removeAll(keepingCapacity: true)
        repetitionLevels.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        booleans.removeAll(keepingCapacity: true)
        pageLevelCount = 0
    }

    /// Starts the next row group's chunk.
    mutating func reset() {
        pages = []
        uncompressedSize = 0
        levelCount = 0
        statistics = ColumnStatistics()
    }
}

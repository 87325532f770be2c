import WinnowCompression

/// Writes one Parquet file, row by row, one row group at a time.
///
/// Rows are shredded into their leaf columns as they arrive (Dremel
/// definition and repetition levels); each column fills a page of about
/// ``Options/pageBytes`` that is compressed with ZSTD as soon as it is full.
/// When the row group's uncompressed size reaches ``Options/rowGroupBytes``
/// its column chunks are written one after the other. Memory is therefore
/// one row group's compressed pages plus one open page per column, whatever
/// the file's size. ``finish()`` writes the footer (`FileMetaData`, its
/// length, `PAR1`).
public final class ParquetFileWriter {
    public struct Options: Sendable {
        /// Uncompressed bytes per row group. 128 MB: what Arrow and Spark aim for,
        /// few enough groups for readers, and bounded memory here.
        public var rowGroupBytes = 128 << 20
        /// Uncompressed bytes per data page (1 MB, Arrow's default).
        public var pageBytes = 1 << 20
        public var zstdLevel: Int32 = Zstd.defaultLevel
        /// A dictionary-encoded column's dictionary size (PLAIN bytes) past which
        /// the column is written PLAIN. 4 MB, above Arrow's 1 MB, so that a row
        /// group's captions or tags (lists, which fastparquet reads only
        /// dictionary-encoded) keep their dictionary.
        public var dictionaryBytes = 4 << 20
        /// Longest string minimum or maximum kept in statistics (64 bytes, as parquet-mr truncates).
        public var statisticsPrefixBytes = 64
        /// The footer's `created_by`, in the `NAME version X` form readers parse.
        public var createdBy = "winnow version 1.0.0"
        public init() {}
    }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    public let schema: ParquetSchema
    public let options: Options
    private let output: ParquetOutput
    private let compressor: Zstd.BlockCompressor
    private let plan: [ShreddingNode]
    private var columns: [ColumnWriter]
    private var offset = 0
    private var rowsInGroup = 0
    private var rowCount = 0
    private var rowGroups: [FileMetaData.RowGroup] = []
    private var finished = false

    public init(output: ParquetOutput, schema: ParquetSchema, options: Options = Options()) throws {
        self.output = output
        self.schema = schema
        self.options = options
        do {
            compressor = try Zstd.BlockCompressor(level: options.zstdLevel)
        } catch {
            throw Failure(description: "\(error)")
        }
        plan = schema.fields.map(ShreddingNode.init)
        columns = schema.columns.map(ColumnWriter.init)
        try emit(Self.magic)
    }

    static let magic: [UInt8] = Array("PAR1".utf8)

    /// Rows written so far.
    public var rows: Int { rowCount }

    /// Row groups written so far (the last one is written by ``finish()``).
    public var rowGroupCount: Int { rowGroups.count }

    /// Adds one row: one value per top-level field, in schema order.
    public func write(row: [ParquetValue]) throws {
        guard row.count == plan.count else {
            throw Failure(description: "a row has \(row.count) values for \(plan.count) fields")
        }
        var first = 0
        for (node, value) in zip(plan, row) {
            try shred(value, node, firstColumn: first, definition: 0, repetition: 0, depth: 0)
            first += node.leafCount
        }
        rowsInGroup += 1
        rowCount += 1
        var buffered = 0
        for index in columns.indices {
            if columns[index].usesDictionary && columns[index].dictionaryBytes > options.dictionaryBytes {
                try columns[index].fallBackToPlain(compressor: compressor)
            }
            if columns[index].pageBytes >= options.pageBytes {
                try columns[index].finishPage(compressor: compressor)
            }
            buffered += columns[index].bufferedBytes
        }
        if buffered >= options.rowGroupBytes { try flushRowGroup() }
    }

    /// Writes the last row group and the footer, and closes the output.
    public func finish() throws {
        guard !finished else { return }
        finished = true
        if rowsInGroup > 0 { try flushRowGroup() }
        let footer = FileMetaData(
            schema: schema.elements, rowCount: rowCount, rowGroups: rowGroups, createdBy: options.createdBy
        ).encoded()
        try emit(footer)
        let length = UInt32(footer.count)
        try emit((0..<4).map { UInt8(truncatingIfNeeded: length >> UInt32($0 * 8)) })
        try emit(Self.magic)
        try output.close()
    }

    private func emit(_ bytes: [UInt8]) throws {
        try output.write(bytes)
        offset += bytes.count
    }

    private func flushRowGroup() throws {
        var chunks: [FileMetaData.ColumnChunk] = []
        for index in columns.indices {
            let dictionaryPage = try columns[index].finishChunk(compressor: compressor)
            let column = columns[index]
            let start = offset
            var uncompressed = column.uncompressedSize
            var dictionaryPageOffset: Int? = nil
            if let dictionaryPage {
                dictionaryPageOffset = offset
                uncompressed += dictionaryPage.uncompressedSize
                try emit(dictionaryPage.bytes)
            }
            let dataPageOffset = offset
            try emit(column.pages)
            // Ascending, as Arrow lists them: PLAIN, RLE, RLE_DICTIONARY.
            let encodings = column.encodings.isEmpty ? [PageHeader.plain] : column.encodings.sorted()
            let (min, max) = column.statistics.encoded(
                type: column.column.type, prefixBytes: options.statisticsPrefixBytes)
            chunks.append(
                FileMetaData.ColumnChunk(
                    type: column.column.type, path: column.column.path, encodings: encodings,
                    valueCount: column.levelCount, totalUncompressedSize: uncompressed,
                    totalCompressedSize: offset - start, fileOffset: start,
                    dictionaryPageOffset: dictionaryPageOffset, dataPageOffset: dataPageOffset,
                    statistics: FileMetaData.Statistics(nullCount: column.statistics.nullCount, min: min, max: max)))
            columns[index].reset()
        }
        rowGroups.append(FileMetaData.RowGroup(columns: chunks, rowCount: rowsInGroup, ordinal: rowGroups.count))
        rowsInGroup = 0
    }

    // MARK: Shredding

    /// A schema field with its leaf count, computed once.
    struct ShreddingNode {
        let field: ParquetField
        let children: [ShreddingNode]
        let leafCount: Int

        init(_ field: ParquetField) {
            self.field = field
            switch field.kind {
            case .primitive:
                children = []
                leafCount = 1
            case .group(let fields):
                children = fields.map(ShreddingNode.init)
                leafCount = children.reduce(0) { $0 + $1.leafCount }
            case .list(let element):
                children = [ShreddingNode(element)]
                leafCount = children[0].leafCount
            }
        }
    }

    /// Dremel shredding: `definition` counts the optional and repeated
    /// ancestors that are present, `repetition` is the level at which this
    /// value repeats, `depth` the number of repeated ancestors.
    private func shred(
        _ value: ParquetValue, _ node: ShreddingNode, firstColumn: Int, definition: Int, repetition: Int, depth: Int
    ) throws {
        if case .null = value {
            guard node.field.isOptional else { throw Failure(description: "\(node.field.name) is required but null") }
            for index in firstColumn..<(firstColumn + node.leafCount) {
                columns[index].appendNull(definition: definition, repetition: repetition)
            }
            return
        }
        let present = definition + (node.field.isOptional ? 1 : 0)
        switch (node.field.kind, value) {
        case (.primitive, _):
            try columns[firstColumn].append(value, repetition: repetition)
        case (.group, .group(let values)) where values.count == node.children.count:
            var first = firstColumn
            for (child, childValue) in zip(node.children, values) {
                try shred(
                    childValue, child, firstColumn: first, definition: present, repetition: repetition, depth: depth)
                first += child.leafCount
            }
        case (.list, .list(let items)):
            if items.isEmpty {
                for index in firstColumn..<(firstColumn + node.leafCount) {
                    columns[index].appendNull(definition: present, repetition: repetition)
                }
                return
            }
            for (position, item) in items.enumerated() {
                try shred(
                    item, node.children[0], firstColumn: firstColumn, definition: present + 1,
                    repetition: position == 0 ? repetition : depth + 1, depth: depth + 1)
            }
        default:
            throw Failure(description: "\(node.field.name): \(value) does not match the schema")
        }
    }
}

import WinnowCompression

/// One leaf column's data for the row group being written: the levels and
/// values of the page being filled, and the pages already finished.
///
/// Dictionary-encoded columns (``ParquetSchema/LeafColumn/isDictionaryEncoded``)
/// write a dictionary page, then data pages of RLE-hybrid indices: repeated
/// values (`kind`, `language`, author names) shrink to a few bits. When a
/// chunk's dictionary passes ``ParquetFileWriter/Options/dictionaryBytes``,
/// the whole chunk becomes PLAIN, and so do the column's later chunks: its
/// dictionary pages are kept unencoded (levels and indices, a few bytes a
/// value) until the chunk's encoding is settled, and are rewritten as PLAIN
/// pages on fallback. Arrow instead mixes dictionary and PLAIN pages in one
/// chunk, which the format allows but fastparquet 2026.9 misreads (nulls
/// for the PLAIN values, in Arrow's files too), as it does a column whose
/// chunks differ in encoding.
///
/// Memory: one uncompressed page (about ``ParquetFileWriter/Options/pageBytes``),
/// the dictionary and its pages' levels and indices, and the row group's
/// compressed PLAIN pages. Pages end only between rows, so a page never
/// starts inside a list.
struct ColumnWriter {
    let column: ParquetSchema.LeafColumn
    private let definitionWidth: Int
    private let repetitionWidth: Int

    // The page being filled.
    private var definitionLevels: [UInt8] = []
    private var repetitionLevels: [UInt8] = []
    private var values: [UInt8] = []
    private var booleans: [Bool] = []
    private var indices: [UInt32] = []
    private var pageLevelCount = 0

    // The chunk's dictionary while it is in use, and its pages, not yet encoded.
    private var dictionary: [DictionaryKey: UInt32] = [:]
    private var dictionaryValues: [UInt8] = []
    /// Where each entry's PLAIN bytes (length and bytes) start in `dictionaryValues`.
    private var dictionaryOffsets: [Int] = []
    private var dictionaryPages: [UnencodedPage] = []
    private var dictionaryPagesBytes = 0
    private(set) var usesDictionary: Bool
    /// Set once a chunk fell back: later chunks start PLAIN (one encoding per column, for fastparquet).
    private var fellBack = false

    /// A dictionary-encoded page before encoding: its levels and indices.
    private struct UnencodedPage {
        var definitionLevels: [UInt8]
        var repetitionLevels: [UInt8]
        var indices: [UInt32]
        var levelCount: Int
    }

    // The row group's encoded data pages (page headers and compressed bodies).
    private(set) var pages: [UInt8] = []
    private(set) var uncompressedSize = 0
    private(set) var levelCount = 0
    private(set) var encodings: Set<Int32> = []
    var statistics = ColumnStatistics()

    init(column: ParquetSchema.LeafColumn) {
        self.column = column
        definitionWidth = RLEHybridEncoder.bitWidth(maxLevel: column.maxDefinitionLevel)
        repetitionWidth = RLEHybridEncoder.bitWidth(maxLevel: column.maxRepetitionLevel)
        usesDictionary = column.isDictionaryEncoded
    }

    /// Bytes of the page being filled, before compression (indices counted at two bytes).
    var pageBytes: Int {
        values.count + booleans.count / 8 + indices.count * 2 + (definitionLevels.count + repetitionLevels.count) / 4
    }

    /// Uncompressed bytes of the row group so far (estimated for pages not yet encoded),
    /// for the row-group size limit.
    var bufferedBytes: Int { uncompressedSize + dictionaryPagesBytes + pageBytes + dictionaryValues.count }

    /// The dictionary's PLAIN size, to compare with the fallback limit.
    var dictionaryBytes: Int { dictionaryValues.count }

    /// A null (or an empty or absent list) at `definition` < the column's maximum.
    mutating func appendNull(definition: Int, repetition: Int) {
        addLevels(definition: definition, repetition: repetition)
        statistics.nullCount += 1
    }

    /// A present value: its definition level is the column's maximum.
    mutating func append(_ value: ParquetValue, repetition: Int) throws(ParquetFileWriter.Failure) {
        switch (column.type, value) {
        case (.string, .string(let string)):
            if usesDictionary {
                let key = DictionaryKey(string)
                if let index = dictionary[key] {
                    indices.append(index)
                } else {
                    let index = UInt32(dictionaryOffsets.count)
                    dictionary[key] = index
                    dictionaryOffsets.append(dictionaryValues.count)
                    Self.appendPlain(string, to: &dictionaryValues)
                    indices.append(index)
                }
            } else {
                Self.appendPlain(string, to: &values)
            }
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
            throw ParquetFileWriter.Failure(
                description: "column \(column.path.joined(separator: ".")): \(value) does not fit \(column.type)")
        }
        addLevels(definition: column.maxDefinitionLevel, repetition: repetition)
    }

    /// PLAIN BYTE_ARRAY: a 4-byte little-endian length, then the bytes.
    private static func appendPlain(_ string: String, to buffer: inout [UInt8]) {
        let count = UInt32(string.utf8.count)
        for b in 0..<4 { buffer.append(UInt8(truncatingIfNeeded: count >> UInt32(b * 8))) }
        buffer.append(contentsOf: string.utf8)
    }

    private mutating func addLevels(definition: Int, repetition: Int) {
        if definitionWidth > 0 { definitionLevels.append(UInt8(definition)) }
        if repetitionWidth > 0 { repetitionLevels.append(UInt8(repetition)) }
        pageLevelCount += 1
    }

    private mutating func appendLittleEndian(_ value: UInt64, bytes: Int) {
        for b in 0..<bytes { values.append(UInt8(truncatingIfNeeded: value >> UInt64(b * 8))) }
    }

    /// Ends the page being filled: a dictionary page is kept unencoded, a PLAIN one encoded
    /// and compressed into ``pages``.
    mutating func finishPage(compressor: Zstd.BlockCompressor) throws(ParquetFileWriter.Failure) {
        guard pageLevelCount > 0 else { return }
        if usesDictionary {
            dictionaryPages.append(
                UnencodedPage(
                    definitionLevels: definitionLevels, repetitionLevels: repetitionLevels,
                    indices: indices, levelCount: pageLevelCount))
            dictionaryPagesBytes += pageBytes
        } else {
            var body: [UInt8] = []
            if column.type == .boolean {
                // PLAIN booleans: bit-packed, least significant bit first.
                var byte: UInt8 = 0
                for (index, flag) in booleans.enumerated() {
                    if flag { byte |= 1 << UInt8(index % 8) }
                    if index % 8 == 7 {
                        body.append(byte)
                        byte = 0
                    }
                }
                if booleans.count % 8 != 0 { body.append(byte) }
            }
            try encodePage(
                definitionLevels, repetitionLevels, values: column.type == .boolean ? body : values,
                encoding: PageHeader.plain, levelCount: pageLevelCount, compressor: compressor)
        }
        definitionLevels.removeAll(keepingCapacity: true)
        repetitionLevels.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        booleans.removeAll(keepingCapacity: true)
        indices.removeAll(keepingCapacity: true)
        pageLevelCount = 0
    }

    /// Data page v1: repetition levels, then definition levels (each with a 4-byte length), then the values.
    private mutating func encodePage(
        _ definition: [UInt8], _ repetition: [UInt8], values: [UInt8], encoding: Int32,
        levelCount count: Int, compressor: Zstd.BlockCompressor
    ) throws(ParquetFileWriter.Failure) {
        var body: [UInt8] = []
        body.reserveCapacity(values.count + count / 2 + 16)
        for (levels, width) in [(repetition, repetitionWidth), (definition, definitionWidth)] where width > 0 {
            let encoded = RLEHybridEncoder.encode(levels, bitWidth: width)
            let length = UInt32(encoded.count)
            for b in 0..<4 { body.append(UInt8(truncatingIfNeeded: length >> UInt32(b * 8))) }
            body += encoded
        }
        body += values
        let compressed = try compress(body, compressor)
        let header = PageHeader(
            kind: .data(encoding: encoding), uncompressedSize: body.count, compressedSize: compressed.count,
            valueCount: count
        ).encoded()
        pages += header
        pages += compressed
        uncompressedSize += header.count + body.count
        levelCount += count
        encodings.insert(encoding)
        if definitionWidth > 0 || repetitionWidth > 0 { encodings.insert(PageHeader.rle) }
    }

    /// Rewrites the chunk's dictionary pages as PLAIN and writes PLAIN from
    /// now on (the dictionary grew too large). Called between rows.
    mutating func fallBackToPlain(compressor: Zstd.BlockCompressor) throws(ParquetFileWriter.Failure) {
        guard usesDictionary else { return }
        try finishPage(compressor: compressor)
        usesDictionary = false
        fellBack = true
        for page in dictionaryPages {
            var plain: [UInt8] = []
            for index in page.indices {
                let start = dictionaryOffsets[Int(index)]
                let end =
                    Int(index) + 1 < dictionaryOffsets.count
                    ? dictionaryOffsets[Int(index) + 1] : dictionaryValues.count
                plain += dictionaryValues[start..<end]
            }
            try encodePage(
                page.definitionLevels, page.repetitionLevels, values: plain, encoding: PageHeader.plain,
                levelCount: page.levelCount, compressor: compressor)
        }
        dictionary = [:]
        dictionaryValues = []
        dictionaryOffsets = []
        dictionaryPages = []
        dictionaryPagesBytes = 0
    }

    /// Ends the chunk: encodes the dictionary pages if the chunk kept its
    /// dictionary, and returns the dictionary page (header and compressed
    /// body) with its uncompressed size, nil when there is none.
    mutating func finishChunk(compressor: Zstd.BlockCompressor) throws(ParquetFileWriter.Failure) -> (
        bytes: [UInt8], uncompressedSize: Int
    )? {
        try finishPage(compressor: compressor)
        guard usesDictionary, !dictionaryPages.isEmpty else { return nil }
        let entries = dictionaryOffsets.count
        guard entries > 0 else {
            // Only nulls: PLAIN pages without values, no dictionary.
            for page in dictionaryPages {
                try encodePage(
                    page.definitionLevels, page.repetitionLevels, values: [], encoding: PageHeader.plain,
                    levelCount: page.levelCount, compressor: compressor)
            }
            dictionaryPages = []
            return nil
        }
        // RLE_DICTIONARY: the index bit width in one byte, then the hybrid runs without a length.
        let width = max(1, RLEHybridEncoder.bitWidth(maxLevel: entries - 1))
        for page in dictionaryPages {
            let encoded = [UInt8(width)] + RLEHybridEncoder.encode(page.indices, bitWidth: width)
            try encodePage(
                page.definitionLevels, page.repetitionLevels, values: encoded, encoding: PageHeader.rleDictionary,
                levelCount: page.levelCount, compressor: compressor)
        }
        dictionaryPages = []
        encodings.insert(PageHeader.plain)  // the dictionary page's values
        let compressed = try compress(dictionaryValues, compressor)
        let header = PageHeader(
            kind: .dictionary, uncompressedSize: dictionaryValues.count, compressedSize: compressed.count,
            valueCount: entries
        ).encoded()
        return (header + compressed, header.count + dictionaryValues.count)
    }

    private func compress(_ body: [UInt8], _ compressor: Zstd.BlockCompressor) throws(ParquetFileWriter.Failure)
        -> [UInt8]
    {
        do {
            return try compressor.compress(body)
        } catch {
            throw ParquetFileWriter.Failure(description: "column \(column.path.joined(separator: ".")): \(error)")
        }
    }

    /// Starts the next row group's chunk (with a fresh dictionary).
    mutating func reset() {
        pages = []
        uncompressedSize = 0
        levelCount = 0
        encodings = []
        statistics = ColumnStatistics()
        dictionary = [:]
        dictionaryValues = []
        dictionaryOffsets = []
        dictionaryPages = []
        dictionaryPagesBytes = 0
        usesDictionary = column.isDictionaryEncoded && !fellBack
    }
}

import WinnowCore

/// CSV (RFC 4180): UTF-8, a header row, CRLF line ends, every field quoted
/// only when it holds a comma, a quote, CR or LF (quotes doubled).
///
/// Columns are ``RecordColumns``: absent fields are empty cells; lists of
/// strings (`authors`, `captions`, `tags`, `warnings`) are joined by a line
/// break (LF) inside their quoted cell — no item of those lists holds one,
/// since Winnow collapses whitespace in them — and nested lists are JSON.
public final class CSVWriter: RecordWriter {
    let sink: ByteSink
    /// Indices of the ``RecordColumns`` written (all, or those `--fields` keeps).
    let kept: [Int]
    /// Lists of strings are joined by this (documented in the README).
    public static let listSeparator = "\n"

    public init(sink: ByteSink, fields: FieldSelection? = nil) throws {
        self.sink = sink
        kept = RecordColumns.names.indices.filter { fields?.keeps(column: RecordColumns.names[$0]) ?? true }
        try sink.write(Self.row(kept.map { RecordColumns.names[$0] }))
    }

    public func write(_ record: Record) throws {
        let values = RecordColumns.values(of: record)
        let cells: [String?] = kept.map { values[$0] }.map { value in
            switch value {
            case .null: return nil
            case .text(let s), .json(let s): return s
            case .integer(let n): return String(n)
            // Swift prints the shortest text that reads back as the same double, as JSON does.
            case .real(let x): return String(x)
            case .strings(let list): return list.joined(separator: Self.listSeparator)
            }
        }
        try sink.write(Self.row(cells))
    }

    public func finish() throws { try sink.close() }

    static func row(_ cells: [String?]) -> [UInt8] {
        var out: [UInt8] = []
        for (index, cell) in cells.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            guard let cell else { continue }
            let utf8 = cell.utf8
            if utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
                out.append(0x22)
                for byte in utf8 {
                    if byte == 0x22 { out.append(0x22) }
                    out.append(byte)
                }
                out.append(0x22)
            } else {
                out.append(contentsOf: utf8)
            }
        }
        out.append(contentsOf: [0x0D, 0x0A])
        return out
    }
}

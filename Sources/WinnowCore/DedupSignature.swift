/// What the global dedup phase needs to know about one record, written by
/// `winnow run` into `shard-…signatures.bin` beside the records: small and
/// fixed in meaning, so `winnow dedup` never re-reads the records.
public struct DedupSignature: Sendable, Equatable {
    /// The record id (32 hex digits).
    public var id: String
    /// The site the record belongs to (host of its URL, or the first folder
    /// of its key), for counting repeated boilerplate per site.
    public var site: String
    /// ISO 8601 publication time, when known: the earliest is kept.
    public var published: String?
    /// `dedup.text_hash` (32 hex digits), when the record has text.
    public var textHash: String?
    /// MinHash of the body's shingles.
    public var minHash: [UInt32]
    /// One stable hash per paragraph, in order.
    public var paragraphHashes: [UInt64]

    public init(id: String, site: String, published: String?, textHash: String?, minHash: [UInt32], paragraphHashes: [UInt64]) {
        self.id = id
        self.site = site
        self.published = published
        self.textHash = textHash
        self.minHash = minHash
        self.paragraphHashes = paragraphHashes
    }

    // MARK: Binary form
    //
    // Each entry: UInt32 length of what follows, then id, site, published and
    // textHash as (UInt16 length, UTF-8 bytes) with length 0xFFFF for absent,
    // UInt16 count + UInt32s of the MinHash, UInt32 count + UInt64s of the
    // paragraph hashes. All little-endian.

    public func encoded() -> [UInt8] {
        var body: [UInt8] = []
        body.reserveCapacity(64 + minHash.count * 4 + paragraphHashes.count * 8)
        func string(_ s: String?) {
            guard let s else { append(UInt16.max, to: &body); return }
            let bytes = Array(s.utf8.prefix(Int(UInt16.max) - 1))
            append(UInt16(bytes.count), to: &body)
            body.append(contentsOf: bytes)
        }
        string(id)
        string(site)
        string(published)
        string(textHash)
        append(UInt16(minHash.count), to: &body)
        for value in minHash { append(value, to: &body) }
        append(UInt32(paragraphHashes.count), to: &body)
        for value in paragraphHashes { append(value, to: &body) }
        var entry: [UInt8] = []
        append(UInt32(body.count), to: &entry)
        return entry + body
    }

    /// Reads every entry of a signature file's bytes, in order.
    public static func decodeAll(_ bytes: [UInt8]) throws(ConfigurationError) -> [DedupSignature] {
        var reader = ByteReader(bytes: bytes)
        var result: [DedupSignature] = []
        while !reader.atEnd {
            guard let length = reader.read(UInt32.self), let end = Optional(reader.offset + Int(length)), end <= bytes.count,
                  let id = reader.string(), let site = reader.string(),
                  let published = reader.optionalString(), let textHash = reader.optionalString(),
                  let count = reader.read(UInt16.self) else {
                throw ConfigurationError("signature file is truncated or damaged at byte \(reader.offset)")
            }
            var minHash: [UInt32] = []
            minHash.reserveCapacity(Int(count))
            for _ in 0..<count {
                guard let v = reader.read(UInt32.self) else { throw ConfigurationError("signature file is truncated at byte \(reader.offset)") }
                minHash.append(v)
            }
            guard let paragraphCount = reader.read(UInt32.self) else { throw ConfigurationError("signature file is truncated at byte \(reader.offset)") }
            var paragraphs: [UInt64] = []
            for _ in 0..<paragraphCount {
                guard let v = reader.read(UInt64.self) else { throw ConfigurationError("signature file is truncated at byte \(reader.offset)") }
                paragraphs.append(v)
            }
            guard reader.offset == end else { throw ConfigurationError("signature file entry has a wrong length at byte \(reader.offset)") }
            result.append(DedupSignature(id: id ?? "", site: site ?? "", published: published, textHash: textHash,
                                         minHash: minHash, paragraphHashes: paragraphs))
        }
        return result
    }
}

private func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
    withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
}

private struct ByteReader {
    let bytes: [UInt8]
    var offset = 0

    var atEnd: Bool { offset >= bytes.count }

    mutating func read<T: FixedWidthInteger>(_: T.Type) -> T? {
        let size = MemoryLayout<T>.size
        guard offset + size <= bytes.count else { return nil }
        var value: T = 0
        for k in 0..<size { value |= T(bytes[offset + k]) << (8 * k) }
        offset += size
        return value
    }

    /// A present string, or nil (as Optional) for the absent marker, or nil overall when truncated.
    mutating func optionalString() -> String?? {
        guard let length = read(UInt16.self) else { return nil }
        if length == UInt16.max { return .some(nil) }
        guard offset + Int(length) <= bytes.count else { return nil }
        defer { offset += Int(length) }
        return .some(String(decoding: bytes[offset..<(offset + Int(length))], as: UTF8.self))
    }

    mutating func string() -> String?? { optionalString() }
}

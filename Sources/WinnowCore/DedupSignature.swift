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
    /// The smallest distinct 32-bit shingle hashes of the body, ascending (a
    /// bottom-k sketch): `winnow dedup` verifies LSH candidates with them.
    /// Empty in signatures written before they were added.
    public var shingleHashes: [UInt32]
    /// How many distinct 32-bit shingle hashes the whole body has (equal to
    /// `shingleHashes.count` when none were cut).
    public var shingleTotal: Int

    public init(
        id: String, site: String, published: String?, textHash: String?, minHash: [UInt32], paragraphHashes: [UInt64],
        shingleHashes: [UInt32] = [], shingleTotal: Int? = nil
    ) {
        self.id = id
        self.site = site
        self.published = published
        self.textHash = textHash
        self.minHash = minHash
        self.paragraphHashes = paragraphHashes
        self.shingleHashes = shingleHashes
        self.shingleTotal = shingleTotal ?? shingleHashes.count
    }

    // MARK: Binary form
    //
    // Each entry: UInt32 length of what follows, then id, site, published and
    // textHash as (UInt16 length, UTF-8 bytes) with length 0xFFFF for absent,
    // UInt16 count + UInt32s of the MinHash, UInt32 count + UInt64s of the
    // paragraph hashes, then UInt32 shingle total, UInt32 count + UInt32s of
    // the kept shingle hashes (absent in the first format, which ended after
    // the paragraph hashes; such entries read with no shingles). All
    // little-endian.

    public func encoded() -> [UInt8] {
        var body: [UInt8] = []
        body.reserveCapacity(72 + minHash.count * 4 + paragraphHashes.count * 8 + shingleHashes.count * 4)
        func string(_ s: String?) {
            guard let s else {
                append(UInt16.max, to: &body)
                return
            }
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
        append(UInt32(shingleTotal), to: &body)
        append(UInt32(shingleHashes.count), to: &body)
        for value in shingleHashes { append(value, to: &body) }
        var entry: [UInt8] = []
        append(UInt32(body.count), to: &entry)
        return entry + body
    }

    /// Reads every entry of a signature file's bytes, in order.
    public static func decodeAll(_ bytes: [UInt8]) throws(ConfigurationError) -> [DedupSignature] {
        var result: [DedupSignature] = []
        var offset = 0
        while offset < bytes.count {
            result.append(try decode(bytes, at: &offset))
        }
        return result
    }

    /// The length of the entry starting at `offset` (its 4-byte prefix
    /// included), or nil when fewer than 4 bytes are left.
    public static func entryLength(_ bytes: [UInt8], at offset: Int) -> Int? {
        var reader = ByteReader(bytes: bytes, offset: offset)
        return reader.read(UInt32.self).map { 4 + Int($0) }
    }

    /// Reads the entry starting at `offset` and moves `offset` past it.
    public static func decode(_ bytes: [UInt8], at offset: inout Int) throws(ConfigurationError) -> DedupSignature {
        var reader = ByteReader(bytes: bytes, offset: offset)
        func truncated() -> ConfigurationError {
            ConfigurationError("signature file is truncated or damaged at byte \(reader.offset)")
        }
        guard let length = reader.read(UInt32.self), reader.offset + Int(length) <= bytes.count,
            let id = reader.string(), let site = reader.string(),
            let published = reader.optionalString(), let textHash = reader.optionalString(),
            let count = reader.read(UInt16.self)
        else {
            throw truncated()
        }
        let entryEnd = offset + 4 + Int(length)
        var minHash: [UInt32] = []
        minHash.reserveCapacity(Int(count))
        for _ in 0..<count {
            guard let v = reader.read(UInt32.self) else { throw truncated() }
            minHash.append(v)
        }
        guard let paragraphCount = reader.read(UInt32.self), reader.offset + 8 * Int(paragraphCount) <= entryEnd else {
            throw truncated()
        }
        var paragraphs: [UInt64] = []
        paragraphs.reserveCapacity(Int(paragraphCount))
        for _ in 0..<paragraphCount {
            guard let v = reader.read(UInt64.self) else { throw truncated() }
            paragraphs.append(v)
        }
        var shingles: [UInt32] = []
        var shingleTotal = 0
        if reader.offset < entryEnd {
            guard let total = reader.read(UInt32.self), let kept = reader.read(UInt32.self),
                reader.offset + 4 * Int(kept) <= entryEnd
            else { throw truncated() }
            shingleTotal = Int(total)
            shingles.reserveCapacity(Int(kept))
            for _ in 0..<kept {
                guard let v = reader.read(UInt32.self) else { throw truncated() }
                shingles.append(v)
            }
        }
        guard reader.offset == entryEnd else {
            throw ConfigurationError("signature file entry has a wrong length at byte \(reader.offset)")
        }
        offset = entryEnd
        return DedupSignature(
            id: id ?? "", site: site ?? "", published: published, textHash: textHash, minHash: minHash,
            paragraphHashes: paragraphs, shingleHashes: shingles, shingleTotal: shingleTotal)
    }
}

private func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
    withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
}

private struct ByteReader {
    let bytes: [UInt8]
    var offset: Int

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

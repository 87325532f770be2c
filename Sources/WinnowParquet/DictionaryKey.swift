import WinnowBytes

/// A string compared and hashed by its UTF-8 bytes: Swift's `String`
/// equality is canonical equivalence, which would merge an NFC and an NFD
/// spelling into one dictionary entry and change the data. The bytes are
/// hashed once (FNV-1a: a per-byte `Hasher.combine` was an eighth of the
/// export's time) and the hash is compared before the bytes.
struct DictionaryKey: Hashable {
    let string: String
    let bytesHash: UInt64

    init(_ string: String) {
        self.string = string
        bytesHash = FNV1a.hash(string.utf8)
    }

    static func == (lhs: DictionaryKey, rhs: DictionaryKey) -> Bool {
        lhs.bytesHash == rhs.bytesHash && lhs.string.utf8.elementsEqual(rhs.string.utf8)
    }

    func hash(into hasher: inout Hasher) { hasher.combine(bytesHash) }
}

import Foundation
import WinnowCore

/// The dedup phase's in-memory rows: what it must know of every record,
/// in the order the shard files were read (scan index). The input key, the
/// last tie-break of the kept copy, stays in the signature files and is read
/// back by offset for the records that tie before it. Everything else
/// stays in the signature files and the bucket files.
struct RecordTable {
    private(set) var ids: [String] = []
    private(set) var evidence: [KeptCopy.Evidence] = []
    private(set) var textKeys: [UInt64?] = []
    private(set) var sites: [UInt32] = []
    private(set) var files: [UInt16] = []
    private(set) var offsets: [Int] = []
    private var siteCounts = SiteCounts()
    var siteNames: [String] { siteCounts.names }
    var sitePages: [Int] { siteCounts.pages }
    /// Set by ``rankByID()``: scan index of each rank.
    private var scanIndexOfRank: [UInt32] = []

    var count: Int { ids.count }

    /// Streams every signature file once. With `bucketsIn`, also writes
    /// each record's band keys and distinct paragraph hashes to the
    /// partitioned work files in that folder.
    static func scan(
        files: [(path: String, length: Int)], parameters: LSHParameters, bucketsIn workPath: String?
    ) throws -> RecordTable {
        var table = RecordTable()
        let bands = try workPath.map {
            try PartitionFiles(directory: $0, name: "bands", count: DedupPhase.bandPartitions)
        }
        let paragraphs = try workPath.map {
            try PartitionFiles(directory: $0, name: "paragraphs", count: DedupPhase.paragraphPartitions)
        }
        for (fileIndex, file) in files.enumerated() {
            var reader = try SignatureFileReader(path: file.path, length: file.length)
            while let (offset, signature) = try reader.next() {
                let scanIndex = UInt32(table.count)
                let site = table.add(signature, file: fileIndex, offset: offset)
                if let bands, NearDuplicateClusters.hasShingles(signature.minHash) {
                    guard signature.minHash.count >= parameters.bands * parameters.rows else {
                        throw ConfigurationError(
                            "\(file.path): a signature has \(signature.minHash.count) values, fewer than "
                                + "\(parameters.bands) bands × \(parameters.rows) rows"
                        )
                    }
                    for key in parameters.bandKeys(signature.minHash) {
                        let partition = Int(key >> 58)
                        bands.append(partition, key)
                        bands.append(partition, scanIndex)
                        try bands.endEntry(partition)
                    }
                }
                if let paragraphs {
                    for hash in Set(signature.paragraphHashes) {
                        let partition = Int(hash >> 60)
                        paragraphs.append(partition, site)
                        paragraphs.append(partition, hash)
                        try paragraphs.endEntry(partition)
                    }
                }
            }
        }
        try bands?.finish()
        try paragraphs?.finish()
        return table
    }

    private mutating func add(_ signature: DedupSignature, file: Int, offset: Int) -> UInt32 {
        ids.append(signature.id)
        evidence.append(
            KeptCopy.Evidence(
                modified: signature.modified, published: signature.published, isCanonical: signature.isCanonical))
        textKeys.append(signature.textHash.map(NearDuplicateClusters.textKey))
        let site = siteCounts.add(signature.site)
        sites.append(site)
        files.append(UInt16(file))
        offsets.append(offset)
        return site
    }

    /// Ranks records by id (so nothing depends on the shard count) and
    /// returns the rank of each scan index. Two records with one id are an error.
    mutating func rankByID() throws(ConfigurationError) -> [UInt32] {
        guard count < Int(UInt32.max) else { throw ConfigurationError("dedup handles at most 4,294,967,294 records") }
        var order = (0..<UInt32(count)).map { $0 }
        order.sort { ids[Int($0)] < ids[Int($1)] }
        for k in order.indices.dropFirst() where ids[Int(order[k - 1])] == ids[Int(order[k])] {
            throw ConfigurationError("two records share the id \(ids[Int(order[k])]); each input must be read once")
        }
        var rankOf = [UInt32](repeating: 0, count: count)
        for (rank, index) in order.enumerated() { rankOf[Int(index)] = UInt32(rank) }
        scanIndexOfRank = order
        return rankOf
    }

    func row(rank: Int) -> (file: Int, offset: Int) {
        let index = Int(scanIndexOfRank[rank])
        return (Int(files[index]), offsets[index])
    }

    /// The scan index of the record at `offset` of signature file `file`,
    /// if one starts there (rows are in file, then offset order).
    func scanIndex(file: Int, offset: Int) -> Int? {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            let f = Int(files[middle])
            if f < file || (f == file && offsets[middle] < offset) { low = middle + 1 } else { high = middle }
        }
        return low < count && Int(files[low]) == file && offsets[low] == offset ? low : nil
    }

    func textKey(rank: Int) -> UInt64? { textKeys[Int(scanIndexOfRank[rank])] }

    func idsInRankOrder() -> [String] { scanIndexOfRank.map { ids[Int($0)] } }
    func textKeysInRankOrder() -> [UInt64?] { scanIndexOfRank.map { textKeys[Int($0)] } }
    func evidence(rank: Int) -> KeptCopy.Evidence { evidence[Int(scanIndexOfRank[rank])] }
}

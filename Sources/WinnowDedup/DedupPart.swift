import Foundation
import WinnowCore

/// `winnow dedup RUNDIR --part K/N`: one partition of the dedup phase, for
/// running the phase on several hosts at once from the shared run
/// directory. ``DedupMerge`` joins the parts; the result is byte-identical
/// to the one-process ``DedupPhase``.
///
/// A part owns the LSH buckets whose band key, and the paragraph hashes
/// whose value, fall into its partition (``owns(_:)``: a stable hash, so
/// every host computes the same split). It streams every shard's signature
/// file and keeps only its share:
/// 1. its band entries (band key, record's place in the signature files:
///    16 bytes each) and its paragraph entries (site, hash: 12 bytes), plus
///    one page count per site;
/// 2. the buckets with two or more members give candidate pairs, exactly as
///    in the one-process phase (members in id order, the same capping);
///    for those members a second streaming pass reads their ids and text keys;
/// 3. each candidate pair is verified on the two records' sketches (read
///    back by offset), and the paragraphs counted.
/// It writes `RUNDIR/dedup/parts/part-KKKKK-of-NNNNN.pairs.bin` (candidate
/// pairs by file place, with their similarity), then
/// `part-KKKKK-of-NNNNN.json` (counts and boilerplate paragraphs) by
/// write-then-rename: the JSON file's presence means the part is done.
public struct DedupPart {
    public let directory: RunDirectory
    public let part: ShardSpec

    public init(directory: RunDirectory, part: ShardSpec) {
        self.directory = directory
        self.part = part
    }

    /// What a finished part says about itself (`part-…json`).
    public struct Result: Codable, Sendable, Equatable {
        public var part: String
        /// The signature files and settings the part was made from (see
        /// ``DedupPhase/fingerprint(files:settings:parameters:)``).
        public var fingerprint: String
        public var bandEntries: Int
        public var candidatePairs: Int
        public var verifiedPairs: Int
        public var boilerplate: [Paragraph]

        public struct Paragraph: Codable, Sendable, Equatable {
            public var site: String
            public var paragraphHash: UInt64
            public var pages: Int
        }
    }

    public static func partsPath(_ directory: RunDirectory) -> String { directory.dedupPath + "/parts" }
    public static func stem(_ part: ShardSpec) -> String {
        part.fileStem.replacingOccurrences(of: "shard-", with: "part-")
    }
    public static func resultPath(_ directory: RunDirectory, _ part: ShardSpec) -> String {
        partsPath(directory) + "/" + stem(part) + ".json"
    }
    public static func pairsPath(_ directory: RunDirectory, _ part: ShardSpec) -> String {
        partsPath(directory) + "/" + stem(part) + ".pairs.bin"
    }

    /// Whether this part owns a band key or a paragraph hash.
    func owns(_ value: UInt64) -> Bool {
        part.count == 1 || Int(StableHash.mix(value) % UInt64(part.count)) == part.index
    }

    /// A record's place in the signature files: file index (16 bits) and byte offset (48 bits).
    static func place(file: Int, offset: Int) -> UInt64 { UInt64(file) << 48 | UInt64(offset) }
    static func file(of place: UInt64) -> Int { Int(place >> 48) }
    static func offset(of place: UInt64) -> Int { Int(place & 0xFFFF_FFFF_FFFF) }

    /// Bytes per pair in `pairs.bin`: the two places and the similarity's bits.
    static let pairEntrySize = 24

    @discardableResult
    public func run(log: (String) -> Void = { _ in }) throws -> Result {
        let phase = DedupPhase(directory: directory)
        guard let manifest = try directory.readManifest() else {
            throw ConfigurationError("\(directory.path) is not a Winnow run directory (no manifest.json)")
        }
        let settings = try phase.settings(manifest)
        let parameters = settings.lsh
        let files = try phase.signatureFiles(manifest)
        guard files.count <= Int(UInt16.max) else {
            throw ConfigurationError("dedup parts handle at most 65,535 shards")
        }
        let fingerprint = DedupPhase.fingerprint(files: files, settings: settings, parameters: parameters)
        let clock = ContinuousClock()

        // 1. Scan: only this part's entries stay.
        var started = clock.now
        var bands: [(key: UInt64, place: UInt64)] = []
        var paragraphs: [(site: UInt32, hash: UInt64)] = []
        var siteCounts = SiteCounts()
        var records = 0
        for (fileIndex, file) in files.enumerated() {
            var reader = try SignatureFileReader(path: file.path, length: file.length)
            while let (offset, signature) = try reader.next() {
                records += 1
                let site = siteCounts.add(signature.site)
                if NearDuplicateClusters.hasShingles(signature.minHash) {
                    guard signature.minHash.count >= parameters.bands * parameters.rows else {
                        throw ConfigurationError(
                            "\(file.path): a signature has \(signature.minHash.count) values, fewer than "
                                + "\(parameters.bands) bands × \(parameters.rows) rows"
                        )
                    }
                    let place = Self.place(file: fileIndex, offset: offset)
                    for key in parameters.bandKeys(signature.minHash) where owns(key) {
                        bands.append((key, place))
                    }
                }
                for hash in Set(signature.paragraphHashes) where owns(hash) {
                    paragraphs.append((site, hash))
                }
            }
        }
        log(
            "part \(part): scanned \(records) signatures, kept \(bands.count) band entries and \(paragraphs.count) "
                + "paragraph entries in \(DedupPhase.seconds(since: started, clock))"
        )

        // 2. Candidates from the buckets with two or more members.
        started = clock.now
        let bandEntries = bands.count
        bands.sort { $0.key != $1.key ? $0.key < $1.key : $0.place < $1.place }
        var shared: [UInt64] = []
        var start = 0
        while start < bands.count {
            var end = start + 1
            while end < bands.count && bands[end].key == bands[start].key { end += 1 }
            if end - start > 1 { for k in start..<end { shared.append(bands[k].place) } }
            start = end
        }
        shared.sort()
        var members = Self.unique(shared)
        shared = []
        // Ids and text keys of those members, in one more streaming pass; then their order by id.
        let known = try Self.identities(of: members, files: files)
        var order = Array(members.indices)
        order.sort { known[$0].id < known[$1].id }
        for k in order.indices.dropFirst() where known[order[k - 1]].id == known[order[k]].id {
            throw ConfigurationError("two records share the id \(known[order[k]].id); each input must be read once")
        }
        var localRank = [Int](repeating: 0, count: members.count)
        for (rank, index) in order.enumerated() { localRank[index] = rank }
        let placeOfRank = order.map { members[$0] }
        let textKeyOfRank = order.map { known[$0].textKey }

        var pairs: [UInt64] = []
        var bucket: [Int] = []
        start = 0
        while start < bands.count {
            var end = start + 1
            while end < bands.count && bands[end].key == bands[start].key { end += 1 }
            if end - start > 1 {
                bucket.removeAll(keepingCapacity: true)
                for k in start..<end { bucket.append(localRank[Self.index(of: bands[k].place, in: members)]) }
                bucket.sort()
                NearDuplicateClusters.candidates(inBucket: bucket, textKey: { textKeyOfRank[$0] }, into: &pairs)
            }
            start = end
        }
        bands = []
        members = []
        pairs.sort()
        pairs = Self.unique(pairs)
        log("part \(part): \(pairs.count) candidate pairs in \(DedupPhase.seconds(since: started, clock))")

        // 3. Verify, count paragraphs, write.
        started = clock.now
        let handles = try SignatureFileReader.open(files)
        defer { for handle in handles { try? handle.close() } }
        func load(_ rank: Int) throws -> (signature: [UInt32], sketch: ShingleSketch?) {
            let place = placeOfRank[rank]
            let file = Self.file(of: place)
            let entry = try SignatureFileReader.entry(
                at: Self.offset(of: place), of: handles[file], path: files[file].path)
            let sketch =
                entry.shingleHashes.isEmpty
                ? nil : ShingleSketch(hashes: entry.shingleHashes, total: entry.shingleTotal)
            return (entry.minHash, sketch)
        }
        var output: [UInt8] = []
        output.reserveCapacity(pairs.count * Self.pairEntrySize)
        var verified = 0
        var current: (rank: Int, value: (signature: [UInt32], sketch: ShingleSketch?))?
        for pair in pairs {
            let a = Int(pair >> 32)
            let b = Int(pair & 0xFFFF_FFFF)
            if current?.rank != a { current = (a, try load(a)) }
            let jaccard = NearDuplicateClusters.similarity(current!.value, try load(b))
            if jaccard >= settings.threshold { verified += 1 }
            for value in [placeOfRank[a], placeOfRank[b], jaccard.bitPattern] {
                withUnsafeBytes(of: value.littleEndian) { output.append(contentsOf: $0) }
            }
        }

        paragraphs.sort { $0.site != $1.site ? $0.site < $1.site : $0.hash < $1.hash }
        var boilerplate: [Result.Paragraph] = []
        start = 0
        while start < paragraphs.count {
            var end = start + 1
            while end < paragraphs.count && paragraphs[end] == paragraphs[start] { end += 1 }
            let count = end - start
            let site = Int(paragraphs[start].site)
            if count >= settings.boilerplateMinPages
                && Double(count) > settings.boilerplateShare * Double(siteCounts.pages[site])
            {
                boilerplate.append(
                    .init(site: siteCounts.names[site], paragraphHash: paragraphs[start].hash, pages: count))
            }
            start = end
        }

        let result = Result(
            part: part.description, fingerprint: fingerprint, bandEntries: bandEntries, candidatePairs: pairs.count,
            verifiedPairs: verified, boilerplate: boilerplate)
        try AtomicFile.makeDirectories(Self.partsPath(directory))
        try? FileManager.default.removeItem(atPath: Self.resultPath(directory, part))
        try AtomicFile.write(output, to: Self.pairsPath(directory, part))
        try AtomicFile.write(RunDirectory.encode(result), to: Self.resultPath(directory, part))
        log(
            "part \(part): \(verified) pairs at Jaccard ≥ \(settings.threshold), \(boilerplate.count) boilerplate "
                + "paragraphs in \(DedupPhase.seconds(since: started, clock))"
        )
        return result
    }

    static func unique(_ sorted: [UInt64]) -> [UInt64] {
        var result: [UInt64] = []
        result.reserveCapacity(sorted.count)
        for value in sorted where result.last != value { result.append(value) }
        return result
    }

    static func index(of value: UInt64, in sorted: [UInt64]) -> Int {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The id and text key of each record at `places` (sorted), read in one
    /// streaming pass over the signature files.
    static func identities(of places: [UInt64], files: [(path: String, length: Int)]) throws -> [(
        id: String, textKey: UInt64?
    )] {
        var result: [(id: String, textKey: UInt64?)] = []
        result.reserveCapacity(places.count)
        var next = 0
        for (fileIndex, file) in files.enumerated() {
            guard next < places.count, Self.file(of: places[next]) == fileIndex else { continue }
            var reader = try SignatureFileReader(path: file.path, length: file.length)
            while next < places.count, Self.file(of: places[next]) == fileIndex,
                let (offset, signature) = try reader.next()
            {
                if offset == Self.offset(of: places[next]) {
                    result.append((signature.id, signature.textHash.map(NearDuplicateClusters.textKey)))
                    next += 1
                }
            }
        }
        guard result.count == places.count else {
            throw ConfigurationError("the signature files changed while dedup part ran; run it again")
        }
        return result
    }
}

/// Parses the `--part K/N` of `winnow dedup`.
public enum DedupPartSpec {
    public static func parse(_ text: String) throws(ConfigurationError) -> ShardSpec {
        let pieces = text.split(separator: "/", omittingEmptySubsequences: false)
        guard pieces.count == 2, let k = Int(pieces[0]), let n = Int(pieces[1]), n >= 1, n <= 10_000, k >= 0, k < n
        else {
            throw ConfigurationError("--part '\(text)': expected K/N with 0 <= K < N <= 10000 (for example 0/4)")
        }
        return ShardSpec(index: k, count: n)
    }
}

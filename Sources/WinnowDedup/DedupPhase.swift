import Foundation
import WinnowCore

/// `winnow dedup RUNDIR`: the global phase over every shard's signature
/// file. Finds exact and near-duplicate clusters (the rules of
/// ``NearDuplicateClusters``) and repeated boilerplate paragraphs, and
/// writes them under `RUNDIR/dedup/`. The result depends only on the set
/// of records, never on how the run was split into shards.
///
/// Memory is bounded by spilling to disk (`RUNDIR/dedup/work/`):
/// 1. **scan**: each shard's signatures are streamed; a small row per
///    record stays in memory (id, published, text key, site, file offset:
///    about 100 bytes), band keys go to 64 bucket files and paragraph hashes
///    to 16 files, both partitioned by hash.
/// 2. **candidates**: one bucket file at a time is sorted; each bucket gives
///    its candidate pairs (`candidates.bin`, sorted, unique).
/// 3. **verify**: each pair's two shingle sketches are read back from the
///    signature files (by offset) and compared (`verified.bin`).
/// 4. **decide**: union-find over exact groups and verified pairs, and the
///    paragraph files counted one at a time; then the output files.
/// Steps 1–3 are recorded in `work/state.json` when done; a run that was
/// stopped resumes after the last one finished (if the run's signatures
/// and settings are unchanged), redoing only the in-memory rows.
public struct DedupPhase {
    public let directory: RunDirectory

    public init(directory: RunDirectory) { self.directory = directory }

    public struct Summary: Codable, Sendable, Equatable {
        public var records: Int
        public var clusters: Int
        public var duplicates: Int
        public var boilerplateParagraphs: Int
        public var threshold: Double
        public var bands: Int
        public var rows: Int
        /// Candidate pairs from LSH, and those that passed verification.
        public var candidatePairs: Int?
        public var verifiedPairs: Int?
        /// WARC `revisit` records in the run, and those linked to a record (absent without revisits).
        public var revisits: Int?
        public var revisitsLinked: Int?
    }

    /// The steps whose results are kept on disk for resuming.
    public enum Step: String, Codable, Sendable, CaseIterable {
        case scan, candidates, verify
    }

    public var decisionsPath: String { directory.dedupPath + "/decisions.jsonl" }
    public var pairsPath: String { directory.dedupPath + "/pairs.jsonl" }
    public var boilerplatePath: String { directory.dedupPath + "/boilerplate.jsonl" }
    public var summaryPath: String { directory.dedupPath + "/summary.json" }
    public var revisitsPath: String { directory.dedupPath + "/revisits.jsonl" }
    var workPath: String { directory.dedupPath + "/work" }
    var statePath: String { workPath + "/state.json" }

    static let bandPartitions = 64
    static let paragraphPartitions = 16
    /// Bytes per entry: band key (UInt64) + scan index (UInt32); site (UInt32) + paragraph hash (UInt64).
    static let bandEntrySize = 12
    static let paragraphEntrySize = 12

    /// The dedup settings the run was made with (its `minhash` stage's, from the manifest).
    public func settings(_ manifest: Manifest) throws(ConfigurationError) -> MinHashSettings {
        try MinHashSettings.recorded(in: manifest, of: directory)
    }

    /// Every shard's signature file and the length its checkpoint vouches for (all shards must be complete).
    func signatureFiles(_ manifest: Manifest) throws -> [(path: String, length: Int)] {
        var files: [(path: String, length: Int)] = []
        for index in 0..<manifest.shards {
            let shard = ShardSpec(index: index, count: manifest.shards)
            guard let checkpoint = try directory.readCheckpoint(shard), checkpoint.complete else {
                throw ConfigurationError(
                    "\(directory.path): shard \(shard) is not complete; finish it first (see winnow status)")
            }
            let path = directory.sinkPath(.signatures, shard)
            let length = checkpoint.bytes(.signatures)
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
            guard let size, size >= length else {
                throw ConfigurationError("\(path) is missing or shorter than its checkpoint says")
            }
            files.append((path, length))
        }
        return files
    }

    /// Runs the phase (resuming a stopped one). `log` gets one line per step;
    /// `stoppingAfter` ends the run after that step (for tests of resuming).
    @discardableResult
    public func run(log: (String) -> Void = { _ in }, stoppingAfter: Step? = nil) throws -> Summary {
        guard let manifest = try directory.readManifest() else {
            throw ConfigurationError("\(directory.path) is not a Winnow run directory (no manifest.json)")
        }
        let settings = try settings(manifest)
        let parameters = settings.lsh
        let files = try signatureFiles(manifest)
        let fingerprint = Self.fingerprint(files: files, settings: settings, parameters: parameters)

        try FileManager.default.createDirectory(atPath: workPath, withIntermediateDirectories: true)
        var state = readState()
        if state.fingerprint != fingerprint {
            state = WorkState(fingerprint: fingerprint, done: [])
        }
        let clock = ContinuousClock()

        // 1. Scan (rows always; bucket files only when not already written).
        var started = clock.now
        let writeBuckets = !state.done.contains(.scan)
        var table = try RecordTable.scan(
            files: files, parameters: parameters, bucketsIn: writeBuckets ? workPath : nil)
        if writeBuckets { try saveState(&state, adding: .scan) }
        log(
            "scanned \(table.count) signatures in \(files.count) shard "
                + "files\(writeBuckets ? "" : " (buckets kept from the stopped run)") in "
                + "\(Self.seconds(since: started, clock))"
        )
        if stoppingAfter == .scan { return partialSummary(table.count, settings, parameters) }
        let rankOf = try table.rankByID()

        // 2. Candidates, one bucket file at a time.
        started = clock.now
        var candidates: [UInt64]
        if state.done.contains(.candidates) {
            candidates = try Self.readPairs(workPath + "/candidates.bin")
        } else {
            candidates = try Self.candidates(workPath: workPath, rankOf: rankOf, table: table)
            try AtomicFile.write(Self.encodePairs(candidates), to: workPath + "/candidates.bin")
            try saveState(&state, adding: .candidates)
        }
        log(
            "\(candidates.count) candidate pairs from \(parameters.bands) bands × \(parameters.rows) rows in "
                + "\(Self.seconds(since: started, clock))"
        )
        if stoppingAfter == .candidates { return partialSummary(table.count, settings, parameters) }

        // 3. Verify each candidate on the two records' shingle sketches.
        started = clock.now
        var verified: [NearDuplicateClusters.Pair]
        if state.done.contains(.verify) {
            verified = try Self.readVerified(workPath + "/verified.bin")
        } else {
            verified = try verify(candidates, table: table, files: files, threshold: settings.threshold)
            try AtomicFile.write(Self.encodeVerified(verified), to: workPath + "/verified.bin")
            try saveState(&state, adding: .verify)
        }
        let candidateCount = candidates.count
        candidates = []
        log("\(verified.count) pairs at Jaccard ≥ \(settings.threshold) in \(Self.seconds(since: started, clock))")
        if stoppingAfter == .verify { return partialSummary(table.count, settings, parameters) }

        // 4. Decide and write.
        started = clock.now
        let boilerplate = try Self.boilerplate(
            workPath: workPath, table: table, share: settings.boilerplateShare, minPages: settings.boilerplateMinPages)
        let summary = try decideAndWrite(
            table: &table, files: files, verified: verified, candidateCount: candidateCount, boilerplate: boilerplate,
            settings: settings, parameters: parameters)
        try? FileManager.default.removeItem(atPath: workPath)
        log("decided and wrote \(summary.records) records' decisions in \(Self.seconds(since: started, clock))")
        return summary
    }

    /// Union-find over the exact groups and the verified pairs, the kept
    /// record of each cluster, and the output files (the summary last). Shared
    /// by the one-process phase and ``DedupMerge``, so both write the same bytes.
    func decideAndWrite(
        table: inout RecordTable, files: [(path: String, length: Int)], verified: [NearDuplicateClusters.Pair],
        candidateCount: Int,
        boilerplate: [BoilerplateParagraph], settings: MinHashSettings, parameters: LSHParameters
    ) throws -> Summary {
        let ids = table.idsInRankOrder()
        var sets = UnionFind(count: table.count)
        NearDuplicateClusters.joinExactDuplicates(table.textKeysInRankOrder(), in: &sets)
        for pair in verified { sets.union(pair.first, pair.second) }
        let decisions: [NearDuplicateClusters.Decision]
        do {
            let handles = try SignatureFileReader.open(files)
            defer { for handle in handles { try? handle.close() } }
            let rows = table
            decisions = try NearDuplicateClusters.decisions(
                ids: ids, evidence: { rows.evidence(rank: $0) },
                key: { rank in
                    let row = rows.row(rank: rank)
                    return try SignatureFileReader.entry(
                        at: row.offset, of: handles[row.file], path: files[row.file].path
                    ).key
                }, sets: &sets)
        }
        table = RecordTable()

        try writeLines(to: decisionsPath, decisions) { w, d in
            w.field("id", d.id)
            w.field("cluster", d.cluster)
            w.field("duplicate_of", d.duplicateOf)
        }
        try writeLines(to: pairsPath, verified) { w, p in
            w.field("a", ids[p.first])
            w.field("b", ids[p.second])
            w.field("jaccard", (p.jaccard * 10_000).rounded() / 10_000)
        }
        try writeLines(to: boilerplatePath, boilerplate) { w, b in
            w.field("site", b.site)
            w.field("paragraph_hash", StableHash.hex(b.paragraphHash))
            w.field("pages", b.pages)
        }
        let revisits = try RevisitLinks.links(in: directory, shards: directory.readManifest()?.shards ?? 0)
        try RevisitLinks.write(revisits, to: revisitsPath)
        var summary = Summary(
            records: ids.count, clusters: Set(decisions.map(\.cluster)).count,
            duplicates: decisions.filter { $0.duplicateOf != nil }.count, boilerplateParagraphs: boilerplate.count,
            threshold: settings.threshold, bands: parameters.bands, rows: parameters.rows,
            candidatePairs: candidateCount, verifiedPairs: verified.count)
        if !revisits.isEmpty {
            summary.revisits = revisits.count
            summary.revisitsLinked = revisits.filter { $0.duplicateOf != nil }.count
        }
        // The summary is written last: its presence means the phase completed.
        try AtomicFile.write(RunDirectory.encode(summary), to: summaryPath)
        return summary
    }

    private func partialSummary(_ records: Int, _ settings: MinHashSettings, _ parameters: LSHParameters) -> Summary {
        Summary(
            records: records, clusters: 0, duplicates: 0, boilerplateParagraphs: 0, threshold: settings.threshold,
            bands: parameters.bands, rows: parameters.rows)
    }

    private func writeLines<T>(to path: String, _ items: [T], _ fields: (inout JSONWriter, T) -> Void) throws {
        try FileManager.default.createDirectory(atPath: directory.dedupPath, withIntermediateDirectories: true)
        var lines: [UInt8] = []
        for item in items {
            var w = JSONWriter()
            w.beginObject()
            fields(&w, item)
            w.endObject()
            lines += w.bytes
            lines.append(0x0A)
        }
        try AtomicFile.write(lines, to: path)
    }

    // MARK: Steps

    /// Every bucket file's candidate pairs, sorted and unique.
    static func candidates(workPath: String, rankOf: [UInt32], table: RecordTable) throws -> [UInt64] {
        var pairs: [UInt64] = []
        for partition in 0..<bandPartitions {
            let bytes = try PartitionFiles.read(workPath, "bands", partition)
            var entries: [(key: UInt64, rank: UInt32)] = []
            entries.reserveCapacity(bytes.count / bandEntrySize)
            forEachEntry(of: bytes, stride: bandEntrySize) { raw, offset in
                let index: UInt32 = raw.littleEndian(at: offset + 8)
                entries.append((raw.littleEndian(at: offset), rankOf[Int(index)]))
            }
            entries.sort { $0.key != $1.key ? $0.key < $1.key : $0.rank < $1.rank }
            var start = 0
            var members: [Int] = []
            while start < entries.count {
                var end = start + 1
                while end < entries.count && entries[end].key == entries[start].key { end += 1 }
                if end - start > 1 {
                    members.removeAll(keepingCapacity: true)
                    for k in start..<end { members.append(Int(entries[k].rank)) }
                    NearDuplicateClusters.candidates(
                        inBucket: members, textKey: { table.textKey(rank: $0) }, into: &pairs)
                }
                start = end
            }
        }
        pairs.sort()
        var unique: [UInt64] = []
        unique.reserveCapacity(pairs.count)
        for pair in pairs where unique.last != pair { unique.append(pair) }
        return unique
    }

    /// The candidates whose similarity reaches the threshold. Pairs come
    /// sorted by their first rank, so each first record is read once.
    func verify(_ candidates: [UInt64], table: RecordTable, files: [(path: String, length: Int)], threshold: Double)
        throws -> [NearDuplicateClusters.Pair]
    {
        let handles = try SignatureFileReader.open(files)
        defer { for handle in handles { try? handle.close() } }
        func load(_ rank: Int) throws -> (signature: [UInt32], sketch: ShingleSketch?) {
            let row = table.row(rank: rank)
            let entry = try SignatureFileReader.entry(at: row.offset, of: handles[row.file], path: files[row.file].path)
            let sketch =
                entry.shingleHashes.isEmpty
                ? nil : ShingleSketch(hashes: entry.shingleHashes, total: entry.shingleTotal)
            return (entry.minHash, sketch)
        }
        var result: [NearDuplicateClusters.Pair] = []
        var current: (rank: Int, value: (signature: [UInt32], sketch: ShingleSketch?))?
        for pair in candidates {
            let a = Int(pair >> 32)
            let b = Int(pair & 0xFFFF_FFFF)
            if current?.rank != a { current = (a, try load(a)) }
            let jaccard = NearDuplicateClusters.similarity(current!.value, try load(b))
            if jaccard >= threshold { result.append(.init(first: a, second: b, jaccard: jaccard)) }
        }
        return result
    }

    public struct BoilerplateParagraph: Sendable, Equatable, Hashable {
        public var site: String
        public var paragraphHash: UInt64
        public var pages: Int
    }

    /// Paragraphs found on more than `share` of a site's pages and on at
    /// least `minPages` of them, sorted by site and hash; counted one
    /// paragraph file at a time.
    static func boilerplate(workPath: String, table: RecordTable, share: Double, minPages: Int) throws
        -> [BoilerplateParagraph]
    {
        var result: [BoilerplateParagraph] = []
        for partition in 0..<paragraphPartitions {
            let bytes = try PartitionFiles.read(workPath, "paragraphs", partition)
            var entries: [(site: UInt32, hash: UInt64)] = []
            entries.reserveCapacity(bytes.count / paragraphEntrySize)
            forEachEntry(of: bytes, stride: paragraphEntrySize) { raw, offset in
                entries.append((raw.littleEndian(at: offset), raw.littleEndian(at: offset + 4)))
            }
            entries.sort { $0.site != $1.site ? $0.site < $1.site : $0.hash < $1.hash }
            var start = 0
            while start < entries.count {
                var end = start + 1
                while end < entries.count && entries[end] == entries[start] { end += 1 }
                let count = end - start
                let site = Int(entries[start].site)
                if count >= minPages && Double(count) > share * Double(table.sitePages[site]) {
                    result.append(
                        BoilerplateParagraph(
                            site: table.siteNames[site], paragraphHash: entries[start].hash, pages: count))
                }
                start = end
            }
        }
        return result.sorted { $0.site != $1.site ? $0.site < $1.site : $0.paragraphHash < $1.paragraphHash }
    }

    // MARK: Work files

    struct WorkState: Codable, Equatable {
        var fingerprint: String
        var done: [Step]
    }

    private func readState() -> WorkState {
        guard let data = FileManager.default.contents(atPath: statePath),
            let state = try? JSONDecoder().decode(WorkState.self, from: data)
        else {
            return WorkState(fingerprint: "", done: [])
        }
        return state
    }

    private func saveState(_ state: inout WorkState, adding step: Step) throws {
        state.done.append(step)
        try AtomicFile.write(RunDirectory.encode(state), to: statePath)
    }

    /// What the work files were made from: the signature files' vouched
    /// lengths and the settings.
    static func fingerprint(files: [(path: String, length: Int)], settings: MinHashSettings, parameters: LSHParameters)
        -> String
    {
        let shards = files.map { "\(($0.path as NSString).lastPathComponent):\($0.length)" }.joined(separator: ",")
        return "\(shards);threshold=\(settings.threshold);bands=\(parameters.bands);rows=\(parameters.rows)"
    }

    static func encodePairs(_ pairs: [UInt64]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(pairs.count * 8)
        for pair in pairs { withUnsafeBytes(of: pair.littleEndian) { bytes.append(contentsOf: $0) } }
        return bytes
    }

    static func readPairs(_ path: String) throws -> [UInt64] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError("\(path): the dedup work file is missing")
        }
        var pairs: [UInt64] = []
        forEachEntry(of: Array(data), stride: 8) { raw, offset in pairs.append(raw.littleEndian(at: offset)) }
        return pairs
    }

    static func encodeVerified(_ pairs: [NearDuplicateClusters.Pair]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(pairs.count * 16)
        for pair in pairs {
            withUnsafeBytes(of: (UInt64(pair.first) << 32 | UInt64(pair.second)).littleEndian) {
                bytes.append(contentsOf: $0)
            }
            withUnsafeBytes(of: pair.jaccard.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
        }
        return bytes
    }

    static func readVerified(_ path: String) throws -> [NearDuplicateClusters.Pair] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError("\(path): the dedup work file is missing")
        }
        var pairs: [NearDuplicateClusters.Pair] = []
        forEachEntry(of: Array(data), stride: 16) { raw, offset in
            let packed: UInt64 = raw.littleEndian(at: offset)
            let bits: UInt64 = raw.littleEndian(at: offset + 8)
            pairs.append(
                .init(first: Int(packed >> 32), second: Int(packed & 0xFFFF_FFFF), jaccard: Double(bitPattern: bits)))
        }
        return pairs
    }

    static func seconds(since start: ContinuousClock.Instant, _ clock: ContinuousClock) -> String {
        let elapsed = clock.now - start
        return String(
            format: "%.2f s", Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
}

import Foundation
import WinnowCore

/// `winnow dedup RUNDIR --merge`: joins the finished ``DedupPart``s of a
/// run into the files the one-process ``DedupPhase`` writes, byte for byte.
///
/// The part count is read from the parts' file names; a missing or stale
/// part is an error that names it. The merge holds what the one-process
/// phase's last step holds (a small row per record, for the union-find and
/// the kept record of each cluster) plus the candidate pairs of all parts.
public struct DedupMerge {
    public let directory: RunDirectory

    public init(directory: RunDirectory) { self.directory = directory }

    /// The part count N of the parts present (`part-KKKKK-of-NNNNN.*`); an error when none or several.
    public func partCount() throws(ConfigurationError) -> Int {
        let path = DedupPart.partsPath(directory)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        var counts = Set<Int>()
        for name in names where name.hasPrefix("part-") {
            let pieces = name.split(separator: ".")[0].split(separator: "-")
            if pieces.count == 4, pieces[2] == "of", let n = Int(pieces[3]) { counts.insert(n) }
        }
        guard let count = counts.first else {
            throw ConfigurationError(
                "\(directory.path): no dedup parts in \(path); run winnow dedup \(directory.path) --part K/N for K = "
                    + "0..N-1 first"
            )
        }
        guard counts.count == 1 else {
            throw ConfigurationError(
                "\(path) holds parts of several splits "
                    + "(\(counts.sorted().map { "N=\($0)" }.joined(separator: ", "))); remove the stale ones"
            )
        }
        return count
    }

    @discardableResult
    public func run(log: (String) -> Void = { _ in }) throws -> DedupPhase.Summary {
        let phase = DedupPhase(directory: directory)
        guard let manifest = try directory.readManifest() else {
            throw ConfigurationError("\(directory.path) is not a Winnow run directory (no manifest.json)")
        }
        let settings = try phase.settings(manifest)
        let parameters = settings.lsh
        let files = try phase.signatureFiles(manifest)
        let fingerprint = DedupPhase.fingerprint(files: files, settings: settings, parameters: parameters)
        let count = try partCount()
        var results: [DedupPart.Result] = []
        var missing: [String] = []
        for index in 0..<count {
            let part = ShardSpec(index: index, count: count)
            let path = DedupPart.resultPath(directory, part)
            guard let data = FileManager.default.contents(atPath: path) else {
                missing.append(part.description)
                continue
            }
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            guard let result = try? decoder.decode(DedupPart.Result.self, from: data) else {
                throw ConfigurationError(
                    "\(path): not a dedup part result; run winnow dedup \(directory.path) --part \(part) again")
            }
            guard result.fingerprint == fingerprint else {
                throw ConfigurationError(
                    "dedup part \(part) (\(path)) was made from other signatures or settings; run winnow dedup "
                        + "\(directory.path) --part \(part) again"
                )
            }
            results.append(result)
        }
        guard missing.isEmpty else {
            throw ConfigurationError(
                "\(directory.path): dedup part\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")) of "
                    + "\(count) \(missing.count == 1 ? "is" : "are") missing; run winnow dedup \(directory.path) "
                    + "--part \(missing[0]) (and the others) first"
            )
        }

        let clock = ContinuousClock()
        var started = clock.now
        var table = try RecordTable.scan(files: files, parameters: parameters, bucketsIn: nil)
        let rankOf = try table.rankByID()
        log("merge: scanned \(table.count) signatures in \(DedupPhase.seconds(since: started, clock))")

        started = clock.now
        var pairs: [(packed: UInt64, jaccard: Double)] = []
        for index in 0..<count {
            let part = ShardSpec(index: index, count: count)
            let path = DedupPart.pairsPath(directory, part)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ConfigurationError(
                    "dedup part \(part): \(path) is missing; run winnow dedup \(directory.path) --part \(part) again")
            }
            guard data.count == results[index].candidatePairs * DedupPart.pairEntrySize else {
                throw ConfigurationError(
                    "dedup part \(part): \(path) is damaged; run winnow dedup \(directory.path) --part \(part) again")
            }
            var unknown = false
            forEachEntry(of: Array(data), stride: DedupPart.pairEntrySize) { raw, offset in
                let a: UInt64 = raw.littleEndian(at: offset)
                let b: UInt64 = raw.littleEndian(at: offset + 8)
                let bits: UInt64 = raw.littleEndian(at: offset + 16)
                guard let x = table.scanIndex(file: DedupPart.file(of: a), offset: DedupPart.offset(of: a)),
                    let y = table.scanIndex(file: DedupPart.file(of: b), offset: DedupPart.offset(of: b))
                else {
                    unknown = true
                    return
                }
                let (first, second) = (UInt64(rankOf[x]), UInt64(rankOf[y]))
                pairs.append((min(first, second) << 32 | max(first, second), Double(bitPattern: bits)))
            }
            if unknown {
                throw ConfigurationError(
                    "dedup part \(part): \(path) names a record the signature files do not hold; run it again")
            }
        }
        pairs.sort { $0.packed < $1.packed }
        var candidateCount = 0
        var verified: [NearDuplicateClusters.Pair] = []
        var previous: UInt64?
        for pair in pairs where pair.packed != previous {
            previous = pair.packed
            candidateCount += 1
            if pair.jaccard >= settings.threshold {
                verified.append(
                    .init(first: Int(pair.packed >> 32), second: Int(pair.packed & 0xFFFF_FFFF), jaccard: pair.jaccard))
            }
        }
        pairs = []
        let boilerplate = results.flatMap(\.boilerplate)
            .map { DedupPhase.BoilerplateParagraph(site: $0.site, paragraphHash: $0.paragraphHash, pages: $0.pages) }
            .sorted { $0.site != $1.site ? $0.site < $1.site : $0.paragraphHash < $1.paragraphHash }
        log(
            "merge: \(candidateCount) candidate pairs, \(verified.count) at Jaccard ≥ \(settings.threshold) from "
                + "\(count) parts in \(DedupPhase.seconds(since: started, clock))"
        )

        started = clock.now
        let summary = try phase.decideAndWrite(
            table: &table, files: files, verified: verified, candidateCount: candidateCount, boilerplate: boilerplate,
            settings: settings, parameters: parameters)
        log(
            "merge: decided and wrote \(summary.records) records' decisions in "
                + "\(DedupPhase.seconds(since: started, clock))"
        )
        return summary
    }
}

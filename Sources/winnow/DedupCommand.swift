import ArgumentParser
import Foundation
import WinnowCore
import WinnowDedup

struct DedupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dedup",
        abstract:
            "Find exact and near-duplicate records and repeated boilerplate paragraphs across every shard of a run.",
        discussion: """
            Needs every shard complete. Writes RUNDIR/dedup/decisions.jsonl (cluster and kept record of each \
            duplicate), pairs.jsonl (every verified near-duplicate pair with its Jaccard similarity), \
            boilerplate.jsonl, revisits.jsonl (WARC revisit records linked to the record of the response they \
            repeat, anywhere in the run) and summary.json; winnow export applies them. The result does not depend on \
            the shard count. Settings (threshold, bands, boilerplate share) come from the run's minhash stage. Memory \
            stays bounded: buckets are spilled to RUNDIR/dedup/work/, and a stopped dedup resumes from its last \
            finished step when run again.

            On several hosts: run `winnow dedup RUNDIR --part K/N` for K = 0..N-1 (each reads every shard's signatures \
            but keeps only its share of the LSH buckets and paragraph hashes, and writes RUNDIR/dedup/parts/), then \
            `winnow dedup RUNDIR --merge` once: the files are byte-identical to a one-process dedup.
            """)

    @Argument(help: ArgumentHelp("The run directory.", valueName: "RUNDIR"))
    var directory: String

    @Option(
        help: ArgumentHelp(
            "Process only part K of N (0 <= K < N) of the buckets and paragraph hashes; join the parts with --merge.",
            valueName: "K/N"))
    var part: String?

    @Flag(help: "Join the finished parts (--part K/N) into the decisions, pairs and boilerplate files.")
    var merge = false

    func run() throws {
        do {
            let started = ContinuousClock.now
            let log: (String) -> Void = { line in FileHandle.standardError.write(Data("winnow: dedup: \(line)\n".utf8))
            }
            let run = RunDirectory(path: directory)
            if merge && part != nil {
                throw ConfigurationError(
                    "--part and --merge exclude each other: run the parts first, then --merge once")
            }
            if let part {
                let spec = try DedupPartSpec.parse(part)
                let result = try DedupPart(directory: run, part: spec).run(log: log)
                print(
                    "winnow: dedup part \(spec) of \(directory) done in \(Self.elapsed(since: started)): "
                        + "\(result.candidatePairs) candidate pairs (\(result.verifiedPairs) verified), "
                        + "\(result.boilerplate.count) boilerplate paragraphs"
                )
                return
            }
            let summary =
                merge
                ? try DedupMerge(directory: run).run(log: log)
                : try DedupPhase(directory: run).run(log: log)
            print(
                "winnow: dedup\(merge ? " merge" : "") of \(directory) done in \(Self.elapsed(since: started)): "
                    + "\(summary.records) records, \(summary.clusters) clusters, \(summary.duplicates) duplicates "
                    + "(\(summary.verifiedPairs ?? 0) verified pairs), \(summary.boilerplateParagraphs) boilerplate "
                    + "paragraphs (threshold \(summary.threshold), \(summary.bands) bands × \(summary.rows) rows)"
                    + Self.revisitsLine(summary.revisits, linked: summary.revisitsLinked)
            )
        } catch let error as ConfigurationError {
            fail(error)
        } catch let error as OutputError {
            fail(error)
        }
    }

    /// ", N WARC revisits (M linked to their response's record)" when the run read revisits, else "".
    static func revisitsLine(_ revisits: Int?, linked: Int?) -> String {
        guard let revisits else { return "" }
        return
            ", \(revisits) WARC revisit\(revisits == 1 ? "" : "s") (\(linked ?? 0) linked to their response's record)"
    }

    static func elapsed(since started: ContinuousClock.Instant) -> String {
        let seconds = (ContinuousClock.now - started).components
        return "\(seconds.seconds).\(String(format: "%02d", seconds.attoseconds / 10_000_000_000_000_000)) s"
    }
}

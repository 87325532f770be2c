import ArgumentParser
import Foundation
import WinnowCore
import WinnowDedup

struct DedupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dedup",
        abstract: "Find exact and near-duplicate records and repeated boilerplate paragraphs across every shard of a run.",
        discussion: "Needs every shard complete. Writes RUNDIR/dedup/decisions.jsonl (cluster and kept record of each duplicate), pairs.jsonl (every verified near-duplicate pair with its Jaccard similarity), boilerplate.jsonl and summary.json; winnow export applies them. The result does not depend on the shard count. Settings (threshold, bands, boilerplate share) come from the run's minhash stage. Memory stays bounded: buckets are spilled to RUNDIR/dedup/work/, and a stopped dedup resumes from its last finished step when run again.")

    @Argument(help: ArgumentHelp("The run directory.", valueName: "RUNDIR"))
    var directory: String

    func run() throws {
        do {
            let started = ContinuousClock.now
            let summary = try DedupPhase(directory: RunDirectory(path: directory)).run(log: { line in
                FileHandle.standardError.write(Data("winnow: dedup: \(line)\n".utf8))
            })
            let seconds = (ContinuousClock.now - started).components
            print("winnow: dedup of \(directory) done in \(seconds.seconds).\(String(format: "%02d", seconds.attoseconds / 10_000_000_000_000_000)) s: \(summary.records) records, \(summary.clusters) clusters, \(summary.duplicates) duplicates (\(summary.verifiedPairs ?? 0) verified pairs), \(summary.boilerplateParagraphs) boilerplate paragraphs (threshold \(summary.threshold), \(summary.bands) bands × \(summary.rows) rows)")
        } catch let error as ConfigurationError {
            fail(error)
        } catch let error as OutputError {
            fail(error)
        }
    }
}

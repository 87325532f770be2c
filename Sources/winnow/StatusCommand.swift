import ArgumentParser
import Foundation
import WinnowCore
import WinnowFetch
import WinnowSlurm

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show per-shard progress, counts and reject reasons of a run directory, or how a fetch went.",
        discussion:
            "For a run submitted with winnow slurm it also names the Slurm jobs and every failed task with its reason "
            + "(from RUNDIR/logs/), without asking Slurm. For a winnow fetch ARCHIVE_DIR: pages by outcome, errors by "
            + "kind, hosts (and those put aside), WARC files, and whether the crawl finished. Exit status: 0 when "
            + "every "
            + "shard is complete (the fetch finished), 3 when some are not, 64 for a bad directory."
    )

    @Argument(help: ArgumentHelp("The run directory, or a winnow fetch archive directory.", valueName: "RUNDIR"))
    var directory: String

    @Flag(name: .long, help: "Print JSON instead of a table.")
    var json = false

    func run() throws {
        if !FileManager.default.fileExists(atPath: directory + "/manifest.json"), FetchStatus.isArchive(directory) {
            let fetch = FetchStatus.read(directory)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: (try? encoder.encode(fetch)) ?? Data(), as: UTF8.self))
            } else {
                print(fetch.rendered())
            }
            if !fetch.finished { throw ExitCode(3) }
            return
        }
        let status: RunStatus?
        let jobs: SlurmJobs?
        do {
            jobs = try SlurmJobs.read(directory)
            do {
                status = try RunStatus.read(RunDirectory(path: directory))
            } catch let error as ConfigurationError {
                // A Slurm run whose tasks failed before writing the manifest (a bad pipeline file): show the jobs and
                // why.
                guard jobs != nil, try RunDirectory(path: directory).readManifest() == nil else { throw error }
                status = nil
            }
        } catch let error as ConfigurationError {
            fail(error)
        } catch let error as OutputError {
            fail(error)
        }
        if json, let status {
            print(String(decoding: RunDirectory.encode(status), as: UTF8.self), terminator: "")
        } else {
            if let status {
                print(status.rendered())
            } else {
                print("run \(directory): no shard has started (no manifest.json yet)")
            }
            if let jobs {
                let complete = Set(status?.shards.filter { $0.state == "complete" }.map(\.shard) ?? [])
                let lines = jobs.statusLines(runDirectory: directory) { complete.contains("\($0)/\(jobs.shards)") }
                print(lines.joined(separator: "\n"))
            }
        }
        if !(status?.complete ?? false) { throw ExitCode(3) }
    }
}

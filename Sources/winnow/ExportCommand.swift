import ArgumentParser
import Foundation
import WinnowCore
import WinnowExport

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a run's records into one file, applying the decisions of winnow dedup.",
        discussion: "Records come in shard order, and in input order within a shard. With dedup decisions, dedup.cluster and dedup.duplicate_of are set and boilerplate paragraphs are removed from paragraphs and text.")

    @Argument(help: ArgumentHelp("The run directory.", valueName: "RUNDIR"))
    var directory: String

    @Option(name: .long, help: "Output format (default: from the file name's extension, else jsonl): jsonl or parquet.")
    var format: String?

    @Option(name: .long, help: ArgumentHelp("Output file, or - for stdout (default: RUNDIR/export.jsonl).", valueName: "PATH"))
    var to: String?

    @Flag(name: .long, help: "Leave duplicates out instead of only marking them.")
    var dropDuplicates = false

    func run() throws {
        do {
            let output = to ?? directory + "/export.jsonl"
            let chosen: ExportFormat
            if let format {
                guard let known = ExportFormat(rawValue: format) else {
                    throw ConfigurationError("--format \(format): unknown (known: \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                chosen = known
            } else {
                chosen = ExportFormat(fileName: output) ?? .jsonl
            }
            let exporter = Exporter(directory: RunDirectory(path: directory), dropDuplicates: dropDuplicates)
            let summary = output == "-" ? try exporter.export(to: output) : try exporter.export(to: output, format: chosen)
            var line = "winnow: exported \(summary.written) of \(summary.records) records to \(output)"
            if summary.deduplicated {
                line += " (\(summary.duplicatesMarked) duplicates marked, \(summary.duplicatesDropped) dropped, \(summary.boilerplateParagraphsRemoved) boilerplate paragraphs removed)"
            } else {
                line += " (no dedup decisions: run winnow dedup first to mark duplicates)"
            }
            FileHandle.standardError.write(Data((line + "\n").utf8))
        } catch let error as ConfigurationError {
            fail(error)
        }
    }
}

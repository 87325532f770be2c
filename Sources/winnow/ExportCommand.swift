import ArgumentParser
import Foundation
import WinnowCore
import WinnowExport

extension ExportFormat: ExpressibleByArgument {}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract:
            "Write a run's records into one file (JSON Lines, compressed JSON Lines, CSV, Parquet, SQLite or "
            + "translation pairs), applying the decisions of winnow dedup.",
        discussion: """
            Records come in shard order, and in input order within a shard. With dedup decisions, dedup.cluster and \
            dedup.duplicate_of are set and boilerplate paragraphs are removed from paragraphs and text.

            The file is written as PATH.partial and renamed to PATH when complete, so an interrupted export leaves \
            nothing at PATH. The format is --format, else the file name's ending (.jsonl, .jsonl.gz, .jsonl.zst, .csv, \
            .parquet, .sqlite/.db).

            Exit status: 0 on success, 64 for bad arguments or an incomplete run, 1 when the output cannot be written.
            """)

    @Argument(help: ArgumentHelp("The run directory.", valueName: "RUNDIR"))
    var directory: String

    @Option(
        name: .long,
        help: ArgumentHelp("Output format (default: from the --to file name, else jsonl).", valueName: "FORMAT"))
    var format: ExportFormat?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Output file, or - for JSON Lines on stdout (default: RUNDIR/export.jsonl).", valueName: "PATH"))
    var to: String?

    @Flag(name: .long, help: "Leave duplicates out instead of only marking them.")
    var dropDuplicates = false

    @Option(
        name: .customLong("language"), parsing: .upToNextOption,
        help: ArgumentHelp(
            "Keep only records in these languages (ISO 639-1 codes, as in the record's language field).",
            valueName: "CODE"))
    var languages: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Keep only these record keys, comma-separated (id and source are always kept); table formats drop the "
                + "other columns.",
            valueName: "a,b,c"))
    var fields: String?

    @Flag(name: .long, help: "Keep only records whose page_type is article (not listings, forums, products, ...).")
    var articlesOnly = false

    @Flag(
        name: .long, help: "Export the complete shards of a run whose other shards are not finished (they are listed).")
    var allowIncomplete = false

    @Flag(name: .long, help: "Draw the progress bar even when stderr is not a terminal.")
    var progress = false

    @Flag(name: .long, help: "Print nothing but errors (no progress, no summary).")
    var quiet = false

    func validate() throws {
        if progress && quiet { throw ValidationError("--progress and --quiet contradict each other") }
        if to == "-", let format, format != .jsonl {
            throw ValidationError("--to - writes JSON Lines only; give a file for --format \(format.rawValue)")
        }
    }

    func run() throws {
        do {
            let output = to ?? directory + "/export.jsonl"
            let chosen: ExportFormat
            if let format {
                chosen = format
            } else if output == "-" {
                chosen = .jsonl
            } else if let implied = ExportFormat(fileName: output) {
                chosen = implied
            } else {
                let known = ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")
                throw ConfigurationError(
                    "--to \(output): cannot tell the format from the file name; give --format (one of \(known))")
            }
            var options = Exporter.Options()
            options.dropDuplicates = dropDuplicates
            options.languages = languages
            options.articlesOnly = articlesOnly
            if let fields {
                options.fields = try FieldSelection(
                    fields.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
            }
            options.allowIncomplete = allowIncomplete
            var exporter = Exporter(directory: RunDirectory(path: directory), options: options)
            // A bar on a terminal, a line every 10 s in logs; none for pairs (two quick passes).
            let style: ProgressReporter.Style = quiet ? .none : (progress ? .bar : ProgressReporter.automaticStyle())
            let reporter = ProgressReporter(style: style, label: "winnow export", unit: "records")
            exporter.progress = reporter.update
            if chosen == .pairs {
                let (_, pairs, segments) = try exporter.exportPairs(to: output)
                if !quiet {
                    FileHandle.standardError.write(
                        Data(
                            ("winnow: exported \(pairs) translation pairs (\(segments) aligned paragraph segments) to "
                                + "\(output)\n").utf8))
                }
                return
            }
            let summary = output == "-" ? try exporter.export(to: "-") : try exporter.export(to: output, format: chosen)
            reporter.finish()
            guard !quiet else { return }
            var line =
                "winnow: exported \(summary.written) of \(summary.records) records to \(output) (\(chosen.rawValue))"
            if summary.deduplicated {
                line +=
                    " (\(summary.duplicatesMarked) duplicates marked, \(summary.duplicatesDropped) dropped, "
                    + "\(summary.boilerplateParagraphsRemoved) boilerplate paragraphs removed)"
            } else {
                line += " (no dedup decisions: run winnow dedup first to mark duplicates)"
            }
            if summary.filteredOut > 0 { line += "; \(summary.filteredOut) left out by --language/--articles-only" }
            if !summary.incompleteShards.isEmpty {
                line += "; incomplete shards left out: \(summary.incompleteShards.joined(separator: ", "))"
            }
            FileHandle.standardError.write(Data((line + "\n").utf8))
        } catch let error as ConfigurationError {
            fail(error)
        } catch let error as OutputError {
            fail(error)
        } catch let error as ExportFailure {
            fail(OutputError(error.description))
        }
    }
}

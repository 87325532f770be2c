import ArgumentParser
import Foundation
import WinnowCore
import WinnowHTML
import WinnowPipelines
import WinnowRead

struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Run the pipeline on one page and print its record as pretty JSON (for debugging).",
        discussion:
            "Exit status: 0 with a record, 65 when the page is rejected or dropped (the reason goes to stderr), 64 for "
            + "bad arguments."
    )

    @Argument(help: ArgumentHelp("The page (.html, .htm, .txt, or .gz of those).", valueName: "FILE"))
    var file: String

    @Option(
        name: .long,
        help: ArgumentHelp("Pipeline file (YAML); the built-in default without it.", valueName: "PIPELINE.yml"))
    var pipeline: String?

    /// Parse the whole page: the record must be the same as with the filter (a check of `ParseFilter`).
    @Flag(name: .customLong("no-pre-parse-filter"), help: .hidden)
    var noPreParseFilter = false

    /// Print the bytes libxml2 parses (the page after `clean`) instead of the record.
    @Flag(name: .customLong("parser-input"), help: .hidden)
    var printsParserInput = false

    func run() throws {
        do {
            let catalog = StandardStages.catalog
            let config = try StandardStages.pipeline(at: pipeline)
            var ref: InputRef?
            try LocalFiles(roots: [file]).forEach { ref = ref ?? $0 }
            HTMLParser.initializeOnce()
            var pipeline = try config.makePipeline(catalog: catalog)
            if noPreParseFilter { pipeline = StandardStages.withoutPreParseFilter(pipeline) }
            if printsParserInput {
                var page = Page(input: ref!, content: try LocalFileLoader().load(ref!))
                FileHandle.standardOutput.write(Data(try StandardStages.parserInput(&page, pipeline: pipeline) ?? []))
                return
            }
            let result = PageRun.once(ref!, pipeline: pipeline, loader: LocalFileLoader())
            switch result {
            case .success(let record):
                print(String(decoding: JSONPretty.format(record.jsonLine()), as: UTF8.self))
            case .failure(let message):
                FileHandle.standardError.write(Data("winnow: \(file): \(message)\n".utf8))
                throw ExitCode(65)
            }
        } catch let error as ConfigurationError {
            fail(error)
        } catch let error as OutputError {
            fail(error)
        }
    }
}

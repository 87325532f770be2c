import ArgumentParser
import Foundation
import WinnowCore

@main
struct Winnow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "winnow",
        abstract: "Turn raw news-archive pages into a clean, deduplicated JSON Lines dataset.",
        discussion: """
            A run reads pages (files, directories, .gz), runs a pipeline of stages on a worker pool and writes \
            checkpointed JSON Lines into a run directory, one set of files per shard. Runs can be killed and resumed, \
            and split into shards across hosts.
            """,
        version: WinnowVersion.current,
        subcommands: [
            FetchCommand.self, RunCommand.self, DedupCommand.self, ExportCommand.self, StatusCommand.self,
            ExtractCommand.self, RobotsCommand.self, SlurmCommand.self, WARCWriteCommand.self, WARCScanCommand.self,
        ])
}

/// Prints an output failure (full disk, permissions) as one line and exits 1.
func fail(_ error: OutputError) -> Never {
    FileHandle.standardError.write(Data("winnow: error: \(error.message)\n".utf8))
    exit(1)
}

/// Prints a configuration error as one line and exits 64 (EX_USAGE).
func fail(_ error: ConfigurationError) -> Never {
    FileHandle.standardError.write(Data("winnow: error: \(error.message)\n".utf8))
    exit(64)
}

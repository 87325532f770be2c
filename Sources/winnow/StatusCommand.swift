import ArgumentParser
import Foundation
import WinnowCore

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show per-shard progress, counts and reject reasons of a run directory.",
        discussion: "Exit status: 0 when every shard is complete, 3 when some are not, 64 for a bad directory.")

    @Argument(help: ArgumentHelp("The run directory.", valueName: "RUNDIR"))
    var directory: String

    @Flag(name: .long, help: "Print JSON instead of a table.")
    var json = false

    func run() throws {
        let status: RunStatus
        do {
            status = try RunStatus.read(RunDirectory(path: directory))
        } catch let error as ConfigurationError {
            fail(error)
        } catch let error as OutputError {
            fail(error)
        }
        if json {
            print(String(decoding: RunDirectory.encode(status), as: UTF8.self), terminator: "")
        } else {
            print(status.rendered())
        }
        if !status.complete { throw ExitCode(3) }
    }
}

import ArgumentParser
import Foundation
import WinnowCore
import WinnowFetch

struct RobotsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "robots",
        abstract: "Tell whether a robots.txt file allows a URL, and which line decides (RFC 9309).",
        discussion: """
            Prints 'allowed' or 'disallowed' on the first line and the deciding rule on the second ('line 4: Disallow: \
            /private/', or 'no matching rule'). The most specific rule wins, an Allow wins a tie, '*' and '$' are \
            wildcards, and percent-encoding is normalised on both sides, as 'winnow fetch' decides.

            Exit status: 0 allowed, 1 disallowed, 64 for bad arguments or an unreadable file.
            """)

    @Argument(
        help: ArgumentHelp(
            "The robots.txt file to read (a local file; the first 500 KiB count).", valueName: "ROBOTS.txt"))
    var robotsFile: String

    @Argument(
        help: ArgumentHelp("The URL to check: absolute (https://example.com/a?b) or a path (/a?b).", valueName: "URL"))
    var url: String

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The crawler's user agent; its product token (the part before '/') picks the group.", valueName: "NAME"))
    var userAgent: String = "Winnow"

    func run() throws {
        guard let data = FileManager.default.contents(atPath: robotsFile) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: robotsFile, isDirectory: &isDirectory)
            let why = exists ? (isDirectory.boolValue ? "is a directory" : "cannot be read") : "no such file"
            fail(ConfigurationError("\(robotsFile): \(why)"))
        }
        guard url.hasPrefix("/") || URLNormalizer.Parts(url) != nil else {
            fail(ConfigurationError("'\(url)' is neither an absolute URL nor a path starting with '/'"))
        }
        let robots = RobotsTxt([UInt8](data))
        if robots.truncated {
            FileHandle.standardError.write(
                Data(
                    ("winnow: note: \(robotsFile) is \(data.count) bytes; only the first \(robots.bytesParsed) were "
                        + "read (RFC 9309 limit: 500 KiB)\n").utf8))
        }
        let decision = robots.decision(for: url, userAgent: userAgent)
        print(decision.allowed ? "allowed" : "disallowed")
        print(decision.explanation)
        if !decision.allowed { throw ExitCode(1) }
    }
}

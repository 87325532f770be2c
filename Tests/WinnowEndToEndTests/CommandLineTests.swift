import Foundation
import Testing

/// Bad arguments and configuration: one line on stderr, exit 64, no trace.
@Suite(.serialized)
struct CommandLineTests {
    func expectUsageError(
        _ arguments: [String], mentioning fragments: [String], sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let result = try Winnow.run(arguments)
        #expect(
            result.status == 64, "exit \(result.status) for \(arguments): \(result.stderr)",
            sourceLocation: sourceLocation)
        let errorLines = result.stderr.split(separator: "\n").filter {
            $0.hasPrefix("Error:") || $0.hasPrefix("winnow: error:")
        }
        #expect(errorLines.count == 1, "\(result.stderr)", sourceLocation: sourceLocation)
        for fragment in fragments {
            #expect(
                result.stderr.contains(fragment), "'\(fragment)' not in: \(result.stderr)",
                sourceLocation: sourceLocation)
        }
        #expect(
            !result.stderr.contains("Fatal error") && !result.stderr.contains("Stack dump"),
            sourceLocation: sourceLocation)
    }

    @Test func missingInputIsAnError() throws {
        let tmp = try TemporaryDirectory("cli")
        try expectUsageError(
            ["run", "--input", tmp.sub("nope"), "--output", tmp.sub("run")], mentioning: ["nope", "no such file"])
    }

    @Test func emptyInputDirectoryIsAnError() throws {
        let tmp = try TemporaryDirectory("cli")
        try FileManager.default.createDirectory(atPath: tmp.sub("empty"), withIntermediateDirectories: true)
        try expectUsageError(
            ["run", "--input", tmp.sub("empty"), "--output", tmp.sub("run")], mentioning: ["empty", "no .html"])
    }

    @Test func unknownStageNamesFileAndLine() throws {
        let tmp = try TemporaryDirectory("cli")
        try Archive.write(to: tmp.sub("in"), pages: 3, malformed: false)
        try Archive.write("name: x\nstages:\n  - decode\n  - sparkle:\n      level: 3\n", to: tmp.sub("bad.yml"))
        try expectUsageError(
            ["run", tmp.sub("bad.yml"), "--input", tmp.sub("in"), "--output", tmp.sub("run")],
            mentioning: ["bad.yml:4:", "unknown stage 'sparkle'"])
    }

    @Test func unknownOptionNamesFileLineAndKey() throws {
        let tmp = try TemporaryDirectory("cli")
        try Archive.write(to: tmp.sub("in"), pages: 3, malformed: false)
        try Archive.write("stages:\n  - decode:\n      max_bytes: 10\n      colour: blue\n", to: tmp.sub("bad.yml"))
        try expectUsageError(
            ["run", tmp.sub("bad.yml"), "--input", tmp.sub("in"), "--output", tmp.sub("run")],
            mentioning: ["bad.yml:4:", "unknown option 'colour'", "decode"])
    }

    @Test func aStageBeforeTheStageItNeedsNamesFileLineAndStage() throws {
        let tmp = try TemporaryDirectory("cli")
        try Archive.write(to: tmp.sub("in"), pages: 3, malformed: false)
        try Archive.write("stages:\n  - decode\n  - clean\n  - translation\n  - extract\n", to: tmp.sub("bad.yml"))
        try expectUsageError(
            ["run", tmp.sub("bad.yml"), "--input", tmp.sub("in"), "--output", tmp.sub("run")],
            mentioning: ["bad.yml:4:", "stage 'translation' needs 'extract' before it, not after"])
        try Archive.write("stages:\n  - extract\n", to: tmp.sub("old.yml"))
        try expectUsageError(
            ["run", tmp.sub("old.yml"), "--input", tmp.sub("in"), "--output", tmp.sub("run")],
            mentioning: ["old.yml:2:", "stage 'extract' needs 'decode' before it, and the pipeline has none"])
    }

    @Test func badShardAndWorkerArguments() throws {
        let tmp = try TemporaryDirectory("cli")
        try Archive.write(to: tmp.sub("in"), pages: 3, malformed: false)
        let base = ["run", "--input", tmp.sub("in"), "--output", tmp.sub("run")]
        try expectUsageError(base + ["--shard", "4/4"], mentioning: ["--shard '4/4'"])
        try expectUsageError(base + ["--shard", "auto"], mentioning: ["SLURM_ARRAY_TASK_ID"])
        try expectUsageError(base + ["--workers", "0"], mentioning: ["--workers"])
        try expectUsageError(["run", "--output", tmp.sub("run")], mentioning: ["--input"])
        try expectUsageError(base + ["--frobnicate"], mentioning: ["frobnicate"])
    }

    @Test func helpExplainsEveryRunOption() throws {
        let result = try Winnow.run(["run", "--help"])
        #expect(result.status == 0)
        for option in [
            "--input", "--output", "--workers", "--shard", "--shards", "--resume", "--progress", "--quiet",
            "--checkpoint-every",
        ] {
            #expect(result.stdout.contains(option), "--help lacks \(option)")
        }
        let top = try Winnow.run(["--help"])
        for command in ["run", "status", "extract"] { #expect(top.stdout.contains(command)) }
    }

    @Test func extractPrintsOnePrettyRecord() throws {
        let tmp = try TemporaryDirectory("cli")
        try Archive.write(
            "<html><head><title>A title - Site</title></head><body><h1>A title</h1><p>Body text here.</p></body>"
                + "</html>",
            to: tmp.sub("a.html"))
        let result = try Winnow.run(["extract", tmp.sub("a.html")])
        #expect(result.status == 0, "\(result.stderr)")
        let record = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(record["title"] as? String == "A title")
        #expect(record["text"] as? String == "Body text here.")
        #expect(result.stdout.contains("\n  \"title\": \"A title\""))

        try Archive.write("", to: tmp.sub("empty.html"))
        let rejected = try Winnow.run(["extract", tmp.sub("empty.html")])
        #expect(rejected.status == 65)
        #expect(rejected.stderr.contains("empty file"))
    }

    @Test func statusOfANonRunDirectoryIsAnError() throws {
        let tmp = try TemporaryDirectory("cli")
        try expectUsageError(["status", tmp.path], mentioning: ["not a Winnow run directory"])
    }
}

import ArgumentParser
import Foundation
import WinnowCore
import WinnowWARC

/// `winnow warc-write`: the WARC writer driven by a list of exchanges (tests
/// and interop checks; `winnow fetch` uses the library directly). Hidden.
struct WARCWriteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "warc-write",
        abstract: "Write WARC files from a JSON Lines list of HTTP exchanges (testing aid).",
        discussion: """
            Each line: {"uri": URL, "response": FILE (the HTTP response as received), "request": FILE?, "ip": \
            ADDRESS?, "date": ISO-8601?, "truncated": REASON?, "metadata": {NAME: VALUE}?}.
            """,
        shouldDisplay: false)

    @Argument(help: ArgumentHelp("The exchanges (JSON Lines).", valueName: "LIST.jsonl"))
    var list: String?

    @Option(name: .long, help: "Directory for the WARC files.")
    var output: String

    @Option(name: .long, help: "File name prefix.")
    var prefix = "winnow"

    @Option(name: .long, help: "Rotate files at this size in bytes.")
    var maxFileBytes = 1_000_000_000

    @Flag(name: .long, help: "Only close the .open files a crash left in --output (cut their incomplete tail record).")
    var recover = false

    func run() throws {
        if recover {
            for path in try WARCWriter.recover(directory: output) { print(path) }
            return
        }
        guard let list else { throw ValidationError("give LIST.jsonl or --recover") }
        guard let text = try? String(contentsOfFile: list, encoding: .utf8) else {
            fail(ConfigurationError("cannot read \(list)"))
        }
        let writer = WARCWriter(
            directory: output, prefix: prefix, maxFileBytes: maxFileBytes,
            info: [
                ("software", "Winnow \(WinnowVersion.current)"), ("format", "WARC File Format 1.1"),
                ("conformsTo", "http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"),
            ])
        let dates = ISO8601DateFormatter()
        for line in text.split(separator: "\n") where !line.isEmpty {
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let uri = object["uri"] as? String, let responsePath = object["response"] as? String,
                let response = FileManager.default.contents(atPath: responsePath)
            else {
                fail(ConfigurationError("bad line in \(list): \(line.prefix(100))"))
            }
            let request = (object["request"] as? String).flatMap { FileManager.default.contents(atPath: $0) }.map {
                [UInt8]($0)
            }
            let date = (object["date"] as? String).flatMap { dates.date(from: $0) } ?? Date()
            let written = try writer.write(
                HTTPExchange(
                    uri: uri, date: date, ipAddress: object["ip"] as? String, request: request,
                    response: [UInt8](response), truncated: object["truncated"] as? String))
            if let metadata = object["metadata"] as? [String: String] {
                try writer.writeMetadata(
                    uri: uri, concurrentTo: written.recordID,
                    fields: metadata.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
            }
        }
        try writer.close()
        for path in writer.closedFiles { print(path) }
    }
}

/// `winnow warc-scan`: reads every record of WARC files, digests checked, and
/// prints counts and speed (the reading benchmark). Hidden.
struct WARCScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "warc-scan",
        abstract: "Read every record of WARC files with digests checked; print counts and MB/s (benchmark aid).",
        shouldDisplay: false)

    @Argument(help: ArgumentHelp("WARC files.", valueName: "FILE"))
    var files: [String]

    @Flag(name: .long, help: "Do not check block and payload digests.")
    var noVerify = false

    func run() throws {
        let started = ContinuousClock.now
        var total = WARCScan()
        var bytes = 0
        for file in files {
            let scan: WARCScan
            do {
                scan = try WARCScan.scan(path: file, verify: !noVerify)
            } catch {
                fail(ConfigurationError(error.description))
            }
            bytes += (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
            total.records += scan.records
            total.damaged += scan.damaged
            total.blockDigests += scan.blockDigests
            total.payloadDigests += scan.payloadDigests
            total.payloadMismatches += scan.payloadMismatches
            total.blockBytes += scan.blockBytes
        }
        let (s, atto) = (ContinuousClock.now - started).components
        let seconds = Double(s) + Double(atto) / 1e18
        print(
            "{\"records\": \(total.records), \"damaged\": \(total.damaged), \"block_digests\": \(total.blockDigests), "
                + "\"payload_digests\": \(total.payloadDigests), \"payload_mismatches\": \(total.payloadMismatches), "
                + "\"file_bytes\": \(bytes), \"block_bytes\": \(total.blockBytes), \"seconds\": "
                + "\(String(format: "%.3f", seconds)), \"mb_per_s\": "
                + "\(String(format: "%.1f", Double(bytes) / 1e6 / max(seconds, 1e-9))), \"records_per_s\": "
                + "\(Int(Double(total.records) / max(seconds, 1e-9)))}"
        )
    }
}

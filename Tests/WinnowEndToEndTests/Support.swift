import Foundation
import Testing

/// Runs the real `winnow` binary and builds archives on disk for it.
enum Winnow {
    /// The binary `swift build` put next to the test bundle (or $WINNOW_BINARY).
    static let binary: String = {
        if let path = ProcessInfo.processInfo.environment["WINNOW_BINARY"] { return path }
        var candidates: [URL] = []
        for bundle in Bundle.allBundles + [Bundle.main] {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("winnow"))
            candidates.append(bundle.bundleURL.appendingPathComponent("winnow"))
        }
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        candidates.append(packageRoot.appendingPathComponent(".build/debug/winnow"))
        for url in candidates where FileManager.default.isExecutableFile(atPath: url.path) { return url.path }
        return packageRoot.appendingPathComponent(".build/debug/winnow").path
    }()

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var killedBySignal: Bool
    }

    /// Starts `winnow ARGS` with stdout and stderr going to files.
    final class Running {
        let process = Process()
        let stdoutPath: String
        let stderrPath: String

        init(_ arguments: [String], environment: [String: String] = [:]) throws {
            let base = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-out-\(UUID().uuidString)")
                .path
            stdoutPath = base + ".out"
            stderrPath = base + ".err"
            _ = FileManager.default.createFile(atPath: stdoutPath, contents: nil)
            _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
            process.executableURL = URL(fileURLWithPath: Winnow.binary)
            process.arguments = arguments
            var env = ProcessInfo.processInfo.environment
            for key in [
                "SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT", "SLURM_ARRAY_TASK_MIN", "JOB_COMPLETION_INDEX",
            ] {
                env[key] = nil
            }
            env.merge(environment) { $1 }
            process.environment = env
            process.standardOutput = FileHandle(forWritingAtPath: stdoutPath)
            process.standardError = FileHandle(forWritingAtPath: stderrPath)
            process.standardInput = FileHandle.nullDevice
            try process.run()
        }

        func wait() -> Result {
            process.waitUntilExit()
            defer {
                try? FileManager.default.removeItem(atPath: stdoutPath)
                try? FileManager.default.removeItem(atPath: stderrPath)
            }
            return Result(
                status: process.terminationStatus,
                stdout: (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "",
                stderr: (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "",
                killedBySignal: process.terminationReason == .uncaughtSignal)
        }

        func kill() { Foundation.kill(process.processIdentifier, SIGKILL) }
        func terminate() { Foundation.kill(process.processIdentifier, SIGTERM) }
    }

    @discardableResult
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        try Running(arguments, environment: environment).wait()
    }
}

/// A temporary directory removed when the value goes away.
final class TemporaryDirectory {
    let path: String

    init(_ label: String) throws {
        path =
            FileManager.default.temporaryDirectory.appendingPathComponent("winnow-e2e-\(label)-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func sub(_ name: String) -> String { path + "/" + name }
}

/// A generated archive of news-like pages, with a few broken inputs.
enum Archive {
    /// Keys of the malformed inputs written by `write(pages:malformed:)`, with the stage that must reject them.
    static let malformedInputs: [(key: String, stage: String, reasonFragment: String)] = [
        ("bad/empty.html", "decode", "empty file"),
        ("bad/image.html", "decode", "PNG"),
        ("bad/truncated.html.gz", "read", "truncated gzip"),
        ("bad/no-text.html", "extract", "no body text"),
        ("bad/huge.html", "decode", "max_bytes"),
    ]

    private static let words = """
        market border trade rice price province official source river bridge train season harvest factory
        worker family village county police report winter summer rain fuel bus station school teacher
        student money exchange rate yuan dollar smuggling crackdown inspection meeting order leader
        army soldier farm cooperative fertilizer electricity supply shortage demand merchant vendor
        """.split(whereSeparator: \.isWhitespace).map(String.init)
    private static let hangul = """
        시장 국경 무역 쌀 가격 주민 소식통 강 다리 열차 계절 수확
        공장 노동자 가족 마을 군 보안원 겨울 여름
        """.split(whereSeparator: \.isWhitespace).map(String.init)

    /// Writes `pages` pages under `root` in nested folders; returns their keys in walk order.
    @discardableResult
    static func write(to root: String, pages: Int, malformed: Bool = true) throws -> [String] {
        var rng = SplitMix(seed: 42)
        var keys: [String] = []
        for n in 0..<pages {
            let folder = "site-\(n % 7)/\(2010 + n % 9)/\(String(format: "%02d", 1 + n % 12))"
            let key = "\(folder)/page-\(String(format: "%06d", n)).html"
            let korean = n % 6 == 0
            var body = ""
            let paragraphs = 2 + Int(rng.next() % 6)
            for p in 0..<paragraphs {
                let count = 8 + Int(rng.next() % 40)
                let vocabulary = korean ? hangul : words
                let sentence = (0..<count).map { _ in vocabulary[Int(rng.next() % UInt64(vocabulary.count))] }.joined(
                    separator: " ")
                body +=
                    p == 1 && n % 5 == 0
                    ? "<h2>\(sentence.prefix(40))</h2>\n" : "<p>Page \(n) paragraph \(p): \(sentence).</p>\n"
            }
            let html = """
                <!DOCTYPE html><html lang="\(korean ? "ko" : "en")"><head><meta charset="utf-8">
                <title>Headline \(n) - Example News</title><style>p { margin: 0 }</style>
                <script>var s = "</p><p>not text</p>";</script></head>
                <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
                <article><h1>Headline \(n)</h1>
                \(body)</article><footer><p>Contact us at news@example.org</p></footer></body></html>
                """
            try write(html, to: root + "/" + key)
            keys.append(key)
        }
        if malformed {
            try write("", to: root + "/bad/empty.html")
            try Data(
                [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52]
                    + [UInt8](repeating: 7, count: 200)
            )
            .write(to: URL(fileURLWithPath: root + "/bad/image.html"))
            let gzip = try gzipped(Data(String(repeating: "<p>Some text that will be cut.</p>", count: 200).utf8))
            try gzip.prefix(gzip.count / 2).write(to: URL(fileURLWithPath: root + "/bad/truncated.html.gz"))
            try write(
                "<html><head><script>var a = 1;</script></head><body><nav>Menu</nav></body></html>",
                to: root + "/bad/no-text.html")
            try write(
                "<html><body><p>" + String(repeating: "x", count: 20_000_100) + "</p></body></html>",
                to: root + "/bad/huge.html")
        }
        return keys
    }

    static func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    static func gzipped(_ data: Data) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-n", "-c"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(data)
        try input.fileHandleForWriting.close()
        let result = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return result
    }
}

/// A small deterministic random generator for fixtures.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The files of a run directory that must be identical between equal runs:
/// records, rejects, the manifest, and stats without their timing.
func comparableContents(of runDirectory: String) throws -> [String: String] {
    var contents: [String: String] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: runDirectory).sorted() {
        let path = runDirectory + "/" + name
        if name.hasSuffix(".stats.json") {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(object["timing"] != nil, "stats file \(name) has timing")
            object["timing"] = nil
            let stable = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            contents[name] = String(decoding: stable, as: UTF8.self)
        } else if name.hasSuffix(".jsonl") || name == "manifest.json" {
            contents[name] = try String(contentsOfFile: path, encoding: .utf8)
        }
    }
    return contents
}

func lines(_ path: String) throws -> [String] {
    try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
}

func fileSize(_ path: String) -> Int {
    (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
}

/// Each sink's committed length in a checkpoint file (`sinks`: name, file, bytes), by name.
func committedBytes(_ checkpointPath: String) throws -> [String: Int] {
    let data = try #require(FileManager.default.contents(atPath: checkpointPath))
    let checkpoint = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let sinks = try #require(checkpoint["sinks"] as? [[String: Any]])
    var result: [String: Int] = [:]
    for sink in sinks {
        let name = try #require(sink["name"] as? String)
        let file = try #require(sink["file"] as? String)
        #expect(checkpointPath.hasSuffix(file.split(separator: ".")[0] + ".checkpoint.json"), "\(file)")
        result[name] = try #require(sink["bytes"] as? Int)
    }
    return result
}

import Foundation
import Testing

/// Extraction quality may not fall: the real binary extracts the 181 pages of
/// `../shared/bench/article-extraction/`, the benchmark's own scorer
/// (`score.py`) scores them, and the F1 must reach the level `make bench`
/// last wrote to `Fixtures/extraction-level.json`. Nothing is timed.
@Suite(.serialized)
struct ExtractionLevelTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let bench = root.deletingLastPathComponent().appendingPathComponent("shared/bench")

    struct Level: Decodable {
        var f1: Double
        var precision: Double
        var recall: Double
        var pages: Int
        /// Every development set's figures (score_fields.py, all pages): `wcxb`, `wcxb articles`, `fundus`.
        var sets: [String: [String: Double]]?
    }

    @Test func f1OnTheBenchmarkPagesIsAtLeastTheLevelLastReached() throws {
        let levelPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "Fixtures/extraction-level.json")
        let level = try JSONDecoder().decode(Level.self, from: Data(contentsOf: levelPath))
        let pages = Self.bench.appendingPathComponent("article-extraction/html").path
        let truth = Self.bench.appendingPathComponent("article-extraction/ground-truth.json").path
        let scorer = Self.bench.appendingPathComponent("score.py").path
        try #require(
            FileManager.default.fileExists(atPath: scorer),
            "the benchmark is expected beside the project at \(Self.bench.path)")

        let tmp = try TemporaryDirectory("extraction-level")
        let run = try Winnow.run([
            "run", Self.root.appendingPathComponent("Pipelines/extract-only.yml").path,
            "--input", pages, "--output", tmp.sub("run"), "--workers", "2", "--quiet",
        ])
        #expect(run.status == 0, "\(run.stderr)")

        // {"id","text"} per page, the id being the file name without .html.gz (as make bench writes it).
        var predictions = ""
        for line in try lines(tmp.sub("run/shard-00000-of-00001.jsonl")) {
            let record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let path = try #require((record["source"] as? [String: Any])?["path"] as? String)
            let id = URL(fileURLWithPath: path).lastPathComponent.replacingOccurrences(of: ".html.gz", with: "")
            let entry = try JSONSerialization.data(withJSONObject: ["id": id, "text": record["text"] as? String ?? ""])
            predictions += String(decoding: entry, as: UTF8.self) + "\n"
        }
        try predictions.write(toFile: tmp.sub("winnow.jsonl"), atomically: true, encoding: .utf8)

        let score = Process()
        score.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        score.arguments = [
            "python3", scorer, truth, tmp.sub("winnow.jsonl"), "--json", tmp.sub("score.json"), "--allow-missing",
        ]
        score.standardOutput = FileHandle.nullDevice
        try score.run()
        score.waitUntilExit()
        #expect(score.terminationStatus == 0)
        let scores = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: tmp.sub("score.json"))))
                as? [String: Any])
        let winnow = try #require(scores["winnow"] as? [String: Any])
        let f1 = try #require(winnow["f1"] as? Double)
        #expect(winnow["n"] as? Int == level.pages)
        // The level file keeps four decimals.
        #expect(f1 >= level.f1 - 0.00005, "F1 \(f1) fell below the level last reached, \(level.f1)")
    }

    /// Every development set of `make bench` (WCXB, its articles, Fundus): body
    /// F1/P/R, snippets, title, authors, date and page-type accuracy may not
    /// fall below the level `make bench` last wrote (all pages, not halves).
    @Test(arguments: ["wcxb", "fundus"])
    func fieldsOnTheDevelopmentSetsAreAtLeastTheLevelLastReached(_ set: String) throws {
        let levelPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "Fixtures/extraction-level.json")
        let level = try JSONDecoder().decode(Level.self, from: Data(contentsOf: levelPath))
        let sets = try #require(level.sets, "the level file has no development sets: run make bench")
        let pages = Self.bench.appendingPathComponent("\(set)/html").path
        let truthPath = Self.bench.appendingPathComponent("\(set)/truth.jsonl").path
        let scorer = Self.bench.appendingPathComponent("score_fields.py").path
        try #require(
            FileManager.default.fileExists(atPath: truthPath), "the development set is expected at \(truthPath)")

        let tmp = try TemporaryDirectory("extraction-level-\(set)")
        let run = try Winnow.run([
            "run", Self.root.appendingPathComponent("Pipelines/extract-only.yml").path,
            "--input", pages, "--output", tmp.sub("run"), "--workers", "2", "--quiet",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        var pageTypes: [String: String] = [:]
        for line in try lines(tmp.sub("run/shard-00000-of-00001.jsonl")) {
            let record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let path = try #require((record["source"] as? [String: Any])?["path"] as? String)
            let id = URL(fileURLWithPath: path).lastPathComponent.replacingOccurrences(of: ".html.gz", with: "")
            pageTypes[id] = record["page_type"] as? String
        }
        let truth = try lines(truthPath).map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }

        var subsets: [(name: String, rows: [[String: Any]])] = [(set, truth)]
        if set == "wcxb" { subsets.append(("wcxb articles", truth.filter { $0["page_type"] as? String == "article" })) }
        for (name, rows) in subsets {
            let want = try #require(sets[name], "no level for \(name)")
            let rowsPath = tmp.sub("truth-\(name.replacingOccurrences(of: " ", with: "-")).jsonl")
            let text = try rows.map { String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self) }
                .joined(separator: "\n")
            try (text + "\n").write(toFile: rowsPath, atomically: true, encoding: .utf8)
            let scoreJSON = rowsPath + ".score.json"
            let score = Process()
            score.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            score.arguments = ["python3", scorer, rowsPath, tmp.sub("run"), "--json", scoreJSON]
            score.standardOutput = FileHandle.nullDevice
            try score.run()
            score.waitUntilExit()
            #expect(score.terminationStatus == 0)
            let report = try #require(
                try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: scoreJSON)))
                    as? [String: Any])
            let all = try #require((report.values.first as? [String: Any])?["ALL"] as? [String: [Double]])
            var got = all.compactMapValues { $0.first }
            if rows.contains(where: { $0["page_type"] != nil }) {
                let isArticle = rows.filter { row in
                    let id = row["id"] as? String ?? ""
                    return (pageTypes[id].map { $0 == "article" } ?? false)
                        == (row["page_type"] as? String == "article") && pageTypes[id] != nil
                }.count
                let exact = rows.filter { pageTypes[$0["id"] as? String ?? ""] == $0["page_type"] as? String }.count
                got["page_type_article"] = Double(isArticle) / Double(rows.count)
                got["page_type_exact"] = Double(exact) / Double(rows.count)
            }
            for (field, floor) in want where field != "pages" {
                let value = try #require(got[field], "\(name): no \(field) scored")
                // The level file keeps four decimals.
                #expect(
                    value >= floor - 0.00005, "\(name) \(field) \(value) fell below the level last reached, \(floor)")
            }
        }
    }
}

import Foundation
import Testing

/// `winnow dedup` and `winnow export` through the real binary.
@Suite(.serialized)
struct DedupEndToEndTests {
    /// 300 generated pages, 15 exact copies, 15 copies with 1 word in 100 changed (shingle Jaccard about 0.9),
    /// 15 with half their words changed, and a boilerplate line on every
    /// page of one site.
    static func writeArchive(_ root: String) throws -> (exact: [String], near: [String], far: [String]) {
        let keys = try Archive.write(to: root, pages: 300, malformed: false)
        var exact: [String] = []
        var near: [String] = []
        var far: [String] = []
        for (n, key) in keys.enumerated() {
            var html = try String(contentsOfFile: root + "/" + key, encoding: .utf8)
            if key.hasPrefix("site-0/") {
                html = html.replacingOccurrences(
                    of: "</article>",
                    with: "<p>Subscribe to the Example News print edition for weekly updates.</p></article>")
                try Archive.write(html, to: root + "/" + key)
            }
            guard n % 20 == 3 else { continue }
            try Archive.write(html, to: root + "/copies/exact-\(n).html")
            exact.append("copies/exact-\(n).html")
            try Archive.write(Self.changeWords(html, every: 100), to: root + "/copies/near-\(n).html")
            near.append("copies/near-\(n).html")
            try Archive.write(Self.changeWords(html, every: 2), to: root + "/copies/far-\(n).html")
            far.append("copies/far-\(n).html")
        }
        return (exact, near, far)
    }

    /// Replaces every `every`-th word of the paragraphs with a new word.
    static func changeWords(_ html: String, every: Int) -> String {
        var count = 0
        return html.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard line.hasPrefix("<p>Page ") else { return String(line) }
            return line.split(separator: " ").map { word -> String in
                count += 1
                return count % every == 0 ? "changed\(count)" : String(word)
            }.joined(separator: " ")
        }.joined(separator: "\n")
    }

    @Test func dedupDecisionsAreTheSameForOneFourAndSixteenShards() throws {
        let tmp = try TemporaryDirectory("dedup")
        let truth = try Self.writeArchive(tmp.sub("in"))
        var outputs: [[String: String]] = []
        for shards in [1, 4, 16] {
            let run = tmp.sub("run\(shards)")
            for k in 0..<shards {
                let result = try Winnow.run([
                    "run", "--input", tmp.sub("in"), "--output", run, "--shard", "\(k)/\(shards)", "--workers", "2",
                    "--quiet",
                ])
                #expect(result.status == 0, "\(result.stderr)")
            }
            let dedup = try Winnow.run(["dedup", run])
            #expect(dedup.status == 0, "\(dedup.stderr)")
            var files: [String: String] = [:]
            for name in ["decisions.jsonl", "pairs.jsonl", "boilerplate.jsonl", "summary.json"] {
                files[name] = try String(contentsOfFile: run + "/dedup/" + name, encoding: .utf8)
            }
            outputs.append(files)
        }
        #expect(outputs[0] == outputs[1], "1 and 4 shards differ")
        #expect(outputs[0] == outputs[2], "1 and 16 shards differ")

        // Which inputs were found, by record id (the first 32 hex digits of a key's hash, as `winnow extract` prints).
        let records = try lines(tmp.sub("run1/shard-00000-of-00001.jsonl")).map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        let idOfKey = Dictionary(
            uniqueKeysWithValues: records.map {
                (($0["source"] as! [String: Any])["path"] as! String, $0["id"] as! String)
            })
        let decided = Set(
            try lines(tmp.sub("run1/dedup/decisions.jsonl")).map {
                (try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String]))["id"]!
            })
        let missed = (truth.exact + truth.near).filter { !decided.contains(idOfKey[$0]!) }
        #expect(missed.isEmpty, "not clustered: \(missed)")
        let wrong = truth.far.filter { decided.contains(idOfKey[$0]!) }
        #expect(wrong.isEmpty, "clustered though half their words changed: \(wrong)")
        #expect(try lines(tmp.sub("run1/dedup/boilerplate.jsonl")).count == 1)

        // Export: duplicates marked or dropped, the boilerplate line gone.
        let export = try Winnow.run(["export", tmp.sub("run1"), "--drop-duplicates", "--to", tmp.sub("out.jsonl")])
        #expect(export.status == 0, "\(export.stderr)")
        let exported = try lines(tmp.sub("out.jsonl"))
        #expect(exported.count == records.count - truth.exact.count - truth.near.count)
        // The line is on every page of site-0, so it leaves them; the copies folder is another "site".
        #expect(
            !exported.contains { $0.contains("\"path\":\"site-0/") && $0.contains("Subscribe to the Example News") })
        #expect(exported.contains { $0.contains("\"path\":\"site-0/") })
        #expect(
            try lines(tmp.sub("run1/shard-00000-of-00001.jsonl")).contains {
                $0.contains("Subscribe to the Example News")
            })
    }

    @Test func dedupPartsThenMergeEqualTheOneProcessDedup() throws {
        let tmp = try TemporaryDirectory("dedup-parts")
        _ = try Self.writeArchive(tmp.sub("in"))
        let run = tmp.sub("run")
        for k in 0..<2 {
            let result = try Winnow.run([
                "run", "--input", tmp.sub("in"), "--output", run, "--shard", "\(k)/2", "--workers", "2", "--quiet",
            ])
            #expect(result.status == 0, "\(result.stderr)")
        }
        let names = ["decisions.jsonl", "pairs.jsonl", "boilerplate.jsonl", "summary.json"]
        #expect(try Winnow.run(["dedup", run]).status == 0)
        let whole = try names.map { try String(contentsOfFile: run + "/dedup/" + $0, encoding: .utf8) }
        try FileManager.default.removeItem(atPath: run + "/dedup")

        for bad in ["3", "4/4", "-1/4", "a/b", "1/0", "0/4/1"] {
            let result = try Winnow.run(["dedup", run, "--part=\(bad)"])
            #expect(result.status == 64, "--part \(bad)")
            #expect(
                result.stderr.split(separator: "\n").count == 1 && result.stderr.contains("--part '\(bad)'"),
                "\(result.stderr)")
        }
        for k in [0, 2] { #expect(try Winnow.run(["dedup", run, "--part", "\(k)/3"]).status == 0) }
        let early = try Winnow.run(["dedup", run, "--merge"])
        #expect(early.status == 64)
        #expect(early.stderr.contains("dedup part 1/3 of 3 is missing"), "\(early.stderr)")
        #expect(try Winnow.run(["dedup", run, "--part", "1/3"]).status == 0)
        let merge = try Winnow.run(["dedup", run, "--merge"])
        #expect(merge.status == 0, "\(merge.stderr)")
        #expect(try names.map { try String(contentsOfFile: run + "/dedup/" + $0, encoding: .utf8) } == whole)
    }

    @Test func dedupBeforeTheRunIsCompleteIsRefused() throws {
        let tmp = try TemporaryDirectory("dedup-incomplete")
        try Archive.write(to: tmp.sub("in"), pages: 20, malformed: false)
        #expect(
            try Winnow.run(["run", "--input", tmp.sub("in"), "--output", tmp.sub("run"), "--shard", "0/2", "--quiet"])
                .status == 0)
        let result = try Winnow.run(["dedup", tmp.sub("run")])
        #expect(result.status == 64)
        #expect(result.stderr.contains("shard 1/2 is not complete"), "\(result.stderr)")
    }

    @Test func exportWritesToStandardOutput() throws {
        let tmp = try TemporaryDirectory("export-stdout")
        try Archive.write(to: tmp.sub("in"), pages: 30, malformed: false)
        #expect(try Winnow.run(["run", "--input", tmp.sub("in"), "--output", tmp.sub("run"), "--quiet"]).status == 0)
        let export = try Winnow.run(["export", tmp.sub("run"), "--to", "-"])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stdout.split(separator: "\n").count == 30)
        #expect(export.stderr.contains("no dedup decisions"))
    }
}

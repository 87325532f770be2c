import Foundation
import Testing
import WinnowCompression
import WinnowCore
import WinnowWARC

/// `winnow run` over WARC files: the same records as the pages read as
/// files (plus the WARC fields), shards that own whole files, resume after
/// SIGKILL inside a file, damage as rejects.
@Suite(.serialized)
struct WARCEndToEndTests {
    /// Packs the pages under `pages` (keys in walk order) into WARC files of `perFile` records each.
    /// Every file starts with a warcinfo record and gives each page a request/response pair.
    @discardableResult
    static func pack(_ root: String, keys: [String], into directory: String, perFile: Int, gzip: Bool = true) throws
        -> [String]
    {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var names: [String] = []
        for (fileIndex, start) in stride(from: 0, to: keys.count, by: perFile).enumerated() {
            var bytes: [UInt8] = []
            func add(_ record: WARCRecord) {
                bytes += gzip ? Deflate.gzipMember(record.serialized()) : record.serialized()
            }
            var info = HeaderFields()
            info.append("WARC-Type", "warcinfo")
            info.append("WARC-Record-ID", "<urn:uuid:\(UUID().uuidString.lowercased())>")
            info.append("WARC-Date", "2026-12-02T00:00:00Z")
            info.append("Content-Type", "application/warc-fields")
            add(WARCRecord(headers: info, block: Array("software: winnow-tests\r\n".utf8)))
            for (n, key) in keys[start..<min(start + perFile, keys.count)].enumerated() {
                let body = [UInt8](try Data(contentsOf: URL(fileURLWithPath: root + "/" + key)))
                let uri = "http://news.example/\(key)"
                var request = HeaderFields()
                request.append("WARC-Type", "request")
                request.append("WARC-Record-ID", "<urn:uuid:\(UUID().uuidString.lowercased())>")
                request.append("WARC-Date", "2026-12-02T00:00:00Z")
                request.append("WARC-Target-URI", uri)
                request.append("Content-Type", "application/http; msgtype=request")
                add(
                    WARCRecord(
                        headers: request, block: Array("GET /\(key) HTTP/1.1\r\nHost: news.example\r\n\r\n".utf8)))
                let head =
                    "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: \(body.count)\r\n\r\n"
                let block = Array(head.utf8) + body
                var response = HeaderFields()
                response.append("WARC-Type", "response")
                response.append(
                    "WARC-Record-ID", "<urn:uuid:00000000-0000-4000-8000-\(String(format: "%012d", start + n))>")
                response.append("WARC-Date", "2026-12-02T00:00:00Z")
                response.append("WARC-Target-URI", uri)
                response.append("Content-Type", "application/http; msgtype=response")
                response.append("WARC-Block-Digest", WARCDigest.sha1(block))
                add(WARCRecord(headers: response, block: block))
            }
            let name = String(format: "crawl-%03d.warc", fileIndex) + (gzip ? ".gz" : "")
            try Data(bytes).write(to: URL(fileURLWithPath: directory + "/" + name))
            names.append(name)
        }
        return names
    }

    static func records(_ path: String) throws -> [[String: Any]] {
        try lines(path).map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    }

    /// The WARC fields, and `page_type`, which reads the URL that only WARC inputs have (a dated path is article
    /// evidence).
    static let warcOnly = ["id", "source", "url", "fetched_at", "http_status", "page_type"]

    @Test func warcRecordsEqualTheSamePagesReadAsFiles() throws {
        let tmp = try TemporaryDirectory("warc-equal")
        let keys = try Archive.write(to: tmp.sub("pages"), pages: 120, malformed: false)
        try Self.pack(tmp.sub("pages"), keys: keys, into: tmp.sub("warc"), perFile: 50, gzip: true)
        try Self.pack(tmp.sub("pages"), keys: keys, into: tmp.sub("plain"), perFile: 120, gzip: false)
        for (input, out) in [
            (tmp.sub("pages"), "files"), (tmp.sub("warc"), "gz"), (tmp.sub("plain/crawl-000.warc"), "plainrun"),
        ] {
            let result = try Winnow.run(["run", "--input", input, "--output", tmp.sub(out), "--quiet"])
            #expect(result.status == 0, "\(result.stderr)")
        }
        let files = try Self.records(tmp.sub("files/shard-00000-of-00001.jsonl"))
        let byPath = Dictionary(
            uniqueKeysWithValues: files.map { (($0["source"] as? [String: Any])?["path"] as? String ?? "", $0) })
        for run in ["gz", "plainrun"] {
            let warc = try Self.records(tmp.sub("\(run)/shard-00000-of-00001.jsonl"))
            #expect(warc.count == files.count)
            // WARC records come in file order, which is the packing order.
            #expect(warc.compactMap { $0["url"] as? String } == keys.map { "http://news.example/\($0)" })
            for record in warc {
                let path = String((record["url"] as? String ?? "").dropFirst("http://news.example/".count))
                let file = try #require(byPath[path])
                #expect(record["fetched_at"] as? String == "2026-12-02T00:00:00Z")
                #expect(record["http_status"] as? Int == 200)
                let source = try #require(record["source"] as? [String: Any])
                #expect(source["kind"] as? String == "warc")
                #expect((source["path"] as? String)?.hasPrefix(run == "gz" ? "crawl-" : "crawl-000.warc") == true)
                #expect(source["offset"] as? Int != nil)
                #expect((source["warc_record_id"] as? String)?.hasPrefix("<urn:uuid:") == true)
                var a = file
                var b = record
                for key in Self.warcOnly {
                    a[key] = nil
                    b[key] = nil
                }
                #expect(NSDictionary(dictionary: a).isEqual(to: b), "\(path) differs beyond the WARC fields")
            }
        }
        // Record ids are stable: a second run gives the same bytes.
        let again = try Winnow.run(["run", "--input", tmp.sub("warc"), "--output", tmp.sub("gz2"), "--quiet"])
        #expect(again.status == 0)
        #expect(try comparableContents(of: tmp.sub("gz2")) == comparableContents(of: tmp.sub("gz")))
    }

    @Test func shardsOwnWholeFilesAndTogetherHoldTheOneShardRecords() throws {
        let tmp = try TemporaryDirectory("warc-shards")
        let keys = try Archive.write(to: tmp.sub("pages"), pages: 400, malformed: false)
        try Self.pack(tmp.sub("pages"), keys: keys, into: tmp.sub("warc"), perFile: 25)
        let common = ["--input", tmp.sub("warc"), "--workers", "2", "--quiet"]
        #expect(try Winnow.run(["run"] + common + ["--output", tmp.sub("single")]).status == 0)
        let single = try lines(tmp.sub("single/shard-00000-of-00001.jsonl"))
        #expect(single.count == 400)
        var union: [String] = []
        var owner: [String: Int] = [:]
        for k in 0..<4 {
            let result = try Winnow.run(["run"] + common + ["--output", tmp.sub("sharded"), "--shard", "\(k)/4"])
            #expect(result.status == 0, "\(result.stderr)")
            let shard = try lines(tmp.sub("sharded/shard-0000\(k)-of-00004.jsonl"))
            for record in try Self.records(tmp.sub("sharded/shard-0000\(k)-of-00004.jsonl")) {
                let file = try #require((record["source"] as? [String: Any])?["path"] as? String)
                #expect(owner[file, default: k] == k, "\(file) is read by two shards")
                owner[file] = k
            }
            union += shard
        }
        #expect(union.count == single.count)
        #expect(Set(union) == Set(single))
        #expect(Set(owner.values).count > 1, "all files landed in one shard")
    }

    @Test func aShardNeverOpensAnotherShardsWARCFile() throws {
        let tmp = try TemporaryDirectory("warc-trap")
        let keys = try Archive.write(to: tmp.sub("pages"), pages: 60, malformed: false)
        try Self.pack(tmp.sub("pages"), keys: keys, into: tmp.sub("warc"), perFile: 10)
        // A FIFO: opening it blocks until a writer comes, so a shard that opened it would hang.
        #expect(mkfifo(tmp.sub("warc/trap.warc.gz"), 0o644) == 0)
        let owner = Int(StableHash.hash64("trap.warc.gz") % 3)
        for k in 0..<3 where k != owner {
            let running = try Winnow.Running([
                "run", "--input", tmp.sub("warc"), "--output", tmp.sub("run"), "--shard", "\(k)/3", "--quiet",
            ])
            var waited = 0
            while running.process.isRunning && waited < 30_000 {
                usleep(1_000)
                waited += 1
            }
            if running.process.isRunning { running.kill() }
            let result = running.wait()
            #expect(
                !result.killedBySignal && result.status == 0,
                "shard \(k) of 3 opened the other shard's file: \(result.stderr)")
        }
    }

    @Test func killedInsideAWARCFileResumesToIdenticalOutput() throws {
        let tmp = try TemporaryDirectory("warc-resume")
        let keys = try Archive.write(to: tmp.sub("pages"), pages: 1_000, malformed: false)
        try Self.pack(tmp.sub("pages"), keys: keys, into: tmp.sub("warc"), perFile: 1_000)
        let common = ["--input", tmp.sub("warc"), "--workers", "2", "--checkpoint-every", "40", "--quiet"]
        #expect(try Winnow.run(["run"] + common + ["--output", tmp.sub("reference")]).status == 0)
        let expected = try comparableContents(of: tmp.sub("reference"))
        let fullSize = fileSize(tmp.sub("reference/shard-00000-of-00001.jsonl"))
        var killed = 0
        for (n, fraction) in [0.0, 0.2, 0.5, 0.85].enumerated() {
            let out = tmp.sub("run\(n)")
            let running = try Winnow.Running(["run"] + common + ["--output", out])
            let threshold = Int(Double(fullSize) * fraction)
            while running.process.isRunning {
                if FileManager.default.fileExists(atPath: out + "/manifest.json"),
                    fileSize(out + "/shard-00000-of-00001.jsonl") >= threshold
                {
                    running.kill()
                    break
                }
                usleep(200)
            }
            if running.wait().killedBySignal { killed += 1 }
            let resumed = try Winnow.run(["run"] + common + ["--output", out, "--resume"])
            #expect(resumed.status == 0, "\(resumed.stderr)")
            #expect(try comparableContents(of: out) == expected, "differs after a kill at \(fraction)")
        }
        #expect(killed >= 3)
    }

    @Test func damageIsARejectAndTheNeighboursSurvive() throws {
        let tmp = try TemporaryDirectory("warc-damage")
        let keys = try Archive.write(to: tmp.sub("pages"), pages: 6, malformed: false)
        try Self.pack(tmp.sub("pages"), keys: keys, into: tmp.sub("warc"), perFile: 6)
        let path = tmp.sub("warc/crawl-000.warc.gz")
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        // Corrupt the deflate data of the 4th response's member (records: info, then request/response pairs).
        let reader = try WARCReader(path: path)
        var offsets: [Int] = []
        while let entry = reader.next() { offsets.append(entry.offset) }
        let victim = offsets[8]
        for i in (victim + 30)..<(victim + 60) { bytes[i] ^= 0xA5 }
        // And a 404 and an image at the end, plus a truncated last record.
        for (status, type) in [("404 Not Found", "text/html"), ("200 OK", "image/png")] {
            var h = HeaderFields()
            h.append("WARC-Type", "response")
            h.append("WARC-Record-ID", "<urn:uuid:\(UUID().uuidString.lowercased())>")
            h.append("WARC-Date", "2026-12-02T00:00:00Z")
            h.append("WARC-Target-URI", "http://news.example/\(type)")
            bytes += Deflate.gzipMember(
                WARCRecord(headers: h, block: Array("HTTP/1.1 \(status)\r\nContent-Type: \(type)\r\n\r\nxx".utf8))
                    .serialized())
        }
        let last = Deflate.gzipMember(
            WARCRecord(
                headers: HeaderFields([.init(name: "WARC-Type", value: "response")]),
                block: Array(repeating: 0x41, count: 5000)
            ).serialized())
        let truncatedOffset = bytes.count
        bytes += last.prefix(last.count / 2)
        try Data(bytes).write(to: URL(fileURLWithPath: path))

        let result = try Winnow.run(["run", "--input", tmp.sub("warc"), "--output", tmp.sub("run"), "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try lines(tmp.sub("run/shard-00000-of-00001.jsonl")).count == 5)
        let rejects = try Self.records(tmp.sub("run/shard-00000-of-00001.rejects.jsonl"))
        #expect(rejects.count == 2)
        let reasons = rejects.compactMap { $0["reason"] as? String }
        #expect(reasons.first?.contains("crawl-000.warc.gz at offset \(victim)") == true, "\(reasons)")
        #expect(reasons.first?.contains("gzip") == true)
        #expect(
            reasons.last?.contains("offset \(truncatedOffset)") == true && reasons.last?.contains("truncated") == true,
            "\(reasons)")
        #expect((rejects.first?["source"] as? [String: Any])?["offset"] as? Int == victim)
        let stats = try #require(
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: tmp.sub("run/shard-00000-of-00001.stats.json"))))
                as? [String: Any])
        let skipped = try #require(stats["skipped"] as? [String: Any])
        #expect((skipped["by_status"] as? [String: Int])?["404"] == 1)
        #expect((skipped["by_content_type"] as? [String: Int])?["image/png"] == 1)
    }
}

extension WARCEndToEndTests {
    @Test func aDigestMismatchIsARejectAndItsNeighboursSurvive() throws {
        let tmp = try TemporaryDirectory("warc-digest")
        let keys = try Archive.write(to: tmp.sub("pages"), pages: 5, malformed: false)
        let names = try Self.pack(tmp.sub("pages"), keys: keys, into: tmp.sub("warc"), perFile: 5)
        let path = tmp.sub("warc/" + names[0])
        // The 3rd response's block changes after its digest was taken (the gzip member itself is sound).
        let reader = try WARCReader(path: path)
        var bytes: [UInt8] = []
        var victim = 0
        var responses = 0
        while let entry = reader.next() {
            guard case .record(var record) = entry.content else { continue }
            if record.type == "response" {
                responses += 1
                if responses == 3 {
                    victim = bytes.count
                    record.block[record.block.count - 20] ^= 0x20
                }
            }
            bytes += Deflate.gzipMember(record.serialized())
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))

        let result = try Winnow.run(["run", "--input", tmp.sub("warc"), "--output", tmp.sub("run"), "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let records = try Self.records(tmp.sub("run/shard-00000-of-00001.jsonl"))
        #expect(records.count == 4)
        #expect(!records.contains { ($0["url"] as? String)?.hasSuffix(keys[2]) == true })
        let rejects = try Self.records(tmp.sub("run/shard-00000-of-00001.rejects.jsonl"))
        #expect(rejects.count == 1)
        let reason = rejects.first?["reason"] as? String ?? ""
        #expect(
            reason.hasPrefix("\(names[0]) at offset \(victim): WARC-Block-Digest does not match the block"), "\(reason)"
        )
        #expect(rejects.first?["stage"] as? String == "read")
        #expect((rejects.first?["source"] as? [String: Any])?["offset"] as? Int == victim)

        let unchecked = try Winnow.run([
            "run", "--input", tmp.sub("warc"), "--output", tmp.sub("unchecked"), "--quiet", "--no-warc-digests",
        ])
        #expect(unchecked.status == 0, "\(unchecked.stderr)")
        #expect(try lines(tmp.sub("unchecked/shard-00000-of-00001.jsonl")).count == 5)
    }

    /// Revisits in their own WARC file, of responses in other files (other shards): `winnow dedup` links
    /// them run-wide, and the links are byte-identical for 1 and 3 shards.
    @Test func revisitsAreLinkedAcrossFilesAndShards() throws {
        let tmp = try TemporaryDirectory("warc-revisits")
        let keys = try Archive.write(to: tmp.sub("pages"), pages: 6, malformed: false)
        try Self.pack(tmp.sub("pages"), keys: keys, into: tmp.sub("warc"), perFile: 2)
        var bytes: [UInt8] = []
        func revisit(_ uri: String, _ extra: [(String, String)]) {
            let block = Array("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n".utf8)
            var h = HeaderFields()
            h.append("WARC-Type", "revisit")
            h.append("WARC-Record-ID", "<urn:uuid:\(UUID().uuidString.lowercased())>")
            h.append("WARC-Date", "2026-12-09T00:00:00Z")
            h.append("WARC-Target-URI", uri)
            h.append("WARC-Profile", WARCWriter.revisitProfile)
            for (name, value) in extra { h.append(name, value) }
            h.append("WARC-Block-Digest", WARCDigest.sha1(block))
            bytes += Deflate.gzipMember(WARCRecord(headers: h, block: block).serialized())
        }
        // By record id (the first file's first response), by URI and date (the last file's), and one of a
        // response that is not in the run.
        revisit(
            "http://news.example/\(keys[0])", [("WARC-Refers-To", "<urn:uuid:00000000-0000-4000-8000-000000000000>")])
        revisit(
            "http://news.example/\(keys[5])",
            [
                ("WARC-Refers-To-Target-URI", "http://news.example/\(keys[5])"),
                ("WARC-Refers-To-Date", "2026-12-02T00:00:00Z"),
            ])
        revisit("http://news.example/gone", [("WARC-Refers-To", "<urn:uuid:00000000-0000-4000-8000-999999999999>")])
        try Data(bytes).write(to: URL(fileURLWithPath: tmp.sub("warc/zz-revisits.warc.gz")))

        var outputs: [Int: [UInt8]] = [:]
        for shards in [1, 3] {
            let run = tmp.sub("run\(shards)")
            for k in 0..<shards {
                let result = try Winnow.run([
                    "run", "--input", tmp.sub("warc"), "--output", run, "--shard", "\(k)/\(shards)", "--quiet",
                ])
                #expect(result.status == 0, "\(result.stderr)")
            }
            let dedup = try Winnow.run(["dedup", run])
            #expect(dedup.status == 0, "\(dedup.stderr)")
            #expect(dedup.stdout.contains("3 WARC revisits (2 linked to their response's record)"), "\(dedup.stdout)")
            var idByURL: [String: String] = [:]
            for k in 0..<shards {
                let shard = String(format: "shard-%05d-of-%05d.jsonl", k, shards)
                for record in try Self.records(run + "/" + shard) {
                    idByURL[record["url"] as? String ?? ""] = record["id"] as? String
                }
            }
            #expect(idByURL.count == 6)
            let links = try Self.records(run + "/dedup/revisits.jsonl")
            #expect(links.count == 3)
            let byURL = Dictionary(uniqueKeysWithValues: links.map { ($0["url"] as? String ?? "", $0) })
            #expect(
                byURL["http://news.example/\(keys[0])"]?["duplicate_of"] as? String
                    == idByURL["http://news.example/\(keys[0])"])
            #expect(
                byURL["http://news.example/\(keys[5])"]?["duplicate_of"] as? String
                    == idByURL["http://news.example/\(keys[5])"])
            #expect(
                byURL["http://news.example/gone"] != nil && byURL["http://news.example/gone"]?["duplicate_of"] == nil)
            #expect(links.allSatisfy { ($0["key"] as? String)?.hasPrefix("zz-revisits.warc.gz#") == true })
            let summary = try #require(
                try JSONSerialization.jsonObject(
                    with: Data(contentsOf: URL(fileURLWithPath: run + "/dedup/summary.json")))
                    as? [String: Any])
            #expect(summary["revisits"] as? Int == 3 && summary["revisits_linked"] as? Int == 2)
            outputs[shards] = [UInt8](try Data(contentsOf: URL(fileURLWithPath: run + "/dedup/revisits.jsonl")))
        }
        #expect(outputs[1] == outputs[3])
    }
}

/// `Samples/warc/` (written by warcio, scripts/make-samples-warc.py) as `make demo` reads it.
@Suite struct SamplesWARCTests {
    @Test func theSamplesWARCGivesThreeRecordsAndCountsTheRest() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        let tmp = try TemporaryDirectory("samples-warc")
        let result = try Winnow.run(["run", "--input", root + "/Samples/warc", "--output", tmp.sub("run"), "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("6 inputs → 3 records, 0 rejects"), "\(result.stdout)")
        let records = try WARCEndToEndTests.records(tmp.sub("run/shard-00000-of-00001.jsonl"))
        #expect(records.compactMap { $0["charset"] as? String } == ["UTF-8", "UTF-8", "CP949"])
        let stats = try #require(
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: tmp.sub("run/shard-00000-of-00001.stats.json"))))
                as? [String: Any])
        let skipped = try #require(stats["skipped"] as? [String: Any])
        #expect(skipped["by_status"] as? [String: Int] == ["404": 1])
        #expect(skipped["by_content_type"] as? [String: Int] == ["image/png": 1])
        #expect(skipped["revisits"] as? Int == 1)
        // The shard's revisits file says what the revisit names; `winnow dedup` links it,
        // dedup-style, to the record of the response it repeats.
        let revisits = try WARCEndToEndTests.records(tmp.sub("run/shard-00000-of-00001.revisits.jsonl"))
        #expect(revisits.count == 1)
        #expect(
            revisits.first?["refers_to"] as? String == (records.first?["source"] as? [String: Any])?["warc_record_id"]
                as? String)
        #expect(revisits.first?["url"] as? String == records.first?["url"] as? String)
        #expect(try Winnow.run(["dedup", tmp.sub("run")]).status == 0)
        let links = try WARCEndToEndTests.records(tmp.sub("run/dedup/revisits.jsonl"))
        #expect(links.count == 1)
        #expect(links.first?["duplicate_of"] as? String == records.first?["id"] as? String)
        #expect(links.first?["id"] as? String == revisits.first?["id"] as? String)
    }
}

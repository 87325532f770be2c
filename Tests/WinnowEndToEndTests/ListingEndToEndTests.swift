import Foundation
import Testing

/// `winnow run --list-only`: the inputs listed once into RUNDIR/listing/, and
/// shards that read their part of it instead of walking the tree.
@Suite(.serialized)
struct ListingEndToEndTests {
    /// Listed shards give byte for byte what walking shards give (records,
    /// rejects, stats, the manifest and its input hash), file names with a
    /// tab or a newline included.
    @Test func listedShardsEqualWalkingShards() throws {
        let tmp = try TemporaryDirectory("listing-equal")
        try Archive.write(to: tmp.sub("in"), pages: 600)
        try Archive.write(
            "<html><body><p>\(String(repeating: "tab in name ", count: 30))</p></body></html>",
            to: tmp.sub("in/odd\tname.html"))
        try Archive.write(
            "<html><body><p>\(String(repeating: "newline in name ", count: 30))</p></body></html>",
            to: tmp.sub("in/odd\nname\\x.html"))
        let listed = try Winnow.run([
            "run", "--input", tmp.sub("in"), "--output", tmp.sub("listed"), "--shards", "3", "--list-only",
        ])
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.contains("listed 607 inputs for 3 shards"), "\(listed.stdout)")
        #expect(!FileManager.default.fileExists(atPath: tmp.sub("listed/manifest.json")), "--list-only ran a shard")
        for k in 0..<3 {
            let walked = try Winnow.run([
                "run", "--input", tmp.sub("in"), "--output", tmp.sub("walked"), "--shard", "\(k)/3", "--quiet",
            ])
            #expect(walked.status == 0, "\(walked.stderr)")
            let fromListing = try Winnow.run(["run", "--output", tmp.sub("listed"), "--shard", "\(k)/3", "--quiet"])
            #expect(fromListing.status == 0, "\(fromListing.stderr)")
        }
        let expected = try comparableContents(of: tmp.sub("walked"))
        #expect(expected.count == 10, "\(expected.keys.sorted())")
        #expect(try comparableContents(of: tmp.sub("listed")) == expected)
        let records = (0..<3).flatMap { k in (try? lines(tmp.sub("listed/shard-0000\(k)-of-00003.jsonl"))) ?? [] }
        #expect(records.filter { $0.contains(#""path":"odd\tname.html""#) }.count == 1)
        #expect(records.filter { $0.contains(#""path":"odd\nname\\x.html""#) }.count == 1)
    }

    /// A lister killed on this host leaves its folder; the next lister removes
    /// it (its pid is gone) and leaves alone a folder another host may still
    /// be writing.
    @Test func aKilledListersFolderIsRemovedByTheNextLister() throws {
        let tmp = try TemporaryDirectory("listing-abandoned")
        try Archive.write(to: tmp.sub("in"), pages: 20, malformed: false)
        let exited = Process()
        exited.executableURL = URL(fileURLWithPath: "/bin/true")
        try exited.run()
        exited.waitUntilExit()
        var name = [CChar](repeating: 0, count: 256)
        #expect(gethostname(&name, name.count) == 0)
        let host = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let abandoned = tmp.sub("run/listing.partial.\(host).\(exited.processIdentifier)")
        let otherHost = tmp.sub("run/listing.partial.some-other-host.1")
        for folder in [abandoned, otherHost] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        let list = try Winnow.run([
            "run", "--input", tmp.sub("in"), "--output", tmp.sub("run"), "--shards", "2", "--list-only",
        ])
        #expect(list.status == 0, "\(list.stderr)")
        #expect(!FileManager.default.fileExists(atPath: abandoned))
        #expect(FileManager.default.fileExists(atPath: otherHost))
        #expect(FileManager.default.fileExists(atPath: tmp.sub("run/listing/listing.json")))
        // Listed, no shard started: status says so (exit 3: not complete), not "not a run directory".
        let status = try Winnow.run(["status", tmp.sub("run")])
        #expect(status.status == 3, "\(status.stderr)")
        #expect(status.stdout.contains("listing: 20 inputs listed once for 2 shards"), "\(status.stdout)")
        #expect(status.stdout.contains("shard 1/2: not started"), "\(status.stdout)")
    }

    /// Shards read only the listing: a page added to the tree afterwards is
    /// not read, and the run resumes and completes; listing the changed tree
    /// into that run directory again is refused, the same tree is accepted.
    @Test func shardsReadTheListingNotTheTreeAndAChangedTreeIsRefused() throws {
        let tmp = try TemporaryDirectory("listing-once")
        try Archive.write(to: tmp.sub("in"), pages: 300, malformed: false)
        let list = ["run", "--input", tmp.sub("in"), "--output", tmp.sub("run"), "--shards", "2", "--list-only"]
        #expect(try Winnow.run(list).status == 0)
        let again = try Winnow.run(list)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("already listed"), "\(again.stdout)")

        try Archive.write(
            "<html><body><p>\(String(repeating: "a late page ", count: 30))</p></body></html>",
            to: tmp.sub("in/late.html"))
        var records = 0
        for k in 0..<2 {
            let result = try Winnow.run([
                "run", "--input", tmp.sub("in"), "--output", tmp.sub("run"), "--shard", "\(k)/2", "--quiet",
            ])
            #expect(result.status == 0, "\(result.stderr)")
            records += try lines(tmp.sub("run/shard-0000\(k)-of-00002.jsonl")).count
            let resumed = try Winnow.run(["run", "--output", tmp.sub("run"), "--shard", "\(k)/2", "--resume"])
            #expect(
                resumed.status == 0 && resumed.stdout.contains("already complete"), "\(resumed.stdout)\(resumed.stderr)"
            )
        }
        #expect(records == 300)
        let manifest = try String(contentsOfFile: tmp.sub("run/manifest.json"), encoding: .utf8)
        #expect(manifest.contains(#""input_count" : 300"#), "\(manifest)")

        let changed = try Winnow.run(list)
        #expect(changed.status == 64)
        #expect(
            changed.stderr.contains("listed with 300 inputs") && changed.stderr.contains("301"), "\(changed.stderr)")
        #expect(changed.stderr.split(separator: "\n").count == 1)

        let otherRoot = try Winnow.run([
            "run", "--input", tmp.path, "--output", tmp.sub("run"), "--shard", "0/2", "--resume",
        ])
        #expect(otherRoot.status == 64)
        #expect(otherRoot.stderr.contains("lists the inputs of"), "\(otherRoot.stderr)")
        let otherCount = try Winnow.run(["run", "--output", tmp.sub("run"), "--shard", "0/3"])
        #expect(otherCount.status == 64)
        #expect(otherCount.stderr.contains("for 2 shards, not 3"), "\(otherCount.stderr)")
    }

    /// A run directory a walking shard started: listing into it is accepted
    /// for the same inputs (the hashes agree) and refused for changed ones.
    @Test func listingIntoAWalkedRunChecksItsManifest() throws {
        let tmp = try TemporaryDirectory("listing-walked")
        try Archive.write(to: tmp.sub("in"), pages: 120, malformed: false)
        #expect(
            try Winnow.run(["run", "--input", tmp.sub("in"), "--output", tmp.sub("run"), "--shard", "0/2", "--quiet"])
                .status == 0)
        try Archive.write(
            "<html><body><p>\(String(repeating: "one more ", count: 30))</p></body></html>", to: tmp.sub("in/zz.html"))
        let refused = try Winnow.run([
            "run", "--input", tmp.sub("in"), "--output", tmp.sub("run"), "--shards", "2", "--list-only",
        ])
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("cannot list into") && refused.stderr.contains("121"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: tmp.sub("run/listing")))

        try FileManager.default.removeItem(atPath: tmp.sub("in/zz.html"))
        #expect(
            try Winnow.run([
                "run", "--input", tmp.sub("in"), "--output", tmp.sub("run"), "--shards", "2", "--list-only",
            ]).status == 0)
        let second = try Winnow.run(["run", "--output", tmp.sub("run"), "--shard", "1/2", "--quiet"])
        #expect(second.status == 0, "\(second.stderr)")
        let walked = try Winnow.run([
            "run", "--input", tmp.sub("in"), "--output", tmp.sub("walked"), "--shard", "1/2", "--quiet",
        ])
        #expect(walked.status == 0)
        #expect(
            try lines(tmp.sub("run/shard-00001-of-00002.jsonl")) == lines(tmp.sub("walked/shard-00001-of-00002.jsonl")))
    }

    /// WARC files are listed as whole units; each listed shard reads its own
    /// files' records, the same as a walking shard.
    @Test func warcFilesAreListedAsUnits() throws {
        let tmp = try TemporaryDirectory("listing-warc")
        let keys = try Archive.write(to: tmp.sub("pages"), pages: 90, malformed: false)
        try WARCEndToEndTests.pack(tmp.sub("pages"), keys: keys, into: tmp.sub("warc"), perFile: 10)
        #expect(
            try Winnow.run([
                "run", "--input", tmp.sub("warc"), "--output", tmp.sub("listed"), "--shards", "3", "--list-only",
            ]).status == 0)
        let index = try String(contentsOfFile: tmp.sub("listed/listing/listing.json"), encoding: .utf8)
        #expect(index.contains(#""input_count" : 9"#), "\(index)")
        for k in 0..<3 {
            #expect(try Winnow.run(["run", "--output", tmp.sub("listed"), "--shard", "\(k)/3", "--quiet"]).status == 0)
            #expect(
                try Winnow.run([
                    "run", "--input", tmp.sub("warc"), "--output", tmp.sub("walked"), "--shard", "\(k)/3", "--quiet",
                ]).status == 0)
        }
        #expect(try comparableContents(of: tmp.sub("listed")) == comparableContents(of: tmp.sub("walked")))
        let total = try (0..<3).map { try lines(tmp.sub("listed/shard-0000\($0)-of-00003.jsonl")).count }.reduce(0, +)
        #expect(total == 90)
    }
}

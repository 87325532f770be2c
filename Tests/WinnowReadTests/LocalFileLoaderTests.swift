import Foundation
import Testing
import WinnowCore

@testable import WinnowRead

@Suite("LocalFileLoader")
struct LocalFileLoaderTests {
    private func failure(_ loader: LocalFileLoader, _ ref: InputRef) -> StageFailure? {
        do {
            _ = try loader.load(ref)
            Issue.record("expected a failure for \(ref.key)")
            return nil
        } catch let failure as StageFailure {
            return failure
        } catch {
            Issue.record("expected a StageFailure, got \(error)")
            return nil
        }
    }

    @Test func loadsAPlainFile() throws {
        let root = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(root) }
        let bytes = Array("<html><body><p>평양</p></body></html>".utf8)
        try writeFile(root + "/a.html", bytes)
        let content = try LocalFileLoader().load(InputRef(key: "a.html", kind: .file, location: root + "/a.html"))
        #expect(content.bytes == bytes)
        #expect(content.format == .html)
        #expect(content.declaredCharset == nil)
        #expect(content.url == nil)
    }

    @Test func decompressesGzipFiles() throws {
        let root = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(root) }
        let bytes = Array(String(repeating: "<p>compressed page</p>\n", count: 100).utf8)
        try writeFile(root + "/a.html.gz", try gzip(bytes))
        let content = try LocalFileLoader().load(
            InputRef(key: "en/a.html.gz", kind: .gzip, location: root + "/a.html.gz"))
        #expect(content.bytes == bytes)
        #expect(content.format == .html)
    }

    @Test func txtFilesAreText() throws {
        let root = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(root) }
        try writeFile(root + "/n.txt", "Headline\n\nBody.")
        try writeFile(root + "/m.txt.gz", try gzip(Array("Headline\n\nBody.".utf8)))
        let plain = try LocalFileLoader().load(InputRef(key: "n.txt", kind: .file, location: root + "/n.txt"))
        let zipped = try LocalFileLoader().load(InputRef(key: "m.txt.gz", kind: .gzip, location: root + "/m.txt.gz"))
        #expect(plain.format == .text)
        #expect(zipped.format == .text)
        #expect(zipped.bytes == Array("Headline\n\nBody.".utf8))
    }

    @Test func missingFileIsAReadFailure() throws {
        let root = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(root) }
        let path = root + "/gone.html"
        let result = failure(LocalFileLoader(), InputRef(key: "gone.html", kind: .file, location: path))
        #expect(result == StageFailure(stage: "read", reason: "cannot open \(path)"))
    }

    @Test func fileOverTheReadLimitIsAReadFailure() throws {
        let root = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(root) }
        try writeFile(root + "/big.html", "12345")
        let ref = InputRef(key: "big.html", kind: .file, location: root + "/big.html")
        #expect(
            failure(LocalFileLoader(maxBytes: 4), ref)
                == StageFailure(stage: "read", reason: "file larger than the read limit of 4 bytes"))
        #expect(try LocalFileLoader(maxBytes: 5).load(ref).bytes == Array("12345".utf8))
    }

    /// Files of every size around the read's first piece come back whole, and a limit stops the read.
    @Test func readAllReadsWholeFilesUpToTheLimit() throws {
        let root = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(root) }
        for size in [0, 1, 4_095, 65_536, 300_001] {
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            try writeFile(root + "/f", bytes)
            let file = open(root + "/f", O_RDONLY)
            defer { close(file) }
            #expect(try LocalFileLoader.readAll(file, upTo: 1_000_000) == bytes, "\(size)")
            _ = lseek(file, 0, SEEK_SET)
            #expect(try LocalFileLoader.readAll(file, upTo: 1_000) == Array(bytes.prefix(1_000)), "\(size)")
        }
    }

    /// A pipe has no size to read: it is read in growing pieces to its end.
    @Test func readAllReadsAPipeToItsEnd() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        let bytes = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let writer = Thread { [ends] in
            bytes.withUnsafeBytes { raw in
                var sent = 0
                while sent < raw.count { sent += max(0, write(ends[1], raw.baseAddress! + sent, raw.count - sent)) }
            }
            close(ends[1])
        }
        writer.start()
        defer { close(ends[0]) }
        #expect(try LocalFileLoader.readAll(ends[0], upTo: 1_000_000) == bytes)
    }

    @Test func aFolderNamedLikeAPageIsAReadFailure() throws {
        let root = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(root) }
        try FileManager.default.createDirectory(atPath: root + "/x.html", withIntermediateDirectories: false)
        let result = failure(LocalFileLoader(), InputRef(key: "x.html", kind: .file, location: root + "/x.html"))
        #expect(result == StageFailure(stage: "read", reason: "cannot read \(root)/x.html: Is a directory"))
    }

    @Test func truncatedGzipIsAReadFailure() throws {
        let root = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(root) }
        let compressed = try gzip(Array(String(repeating: "some text ", count: 500).utf8))
        try writeFile(root + "/t.html.gz", Array(compressed.prefix(compressed.count / 2)))
        let result = try #require(
            failure(LocalFileLoader(), InputRef(key: "t.html.gz", kind: .gzip, location: root + "/t.html.gz")))
        #expect(result.stage == "read")
        #expect(result.reason.contains("truncated"))
    }

    @Test func gzipExpandingBeyondTheLimitIsAReadFailure() throws {
        let root = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(root) }
        try writeFile(root + "/bomb.html.gz", try gzip([UInt8](repeating: 0x20, count: 50_000)))
        let result = failure(
            LocalFileLoader(maxBytes: 1_000),
            InputRef(key: "bomb.html.gz", kind: .gzip, location: root + "/bomb.html.gz"))
        #expect(result == StageFailure(stage: "read", reason: "gzip expands beyond 1000 bytes"))
    }
}

import Foundation
import Testing
import WinnowCompression

@testable import WinnowWARC

@Suite("WARCWriter")
struct WARCWriterTests {
    private func directory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "winnow-warc-writer-\(UUID().uuidString)"
        ).path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    private func exchange(_ n: Int, body: [UInt8]? = nil) -> HTTPExchange {
        let body = body ?? page(n)
        let response =
            Array("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body
        return HTTPExchange(
            uri: "http://example.com/\(n)", date: Date(timeIntervalSince1970: 1_800_000_000.25),
            ipAddress: "192.0.2.1", request: Array("GET /\(n) HTTP/1.1\r\n\r\n".utf8), response: response)
    }

    private func entries(_ path: String) throws -> [WARCEntry] {
        let reader = try WARCReader(path: path)
        var out: [WARCEntry] = []
        while let entry = reader.next() { out.append(entry) }
        return out
    }

    @Test("what the writer writes, the reader reads back byte for byte")
    func roundTrip() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let writer = WARCWriter(directory: dir, prefix: "t", info: [("software", "test")])
        let exchanges = (0..<3).map { exchange($0) }
        var written: [WARCWriter.Written] = []
        for e in exchanges { written.append(try writer.write(e)) }
        try writer.close()
        let file = try #require(writer.closedFiles.first)
        #expect(file.hasSuffix(".warc.gz"))
        #expect(!FileManager.default.fileExists(atPath: file + ".open"))
        let all = try entries(file)
        let records = all.compactMap { if case .record(let r) = $0.content { r } else { nil } }
        #expect(
            records.map(\.type) == ["warcinfo", "response", "request", "response", "request", "response", "request"])
        let responses = records.filter { $0.type == "response" }
        #expect(responses.map(\.block) == exchanges.map(\.response))
        #expect(
            zip(written, all.filter { if case .record(let r) = $0.content { r.type == "response" } else { false } })
                .allSatisfy { $0.offset == $1.offset })
        let request = records[2]
        #expect(request.headers["WARC-Concurrent-To"] == responses[0].recordID)
        #expect(responses[0].date == "2027-01-15T08:00:00.250000Z")
        #expect(responses[0].headers["WARC-IP-Address"] == "192.0.2.1")
        #expect(responses[0].headers["WARC-Payload-Digest"]?.hasPrefix("sha1:") == true)
        let index = try String(contentsOfFile: file + ".cdxj", encoding: .utf8)
        #expect(index.split(separator: "\n").count == 3)
        #expect(
            index.hasPrefix(
                "com,example)/0 20270115080000 {\"url\": \"http://example.com/0\", \"mime\": \"text/html\", "
                    + "\"status\": \"200\""
            ))
    }

    @Test("a repeated payload becomes a revisit that refers to the first response")
    func revisit() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let writer = WARCWriter(directory: dir, prefix: "t", info: [])
        let first = try writer.write(exchange(1, body: page(7)))
        let second = try writer.write(exchange(2, body: page(7)))
        try writer.close()
        #expect(first.type == "response" && second.type == "revisit")
        let records = try entries(writer.closedFiles[0]).compactMap {
            if case .record(let r) = $0.content { r } else { nil }
        }
        let revisit = try #require(records.first { $0.type == "revisit" })
        #expect(revisit.headers["WARC-Profile"] == WARCWriter.revisitProfile)
        #expect(revisit.headers["WARC-Refers-To"] == first.recordID)
        #expect(revisit.headers["WARC-Refers-To-Target-URI"] == "http://example.com/1")
        #expect(!revisit.block.isEmpty && revisit.block.count < 200)  // the HTTP head only
    }

    @Test("a cut body is neither a revisit nor the original of one")
    func truncatedNeverRevisit() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let writer = WARCWriter(directory: dir, prefix: "t", info: [])
        var cut = exchange(1, body: [])
        cut.truncated = "unspecified"
        var cutAgain = exchange(2, body: [])
        cutAgain.truncated = "unspecified"
        let types = try [cut, cutAgain, exchange(3, body: []), exchange(4, body: [])].map { try writer.write($0).type }
        try writer.close()
        #expect(types == ["response", "response", "response", "revisit"])
        let records = try entries(writer.closedFiles[0]).compactMap {
            if case .record(let r) = $0.content { r } else { nil }
        }
        #expect(records.filter { $0.headers["WARC-Truncated"] == "unspecified" }.count == 2)
        let revisit = try #require(records.first { $0.type == "revisit" })
        #expect(revisit.headers["WARC-Refers-To-Target-URI"] == "http://example.com/3")
    }

    @Test("an index longer than a run is sorted in runs on disk and merged: the same lines")
    func indexInRuns() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let writer = WARCWriter(directory: dir, prefix: "t", info: [])
        // URLs out of order, a repeat (a revisit record), 11 entries: runs of 3, 3, 3 and 2 left in memory.
        for n in [7, 3, 9, 1, 10, 4, 8, 2, 6, 5] { try writer.write(exchange(n)) }
        try writer.write(exchange(11, body: page(3)))
        try writer.close()
        let file = writer.closedFiles[0]
        let expected = try CDXJ.index(path: file).map { $0.line + "\n" }.joined()
        #expect(expected.split(separator: "\n").count == 11)
        #expect(try String(contentsOfFile: file + ".cdxj", encoding: .utf8) == expected)
        for runLength in [1, 3, 11, 100] {
            let output = dir + "/index-\(runLength).cdxj"
            #expect(try CDXJ.writeIndex(of: file, to: output, runLength: runLength) == 11)
            #expect(try String(contentsOfFile: output, encoding: .utf8) == expected, "runs of \(runLength)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(".run-") }.isEmpty)
    }

    @Test("files rotate at the size limit, each with its warcinfo record")
    func rotation() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let writer = WARCWriter(directory: dir, prefix: "rot", maxFileBytes: 1_000, info: [("software", "test")])
        for n in 0..<6 { try writer.write(exchange(n)) }
        try writer.close()
        #expect(writer.closedFiles.count >= 3)
        for file in writer.closedFiles {
            let first = try entries(file).first
            guard case .record(let record)? = first?.content else {
                Issue.record("no warcinfo")
                continue
            }
            #expect(record.type == "warcinfo")
            #expect(record.headers["WARC-Filename"] == (file as NSString).lastPathComponent)
        }
    }

    @Test("recover cuts an .open file's incomplete tail record and closes it")
    func recover() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let writer = WARCWriter(directory: dir, prefix: "crash", info: [])
        for n in 0..<2 { try writer.write(exchange(n)) }
        try writer.close()
        let file = writer.closedFiles[0]
        let good = try Data(contentsOf: URL(fileURLWithPath: file))
        let tail = Deflate.gzipMember(responseRecord("http://example.com/x", body: page(9)).serialized())
        try (good + Data(tail.prefix(tail.count / 2))).write(to: URL(fileURLWithPath: file + ".open"))
        try FileManager.default.removeItem(atPath: file)
        let closed = try WARCWriter.recover(directory: dir)
        #expect(closed == [file])
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == good)
    }

    @Test("SURT keys as pywb spells them")
    func surt() {
        #expect(CDXJ.surt("http://www.Example.com:80/A/b?z=1&a=2#frag") == "com,example)/a/b?a=2&z=1")
        #expect(CDXJ.surt("https://news.example.co.kr") == "kr,co,example,news)/")
    }
}

import Foundation
import Testing
import WinnowCompression
import WinnowCore
import WinnowWARC

@testable import WinnowRead

@Suite("WARCInputs and WARCRecordLoader")
struct WARCInputsTests {
    private func response(_ uri: String, _ head: String, _ body: [UInt8], type: String = "response") -> WARCRecord {
        var h = HeaderFields()
        h.append("WARC-Type", type)
        h.append("WARC-Record-ID", "<urn:uuid:\(uri.count)>")
        h.append("WARC-Date", "2026-12-02T00:00:00Z")
        h.append("WARC-Target-URI", uri)
        h.append("Content-Type", type == "resource" ? "text/html" : "application/http; msgtype=response")
        return WARCRecord(headers: h, block: Array(head.utf8) + body)
    }

    private func load(_ record: WARCRecord) throws -> InputContent {
        try WARCRecordLoader().load(
            InputRef(
                key: "a.warc.gz#0", kind: .warcRecord, location: "/x/a.warc.gz", offset: 0,
                container: "a.warc.gz", embedded: .bytes(head: record.headerBytes(), body: record.block)))
    }

    private let html = Array("<html><body><p>안녕</p></body></html>".utf8)

    @Test("an HTML 200 response: decoded body, transport charset, URL, date, status, record id")
    func page() throws {
        let content = try load(
            response(
                "<http://e.com/a b>",
                "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=EUC-KR\r\nContent-Encoding: gzip\r\n\r\n",
                Deflate.gzipMember(html)))
        #expect(content.bytes == html)
        #expect(content.declaredCharset == "EUC-KR")
        #expect(content.url == "http://e.com/a%20b")
        #expect(content.fetchedAt == "2026-12-02T00:00:00Z")
        #expect(content.httpStatus == 200)
        #expect(content.warcRecordID == "<urn:uuid:18>")
    }

    @Test("a resource record is a page without an HTTP status")
    func resource() throws {
        let content = try load(response("http://e.com/r", "", html, type: "resource"))
        #expect(content.bytes == html && content.httpStatus == nil)
    }

    @Test(
        "not HTML, not 200 and revisits are skipped with their reason; damage is a read reject naming file and offset")
    func skipped() throws {
        #expect(throws: InputSkipped(.contentType("image/png"))) {
            try load(response("u", "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n", [1]))
        }
        #expect(throws: InputSkipped(.status(301))) {
            try load(response("u", "HTTP/1.1 301 Moved\r\nLocation: /\r\n\r\n", []))
        }
        #expect(
            throws: InputSkipped(
                .revisit,
                revisit: .init(
                    url: "u", fetchedAt: "2026-12-02T00:00:00Z", warcRecordID: "<urn:uuid:1>", refersTo: nil,
                    refersToURL: "u")
            )
        ) {
            try load(response("u", "HTTP/1.1 200 OK\r\n\r\n", [], type: "revisit"))
        }
        let damaged = InputRef(
            key: "a.warc.gz#77", kind: .warcRecord, location: "/x/a.warc.gz", offset: 77, container: "a.warc.gz",
            embedded: .damage("truncated gzip member"))
        #expect(throws: StageFailure(stage: "read", reason: "a.warc.gz at offset 77: truncated gzip member")) {
            try WARCRecordLoader().load(damaged)
        }
    }

    /// A record as `winnow run` hands it over: header bytes and HTTP head, then the body.
    private func loadSplit(_ record: WARCRecord, verify: Bool = true) throws -> InputContent {
        let split = try #require(HTTPResponse.bodyStart(in: record.block))
        return try WARCRecordLoader(verifyDigests: verify).load(
            InputRef(
                key: "a.warc.gz#0", kind: .warcRecord, location: "/x/a.warc.gz", offset: 640,
                container: "a.warc.gz",
                embedded: .bytes(
                    head: record.headerBytes() + record.block[..<split.bodyStart],
                    body: Array(record.block[split.bodyStart...]))))
    }

    @Test("digests: a good block or payload digest passes; a wrong one is a read reject naming file, offset and digest")
    func digests() throws {
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
        let chunked = Array("\(String(html.count, radix: 16))\r\n".utf8) + html + Array("\r\n0\r\n\r\n".utf8)
        var good = response("http://e.com/d", head, chunked)
        good.headers.append("WARC-Block-Digest", WARCDigest.sha1(good.block))
        // The payload digest is over the body as stored (still chunked): what warcio and FastWARC check.
        good.headers.append("WARC-Payload-Digest", WARCDigest.sha1(chunked))
        #expect(try loadSplit(good).bytes == html)
        #expect(try load(good).bytes == html, "a block the reader did not split is checked too")

        var badBlock = response("http://e.com/d", head, chunked)
        badBlock.headers.append("WARC-Block-Digest", WARCDigest.sha1(Array("other".utf8)))
        #expect(
            throws: StageFailure(
                stage: "read",
                reason:
                    "a.warc.gz at offset 640: WARC-Block-Digest does not match the block "
                    + "(\(WARCDigest.sha1(Array("other".utf8))))"
            )
        ) { try loadSplit(badBlock) }
        #expect(try loadSplit(badBlock, verify: false).bytes == html, "--no-warc-digests")

        // No block digest: the payload digest is checked instead.
        var badPayload = response("http://e.com/d", head, chunked)
        badPayload.headers.append("WARC-Payload-Digest", WARCDigest.sha1(html))
        #expect(throws: StageFailure.self) { try loadSplit(badPayload) }
        #expect(throws: StageFailure.self) { try load(badPayload) }
        var goodPayload = response("http://e.com/d", head, chunked)
        goodPayload.headers.append("WARC-Payload-Digest", WARCDigest.sha1(chunked))
        #expect(try load(goodPayload).bytes == html)
        // A digest in hex (some tools) is accepted; another algorithm cannot be checked and passes.
        var hex = response("http://e.com/d", head, chunked)
        let sha1 = SHA1.digest(hex.block).map { String(format: "%02x", $0) }.joined()
        hex.headers.append("WARC-Block-Digest", "sha1:" + sha1)
        #expect(try loadSplit(hex).bytes == html)
        var md5 = response("http://e.com/d", head, chunked)
        md5.headers.append("WARC-Block-Digest", "md5:00000000000000000000000000000000")
        #expect(try loadSplit(md5).bytes == html)
    }

    @Test("a WARC file is one unit of LocalFiles; its inputs are keyed by file and offset")
    func listing() throws {
        let dir = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(dir) }
        var bytes: [UInt8] = []
        var offsets: [Int] = []
        for n in 0..<3 {
            offsets.append(bytes.count)
            bytes += Deflate.gzipMember(
                response("http://e.com/\(n)", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n", html).serialized())
        }
        try writeFile(dir + "/in/crawl.warc.gz", bytes)
        try writeFile(dir + "/in/page.html", html)
        let source = try LocalFiles(roots: [dir + "/in"])
        let units = try LocalFiles.list(roots: [dir + "/in"])
        #expect(units.map(\.key) == ["crawl.warc.gz", "page.html"])
        #expect(units.map(\.kind) == [.warc, .file])
        var inputs: [InputRef] = []
        try source.forEachInput(in: units[0]) { inputs.append($0) }
        #expect(inputs.map(\.key) == offsets.map { "crawl.warc.gz#\($0)" })
        #expect(inputs.allSatisfy { $0.container == "crawl.warc.gz" && $0.kind == .warcRecord })
        try source.forEachInput(in: units[1]) { #expect($0 == units[1]) }
    }
}

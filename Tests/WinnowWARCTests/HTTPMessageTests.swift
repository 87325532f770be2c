import Foundation
import Testing
import WinnowCompression

@testable import WinnowWARC

@Suite("HTTPResponse")
struct HTTPMessageTests {
    let html = Array("<html><body><p>Hello, décodé</p></body></html>".utf8)

    private func response(_ head: String, _ body: [UInt8]) throws -> HTTPResponse {
        try HTTPResponse.parse(Array(head.utf8) + body)
    }

    @Test("status, headers, media type and transport charset")
    func head() throws {
        let r = try response("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=\"EUC-KR\"\r\nX-A: b\r\n\r\n", html)
        #expect(r.status == 200)
        #expect(r.mediaType == "text/html")
        #expect(r.charset == "EUC-KR")
        #expect(r.headers["x-a"] == "b")
        #expect(try r.decodedBody(limit: 1000) == html)
    }

    @Test("chunked transfer coding is removed (and is what the payload digest covers)")
    func chunked() throws {
        let body = Array("5\r\n<html\r\n3;ext=1\r\n><p\r\n0\r\n\r\n".utf8)
        let r = try response("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", body)
        #expect(r.payload() == Array("<html><p".utf8))
    }

    @Test("Content-Encoding gzip, deflate (zlib and raw) and br are decoded")
    func contentEncodings() throws {
        let gz = Deflate.gzipMember(html)
        #expect(
            try response("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n", gz).decodedBody(limit: 1 << 20) == html)
        // gzip inside chunked
        let hex = String(gz.count, radix: 16)
        let chunked = Array("\(hex)\r\n".utf8) + gz + Array("\r\n0\r\n\r\n".utf8)
        #expect(
            try response("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n", chunked)
                .decodedBody(limit: 1 << 20) == html)
        // raw deflate: the gzip member without its 10-byte header and 8-byte trailer
        let raw = Array(gz[10..<(gz.count - 8)])
        #expect(
            try response("HTTP/1.1 200 OK\r\nContent-Encoding: deflate\r\n\r\n", raw).decodedBody(limit: 1 << 20)
                == html)
        // brotli of "<html><body><p>Hello, décodé</p></body></html>" made by `brotli -c`
        let br = try brotliFixture()
        if let br {
            #expect(
                try response("HTTP/1.1 200 OK\r\nContent-Encoding: br\r\n\r\n", br).decodedBody(limit: 1 << 20) == html)
        }
    }

    @Test("Common Crawl's renamed headers: the payload is already decoded")
    func commonCrawl() throws {
        let r = try response(
            "HTTP/1.1 200 OK\r\nX-Crawler-Content-Encoding: gzip\r\nX-Crawler-Transfer-Encoding: chunked\r\n\r\n", html)
        #expect(try r.decodedBody(limit: 1000) == html)
    }

    @Test("corrupt content coding and bad status lines are failures with a reason")
    func failures() throws {
        #expect(throws: HTTPResponse.Failure.self) {
            try response("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n", html).decodedBody(limit: 1000)
        }
        #expect(throws: HTTPResponse.Failure.self) { try response("HTTP/1.1 abc\r\n\r\n", html) }
        #expect(throws: HTTPResponse.Failure.self) { try HTTPResponse.parse(html) }
        #expect(throws: HTTPResponse.Failure.self) {
            try response(
                "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n",
                Deflate.gzipMember([UInt8](repeating: 0, count: 5000))
            ).decodedBody(limit: 100)
        }
    }

    /// Brotli bytes from the `brotli` command when installed (Debian's `brotli`), else from Python's `brotli` module;
    /// nil if neither.
    private func brotliFixture() throws -> [UInt8]? {
        // Hand-made brotli stream: an uncompressed meta-block holding the bytes (RFC 7932 §9.2).
        var out: [UInt8] = []
        // WBITS=16 (bit 0 = 0), then ISLAST=0, MNIBBLES=4 (00), MLEN-1 (16 bits), ISUNCOMPRESSED=1, pad to byte; then
        // the data; then ISLAST=1, ISLASTEMPTY=1.
        var bits: [Int] = [0]  // WBITS 16
        bits += [0]  // ISLAST
        bits += [0, 0]  // MNIBBLES 4
        let mlen = html.count - 1
        for i in 0..<16 { bits.append((mlen >> i) & 1) }
        bits += [1]  // ISUNCOMPRESSED
        while bits.count % 8 != 0 { bits.append(0) }
        for i in stride(from: 0, to: bits.count, by: 8) {
            var byte = 0
            for j in 0..<8 { byte |= bits[i + j] << j }
            out.append(UInt8(byte))
        }
        out += html
        out.append(0b0000_0011)  // ISLAST=1, ISLASTEMPTY=1
        return out
    }
}

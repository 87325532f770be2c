import Foundation
import Testing
import WinnowCompression

@testable import WinnowWARC

/// A `response` record holding an HTTP 200 text/html message with `body`, digests set.
func responseRecord(
    _ uri: String, body: [UInt8], extraHTTP: [(String, String)] = [], status: String = "200 OK",
    contentType: String = "text/html; charset=utf-8", index: Int = 0
) -> WARCRecord {
    var head = "HTTP/1.1 \(status)\r\nContent-Type: \(contentType)\r\n"
    for (name, value) in extraHTTP { head += "\(name): \(value)\r\n" }
    head += "\r\n"
    let block = Array(head.utf8) + body
    var headers = HeaderFields()
    headers.append("WARC-Type", "response")
    headers.append("WARC-Record-ID", "<urn:uuid:00000000-0000-4000-8000-\(String(format: "%012d", index))>")
    headers.append("WARC-Date", "2026-12-02T12:00:0\(index % 10)Z")
    headers.append("WARC-Target-URI", uri)
    headers.append("Content-Type", "application/http; msgtype=response")
    headers.append("WARC-Block-Digest", WARCDigest.sha1(block))
    return WARCRecord(headers: headers, block: block)
}

func page(_ n: Int) -> [UInt8] {
    Array("<html><body><p>page \(n) \(String(repeating: "text ", count: 40))</p></body></html>".utf8)
}

/// Records 0..<count as a WARC file: one gzip member per record, or plain.
func warcFile(_ records: [WARCRecord], gzip: Bool) -> (bytes: [UInt8], offsets: [Int]) {
    var bytes: [UInt8] = []
    var offsets: [Int] = []
    for record in records {
        offsets.append(bytes.count)
        bytes += gzip ? Deflate.gzipMember(record.serialized()) : record.serialized()
    }
    return (bytes, offsets)
}

func temporaryFile(_ bytes: [UInt8], suffix: String = ".warc.gz") throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
        "winnow-warc-\(UUID().uuidString)\(suffix)"
    ).path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
}

/// Every entry of a file: records as their target URI, damage as `damage: reason`, notices as `notice`.
func readAll(_ bytes: [UInt8], gzip: Bool, limits: WARCReadLimits = WARCReadLimits()) throws -> [(
    offset: Int, what: String
)] {
    let path = try temporaryFile(bytes, suffix: gzip ? ".warc.gz" : ".warc")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let reader = try WARCReader(path: path, limits: limits)
    var out: [(Int, String)] = []
    while let entry = reader.next() {
        switch entry.content {
        case .record(let record): out.append((entry.offset, record.targetURI ?? "?"))
        case .damage(let reason): out.append((entry.offset, "damage: " + reason))
        case .notice: out.append((entry.offset, "notice"))
        }
        if out.count > 1000 {
            Issue.record("runaway reader")
            break
        }
    }
    return out
}

import Foundation
import Testing
import WinnowCompression

@testable import WinnowWARC

@Suite("WARCReader")
struct WARCReaderTests {
    let records = (0..<3).map { responseRecord("http://example.com/\($0)", body: page($0), index: $0) }

    @Test("gzip per record and plain: every record, at its member or byte offset", arguments: [true, false])
    func readsEveryRecord(gzip: Bool) throws {
        let (bytes, offsets) = warcFile(records, gzip: gzip)
        let entries = try readAll(bytes, gzip: gzip)
        #expect(entries.map(\.what) == ["http://example.com/0", "http://example.com/1", "http://example.com/2"])
        #expect(entries.map(\.offset) == offsets)
    }

    @Test("the block comes back byte for byte, with version and fields")
    func roundTrip() throws {
        let (bytes, _) = warcFile(records, gzip: true)
        let path = try temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = try WARCReader(path: path)
        guard case .record(let record)? = reader.next()?.content else {
            Issue.record("no record")
            return
        }
        #expect(record.block == records[0].block)
        #expect(record.version == "WARC/1.1")
        #expect(record.recordID == records[0].recordID)
        #expect(reader.next()?.length != nil)
    }

    @Test(
        "nextParts: the header bytes as stored, the HTTP head apart from the body; joined they are next()'s block",
        arguments: [true, false])
    func parts(gzip: Bool) throws {
        var resource = HeaderFields()
        resource.append("WARC-Type", "resource")
        resource.append("WARC-Target-URI", "http://example.com/r")
        let all = records + [WARCRecord(headers: resource, block: Array("HTTP/ looks like a head\r\n\r\nx".utf8))]
        let (bytes, offsets) = warcFile(all, gzip: gzip)
        let path = try temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let whole = try WARCReader(path: path)
        let split = try WARCReader(path: path)
        for (index, expected) in all.enumerated() {
            let entry = try #require(split.nextParts())
            guard case .record(let parts) = entry.content, case .record(let record)? = whole.next()?.content else {
                Issue.record("record \(index) missing")
                return
            }
            #expect(entry.offset == offsets[index])
            #expect(parts.headerBytes == expected.headerBytes())
            #expect(parts.httpHead + parts.body == record.block)
            #expect(parts.record.block == expected.block)
            if index < records.count {
                let head = Array("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n".utf8)
                #expect(parts.httpHead == head)
                #expect(parts.body == page(index))
            } else {
                #expect(parts.httpHead.isEmpty, "a resource record's block is not split")
            }
        }
        #expect(split.nextParts() == nil)
    }

    @Test("a block bigger than the buffer's first size (2 MB) comes back whole", arguments: [true, false])
    func bigBlock(gzip: Bool) throws {
        let body = [UInt8](repeating: 0, count: 2 << 20).enumerated().map { UInt8(truncatingIfNeeded: $0.offset >> 5) }
        let all = [records[0], responseRecord("http://example.com/big", body: body, index: 7), records[1]]
        let (bytes, _) = warcFile(all, gzip: gzip)
        let entries = try readAll(bytes, gzip: gzip)
        #expect(entries.map(\.what) == ["http://example.com/0", "http://example.com/big", "http://example.com/1"])
        let path = try temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = try WARCReader(path: path)
        _ = reader.nextParts()
        guard case .record(let parts)? = reader.nextParts()?.content else {
            Issue.record("no big record")
            return
        }
        #expect(parts.body == body)
    }

    @Test("target URI: <…> stripped and spaces escaped, as warcio and FastWARC give it")
    func targetURI() {
        var headers = HeaderFields()
        headers.append("WARC-Target-URI", "<http://example.com/a b>")
        #expect(WARCRecord(headers: headers, block: []).targetURI == "http://example.com/a%20b")
        #expect(WARCRecord.cleanURI("  < http://e.com/x > ") == "http://e.com/x")
        #expect(WARCRecord.cleanURI("http://e.com/ü a") == "http://e.com/ü%20a")
        #expect(WARCRecord.cleanURI("<>") == "")
    }

    @Test("a file gzipped as one stream is read in sequence, with a notice")
    func oneStream() throws {
        let plain = warcFile(records, gzip: false).bytes
        let entries = try readAll(Deflate.gzipMember(plain), gzip: true)
        #expect(
            entries.map(\.what) == ["http://example.com/0", "notice", "http://example.com/1", "http://example.com/2"])
        #expect(Set(entries.filter { $0.what != "notice" }.map(\.offset)).count == 3)
    }

    @Test("WARC/1.0 records are read")
    func version10() throws {
        var record = records[0]
        record.version = "WARC/1.0"
        let entries = try readAll(record.serialized(), gzip: false)
        #expect(entries.map(\.what) == ["http://example.com/0"])
    }

    // MARK: Damage: a reason, and the neighbours survive

    private func expectDamage(
        _ entries: [(offset: Int, what: String)], _ fragment: String, survivors: [String],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let damage = entries.filter { $0.what.hasPrefix("damage: ") }
        #expect(damage.count == 1, "\(entries.map { "\($0.offset) \($0.what)" })", sourceLocation: sourceLocation)
        #expect(damage.first?.what.contains(fragment) == true, "\(damage)", sourceLocation: sourceLocation)
        #expect(
            entries.filter { !$0.what.hasPrefix("damage: ") }.map(\.what) == survivors, sourceLocation: sourceLocation)
    }

    @Test("a truncated last record", arguments: [true, false])
    func truncatedLast(gzip: Bool) throws {
        let (bytes, offsets) = warcFile(records, gzip: gzip)
        let cut = Array(bytes[0..<(offsets[2] + (bytes.count - offsets[2]) / 2)])
        let entries = try readAll(cut, gzip: gzip)
        expectDamage(
            entries, gzip ? "truncated gzip member" : "runs past the end",
            survivors: ["http://example.com/0", "http://example.com/1"])
        #expect(entries.last?.offset == offsets[2])
    }

    @Test("a bad Content-Length", arguments: [true, false])
    func badContentLength(gzip: Bool) throws {
        var bad = Array(records[1].serialized())
        let text = String(decoding: bad, as: UTF8.self).replacingOccurrences(
            of: "Content-Length: ", with: "Content-Length: x")
        bad = Array(text.utf8)
        let bytes =
            (gzip ? Deflate.gzipMember(records[0].serialized()) : records[0].serialized())
            + (gzip ? Deflate.gzipMember(bad) : bad)
            + (gzip ? Deflate.gzipMember(records[2].serialized()) : records[2].serialized())
        expectDamage(
            try readAll(bytes, gzip: gzip), "invalid Content-Length",
            survivors: ["http://example.com/0", "http://example.com/2"])
    }

    @Test("a Content-Length too short: the record is not followed by its blank lines", arguments: [true, false])
    func missingBlankLines(gzip: Bool) throws {
        var text = String(decoding: records[1].serialized(), as: UTF8.self)
        text = text.replacingOccurrences(
            of: "Content-Length: \(records[1].block.count)", with: "Content-Length: \(records[1].block.count - 7)")
        let bad = Array(text.utf8)
        let bytes =
            (gzip ? Deflate.gzipMember(records[0].serialized()) : records[0].serialized())
            + (gzip ? Deflate.gzipMember(bad) : bad)
            + (gzip ? Deflate.gzipMember(records[2].serialized()) : records[2].serialized())
        expectDamage(
            try readAll(bytes, gzip: gzip), "blank lines", survivors: ["http://example.com/0", "http://example.com/2"])
    }

    @Test("a 2 GB Content-Length", arguments: [true, false])
    func hugeContentLength(gzip: Bool) throws {
        let text = String(decoding: records[1].serialized(), as: UTF8.self)
            .replacingOccurrences(of: "Content-Length: \(records[1].block.count)", with: "Content-Length: 2147483648")
        let bad = Array(text.utf8)
        let bytes =
            (gzip ? Deflate.gzipMember(records[0].serialized()) : records[0].serialized())
            + (gzip ? Deflate.gzipMember(bad) : bad)
            + (gzip ? Deflate.gzipMember(records[2].serialized()) : records[2].serialized())
        expectDamage(
            try readAll(bytes, gzip: gzip), gzip ? "truncated record" : "runs past the end",
            survivors: ["http://example.com/0", "http://example.com/2"])
    }

    @Test("a broken gzip member")
    func brokenMember() throws {
        var (bytes, offsets) = warcFile(records, gzip: true)
        for i in (offsets[1] + 20)..<(offsets[1] + 60) { bytes[i] ^= 0x5A }
        let entries = try readAll(bytes, gzip: true)
        expectDamage(entries, "gzip", survivors: ["http://example.com/0", "http://example.com/2"])
        #expect(entries.first { $0.what.hasPrefix("damage") }?.offset == offsets[1])
    }

    @Test("a header line over the limit", arguments: [true, false])
    func longHeader(gzip: Bool) throws {
        var long = records[1]
        long.headers.append("X-Long", String(repeating: "a", count: 70_000))
        let bytes = warcFile([records[0], long, records[2]], gzip: gzip).bytes
        expectDamage(
            try readAll(bytes, gzip: gzip), "header longer than",
            survivors: ["http://example.com/0", "http://example.com/2"])
    }

    @Test("a block digest that does not match")
    func digestMismatch() throws {
        var bad = records[1]
        bad.block[bad.block.count - 3] ^= 1
        let bytes = warcFile([records[0], bad, records[2]], gzip: true).bytes
        expectDamage(
            try readAll(bytes, gzip: true), "WARC-Block-Digest",
            survivors: ["http://example.com/0", "http://example.com/2"])
    }

    @Test("a block over the read limit is read past, not held")
    func blockOverLimit() throws {
        let big = responseRecord("http://example.com/big", body: [UInt8](repeating: 0x61, count: 200_000), index: 9)
        let bytes = warcFile([records[0], big, records[2]], gzip: true).bytes
        expectDamage(
            try readAll(bytes, gzip: true, limits: WARCReadLimits(maxBlockBytes: 100_000)), "over the read limit",
            survivors: ["http://example.com/0", "http://example.com/2"])
    }

    @Test(
        "garbage, an empty file and a non-WARC file end cleanly",
        arguments: [[UInt8](), Array("hello world\n".utf8), [UInt8](repeating: 0, count: 100)])
    func garbage(bytes: [UInt8]) throws {
        let entries = try readAll(bytes, gzip: false)
        #expect(entries.allSatisfy { $0.what.hasPrefix("damage") })
        #expect(entries.count <= 1)
    }

    @Test("digest labels: sha1 base32, as warcio writes them")
    func digestLabel() {
        // sha1("") = da39a3ee5e6b4b0d3255bfef95601890afd80709
        #expect(WARCDigest.sha1([]) == "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ")
        #expect(WARCDigest.matches("sha1:da39a3ee5e6b4b0d3255bfef95601890afd80709", sha1: SHA1.digest([])) == true)
        #expect(WARCDigest.matches("md5:xyz", sha1: SHA1.digest([])) == nil)
    }
}

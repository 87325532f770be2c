import Foundation
import WinnowCompression

/// One HTTP exchange as fetched, for ``WARCWriter/write(_:)``.
public struct HTTPExchange: Sendable {
    public var uri: String
    public var date: Date
    public var ipAddress: String?
    /// The request as sent (head and body), if known.
    public var request: [UInt8]?
    /// The response as received: status line, headers, body before any decoding.
    public var response: [UInt8]
    /// Why the body was cut, when it was (`length`, `time`, …: WARC-Truncated).
    public var truncated: String?

    public init(
        uri: String, date: Date, ipAddress: String? = nil, request: [UInt8]? = nil, response: [UInt8],
        truncated: String? = nil
    ) {
        self.uri = uri
        self.date = date
        self.ipAddress = ipAddress
        self.request = request
        self.response = response
        self.truncated = truncated
    }
}

/// Writes WARC/1.1 files, gzip one member per record: a `warcinfo` record
/// first; `request`/`response` pairs joined by `WARC-Concurrent-To`;
/// `revisit` records (identical-payload-digest) when a payload repeats;
/// `metadata` records on request. Files rotate at a size, are named
/// `PREFIX-TIMESTAMP-SERIAL.warc.gz`, are written as `….warc.gz.open` and
/// renamed when closed, with a CDXJ index (`….warc.gz.cdxj`) beside them.
public final class WARCWriter {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Where a record went.
    public struct Written: Sendable, Equatable {
        public var file: String
        public var offset: Int
        public var recordID: String
        public var type: String
    }

    public let directory: String
    public let prefix: String
    public let maxFileBytes: Int
    /// Fields of every file's `warcinfo` record (software, format, fetch settings).
    public let info: [(String, String)]
    private let clock: @Sendable () -> Date
    private let makeID: @Sendable () -> String

    private var handle: FileHandle?
    private var openPath: String?
    private var size = 0
    private var serial = 0
    private var seenPayloads: [String: (id: String, uri: String, date: String)] = [:]
    /// Distinct payloads remembered for revisits; the table is emptied when full, so a
    /// long crawl's memory stays flat (repeats are mostly near each other: redirect
    /// and error bodies). About 350 bytes each.
    public static let rememberedPayloads = 10_000
    /// Files closed so far, in order.
    public private(set) var closedFiles: [String] = []

    public static let revisitProfile = "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"

    public init(
        directory: String, prefix: String, maxFileBytes: Int = 1_000_000_000, info: [(String, String)],
        clock: @escaping @Sendable () -> Date = { Date() },
        makeID: @escaping @Sendable () -> String = { "<urn:uuid:\(UUID().uuidString.lowercased())>" }
    ) {
        self.directory = directory
        self.prefix = prefix
        self.maxFileBytes = maxFileBytes
        self.info = info
        self.clock = clock
        self.makeID = makeID
    }

    deinit { try? close() }

    /// WARC-Date with the microseconds WARC 1.1 allows.
    public static func warcDate(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        let seconds = formatter.string(from: date).dropLast()  // "…Z"
        let micros = Int((date.timeIntervalSince1970 - floor(date.timeIntervalSince1970)) * 1_000_000)
        return seconds + String(format: ".%06dZ", micros)
    }

    /// Writes a fetched exchange: `request` (if given) and `response`, or a
    /// `revisit` when this writer already stored the same payload.
    @discardableResult
    public func write(_ exchange: HTTPExchange) throws(Failure) -> Written {
        let response: HTTPResponse
        do {
            response = try HTTPResponse.parse(exchange.response)
        } catch {
            throw Failure(description: "\(exchange.uri): \(error.description)")
        }
        // Over the body as stored (transfer coding kept): what warcio, FastWARC,
        // wget and Heritrix compute and check, whatever WARC 1.1's "entity-body" says.
        let payloadDigest = WARCDigest.sha1(response.body)
        let date = Self.warcDate(exchange.date)
        let responseID = makeID()
        var records: [WARCRecord] = []
        var headers = HeaderFields()
        // A cut body is not the payload it stands for: never a revisit, nor the original of one.
        if exchange.truncated == nil, let earlier = seenPayloads[payloadDigest] {
            let headEnd = exchange.response.count - response.body.count
            let block = Array(exchange.response[0..<headEnd])
            headers.append("WARC-Type", "revisit")
            headers.append("WARC-Record-ID", responseID)
            headers.append("WARC-Date", date)
            headers.append("WARC-Target-URI", exchange.uri)
            if let ip = exchange.ipAddress { headers.append("WARC-IP-Address", ip) }
            headers.append("WARC-Profile", Self.revisitProfile)
            headers.append("WARC-Refers-To", earlier.id)
            headers.append("WARC-Refers-To-Target-URI", earlier.uri)
            headers.append("WARC-Refers-To-Date", earlier.date)
            headers.append("WARC-Payload-Digest", payloadDigest)
            headers.append("WARC-Block-Digest", WARCDigest.sha1(block))
            headers.append("Content-Type", "application/http; msgtype=response")
            records.append(WARCRecord(headers: headers, block: block))
        } else {
            if exchange.truncated == nil {
                if seenPayloads.count >= Self.rememberedPayloads { seenPayloads.removeAll() }
                seenPayloads[payloadDigest] = (responseID, exchange.uri, date)
            }
            headers.append("WARC-Type", "response")
            headers.append("WARC-Record-ID", responseID)
            headers.append("WARC-Date", date)
            headers.append("WARC-Target-URI", exchange.uri)
            if let ip = exchange.ipAddress { headers.append("WARC-IP-Address", ip) }
            if let truncated = exchange.truncated { headers.append("WARC-Truncated", truncated) }
            headers.append("WARC-Payload-Digest", payloadDigest)
            headers.append("WARC-Block-Digest", WARCDigest.sha1(exchange.response))
            headers.append("Content-Type", "application/http; msgtype=response")
            records.append(WARCRecord(headers: headers, block: exchange.response))
        }
        if let request = exchange.request {
            var fields = HeaderFields()
            fields.append("WARC-Type", "request")
            fields.append("WARC-Record-ID", makeID())
            fields.append("WARC-Date", date)
            fields.append("WARC-Target-URI", exchange.uri)
            if let ip = exchange.ipAddress { fields.append("WARC-IP-Address", ip) }
            fields.append("WARC-Concurrent-To", responseID)
            fields.append("WARC-Block-Digest", WARCDigest.sha1(request))
            fields.append("Content-Type", "application/http; msgtype=request")
            records.append(WARCRecord(headers: fields, block: request))
        }
        let written = try append(records)
        return written[0]
    }

    /// A `metadata` record about `uri` (fetch reasons, outlinks: `name: value` lines).
    @discardableResult
    public func writeMetadata(uri: String, concurrentTo recordID: String?, fields: [(String, String)]) throws(Failure)
        -> Written
    {
        var headers = HeaderFields()
        headers.append("WARC-Type", "metadata")
        headers.append("WARC-Record-ID", makeID())
        headers.append("WARC-Date", Self.warcDate(clock()))
        headers.append("WARC-Target-URI", uri)
        if let recordID { headers.append("WARC-Concurrent-To", recordID) }
        let block = Array(fields.map { "\($0.0): \($0.1)\r\n" }.joined().utf8)
        headers.append("WARC-Block-Digest", WARCDigest.sha1(block))
        headers.append("Content-Type", "application/warc-fields")
        return try append([WARCRecord(headers: headers, block: block)])[0]
    }

    /// Closes the open file: renamed from `.open`, CDXJ written beside it.
    public func close() throws(Failure) {
        guard let handle, let openPath else { return }
        self.handle = nil
        self.openPath = nil
        do {
            try handle.synchronize()
            try handle.close()
        } catch {
            throw Failure(description: "cannot close \(openPath): \(error.localizedDescription)")
        }
        closedFiles.append(try Self.finish(openPath))
    }

    /// After a crash: every `.open` file in `directory` loses its incomplete
    /// tail record and is closed (renamed, indexed). Returns the closed paths.
    public static func recover(directory: String) throws(Failure) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        var closed: [String] = []
        for name in names.sorted() where name.hasSuffix(".warc.gz.open") {
            let path = directory + "/" + name
            var end = 0
            do {
                let reader = try WARCReader(path: path, limits: WARCReadLimits(maxBlockBytes: 1 << 30))
                while let entry = reader.next() {
                    guard case .record = entry.content, let length = entry.length, entry.offset == end else { break }
                    end = entry.offset + length
                }
            } catch {
                throw Failure(description: error.description)
            }
            guard truncate(path, off_t(end)) == 0 else { throw Failure(description: "cannot cut \(path) at \(end)") }
            closed.append(try finish(path))
        }
        return closed
    }

    private static func finish(_ openPath: String) throws(Failure) -> String {
        let path = String(openPath.dropLast(".open".count))
        guard rename(openPath, path) == 0 else { throw Failure(description: "cannot rename \(openPath)") }
        do {
            // Sorted in runs of 20,000 entries merged from disk: a file of a million
            // records is indexed in the memory of 20,000 (about 15 MB).
            try CDXJ.writeIndex(of: path, to: path + ".cdxj.partial")
            guard rename(path + ".cdxj.partial", path + ".cdxj") == 0 else {
                throw Failure(description: "cannot rename the index of \(path)")
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(description: "cannot index \(path): \(error)")
        }
        return path
    }

    private func append(_ records: [WARCRecord]) throws(Failure) -> [Written] {
        let members = records.map { Deflate.gzipMember($0.serialized()) }
        let total = members.reduce(0) { $0 + $1.count }
        if handle != nil, size > 0, size + total > maxFileBytes { try close() }
        if handle == nil { try openNext() }
        var written: [Written] = []
        for (record, member) in zip(records, members) {
            written.append(
                Written(
                    file: String(openPath!.dropLast(".open".count)), offset: size,
                    recordID: record.recordID ?? "", type: record.type))
            try writeBytes(member)
        }
        return written
    }

    private func openNext() throws(Failure) {
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let now = clock()
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMddHHmmssSSS"
        serial += 1
        var name = "\(prefix)-\(formatter.string(from: now))-\(String(format: "%05d", serial)).warc.gz"
        while FileManager.default.fileExists(atPath: directory + "/" + name)
            || FileManager.default.fileExists(atPath: directory + "/" + name + ".open")
        {
            serial += 1
            name = "\(prefix)-\(formatter.string(from: now))-\(String(format: "%05d", serial)).warc.gz"
        }
        let path = directory + "/" + name + ".open"
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else {
            throw Failure(description: "cannot create \(path)")
        }
        self.handle = handle
        openPath = path
        size = 0
        var headers = HeaderFields()
        headers.append("WARC-Type", "warcinfo")
        headers.append("WARC-Record-ID", makeID())
        headers.append("WARC-Date", Self.warcDate(now))
        headers.append("WARC-Filename", name)
        let block = Array(info.map { "\($0.0): \($0.1)\r\n" }.joined().utf8)
        headers.append("WARC-Block-Digest", WARCDigest.sha1(block))
        headers.append("Content-Type", "application/warc-fields")
        try writeBytes(Deflate.gzipMember(WARCRecord(headers: headers, block: block).serialized()))
    }

    private func writeBytes(_ bytes: [UInt8]) throws(Failure) {
        do {
            try handle!.write(contentsOf: bytes)
        } catch {
            throw Failure(description: "cannot write \(openPath ?? ""): \(error.localizedDescription)")
        }
        size += bytes.count
    }
}

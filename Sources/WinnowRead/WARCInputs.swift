import Foundation
import WinnowCore
import WinnowWARC

/// The inputs inside one WARC file: its `response`, `resource` and
/// `revisit` records, its damage and its notices, in file order. `request`,
/// `metadata` and `warcinfo` records are read past.
///
/// An input's key is the file's key, `#`, and the record's offset, so its
/// record id is stable; the file is read once per pass, in sequence, and
/// each record travels to the loader inside its ``InputRef``.
public enum WARCInputs {
    /// Names read as WARC files (ARC files too, to reject them with a clear reason).
    static let fileExtensions = [".warc", ".warc.gz", ".arc", ".arc.gz"]

    public static func forEach(in unit: InputRef, limits: WARCReadLimits, _ body: (InputRef) throws -> Void) throws {
        func input(_ offset: Int, _ embedded: InputRef.Embedded) -> InputRef {
            InputRef(
                key: "\(unit.key)#\(offset)", kind: .warcRecord, location: unit.location, offset: offset,
                container: unit.key, embedded: embedded)
        }
        let lower = unit.location.lowercased()
        if lower.hasSuffix(".arc") || lower.hasSuffix(".arc.gz") {
            return try body(
                input(0, .damage("ARC file: only WARC (1.0, 1.1) is read; convert it with warcio or jwattools")))
        }
        let reader: WARCReader
        do {
            reader = try WARCReader(path: unit.location, limits: limits)
        } catch {
            return try body(input(0, .damage(error.description)))
        }
        while let entry = reader.nextParts() {
            switch entry.content {
            case .record(let record):
                switch record.type {
                case "response", "resource", "revisit":
                    // The header bytes as stored and the HTTP head (small), the body without a copy.
                    try body(input(entry.offset, .bytes(head: record.headerBytes + record.httpHead, body: record.body)))
                default: continue
                }
            case .damage(let reason): try body(input(entry.offset, .damage(reason)))
            case .notice(let text): try body(input(entry.offset, .notice("\(unit.key): \(text)")))
            }
        }
    }
}

/// Turns one WARC record into a page as a browser would see it: the HTTP
/// body de-chunked and decoded (gzip, deflate, br), the `Content-Type`
/// charset as the transport charset, the target URI, date, status and
/// record id. Not HTML, not status 200, or a revisit: skipped (counted).
///
/// Digests are checked here, on the worker threads: `WARC-Block-Digest`
/// when the record has one, else `WARC-Payload-Digest` (the block digest
/// covers the payload, so checking both would hash the page twice). A
/// mismatch is a reject naming the file, the offset and the digest.
public struct WARCRecordLoader: InputLoader {
    public var maxBytes: Int
    /// Check SHA-1 digests (`winnow run --no-warc-digests` turns it off).
    public var verifyDigests: Bool

    public init(maxBytes: Int = 64_000_000, verifyDigests: Bool = true) {
        self.maxBytes = maxBytes
        self.verifyDigests = verifyDigests
    }

    public func load(_ ref: InputRef) throws -> InputContent {
        let place = "\(ref.container ?? ref.location) at offset \(ref.offset ?? 0)"
        switch ref.embedded {
        case .damage(let reason)?:
            throw StageFailure(stage: "read", reason: "\(place): \(reason)")
        case .notice(let text)?:
            throw InputSkipped(.notice(text))
        case nil:
            throw StageFailure(stage: "read", reason: "\(place): the record was not read")
        case .bytes(let head, let body)?:
            guard let record = WARCRecordParts(joinedHead: head, body: body) else {
                throw StageFailure(stage: "read", reason: "\(place): the record cannot be parsed again")
            }
            if verifyDigests, let failure = Self.digestFailure(record) {
                throw StageFailure(stage: "read", reason: "\(place): \(failure)")
            }
            return try page(record, place: place)
        }
    }

    /// Why the record's digest does not match, or nil (also when it has none, or not SHA-1).
    static func digestFailure(_ record: WARCRecordParts) -> String? {
        let hasher = SHA1()
        if let stated = record.headers["WARC-Block-Digest"] {
            hasher.update(record.httpHead)
            hasher.update(record.body)
            return WARCDigest.matches(stated, sha1: hasher.finish()) == false
                ? "WARC-Block-Digest does not match the block (\(stated))" : nil
        }
        guard let stated = record.headers["WARC-Payload-Digest"], record.type != "revisit" else { return nil }
        // The payload: the HTTP body as stored, or a resource record's block.
        var payload = record.body[...]
        if record.httpHead.isEmpty, record.type == "response", let split = HTTPResponse.bodyStart(in: record.body) {
            payload = record.body[split.bodyStart...]
        }
        hasher.update(payload)
        return WARCDigest.matches(stated, sha1: hasher.finish()) == false
            ? "WARC-Payload-Digest does not match the payload (\(stated))" : nil
    }

    func page(_ record: WARCRecordParts, place: String) throws -> InputContent {
        if record.type == "revisit" {
            throw InputSkipped(
                .revisit,
                revisit: InputSkipped.Revisit(
                    url: record.targetURI, fetchedAt: record.headers["WARC-Date"], warcRecordID: record.recordID,
                    refersTo: record.headers["WARC-Refers-To"],
                    refersToURL: record.headers["WARC-Refers-To-Target-URI"].map(WARCRecord.cleanURI)
                        ?? record.targetURI,
                    refersToDate: record.headers["WARC-Refers-To-Date"],
                    payloadDigest: record.headers["WARC-Payload-Digest"]))
        }
        let warcType = HTTPResponse.mediaType(record.headers["Content-Type"])
        var body = record.body
        var mediaType = warcType
        var charset = HTTPResponse.charset(record.headers["Content-Type"])
        var status: Int?
        let isHTTP =
            record.type == "response"
            && (!record.httpHead.isEmpty || warcType?.hasPrefix("application/http") ?? false
                || record.body.starts(with: "HTTP/".utf8))
        if isHTTP {
            let response: HTTPResponse
            do {
                // The head apart (no copy of the body), or a block the reader did not split.
                response =
                    record.httpHead.isEmpty
                    ? try HTTPResponse.parse(record.body)
                    : try HTTPResponse.parse(head: record.httpHead[...], body: record.body)
            } catch {
                throw StageFailure(stage: "read", reason: "\(place): \(error.description)")
            }
            status = response.status
            guard response.status == 200 else { throw InputSkipped(.status(response.status)) }
            mediaType = response.mediaType
            charset = response.charset
            guard Self.isHTML(mediaType) else { throw InputSkipped(.contentType(mediaType ?? "(none)")) }
            do {
                body = try response.decodedBody(limit: maxBytes)
            } catch {
                throw StageFailure(stage: "read", reason: "\(place): \(error.description)")
            }
        } else {
            guard Self.isHTML(mediaType) else { throw InputSkipped(.contentType(mediaType ?? "(none)")) }
        }
        guard body.count <= maxBytes else {
            throw StageFailure(stage: "read", reason: "\(place): page larger than the read limit of \(maxBytes) bytes")
        }
        return InputContent(
            bytes: body, format: .html, declaredCharset: charset, url: record.targetURI,
            fetchedAt: record.headers["WARC-Date"], httpStatus: status, warcRecordID: record.recordID)
    }

    static func isHTML(_ mediaType: String?) -> Bool {
        mediaType == "text/html" || mediaType == "application/xhtml+xml"
    }
}

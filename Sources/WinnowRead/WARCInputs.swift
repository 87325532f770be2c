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
        func input(_ offset: Int, _ embedded: InputRef.Embedded, repeats: Int? = nil) -> InputRef {
            InputRef(
                key: "\(unit.key)#\(offset)", kind: .warcRecord, location: unit.location, offset: offset,
                container: unit.key, embedded: embedded, repeats: repeats.map { "\(unit.key)#\($0)" })
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
        // Responses of this file by record id and by URI + payload digest, so
        // that a revisit names the record it repeats (a few dozen bytes a record).
        var responses: [String: Int] = [:]
        while let entry = reader.next() {
            switch entry.content {
            case .record(let record):
                switch record.type {
                case "response", "resource", "revisit":
                    var repeats: Int?
                    if record.type == "revisit" {
                        let uri =
                            record.headers["WARC-Refers-To-Target-URI"].map { WARCRecord.cleanURI($0) } ?? record
                            .targetURI ?? ""
                        repeats =
                            record.headers["WARC-Refers-To"].flatMap { responses[$0] }
                            ?? record.headers["WARC-Payload-Digest"].flatMap { responses[uri + " " + $0] }
                    } else {
                        if let id = record.recordID { responses[id] = entry.offset }
                        if let uri = record.targetURI, let digest = record.headers["WARC-Payload-Digest"] {
                            responses[uri + " " + digest] = entry.offset
                        }
                    }
                    try body(
                        input(entry.offset, .bytes(head: record.headerBytes(), body: record.block), repeats: repeats))
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
public struct WARCRecordLoader: InputLoader {
    public var maxBytes: Int

    public init(maxBytes: Int = 64_000_000) { self.maxBytes = maxBytes }

    public func load(_ ref: InputRef) throws -> InputContent {
        let place = "\(ref.container ?? ref.location) at offset \(ref.offset ?? 0)"
        switch ref.embedded {
        case .damage(let reason)?:
            throw StageFailure(stage: "read", reason: "\(place): \(reason)")
        case .notice(let text)?:
            throw InputSkipped(.notice(text))
        case nil:
            throw StageFailure(stage: "read", reason: "\(place): the record was not read")
        case .bytes(let head, let block)?:
            guard let record = WARCRecord.parse(head: head, block: block) else {
                throw StageFailure(stage: "read", reason: "\(place): the record cannot be parsed again")
            }
            return try page(record, place: place)
        }
    }

    func page(_ record: WARCRecord, place: String) throws -> InputContent {
        if record.type == "revisit" {
            throw InputSkipped(
                .revisit,
                revisit: InputSkipped.Revisit(
                    url: record.targetURI, fetchedAt: record.date, warcRecordID: record.recordID,
                    refersTo: record.headers["WARC-Refers-To"]))
        }
        let warcType = HTTPResponse.mediaType(record.headers["Content-Type"])
        var body = record.block
        var mediaType = warcType
        var charset = HTTPResponse.charset(record.headers["Content-Type"])
        var status: Int?
        let isHTTP =
            record.type == "response"
            && (warcType?.hasPrefix("application/http") ?? false || record.block.starts(with: "HTTP/".utf8))
        if isHTTP {
            let response: HTTPResponse
            do {
                response = try HTTPResponse.parse(record.block)
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
            fetchedAt: record.date, httpStatus: status, warcRecordID: record.recordID)
    }

    static func isHTML(_ mediaType: String?) -> Bool {
        mediaType == "text/html" || mediaType == "application/xhtml+xml"
    }
}

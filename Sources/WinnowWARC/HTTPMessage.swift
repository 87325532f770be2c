import Foundation
import WinnowCompression

/// An HTTP response as a WARC `response` record stores it: the head and the
/// body exactly as received.
public struct HTTPResponse: Sendable {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    public var status: Int
    public var headers: HeaderFields
    /// The entity body as stored (transfer and content codings still applied).
    public var body: [UInt8]

    /// Where the head ends and the body starts in a block: after the first
    /// empty line (CRLF, or bare LF as some servers send); nil without one.
    public static func bodyStart(in block: [UInt8]) -> (headEnd: Int, bodyStart: Int)? {
        bodyStart(in: block[...])
    }

    /// ``bodyStart(in:)`` for a part of a buffer (indices are the buffer's).
    public static func bodyStart(in block: ArraySlice<UInt8>) -> (headEnd: Int, bodyStart: Int)? {
        var index = block.startIndex
        while index < block.endIndex {
            guard let lf = block[index...].firstIndex(of: 0x0A) else { return nil }
            let lineStart = index
            index = lf + 1
            if lf == lineStart || (lf == lineStart + 1 && block[lineStart] == 0x0D) { return (lineStart, index) }
        }
        return nil
    }

    /// Parses a record block. The head ends at the first empty line.
    public static func parse(_ block: [UInt8]) throws(Failure) -> HTTPResponse {
        guard block.starts(with: "HTTP/".utf8) else {
            throw Failure(
                description:
                    "the response block is not an HTTP message (it starts with "
                    + "'\(String(decoding: block.prefix(12), as: UTF8.self))')"
            )
        }
        let split = bodyStart(in: block)
        let bodyStart = split?.bodyStart ?? block.count
        return try parse(head: block[0..<(split?.headEnd ?? block.count)], body: Array(block[bodyStart...]))
    }

    /// Parses a head (status line and fields, up to the empty line; the
    /// empty line itself may be included) with its body kept apart (as
    /// ``WARCReader/nextParts()`` reads a record): the body is not copied.
    public static func parse(head: ArraySlice<UInt8>, body: [UInt8]) throws(Failure) -> HTTPResponse {
        guard head.starts(with: "HTTP/".utf8) else {
            throw Failure(
                description:
                    "the response block is not an HTTP message (it starts with "
                    + "'\(String(decoding: head.prefix(12), as: UTF8.self))')"
            )
        }
        let statusEnd = head.firstIndex(of: 0x0A) ?? head.endIndex
        let statusLine = String(decoding: head[..<statusEnd], as: UTF8.self).trimmingASCIISpace()
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, let status = Int(parts[1]), (100...999).contains(status) else {
            throw Failure(description: "malformed HTTP status line '\(statusLine.prefix(60))'")
        }
        let (headers, badLine) = HeaderFields.parse(head[min(statusEnd + 1, head.endIndex)...])
        if let badLine { throw Failure(description: "malformed HTTP header line '\(badLine)'") }
        return HTTPResponse(status: status, headers: headers, body: body)
    }

    /// The media type of `Content-Type`, lower-cased, without parameters; nil when absent.
    public var mediaType: String? { Self.mediaType(headers["Content-Type"]) }

    /// The `charset` parameter of `Content-Type`: the transport charset.
    public var charset: String? { Self.charset(headers["Content-Type"]) }

    public static func mediaType(_ contentType: String?) -> String? {
        guard let contentType else { return nil }
        let type =
            contentType.split(separator: ";", maxSplits: 1).first.map(String.init)?.trimmingASCIISpace().lowercased()
            ?? ""
        return type.isEmpty ? nil : type
    }

    public static func charset(_ contentType: String?) -> String? {
        guard let contentType else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, HeaderFields.sameName(String(pair[0]).trimmingASCIISpace(), "charset") else {
                continue
            }
            var value = pair[1].utf8[...]
            let quoteOrSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x22 || $0 == 0x27 }
            while let first = value.first, quoteOrSpace(first) { value = value.dropFirst() }
            while let last = value.last, quoteOrSpace(last) { value = value.dropLast() }
            return value.isEmpty ? nil : String(Substring(value))
        }
        return nil
    }

    /// The entity body: transfer coding (chunked) removed, content coding
    /// kept. (`WARC-Payload-Digest` is computed over ``body`` as stored, the
    /// convention warcio and FastWARC check.) Common Crawl renames the
    /// original header to `X-Crawler-Transfer-Encoding` and stores the body
    /// already decoded: then nothing is removed.
    public func payload() -> [UInt8] {
        guard let coding = headers["Transfer-Encoding"], coding.lowercased().contains("chunked") else { return body }
        return Self.dechunk(body) ?? body
    }

    /// The body as a browser sees it: chunked removed, then `Content-Encoding`
    /// (gzip, deflate, br; several applied in order) decoded. Output beyond
    /// `limit` bytes is an error.
    public func decodedBody(limit: Int) throws(Failure) -> [UInt8] {
        var bytes = payload()
        guard let encodings = headers["Content-Encoding"] else { return bytes }
        for coding in encodings.split(separator: ",").reversed() {
            let name = coding.trimmingCharacters(in: .whitespaces).lowercased()
            do {
                switch name {
                case "", "identity", "none": continue
                case "gzip", "x-gzip": bytes = bytes.isEmpty ? [] : try Gzip.decompress(bytes, limit: limit)
                case "deflate": bytes = try Deflate.decompress(bytes, limit: limit)
                case "br": bytes = bytes.isEmpty ? [] : try Brotli.decompress(bytes, limit: limit)
                default: throw Failure(description: "unsupported Content-Encoding '\(name)'")
                }
            } catch let failure as Gzip.Failure {
                throw Failure(description: "Content-Encoding \(name): \(failure.description)")
            } catch let failure as Failure {
                throw failure
            } catch {
                throw Failure(description: "Content-Encoding \(name): \(error)")
            }
        }
        return bytes
    }

    /// Decodes `Transfer-Encoding: chunked`; nil when the body is not chunked
    /// at all (the header lied). A body cut short keeps the chunks it has.
    static func dechunk(_ body: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(body.count)
        var index = 0
        var chunks = 0
        while index < body.count {
            guard let lf = body[index...].firstIndex(of: 0x0A) else { break }
            var line = body[index..<lf]
            if line.last == 0x0D { line = line.dropLast() }
            if let semicolon = line.firstIndex(of: UInt8(ascii: ";")) { line = line[..<semicolon] }
            let text = String(decoding: line, as: UTF8.self).trimmingASCIISpace()
            guard let size = Int(text, radix: 16), size >= 0 else {
                return chunks == 0 ? nil : out
            }
            chunks += 1
            index = lf + 1
            if size == 0 { break }
            let end = min(index + size, body.count)
            out.append(contentsOf: body[index..<end])
            index = end
            // The CRLF after the chunk data.
            if index < body.count, body[index] == 0x0D { index += 1 }
            if index < body.count, body[index] == 0x0A { index += 1 }
        }
        return chunks == 0 ? nil : out
    }
}

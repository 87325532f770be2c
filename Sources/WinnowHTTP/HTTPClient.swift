import CCurl
import Foundation

/// One HTTP GET as `winnow fetch` sends it.
public struct HTTPRequest: Sendable {
    public var url: String
    public var userAgent: String
    /// Seconds to establish the connection.
    public var connectTimeout: Double
    /// Seconds for the whole exchange; a slower response is abandoned.
    public var totalTimeout: Double
    /// Body bytes kept; the transfer stops at this many and the result is marked truncated.
    public var maxBodyBytes: Int
    /// The address to connect to for the URL's host (checked by the caller),
    /// so the address that was checked is the address used (no second DNS lookup).
    public var pinnedAddress: String?
    /// Extra request header lines (`Name: value`), e.g. the validators of a conditional request.
    public var headers: [String]
    /// Asked once the response head is in (status, `Content-Type` as sent or nil): false stops the
    /// transfer before its body, and the result keeps the head with ``HTTPResult/skippedType`` set.
    /// Nil: every body is read.
    public var keepsBody: (@Sendable (_ status: Int, _ contentType: String?) -> Bool)?

    public init(
        url: String, userAgent: String, connectTimeout: Double, totalTimeout: Double, maxBodyBytes: Int,
        pinnedAddress: String? = nil, headers: [String] = [],
        keepsBody: (@Sendable (_ status: Int, _ contentType: String?) -> Bool)? = nil
    ) {
        self.headers = headers
        self.keepsBody = keepsBody
        self.url = url
        self.userAgent = userAgent
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.maxBodyBytes = maxBodyBytes
        self.pinnedAddress = pinnedAddress
    }
}

/// Why no complete response came.
public struct HTTPFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// Connect or total timeout.
        case timeout
        /// No connection (refused, unreachable).
        case connect
        /// The connection broke or the server sent nothing or a bad response.
        case reset
        /// The host name did not resolve.
        case resolve
        /// Anything else (bad URL, unsupported protocol, local error).
        case other
    }
    public var kind: Kind
    public var message: String
    public var description: String { "\(kind.rawValue): \(message)" }
}

/// What came back, bytes as on the wire: the head as received (status line
/// and header lines, ending with the blank line) and the body with its
/// transfer and content codings kept, as a WARC record stores them.
public struct HTTPResult: Sendable {
    /// The final status (nil when no response head arrived).
    public var status: Int?
    public var head: [UInt8]
    public var body: [UInt8]
    /// The request head as sent.
    public var request: [UInt8]
    /// The peer's address (CURLINFO_PRIMARY_IP).
    public var peerAddress: String?
    /// The body was cut at the byte cap.
    public var truncated: Bool
    /// The `Content-Type` for which the request's `keepsBody` refused the body: the head is
    /// all there is (`""` when the response had none). Not a failure.
    public var skippedType: String?
    /// Set when the exchange did not complete (a truncation at the cap is not a failure).
    public var failure: HTTPFailure?
    public var seconds: Double

    /// Head and body: the HTTP block of a WARC response record.
    public var response: [UInt8] { head + body }

    /// A header's value (the last of that name), from the head as received.
    public func header(_ name: String) -> String? { Self.header(name, in: head) }

    static func header(_ name: String, in head: [UInt8]) -> String? {
        var found: String?
        for line in String(decoding: head, as: UTF8.self).split(whereSeparator: \.isNewline).dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            if line[..<colon].trimmingCharacters(in: .whitespaces).caseInsensitiveCompare(name) == .orderedSame {
                found = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return found
    }
}

/// The one libcurl wrapper: performs one request with the easy interface and
/// hands back Swift values. It follows no redirects (the crawler follows them
/// hop by hop, each hop a WARC pair), asks for no content coding and keeps
/// the transfer coding (`CURLOPT_HTTP_TRANSFER_DECODING=0`), so the bytes are
/// the server's. libcurl 7.88's `CURLOPT_MAXFILESIZE_LARGE` does not stop a
/// transfer without Content-Length (fixed in 8.4), so the cap is counted in
/// the write callback; a body refused by type is stopped in the header
/// callback. Safe to call from many threads at once (one easy handle per
/// call, `CURLOPT_NOSIGNAL`); the connections outlive the calls in a shared
/// pool, so consecutive requests to a host reuse one.
public enum HTTPClient {
    private static let globalInit: Bool = curl_global_init(Int(CURL_GLOBAL_ALL)) == CURLE_OK

    /// Connections kept open after a request and reused by the next one to the same
    /// host and port, whichever thread sends it (a libcurl share handle pooling
    /// connections, `CURL_LOCK_DATA_CONNECT`). At most ``pooledConnections`` idle ones
    /// (the oldest is closed). Nil when libcurl cannot share them: each request connects.
    private static let pool: ConnectionPool? = globalInit ? ConnectionPool() : nil
    /// Idle connections kept, all hosts together (`CURLOPT_MAXCONNECTS` of each request).
    public static let pooledConnections = 256

    /// libcurl's version string (for the warcinfo record).
    public static var libraryVersion: String { String(cString: curl_version()) }

    public static func perform(_ request: HTTPRequest) -> HTTPResult {
        let started = Date()
        guard globalInit, let curl = curl_easy_init() else {
            return HTTPResult(
                status: nil, head: [], body: [], request: [], peerAddress: nil, truncated: false, skippedType: nil,
                failure: HTTPFailure(kind: .other, message: "libcurl could not be initialised"), seconds: 0)
        }
        defer { curl_easy_cleanup(curl) }
        let transfer = Transfer(maxBodyBytes: request.maxBodyBytes, keepsBody: request.keepsBody)
        let context = Unmanaged.passRetained(transfer)
        defer { context.release() }
        var resolve: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(resolve) }
        var headers: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(headers) }
        for line in request.headers { headers = curl_slist_append(headers, line) }
        if headers != nil { _ = winnow_curl_set_slist(curl, CURLOPT_HTTPHEADER, headers) }

        _ = winnow_curl_set_string(curl, CURLOPT_URL, request.url)
        _ = winnow_curl_set_string(curl, CURLOPT_USERAGENT, request.userAgent)
        _ = winnow_curl_set_string(curl, CURLOPT_PROTOCOLS_STR, "http,https")
        // No proxy from the environment: the pinned, checked address must be the one contacted.
        _ = winnow_curl_set_string(curl, CURLOPT_PROXY, "")
        _ = winnow_curl_set_long(curl, CURLOPT_NOSIGNAL, 1)
        if let pool {
            _ = winnow_curl_set_pointer(curl, CURLOPT_SHARE, pool.share)
            _ = winnow_curl_set_long(curl, CURLOPT_MAXCONNECTS, Self.pooledConnections)
        }
        _ = winnow_curl_set_long(curl, CURLOPT_FOLLOWLOCATION, 0)
        _ = winnow_curl_set_long(curl, CURLOPT_HTTP_TRANSFER_DECODING, 0)
        _ = winnow_curl_set_long(curl, CURLOPT_HTTP_CONTENT_DECODING, 0)
        // HTTP/1.1 (CURL_HTTP_VERSION_1_1 = 2): a WARC response record holds an HTTP/1.1 message.
        _ = winnow_curl_set_long(curl, CURLOPT_HTTP_VERSION, 2)
        _ = winnow_curl_set_long(curl, CURLOPT_CONNECTTIMEOUT_MS, Int(request.connectTimeout * 1000))
        _ = winnow_curl_set_long(curl, CURLOPT_TIMEOUT_MS, Int(request.totalTimeout * 1000))
        if let address = request.pinnedAddress, let host = URLComponents(string: request.url)?.host {
            let port =
                URLComponents(string: request.url)?.port ?? (request.url.lowercased().hasPrefix("https:") ? 443 : 80)
            let literal = address.contains(":") ? "[\(address)]" : address
            resolve = curl_slist_append(nil, "\(host):\(port):\(literal)")
            _ = winnow_curl_set_slist(curl, CURLOPT_RESOLVE, resolve)
        }
        let pointer = context.toOpaque()
        _ = winnow_curl_set_write(curl) { data, size, count, context in
            let transfer = Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue()
            let total = size * count
            let room = transfer.maxBodyBytes - transfer.body.count
            if total > room {
                if room > 0 { transfer.body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: room)) }
                transfer.truncated = true
                return 0  // aborts the transfer with CURLE_WRITE_ERROR
            }
            transfer.body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: total))
            return total
        }
        _ = winnow_curl_set_pointer(curl, CURLOPT_WRITEDATA, pointer)
        _ = winnow_curl_set_header(curl) { data, size, count, context in
            let transfer = Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue()
            let line = UnsafeRawBufferPointer(start: data, count: size * count)
            // A new status line (after a 1xx interim response) starts the head again.
            if line.starts(with: Array("HTTP/".utf8)) { transfer.head = [] }
            transfer.head.append(contentsOf: line)
            // The blank line ends a head: a body not wanted is never read (returning
            // less than was given aborts the transfer with CURLE_WRITE_ERROR).
            if line.count <= 2, line.allSatisfy({ $0 == 0x0D || $0 == 0x0A }), transfer.refusesBody() { return 0 }
            return size * count
        }
        _ = winnow_curl_set_pointer(curl, CURLOPT_HEADERDATA, pointer)
        _ = winnow_curl_set_debug(curl) { _, type, data, size, context in
            if type == CURLINFO_HEADER_OUT {
                let transfer = Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue()
                transfer.request.append(contentsOf: UnsafeRawBufferPointer(start: data, count: size))
            }
            return 0
        }
        _ = winnow_curl_set_pointer(curl, CURLOPT_DEBUGDATA, pointer)
        _ = winnow_curl_set_long(curl, CURLOPT_VERBOSE, 1)  // the debug callback sees the request head

        let code = curl_easy_perform(curl)
        var status = 0
        _ = winnow_curl_get_long(curl, CURLINFO_RESPONSE_CODE, &status)
        var ip: UnsafeMutablePointer<CChar>?
        _ = winnow_curl_get_string(curl, CURLINFO_PRIMARY_IP, &ip)
        let peer = ip.map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }

        var failure: HTTPFailure?
        if code != CURLE_OK && !(code == CURLE_WRITE_ERROR && (transfer.truncated || transfer.skippedType != nil)) {
            let message = String(cString: curl_easy_strerror(code))
            let kind: HTTPFailure.Kind
            switch code {
            case CURLE_OPERATION_TIMEDOUT: kind = .timeout
            case CURLE_COULDNT_CONNECT: kind = .connect
            case CURLE_COULDNT_RESOLVE_HOST: kind = .resolve
            case CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE, CURLE_WEIRD_SERVER_REPLY:
                kind = .reset
            default: kind = .other
            }
            failure = HTTPFailure(kind: kind, message: message)
        }
        return HTTPResult(
            status: status > 0 && !transfer.head.isEmpty ? status : nil, head: transfer.head, body: transfer.body,
            request: transfer.request, peerAddress: peer, truncated: transfer.truncated,
            skippedType: transfer.skippedType, failure: failure,
            seconds: Date().timeIntervalSince(started))
    }
}

private final class Transfer {
    let maxBodyBytes: Int
    let keepsBody: (@Sendable (Int, String?) -> Bool)?
    var head: [UInt8] = []
    var body: [UInt8] = []
    var request: [UInt8] = []
    var truncated = false
    var skippedType: String?

    init(maxBodyBytes: Int, keepsBody: (@Sendable (Int, String?) -> Bool)?) {
        self.maxBodyBytes = maxBodyBytes
        self.keepsBody = keepsBody
    }

    /// Whether the head just completed is a final one whose body is not wanted (then noted).
    func refusesBody() -> Bool {
        guard let keepsBody else { return false }
        let statusLine = head.prefix { $0 != 0x0A }.split(separator: 0x20)
        guard statusLine.count >= 2,
            let status = Int(String(decoding: statusLine[1].prefix { (0x30...0x39).contains($0) }, as: UTF8.self)),
            status >= 200
        else { return false }  // a 1xx interim head: the final one follows
        let contentType = HTTPResult.header("Content-Type", in: head)
        if keepsBody(status, contentType) { return false }
        skippedType = contentType ?? ""
        return true
    }
}

/// The share handle whose connection cache every request uses, with the locks
/// libcurl asks for (one per kind of shared data) when threads use it at once.
private final class ConnectionPool: @unchecked Sendable {
    let share: UnsafeMutableRawPointer
    private let locks = (0..<16).map { _ in NSLock() }

    init?() {
        guard let share = curl_share_init() else { return nil }
        self.share = share
        let context = Unmanaged.passUnretained(self).toOpaque()
        _ = winnow_curl_share_set_pointer(share, CURLSHOPT_USERDATA, context)
        _ = winnow_curl_share_set_lock(share) { _, data, _, context in
            Unmanaged<ConnectionPool>.fromOpaque(context!).takeUnretainedValue().lock(data).lock()
        }
        _ = winnow_curl_share_set_unlock(share) { _, data, context in
            Unmanaged<ConnectionPool>.fromOpaque(context!).takeUnretainedValue().lock(data).unlock()
        }
        guard winnow_curl_share_set_long(share, CURLSHOPT_SHARE, Int(CURL_LOCK_DATA_CONNECT.rawValue)) == CURLSHE_OK
        else {
            curl_share_cleanup(share)
            return nil
        }
    }

    private func lock(_ data: curl_lock_data) -> NSLock { locks[Int(data.rawValue) % locks.count] }
}

import WinnowWARC

/// Which page bodies `winnow fetch` keeps whole: HTML, XHTML, XML (feeds
/// included) and plain text, what the pipeline reads or a user may want to
/// read. A 2xx page of another type (images, PDF, video, octet-stream …)
/// is stored with its head only and logged `skipped-type`: a news crawl
/// lists such URLs by mistake, and their bodies are most of the bytes.
/// Other statuses keep their bodies (error pages are small and tell why);
/// robots.txt and sitemaps are read whatever their type (servers label
/// them `application/octet-stream` or `application/x-gzip`).
public enum KeptContentTypes {
    static let textTypes: Set<String> = [
        "text/html", "application/xhtml+xml", "text/xml", "application/xml", "text/plain",
    ]

    /// Whether a response's body is read: true unless a 2xx response names a type not kept.
    /// A response without `Content-Type` is kept (its type is not known to be another).
    public static func keepsBody(status: Int, contentType: String?) -> Bool {
        guard (200..<300).contains(status), let contentType else { return true }
        guard let type = HTTPResponse.mediaType(contentType) else { return true }
        return isText(type)
    }

    /// HTML, XHTML, plain text, or XML (`text/xml`, `application/xml`, `…+xml` such as RSS and Atom).
    public static func isText(_ mediaType: String) -> Bool {
        textTypes.contains(mediaType) || (mediaType.hasSuffix("+xml") && !mediaType.hasPrefix("image/"))
    }
}

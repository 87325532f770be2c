import Foundation

/// When to try a request again and how long to wait first.
public struct RetryPolicy: Sendable {
    /// Retries after the first attempt (`--max-retries`).
    public var maxRetries: Int
    /// The first backoff; each retry doubles it.
    public var baseDelay: Double
    /// No wait is longer than this, whatever a server's Retry-After says.
    public var maxWait: Double

    public init(maxRetries: Int = 3, baseDelay: Double = 1, maxWait: Double = 120) {
        self.maxRetries = maxRetries
        self.baseDelay = baseDelay
        self.maxWait = maxWait
    }

    /// Statuses worth another try: 429 and 503 (with Retry-After), and other
    /// 5xx. Other 4xx say the request itself is wrong: never retried.
    public static func isRetryable(status: Int) -> Bool { status == 429 || (500..<600).contains(status) }

    /// Exponential backoff with jitter before retry `retry` (1-based):
    /// base × 2^(retry−1), plus up to a quarter more at random, so clients
    /// that failed together do not come back together; capped at `maxWait`.
    public func backoff(retry: Int, random: Double = Double.random(in: 0..<1)) -> Double {
        let exponential = baseDelay * pow(2, Double(max(0, retry - 1)))
        return min(maxWait, exponential * (1 + 0.25 * random))
    }

    /// The wait a `Retry-After` value asks for (RFC 9110 section 10.2.3:
    /// delay-seconds or an HTTP-date), capped at `maxWait`; nil when absent or unreadable.
    public func retryAfter(_ value: String?, now: Date = Date()) -> Double? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Int(value), seconds >= 0 { return min(maxWait, Double(seconds)) }
        guard let date = Self.httpDate(value) else { return nil }
        return min(maxWait, max(0, date.timeIntervalSince(now)))
    }

    /// Parses an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) and the two obsolete forms RFC 9110 says to accept.
    public static func httpDate(_ text: String) -> Date? {
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}

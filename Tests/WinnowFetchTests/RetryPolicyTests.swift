import Foundation
import Testing

@testable import WinnowFetch

@Suite struct RetryPolicyTests {
    let policy = RetryPolicy(maxRetries: 3, baseDelay: 1, maxWait: 120)

    @Test func retryableStatuses() {
        #expect(RetryPolicy.isRetryable(status: 429))
        #expect(RetryPolicy.isRetryable(status: 500))
        #expect(RetryPolicy.isRetryable(status: 503))
        #expect(!RetryPolicy.isRetryable(status: 404))
        #expect(!RetryPolicy.isRetryable(status: 403))
        #expect(!RetryPolicy.isRetryable(status: 200))
    }

    @Test func backoffDoublesWithBoundedJitter() {
        #expect(policy.backoff(retry: 1, random: 0) == 1)
        #expect(policy.backoff(retry: 2, random: 0) == 2)
        #expect(policy.backoff(retry: 3, random: 0) == 4)
        #expect(policy.backoff(retry: 3, random: 0.999) < 5)
        #expect(policy.backoff(retry: 20, random: 0.5) == 120)
    }

    @Test func retryAfterSecondsAndHTTPDate() {
        let now = Date(timeIntervalSince1970: 784_111_777)  // Sun, 06 Nov 1994 08:49:37 GMT
        #expect(policy.retryAfter("2", now: now) == 2)
        #expect(policy.retryAfter(" 30 ", now: now) == 30)
        #expect(policy.retryAfter("86400", now: now) == 120)  // capped
        #expect(policy.retryAfter("Sun, 06 Nov 1994 08:50:07 GMT", now: now) == 30)
        #expect(policy.retryAfter("Sunday, 06-Nov-94 08:50:07 GMT", now: now) == 30)
        #expect(policy.retryAfter("Sun Nov  6 08:50:07 1994", now: now) == 30)
        #expect(policy.retryAfter("Sun, 06 Nov 1994 08:00:00 GMT", now: now) == 0)  // in the past
        #expect(policy.retryAfter(nil, now: now) == nil)
        #expect(policy.retryAfter("soon", now: now) == nil)
        #expect(policy.retryAfter("-5", now: now) == nil)
    }
}

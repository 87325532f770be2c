import Foundation
import Testing

@testable import WinnowFetch

@Suite struct FetchStatusTests {
    @Test func errorKindsGroupFailures() {
        #expect(FetchStatus.errorKind("HTTP 404") == "HTTP 404")
        #expect(FetchStatus.errorKind("timeout: Operation timed out after 1000 ms") == "timeout")
        #expect(FetchStatus.errorKind("host x.example does not resolve") == "does not resolve")
        #expect(FetchStatus.errorKind(nil) == "unknown")
    }
}

import Testing

@testable import WinnowFetch

@Suite struct KeptContentTypesTests {
    @Test func textTypesAreKeptWhole() {
        for type in [
            "text/html; charset=utf-8", "TEXT/HTML", "application/xhtml+xml", "text/xml", "application/xml",
            "application/rss+xml", "application/atom+xml", "text/plain;charset=iso-8859-1",
        ] {
            #expect(KeptContentTypes.keepsBody(status: 200, contentType: type), "\(type)")
        }
    }

    @Test func otherTypesOfSuccessfulResponsesAreNot() {
        for type in [
            "image/jpeg", "application/pdf", "video/mp4", "application/octet-stream", "image/svg+xml",
            "text/css", "application/javascript", "audio/mpeg",
        ] {
            #expect(!KeptContentTypes.keepsBody(status: 200, contentType: type), "\(type)")
            #expect(!KeptContentTypes.keepsBody(status: 206, contentType: type), "\(type)")
        }
    }

    @Test func otherStatusesAndUnknownTypesKeepTheirBodies() {
        // An error page or a redirect body is small and says why; a missing type is not known to be another.
        #expect(KeptContentTypes.keepsBody(status: 404, contentType: "image/png"))
        #expect(KeptContentTypes.keepsBody(status: 301, contentType: "application/octet-stream"))
        #expect(KeptContentTypes.keepsBody(status: 200, contentType: nil))
        #expect(KeptContentTypes.keepsBody(status: 200, contentType: " ; charset=utf-8"))
    }
}

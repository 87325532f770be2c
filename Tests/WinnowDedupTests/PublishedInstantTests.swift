import Testing

@testable import WinnowDedup

@Suite("PublishedInstant")
struct PublishedInstantTests {
    private func seconds(_ text: String) -> Int64? { PublishedInstant(iso8601: text)?.seconds }

    @Test func readsUTCTimes() {
        #expect(seconds("1970-01-01T00:00:00Z") == 0)
        #expect(seconds("1969-12-31T23:59:59Z") == -1)
        // Python: datetime(2016, 8, 10, 8, 2, tzinfo=timezone.utc).timestamp()
        #expect(seconds("2016-08-10T08:02:00Z") == 1_470_816_120)
    }

    @Test func appliesTheOffset() {
        #expect(seconds("2016-08-10T17:02:00+09:00") == 1_470_816_120)
        #expect(seconds("2016-08-10T17:02+0900") == 1_470_816_120)
        #expect(seconds("2016-08-10T17:02:00+09") == 1_470_816_120)
        #expect(seconds("2016-08-09T23:02:00-09:00") == 1_470_816_120)
    }

    @Test func aMissingTimeIsMidnightAndAMissingOffsetIsUTC() {
        #expect(seconds("2000-02-29") == 951_782_400)
        #expect(seconds("2000-02-29T00:00") == 951_782_400)
        #expect(seconds("2000-02-29 00:00:00") == 951_782_400)
    }

    @Test func readsFractions() {
        let instant = PublishedInstant(iso8601: "2016-08-10T08:02:00.25Z")
        #expect(instant == PublishedInstant(seconds: 1_470_816_120, nanoseconds: 250_000_000))
        #expect(PublishedInstant(iso8601: "1970-01-01T00:00:00.1234567891Z")?.nanoseconds == 123_456_789)
    }

    @Test func rejectsWhatIsNotADate() {
        for text in [
            "", "yesterday", "2016-8-10", "2016-02-30", "2015-02-29", "2016-13-01", "2016-08-10T25:00",
            "2016-08-10T17:02:00+09:00x", "2016-08-10T", "2016-08-10T17:02:00.Z", "2016-08-10T17:02:00 +09:00",
        ] {
            #expect(PublishedInstant(iso8601: text) == nil, "\(text)")
        }
    }

    @Test func ordersByInstantNotByText() throws {
        let seoul = try #require(PublishedInstant(iso8601: "2016-08-10T17:02:00+09:00"))
        let utc = try #require(PublishedInstant(iso8601: "2016-08-10T09:00:00Z"))
        #expect(seoul < utc)
        #expect(PublishedInstant(seconds: 5, nanoseconds: 1) > PublishedInstant(seconds: 5))
    }
}

import Foundation
import Testing

@testable import WinnowExtract

/// 2016-08-10, with a time and an offset when given.
private func august10(_ hour: Int? = nil, _ minute: Int? = nil, _ second: Int? = nil, offset: Int? = nil) -> WrittenDate
{
    WrittenDate(year: 2016, month: 8, day: 10, hour: hour, minute: minute, second: second, offset: offset)
}

private let nineHours = 9 * 3600

@Suite("DateReader")
struct DateReaderTests {
    @Test func isoDateTimeWithAnOffset() {
        let date = DateReader.read("2016-08-10T17:02:00+09:00")
        #expect(date == august10(17, 2, 0, offset: nineHours))
        #expect(date?.specificity == 3)
        #expect(date?.iso8601 == "2016-08-10T17:02:00+09:00")
    }

    @Test func isoDateTimeInUTC() {
        let date = DateReader.read("2016-08-10T08:02:00Z")
        #expect(date == august10(8, 2, 0, offset: 0))
        #expect(date?.iso8601 == "2016-08-10T08:02:00Z")
    }

    @Test func isoDateTimeWithFractionsAndANegativeOffset() {
        let date = DateReader.read("2016-08-10T17:02:05.123-04:00")
        #expect(date == august10(17, 2, 5, offset: -4 * 3600))
        #expect(date?.iso8601 == "2016-08-10T17:02:05-04:00")
    }

    @Test func dateAndTimeWithoutAnOffset() {
        let date = DateReader.read("2016-08-10 17:02")
        #expect(date == august10(17, 2))
        #expect(date?.specificity == 2)
        #expect(date?.iso8601 == "2016-08-10T17:02:00")
    }

    @Test func dottedAndSlashedDates() {
        #expect(DateReader.read("2016.08.10 17:02") == august10(17, 2))
        #expect(DateReader.read("2016/08/10") == august10())
        #expect(DateReader.read("Posted 2016.8.10") == august10())
    }

    @Test func dateOnly() {
        let date = DateReader.read("2016-08-10")
        #expect(date == august10())
        #expect(date?.specificity == 1)
        #expect(date?.iso8601 == "2016-08-10")
    }

    @Test func englishMonthNames() {
        #expect(DateReader.read("August 10, 2016 5:02 PM") == august10(17, 2))
        #expect(DateReader.read("Aug. 10 2016") == august10())
        #expect(DateReader.read("10 Aug 2016") == august10())
        #expect(DateReader.read("10-Aug-2016") == august10())
        #expect(DateReader.read("Updated: August 10th, 2016 at 5:02 p.m.") == august10(17, 2))
    }

    @Test func rfc2822WithANumericOffset() {
        let date = DateReader.read("Wed, 10 Aug 2016 17:02:00 +0900")
        #expect(date == august10(17, 2, 0, offset: nineHours))
        #expect(DateReader.read("Wed, 10 Aug 2016 17:02:00 -0530")?.offset == -(5 * 3600 + 30 * 60))
    }

    @Test func namedOffsets() {
        #expect(DateReader.read("2016-08-10 17:02 KST") == august10(17, 2, offset: nineHours))
        #expect(DateReader.read("2016-08-10 17:02 GMT+9") == august10(17, 2, offset: nineHours))
        #expect(DateReader.read("2016-08-10 17:02 GMT-5") == august10(17, 2, offset: -5 * 3600))
        #expect(DateReader.read("2016-08-10 08:02 UTC") == august10(8, 2, offset: 0))
        #expect(DateReader.read("2016-08-10 17:02 +05:30")?.iso8601 == "2016-08-10T17:02:00+05:30")
    }

    /// JavaScript's `Date.toString()` writes `GMT+0900`; `UTC+05:30` is common too.
    @Test func gmtOrUTCWithAFourDigitOrMinuteOffset() {
        #expect(
            DateReader.read("Wed Aug 10 2016 17:02:00 GMT+0900 (Korean Standard Time)")
                == august10(17, 2, 0, offset: nineHours))
        #expect(DateReader.read("2016-08-10 17:02 UTC+05:30")?.offset == 5 * 3600 + 30 * 60)
    }

    @Test func twelveHourClock() {
        #expect(DateReader.read("August 10, 2016 12:30 AM")?.hour == 0)
        #expect(DateReader.read("August 10, 2016 12:30 PM")?.hour == 12)
        #expect(DateReader.read("August 10, 2016 9:15 am") == august10(9, 15))
        #expect(DateReader.read("August 10, 2016 9:15 p.m.") == august10(21, 15))
    }

    @Test func koreanDates() {
        #expect(DateReader.read("2016년 8월 10일 오후 5시 2분") == august10(17, 2))
        #expect(DateReader.read("2016년 08월 10일 17:02") == august10(17, 2))
        #expect(DateReader.read("2016년 8월 10일 오전 9:30") == august10(9, 30))
        #expect(DateReader.read("2016년 8월 10일 오전 12시") == august10(0, 0))
        #expect(DateReader.read("2016년 8월 10일 오후 12시 5분") == august10(12, 5))
        #expect(DateReader.read("입력 2016년 8월 10일") == august10())
    }

    @Test func eightDigitDateAlone() {
        #expect(DateReader.read("20160810") == august10())
    }

    @Test func textWithoutADateIsNil() {
        #expect(DateReader.read("") == nil)
        #expect(DateReader.read("Rice prices rose again in Hyesan this week.") == nil)
        #expect(DateReader.read("Call 010-1234-5678 for details") == nil)
    }

    @Test func impossibleMonthIsNotRead() {
        #expect(DateReader.read("2016-13-10") == nil)
        #expect(
            DateReader.read("2016-13-10, corrected to 2016-08-11")
                == WrittenDate(year: 2016, month: 8, day: 11))
    }

    @Test func impossibleHourLeavesTheDayOnly() {
        #expect(DateReader.read("2016-08-10 25:00") == august10())
        #expect(DateReader.read("August 10, 2016 13:00 PM") == august10())
    }

    @Test func placedGivesAWallTimeTheZoneOffsetOfItsDay() throws {
        let seoul = try #require(TimeZone(identifier: "Asia/Seoul"))
        let newYork = try #require(TimeZone(identifier: "America/New_York"))
        #expect(august10(17, 2).placed(in: seoul).iso8601 == "2016-08-10T17:02:00+09:00")
        #expect(august10(17, 2).placed(in: newYork).iso8601 == "2016-08-10T17:02:00-04:00")
        let january = WrittenDate(year: 2016, month: 1, day: 10, hour: 17, minute: 2)
        #expect(january.placed(in: newYork).iso8601 == "2016-01-10T17:02:00-05:00")
    }

    @Test func placedLeavesDatesWithAnOffsetOrWithoutATime() throws {
        let seoul = try #require(TimeZone(identifier: "Asia/Seoul"))
        #expect(august10(17, 2, offset: 0).placed(in: seoul) == august10(17, 2, offset: 0))
        #expect(august10().placed(in: seoul) == august10())
        #expect(august10(17, 2).placed(in: nil) == august10(17, 2))
    }

    @Test func datesInURLPaths() {
        #expect(DateReader.read(url: "https://www.dailynk.com/english/2016/08/10/flood-hits/") == august10())
        #expect(DateReader.read(url: "https://news.example.test/article/20160810-flood-hits") == august10())
        #expect(DateReader.read(url: "https://news.example.test/2016-08-10-flood-hits.html") == august10())
        #expect(DateReader.read(url: "https://news.example.test/2016/8/10") == august10())
    }

    @Test func urlWithoutADateIsNil() {
        #expect(DateReader.read(url: "https://news.example.test/article/12345") == nil)
        #expect(DateReader.read(url: "https://news.example.test/archive/2016/08/") == nil)
        #expect(DateReader.read(url: "https://news.example.test/view/12345678") == nil)
        #expect(DateReader.read(url: "not a url") == nil)
    }

    @Test func asciiTextIsTokenizedOnTheBytesAsByCharacters() {
        for text in [
            "Aug. 10, 2016 5:02 PM", "2016-08-10T17:02:00+09:00", "By Jane | 10th of MARCH\r\n2019", "  ", "", "x99y",
            "12345678901234567890123",
        ] {
            #expect(DateReader.tokenizeASCII(text) == DateReader.tokenizeCharacters(text), "\(text)")
        }
        #expect(DateReader.tokenizeASCII("2016년 8월") == nil)
    }

    @Test func dottedDayFirst() {
        #expect(DateReader.read("23.07.2025") == WrittenDate(year: 2025, month: 7, day: 23))
        #expect(DateReader.read("Stand: 7.1.2026, 18:50 Uhr")?.iso8601 == "2026-01-07T18:50:00")
    }

    @Test func slashedDatesWithTheDayOrMonthFirstStayUnread() {
        #expect(DateReader.read("08/10/2016") == nil)
    }
}

/// Month names in other languages, CJK dates and slashed dates.
@Suite("DateReader, other forms")
struct DateReaderOtherFormsTests {
    @Test(arguments: [
        "10. August 2016", "10 août 2016", "10 de agosto de 2016", "10 augustus 2016", "10 agosto 2016",
        "August 10th, 2016", "the 10th of August 2016", "Mittwoch, 10. Aug. 2016", "2016年8月10日",
        "2016년 8월 10일",
    ])
    func aDayWrittenInWords(_ text: String) {
        #expect(DateReader.read(text) == august10())
    }

    @Test func aFrenchFirstOfTheMonth() {
        #expect(DateReader.read("1er mars 2016") == WrittenDate(year: 2016, month: 3, day: 1))
    }

    @Test func aSlashedDateOnlyOneOrderMakesADayOf() {
        #expect(DateReader.read("8/10/2016") == nil)
        #expect(DateReader.read("08/10/2016") == nil)
        #expect(DateReader.read("Updated: 8/31/2016") == WrittenDate(year: 2016, month: 8, day: 31))
        #expect(
            DateReader.read("Posted on the 31/08/2016 at 19:00")
                == WrittenDate(
                    year: 2016, month: 8, day: 31, hour: 19, minute: 0))
    }
}

/// The instant a `published` value names, for choosing the earliest of a
/// cluster: ISO 8601 strings cannot be compared as text once their offsets
/// differ (`17:02+09:00` is before `09:00Z`).
///
/// Accepted: `YYYY-MM-DD`, optionally followed by `T` (or `t` or a space)
/// and `HH:MM`, `:SS`, a fraction of up to 9 digits (more are ignored), and
/// an offset `Z`, `±HH:MM`, `±HHMM` or `±HH`. A missing time is midnight and
/// a missing offset is UTC (the record contract writes `published` with its
/// offset, so these are only fallbacks). Anything else parses to nil.
public struct PublishedInstant: Sendable, Comparable {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var seconds: Int64
    /// Nanoseconds after `seconds`, 0..<1_000_000_000.
    public var nanoseconds: Int32

    public init(seconds: Int64, nanoseconds: Int32 = 0) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    public init?(iso8601 text: String) {
        var scanner = DigitScanner(Array(text.utf8))
        guard let year = scanner.number(digits: 4), scanner.skip("-"),
            let month = scanner.number(digits: 2), (1...12).contains(month), scanner.skip("-"),
            let day = scanner.number(digits: 2), (1...Self.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        var secondsOfDay: Int64 = 0
        var nanoseconds: Int32 = 0
        var offsetSeconds: Int64 = 0
        if scanner.skip("T") || scanner.skip("t") || scanner.skip(" ") {
            guard let hour = scanner.number(digits: 2), hour <= 23, scanner.skip(":"),
                let minute = scanner.number(digits: 2), minute <= 59
            else { return nil }
            var second: Int64 = 0
            if scanner.skip(":") {
                guard let value = scanner.number(digits: 2), value <= 60 else { return nil }  // 60: leap second
                second = value
                if scanner.skip(".") || scanner.skip(",") {
                    guard let fraction = scanner.fraction() else { return nil }
                    nanoseconds = fraction
                }
            }
            secondsOfDay = hour * 3600 + minute * 60 + second
            if scanner.skip("Z") || scanner.skip("z") || scanner.atEnd {
                offsetSeconds = 0
            } else {
                let sign: Int64
                if scanner.skip("+") { sign = 1 } else if scanner.skip("-") { sign = -1 } else { return nil }
                guard let hours = scanner.number(digits: 2), hours <= 23 else { return nil }
                var minutes: Int64 = 0
                if !scanner.atEnd {
                    _ = scanner.skip(":")
                    guard let value = scanner.number(digits: 2), value <= 59 else { return nil }
                    minutes = value
                }
                offsetSeconds = sign * (hours * 3600 + minutes * 60)
            }
        }
        guard scanner.atEnd else { return nil }
        let days = Self.daysSinceEpoch(year: year, month: month, day: day)
        self.init(seconds: days * 86_400 + secondsOfDay - offsetSeconds, nanoseconds: nanoseconds)
    }

    public static func < (lhs: PublishedInstant, rhs: PublishedInstant) -> Bool {
        (lhs.seconds, lhs.nanoseconds) < (rhs.seconds, rhs.nanoseconds)
    }

    /// Howard Hinnant's `days_from_civil` (proleptic Gregorian calendar).
    static func daysSinceEpoch(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private struct DigitScanner {
        let bytes: [UInt8]
        var position = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { position == bytes.count }

        mutating func skip(_ character: Unicode.Scalar) -> Bool {
            guard position < bytes.count, bytes[position] == UInt8(ascii: character) else { return false }
            position += 1
            return true
        }

        /// Exactly `digits` ASCII digits.
        mutating func number(digits: Int) -> Int64? {
            guard position + digits <= bytes.count else { return nil }
            var value: Int64 = 0
            for byte in bytes[position..<(position + digits)] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int64(byte - 0x30)
            }
            position += digits
            return value
        }

        /// One or more digits after the decimal mark, as nanoseconds.
        mutating func fraction() -> Int32? {
            var nanoseconds: Int32 = 0
            var count = 0
            while position < bytes.count, (0x30...0x39).contains(bytes[position]) {
                if count < 9 { nanoseconds = nanoseconds * 10 + Int32(bytes[position] - 0x30) }
                count += 1
                position += 1
            }
            guard count > 0 else { return nil }
            for _ in count..<max(count, 9) { nanoseconds *= 10 }
            return nanoseconds
        }
    }
}

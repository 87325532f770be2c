import Foundation
import WinnowBytes
import WinnowHTML

/// A date as a page wrote it: always a day, maybe a time, maybe an offset.
public struct WrittenDate: Sendable, Equatable {
    public var year: Int, month: Int, day: Int
    public var hour: Int?, minute: Int?, second: Int?
    /// Seconds east of UTC, when the text says.
    public var offset: Int?

    /// 3 with time and offset, 2 with time, 1 with the day only.
    public var specificity: Int { hour == nil ? 1 : (offset == nil ? 2 : 3) }

    /// ISO 8601: `2016-08-10`, `2016-08-10T17:02:00` or `2016-08-10T17:02:00+09:00`.
    public var iso8601: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        var text = "\(year)-\(two(month))-\(two(day))"
        guard let hour else { return text }
        text += "T\(two(hour)):\(two(minute ?? 0)):\(two(second ?? 0))"
        guard let offset else { return text }
        if offset == 0 { return text + "Z" }
        return text + (offset < 0 ? "-" : "+") + "\(two(abs(offset) / 3600)):\(two(abs(offset) % 3600 / 60))"
    }

    /// The same wall time with the offset `timeZone` had then (DST included);
    /// unchanged when it already has an offset or no time.
    public func placed(in timeZone: TimeZone?) -> WrittenDate {
        guard let timeZone, hour != nil, offset == nil else { return self }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let components = DateComponents(
            year: year, month: month, day: day, hour: hour, minute: minute ?? 0, second: second ?? 0)
        guard let instant = calendar.date(from: components) else { return self }
        var placed = self
        placed.offset = timeZone.secondsFromGMT(for: instant)
        return placed
    }

    /// The same instant written at `offset` (seconds east of UTC); unchanged without a time and offset.
    public func shifted(to offset: Int) -> WrittenDate {
        guard let hour, let current = self.offset else { return self }
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(secondsFromGMT: current) ?? .gmt
        guard
            let instant = utc.date(
                from: DateComponents(
                    year: year, month: month, day: day, hour: hour, minute: minute ?? 0, second: second ?? 0)),
            let zone = TimeZone(secondsFromGMT: offset)
        else { return self }
        var local = Calendar(identifier: .gregorian)
        local.timeZone = zone
        let c = local.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
        guard let y = c.year, let m = c.month, let d = c.day else { return self }
        return WrittenDate(
            year: y, month: m, day: d, hour: c.hour, minute: c.minute, second: second == nil ? nil : c.second,
            offset: offset)
    }

    /// Minutes since 1970 in UTC (no offset: taken as UTC; no time: midnight), for comparing.
    var utcMinutes: Int {
        var y = year
        var m = month
        if m <= 2 {
            y -= 1
            m += 12
        }
        let days = 365 * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 + day - 719_469
        return days * 1440 + (hour ?? 0) * 60 + (minute ?? 0) - (offset ?? 0) / 60
    }
}

/// Reads the dates news pages write, in metadata, bylines and URLs, without
/// a locale: ISO 8601 (`2016-08-10T17:02:00+09:00`, `2016-08-10 17:02`),
/// dotted and slashed (`2016.08.10 17:02`, `2016/08/10`), dotted day first
/// (`10.08.2016`), slashed when only one order makes a day (`2/24/2026`),
/// month names in English, German, French, Spanish, Portuguese, Italian and
/// Dutch (`August 10, 2016 5:02 PM`, `10 Aug 2016`, `10. August 2016`,
/// `10 de agosto de 2016`, RFC 2822 with `+0900`), Korean
/// (`2016년 8월 10일 오후 5시 2분`, `2016년 08월 10일 17:02`), Japanese and
/// Chinese (`2016年8月10日`), and `/2016/08/10/` or `/20160810` in a URL path.
public enum DateReader {
    /// The first date in `text`, or nil.
    public static func read(_ text: String) -> WrittenDate? {
        let tokens = tokenize(text)
        var index = 0
        while index < tokens.count {
            if let (date, next) = dateAt(tokens, index) {
                return withTime(date, tokens, next)
            }
            index += 1
        }
        return nil
    }

    /// A date in a URL's path: `/2016/08/10/`, `/2016-08-10/` or `/20160810`.
    public static func read(url: String) -> WrittenDate? {
        URL(string: url).flatMap { read(path: $0.path) }
    }

    /// The same for a URL's path.
    public static func read(path: String) -> WrittenDate? {
        guard !path.isEmpty else { return nil }
        let parts = path.split(separator: "/").map(String.init)
        for (i, part) in parts.enumerated() {
            if part.count == 4, let year = Int(part), i + 2 < parts.count,
                let month = Int(parts[i + 1]), let day = Int(parts[i + 2].prefix(2)), parts[i + 1].count <= 2
            {
                if let date = make(year, month, day) { return date }
            }
            let digits = part.prefix { $0.isASCII && $0.isNumber }
            if digits.count == 8,
                let date = make(Int(digits.prefix(4))!, Int(digits.dropFirst(4).prefix(2))!, Int(digits.suffix(2))!)
            {
                return date
            }
            if part.count >= 10, let date = read(String(part.prefix(10))),
                part.prefix(10).filter({ $0 == "-" }).count == 2
            {
                return date
            }
        }
        return nil
    }

    // MARK: Tokens

    enum Token: Equatable {
        case number(Int, digits: Int)
        case word(String)  // lowercased letters
        case symbol(Character)
    }

    static func tokenize(_ text: String) -> [Token] {
        tokenizeASCII(text) ?? tokenizeCharacters(text)
    }

    static func tokenizeCharacters(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var number = ""
        var word = ""
        func flush() {
            if !number.isEmpty {
                tokens.append(.number(Int(number) ?? 0, digits: number.count))
                number = ""
            }
            if !word.isEmpty {
                tokens.append(.word(word.lowercased()))
                word = ""
            }
        }
        for character in text {
            if character.isASCII && character.isNumber {
                if !word.isEmpty { flush() }
                number.append(character)
            } else if character.isLetter {
                if !number.isEmpty { flush() }
                word.append(character)
            } else {
                flush()
                if !character.isWhitespace { tokens.append(.symbol(character)) }
            }
        }
        flush()
        return tokens
    }

    /// ``tokenize(_:)`` of ASCII text, on the bytes (Unicode properties per
    /// `Character` cost most of reading a date); nil for any other text.
    static func tokenizeASCII(_ text: String) -> [Token]? {
        var text = text
        return text.withUTF8 { bytes -> [Token]? in
            guard bytes.span.isASCII else { return nil }
            var tokens: [Token] = []
            var i = 0
            while i < bytes.count {
                let c = bytes[i]
                let start = i
                if c >= 0x30 && c <= 0x39 {
                    while i < bytes.count, bytes[i] >= 0x30 && bytes[i] <= 0x39 { i += 1 }
                    let digits = String(decoding: bytes[start..<i], as: UTF8.self)
                    tokens.append(.number(Int(digits) ?? 0, digits: i - start))
                } else if (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A {
                    while i < bytes.count, (bytes[i] | 0x20) >= 0x61 && (bytes[i] | 0x20) <= 0x7A { i += 1 }
                    tokens.append(.word(String(decoding: bytes[start..<i].map { $0 | 0x20 }, as: UTF8.self)))
                } else {
                    // ASCII whitespace (what `Character.isWhitespace` says of ASCII) separates; anything else is a
                    // symbol.
                    if !(c == 0x20 || (c >= 0x09 && c <= 0x0D)) { tokens.append(.symbol(Character(Unicode.Scalar(c)))) }
                    i += 1
                }
            }
            return tokens
        }
    }

    /// Month names and abbreviations, lowercased: English, German, French,
    /// Spanish, Portuguese, Italian and Dutch (one table: where two languages
    /// share a word, they mean the same month).
    static let months: [String: Int] = {
        let names: [[String]] = [
            ["jan", "january", "januar", "janv", "janvier", "ene", "enero", "janeiro", "gennaio", "januari"],
            [
                "feb", "february", "februar", "févr", "fevr", "février", "fevrier", "febrero", "fev", "fevereiro",
                "febbraio", "februari",
            ],
            ["mar", "march", "märz", "maerz", "mär", "mars", "marzo", "março", "marco", "maart", "mrt"],
            ["apr", "april", "avr", "avril", "abr", "abril", "aprile"],
            ["may", "mai", "mayo", "maio", "maggio", "mei"],
            ["jun", "june", "juni", "juin", "junio", "junho", "giu", "giugno"],
            ["jul", "july", "juli", "juil", "juillet", "julio", "julho", "lug", "luglio"],
            ["aug", "august", "août", "aout", "ago", "agosto", "augustus"],
            ["sep", "sept", "september", "septembre", "septiembre", "setiembre", "setembro", "settembre"],
            ["oct", "october", "okt", "oktober", "octobre", "octubre", "outubro", "ott", "ottobre"],
            ["nov", "november", "novembre", "noviembre", "novembro"],
            [
                "dec", "december", "dez", "dezember", "déc", "décembre", "decembre", "dic", "diciembre", "dezembro",
                "dicembre",
            ],
        ]
        var table: [String: Int] = [:]
        for (index, words) in names.enumerated() { for word in words { table[word] = index + 1 } }
        return table
    }()

    /// Words between a day and its month or year: "10 de agosto de 2016", "1er mars", "le 3 juin".
    private static let dayJoiners: Set<String> = ["de", "del", "di", "st", "nd", "rd", "th", "er", "of"]

    static func make(_ year: Int, _ month: Int, _ day: Int) -> WrittenDate? {
        guard (1900...2100).contains(year), (1...12).contains(month), (1...31).contains(day) else { return nil }
        return WrittenDate(year: year, month: month, day: day)
    }

    private static func number(_ tokens: [Token], _ i: Int) -> (value: Int, digits: Int)? {
        guard i < tokens.count, case .number(let value, let digits) = tokens[i] else { return nil }
        return (value, digits)
    }

    private static func word(_ tokens: [Token], _ i: Int) -> String? {
        guard i < tokens.count, case .word(let w) = tokens[i] else { return nil }
        return w
    }

    private static func symbol(_ tokens: [Token], _ i: Int) -> Character? {
        guard i < tokens.count, case .symbol(let c) = tokens[i] else { return nil }
        return c
    }

    /// A day starting at token `i`, and the index after it.
    private static func dateAt(_ t: [Token], _ i: Int) -> (WrittenDate, Int)? {
        // 2016-08-10, 2016.08.10, 2016/08/10, 2016년 8월 10일
        if let y = number(t, i), y.digits == 4 {
            if let separator = symbol(t, i + 1), "-./".contains(separator), let m = number(t, i + 2),
                symbol(t, i + 3) == separator, let d = number(t, i + 4), let date = make(y.value, m.value, d.value)
            {
                return (date, i + 5)
            }
            // Korean 2016년 8월 10일; Japanese and Chinese 2016年8月10日.
            if let year = word(t, i + 1), year == "년" || year == "年", let m = number(t, i + 2),
                let month = word(t, i + 3), month == "월" || month == "月", let d = number(t, i + 4),
                let day = word(t, i + 5), day == "일" || day == "日", let date = make(y.value, m.value, d.value)
            {
                return (date, i + 6)
            }
            // 20160810 (8 digits)
            if y.digits == 8 { return nil }
        }
        if let whole = number(t, i), whole.digits == 8,
            symbol(t, i + 1) == nil || symbol(t, i + 1) == "T" || word(t, i + 1) == "t"
        {
            let v = whole.value
            if let date = make(v / 10000, v / 100 % 100, v % 100), i + 1 >= t.count || word(t, i + 1) == "t" {
                return (date, i + 1)
            }
        }
        // 10.08.2016: dotted day first (German, Russian, Turkish, ...).
        if let d = number(t, i), d.digits <= 2, symbol(t, i + 1) == ".", let m = number(t, i + 2), m.digits <= 2,
            symbol(t, i + 3) == ".", let y = number(t, i + 4), y.digits == 4, let date = make(y.value, m.value, d.value)
        {
            return (date, i + 5)
        }
        // August 10, 2016 / Aug. 10 2016
        if let w = word(t, i), let month = months[w] {
            var j = i + 1
            if symbol(t, j) == "." { j += 1 }
            if let d = number(t, j), d.digits <= 2 {
                j += 1
                if word(t, j).map({ ["st", "nd", "rd", "th"].contains($0) }) == true { j += 1 }
                if symbol(t, j) == "," { j += 1 }
                if word(t, j) == "de" { j += 1 }
                if let y = number(t, j), y.digits == 4, let date = make(y.value, month, d.value) {
                    return (date, j + 1)
                }
            }
        }
        // 10 August 2016 / 10 Aug. 2016 / 10-Aug-2016 / 10. August 2016 / 10 de agosto de 2016 / 1er mars 2016
        if let d = number(t, i), d.digits <= 2 {
            var j = i + 1
            if symbol(t, j) == "-" || symbol(t, j) == "." { j += 1 }
            while let w = word(t, j), dayJoiners.contains(w), j < i + 3 { j += 1 }
            if let w = word(t, j), let month = months[w] {
                j += 1
                if symbol(t, j) == "." || symbol(t, j) == "-" || symbol(t, j) == "," { j += 1 }
                if let w = word(t, j), dayJoiners.contains(w) { j += 1 }
                if let y = number(t, j), y.digits == 4, let date = make(y.value, month, d.value) {
                    return (date, j + 1)
                }
            }
        }
        // 2/24/2026, 24/2/2026: slashed, only when one side cannot be a month (08/10/2016 is August in one
        // country and October in another).
        if let a = number(t, i), a.digits <= 2, symbol(t, i + 1) == "/", let b = number(t, i + 2), b.digits <= 2,
            symbol(t, i + 3) == "/", let y = number(t, i + 4), y.digits == 4, (a.value > 12) != (b.value > 12),
            let date = a.value > 12 ? make(y.value, b.value, a.value) : make(y.value, a.value, b.value)
        {
            return (date, i + 5)
        }
        return nil
    }

    /// Adds a time (and offset) that follows the day, when there is one.
    private static func withTime(_ date: WrittenDate, _ t: [Token], _ start: Int) -> WrittenDate {
        var j = start
        var result = date
        if word(t, j) == "t" || symbol(t, j) == "," || word(t, j) == "at" || symbol(t, j) == "|" || symbol(t, j) == "·"
        {
            j += 1
        }
        // Korean: 오후 5시 2분 / 오전 9:30
        var afternoon: Bool?
        if let w = word(t, j), w == "오후" || w == "오전" {
            afternoon = w == "오후"
            j += 1
        }
        guard let h = number(t, j), h.digits <= 2, h.value < 24 else { return result }
        var minute: Int?
        var second: Int?
        var k = j + 1
        if symbol(t, k) == ":", let m = number(t, k + 1), m.value < 60 {
            minute = m.value
            k += 2
            if symbol(t, k) == ":", let s = number(t, k + 1), s.value < 61 {
                second = s.value
                k += 2
                // Fractions.
                if symbol(t, k) == ".", number(t, k + 1) != nil { k += 2 }
            }
        } else if word(t, k) == "시" {
            k += 1
            if let m = number(t, k), word(t, k + 1) == "분" {
                minute = m.value
                k += 2
            } else {
                minute = 0
            }
        } else {
            return result
        }
        var hour = h.value
        if let w = word(t, k), w == "pm" || w == "am" || w == "p" || w == "a" {
            let pm = w.hasPrefix("p")
            if hour == 12 { hour = pm ? 12 : 0 } else if pm { hour += 12 }
            k += 1
            if symbol(t, k) == "." { k += 1 }
            if word(t, k) == "m" {
                k += 1
                if symbol(t, k) == "." { k += 1 }
            }
        }
        if let afternoon {
            if afternoon && hour < 12 { hour += 12 } else if !afternoon && hour == 12 { hour = 0 }
        }
        guard hour < 24 else { return result }
        result.hour = hour
        result.minute = minute
        result.second = second
        result.offset = offset(t, k)
        return result
    }

    /// `Z`, `+09:00`, `+0900`, `GMT+9`, `UTC`, `KST` (the one named zone news pages in Korea print).
    private static func offset(_ t: [Token], _ k: Int) -> Int? {
        if let w = word(t, k) {
            switch w {
            case "z", "utc", "gmt":
                // "GMT+9", "GMT+0900", "UTC+05:30": the same forms as a bare offset.
                return numericOffset(t, k + 1) ?? 0
            case "kst": return 9 * 3600
            default: return nil
            }
        }
        return numericOffset(t, k)
    }

    /// `+09:00`, `+0900`, `+9` starting at token `k`.
    private static func numericOffset(_ t: [Token], _ k: Int) -> Int? {
        guard let sign = symbol(t, k), sign == "+" || sign == "-" || sign == "−" else { return nil }
        let direction = sign == "+" ? 1 : -1
        guard let first = number(t, k + 1) else { return nil }
        if first.digits == 4 { return direction * (first.value / 100 * 3600 + first.value % 100 * 60) }
        if first.digits <= 2 {
            var seconds = first.value * 3600
            if symbol(t, k + 2) == ":", let m = number(t, k + 3) { seconds += m.value * 60 }
            return direction * seconds
        }
        return nil
    }
}

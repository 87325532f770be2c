import Foundation
import Testing

@testable import WinnowHTML

/// Decoding real encoded pages. The fixtures in `Fixtures/charsets/` are written
/// by `Fixtures/make-charset-fixtures.py` with Python's codecs; every expected
/// encoding, source, warning and uchardet answer below was checked against glibc
/// iconv and libuchardet 0.0.7 (through ctypes) on the build machine.
@Suite("CharsetSniffer")
struct CharsetSnifferTests {
    typealias Decoded = CharsetSniffer.Decoded

    // The known sentences, as in make-charset-fixtures.py.
    static let sentenceEN = "The council approved the harbour budget on Tuesday evening."
    static let sentenceENQuotes = "\u{201C}We cannot wait another winter,\u{201D} the harbour master said."
    static let sentenceKO = "서울시는 내년부터 지하철 심야 운행을 확대한다고 밝혔다."
    static let sentenceKOUHC = "똠방각하와 똥깡아지가 뙇 하고 나타났다."
    static let sentenceJA =
        "政府は来年度から地方の鉄道路線への支援を拡大する方針を固めた。"
    static let sentenceZH =
        "国家统计局周三公布的数据显示，上月居民消费价格同比上涨百分之二。"
    static let sentenceZHTW = "交通部昨天宣布，高速公路將於下個月起實施新的收費方案。"
    static let sentenceRU =
        "Правительство утвердило новую программу "
        + "строительства дорог в Сибири."

    /// "한국" in CP949: not valid UTF-8.
    static let hangulCP949: [UInt8] = [199, 209, 177, 185]

    static func fixture(_ name: String) throws -> [UInt8] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures").appendingPathComponent("charsets").appendingPathComponent(name)
        return try [UInt8](Data(contentsOf: url))
    }

    static func text(_ decoded: Decoded) -> String { String(decoding: decoded.utf8, as: UTF8.self) }

    static func replacementCount(_ text: String) -> Int {
        text.unicodeScalars.filter { $0 == "\u{FFFD}" }.count
    }

    /// Decodes a fixture and checks what every clean page must satisfy.
    static func decodeFixture(
        _ name: String, declared: String? = nil, sentence: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Decoded {
        let decoded = try CharsetSniffer.decode(fixture(name), declared: declared)
        let text = Self.text(decoded)
        #expect(CharsetSniffer.isValidUTF8(decoded.utf8), sourceLocation: sourceLocation)
        #expect(text.contains(sentence), "\(name): sentence missing", sourceLocation: sourceLocation)
        #expect(replacementCount(text) == 0, "\(name): U+FFFD in output", sourceLocation: sourceLocation)
        #expect(
            text.hasPrefix("<!DOCTYPE html>"), "\(name): BOM or garbage before the doctype",
            sourceLocation: sourceLocation)
        return decoded
    }

    // MARK: English

    @Test func englishUTF8WithMeta() throws {
        let d = try Self.decodeFixture("en-utf8-meta.html", sentence: Self.sentenceEN)
        #expect(d.encoding == "UTF-8")
        #expect(d.source == "meta")
        #expect(d.warnings.isEmpty)
    }

    @Test func englishUTF8WithoutMetaIsRecognisedByContent() throws {
        let bytes = try Self.fixture("en-utf8-nometa.html")
        let d = try Self.decodeFixture("en-utf8-nometa.html", sentence: Self.sentenceEN)
        #expect(d.encoding == "UTF-8")
        #expect(d.source == "content")
        #expect(d.warnings.isEmpty)
        #expect(Self.text(d).contains("\u{2014} caf\u{E9} owners react"))
        #expect(d.utf8 == bytes)
    }

    @Test func windows1252DeclaredAsLatin1DecodesSmartQuotes() throws {
        let bytes = try Self.fixture("en-1252-meta.html")
        #expect(bytes.contains(0x93) && bytes.contains(0x94))
        let d = try Self.decodeFixture("en-1252-meta.html", sentence: Self.sentenceENQuotes)
        #expect(d.encoding == "WINDOWS-1252")
        #expect(d.source == "meta")
        #expect(d.warnings.isEmpty)
        let text = Self.text(d)
        #expect(text.contains("The caf\u{E9} owners on the quay \u{2014} who"))
        #expect(text.contains("council\u{2019}s reserve fund"))
        #expect(text.contains("\u{A3}4.2 million"))
        #expect(text.contains("\u{2018}optimistic\u{2019}"))
    }

    @Test func windows1252UndeclaredGoesToUchardet() throws {
        let bytes = try Self.fixture("en-1252-nometa.html")
        #expect(CharsetDetector.detect(bytes) == "WINDOWS-1252")
        let d = try Self.decodeFixture("en-1252-nometa.html", sentence: Self.sentenceENQuotes)
        #expect(d.encoding == "WINDOWS-1252")
        #expect(d.source == "detector")
        #expect(d.warnings == ["no usable charset declared; detected WINDOWS-1252 with uchardet"])
        #expect(Self.text(d).contains("\u{2018}optimistic\u{2019}"))
    }

    // MARK: Korean

    @Test func koreanUTF8() throws {
        let d = try Self.decodeFixture("ko-utf8.html", sentence: Self.sentenceKO)
        #expect(d.encoding == "UTF-8")
        #expect(d.source == "meta")
        #expect(d.warnings.isEmpty)
    }

    @Test func koreanCP949WithMetaEucKr() throws {
        let d = try Self.decodeFixture("ko-cp949-meta.html", sentence: Self.sentenceKO)
        #expect(d.encoding == "CP949")
        #expect(d.source == "meta")
        #expect(d.warnings.isEmpty)
        #expect(Self.text(d).contains("<title>지하철 심야 운행 확대</title>"))
    }

    @Test func koreanCP949WithHttpEquivKsC5601() throws {
        let bytes = try Self.fixture("ko-cp949-httpequiv.html")
        #expect(CharsetSniffer.metaCharset(bytes) == "ks_c_5601-1987")
        let d = try Self.decodeFixture("ko-cp949-httpequiv.html", sentence: Self.sentenceKO)
        #expect(d.encoding == "CP949")
        #expect(d.source == "meta")
        #expect(d.warnings.isEmpty)
    }

    @Test func koreanCP949WithoutMetaIsDetectedAsUHC() throws {
        let bytes = try Self.fixture("ko-cp949-nometa.html")
        #expect(CharsetSniffer.metaCharset(bytes) == nil)
        #expect(CharsetDetector.detect(bytes) == "UHC")
        let d = try Self.decodeFixture("ko-cp949-nometa.html", sentence: Self.sentenceKO)
        #expect(d.encoding == "CP949")
        #expect(d.source == "detector")
        #expect(d.warnings == ["no usable charset declared; detected CP949 with uchardet"])
    }

    @Test func koreanMetaThatLiesIsSetAsideForValidUTF8() throws {
        // Says euc-kr, is UTF-8 (a CMS that switched to UTF-8 and kept its template).
        let bytes = try Self.fixture("ko-utf8-lyingmeta.html")
        #expect(CharsetSniffer.metaCharset(bytes) == "euc-kr")
        let d = try Self.decodeFixture("ko-utf8-lyingmeta.html", sentence: Self.sentenceKO)
        #expect(d.encoding == "UTF-8")
        #expect(d.source == "content")
        #expect(d.warnings.count == 1)
        #expect(d.warnings.contains { $0.contains("'euc-kr'") && $0.contains("meta") })
        #expect(d.utf8 == bytes)
    }

    @Test func uhcOnlySyllablesWithEucKrMetaDecode() throws {
        let bytes = try Self.fixture("ko-uhc-only.html")
        // 똠 is 0x8C 0x63 in CP949; EUC-KR proper (KS X 1001) has no such code.
        #expect(zip(bytes, bytes.dropFirst()).filter { $0.0 == 0x8C && $0.1 == 0x63 }.count == 3)
        let d = try Self.decodeFixture("ko-uhc-only.html", sentence: Self.sentenceKOUHC)
        #expect(d.encoding == "CP949")
        #expect(d.source == "meta")
        #expect(d.warnings.isEmpty)
        #expect(Self.text(d).contains("<h1>똠방각하 거리 공연</h1>"))
        // Why euc-kr must mean CP949: glibc's own EUC-KR reads 0x8C as a C1 control and loses 똠.
        if case .clean(let utf8) = Transcoder.toUTF8(bytes, from: "EUC-KR") {
            #expect(!String(decoding: utf8, as: UTF8.self).contains("똠"))
        } else {
            Issue.record("glibc EUC-KR was expected to pass the bytes through as C1 controls")
        }
    }

    // MARK: Japanese, Chinese

    @Test func japaneseShiftJIS() throws {
        let d = try Self.decodeFixture("ja-sjis.html", sentence: Self.sentenceJA)
        #expect(d.encoding == "CP932")
        #expect(d.source == "meta")
        #expect(d.warnings.isEmpty)
        #expect(Self.text(d).contains("「住民の意見を丁寧に聞き、"))
    }

    @Test func japaneseEUCJP() throws {
        let d = try Self.decodeFixture("ja-eucjp.html", sentence: Self.sentenceJA)
        #expect(d.encoding == "EUC-JP")
        #expect(d.source == "meta")
        #expect(d.warnings.isEmpty)
    }

    @Test func chineseGB2312LabelReadsAsGB18030() throws {
        let d = try Self.decodeFixture("zh-gb18030.html", sentence: Self.sentenceZH)
        #expect(d.encoding == "GB18030")
        #expect(d.source == "meta")
        #expect(d.warnings.isEmpty)
    }

    @Test func chineseBig5LabelReadsAsBig5HKSCS() throws {
        let d = try Self.decodeFixture("zh-big5.html", sentence: Self.sentenceZHTW)
        #expect(d.encoding == "BIG5-HKSCS")
        #expect(d.source == "meta")
        #expect(d.warnings.isEmpty)
    }

    // MARK: Russian

    @Test func russianWindows1251WithMeta() throws {
        let d = try Self.decodeFixture("ru-1251-meta.html", sentence: Self.sentenceRU)
        #expect(d.encoding == "WINDOWS-1251")
        #expect(d.source == "meta")
        #expect(d.warnings.isEmpty)
        #expect(Self.text(d).contains("более трёх тысяч километров"))
    }

    @Test func russianKOI8RWithMeta() throws {
        let d = try Self.decodeFixture("ru-koi8r-meta.html", sentence: Self.sentenceRU)
        #expect(d.encoding == "KOI8-R")
        #expect(d.source == "meta")
        #expect(d.warnings.isEmpty)
        #expect(Self.text(d).contains("более трёх тысяч километров"))
    }

    @Test func russianWithoutMetaIsDetectedAsWindows1251() throws {
        let bytes = try Self.fixture("ru-1251-nometa.html")
        #expect(CharsetDetector.detect(bytes) == "WINDOWS-1251")
        let d = try Self.decodeFixture("ru-1251-nometa.html", sentence: Self.sentenceRU)
        #expect(d.encoding == "WINDOWS-1251")
        #expect(d.source == "detector")
        #expect(d.warnings == ["no usable charset declared; detected WINDOWS-1251 with uchardet"])
    }

    // MARK: Byte-order marks

    @Test func utf16LittleEndianBOM() throws {
        let d = try Self.decodeFixture("ko-utf16le-bom.html", sentence: Self.sentenceKO)
        #expect(d.encoding == "UTF-16LE")
        #expect(d.source == "bom")
        #expect(d.warnings.isEmpty)
        #expect(!d.utf8.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(!Self.text(d).unicodeScalars.contains("\u{FEFF}"))
    }

    @Test func utf16BigEndianBOM() throws {
        let d = try Self.decodeFixture("ko-utf16be-bom.html", sentence: Self.sentenceKO)
        #expect(d.encoding == "UTF-16BE")
        #expect(d.source == "bom")
        #expect(d.warnings.isEmpty)
        #expect(!Self.text(d).unicodeScalars.contains("\u{FEFF}"))
        // Same page as the little-endian fixture.
        let littleEndian = try CharsetSniffer.decode(Self.fixture("ko-utf16le-bom.html"), declared: nil)
        #expect(d.utf8 == littleEndian.utf8)
    }

    @Test func utf8BOMIsStrippedAndWinsOverTransport() throws {
        let bytes = try Self.fixture("en-utf8-bom.html")
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        let d = try Self.decodeFixture("en-utf8-bom.html", declared: "iso-8859-1", sentence: Self.sentenceEN)
        #expect(d.encoding == "UTF-8")
        #expect(d.source == "bom")
        #expect(d.warnings.isEmpty)
        #expect(d.utf8 == Array(bytes.dropFirst(3)))
    }

    // MARK: Transport charset

    @Test func transportCharsetWinsOverAContradictingMeta() throws {
        // CP949 bytes whose meta says iso-8859-1; the server says euc-kr.
        let d = try Self.decodeFixture("ko-cp949-wrongmeta.html", declared: "euc-kr", sentence: Self.sentenceKO)
        #expect(d.encoding == "CP949")
        #expect(d.source == "transport")
        #expect(d.warnings.isEmpty)
        // Without the transport charset the meta is believed (windows-1252 maps all these bytes): mojibake.
        let bytes = try Self.fixture("ko-cp949-wrongmeta.html")
        #expect(CharsetSniffer.metaCharset(bytes) == "iso-8859-1")
        let metaOnly = CharsetSniffer.decode(bytes, declared: nil)
        #expect(metaOnly.encoding == "WINDOWS-1252")
        #expect(metaOnly.source == "meta")
        #expect(!Self.text(metaOnly).contains(Self.sentenceKO))
    }

    @Test func transportLabelIsMappedLikeAnyOther() throws {
        let d = try Self.decodeFixture("ko-cp949-meta.html", declared: " EUC-KR ", sentence: Self.sentenceKO)
        #expect(d.encoding == "CP949")
        #expect(d.source == "transport")
    }

    @Test func transportCharsetThatLiesFallsThroughToMeta() throws {
        // Server says utf-8, bytes are CP949 with a correct euc-kr meta.
        let d = try Self.decodeFixture("ko-cp949-meta.html", declared: "utf-8", sentence: Self.sentenceKO)
        #expect(d.encoding == "CP949")
        #expect(d.source == "meta")
        #expect(d.warnings.count == 1)
        #expect(d.warnings.contains { $0.contains("'utf-8'") && $0.contains("transport") })
    }

    // MARK: Unknown labels, junk

    @Test func unknownTransportLabelIsIgnoredWithAWarning() throws {
        let d = try Self.decodeFixture("ko-cp949-meta.html", declared: "x-nonsense", sentence: Self.sentenceKO)
        #expect(d.encoding == "CP949")
        #expect(d.source == "meta")
        #expect(d.warnings == ["unknown charset 'x-nonsense' declared in transport; ignored"])
    }

    @Test func unknownMetaLabelIsIgnoredWithAWarning() {
        let html =
            "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"x-nonsense\">\n<title>t</title>\n</head>\n<body><p>"
            + "caf\u{E9} \u{2014} 평양</p></body></html>\n"
        let d = CharsetSniffer.decode(Array(html.utf8), declared: nil)
        #expect(d.encoding == "UTF-8")
        #expect(d.source == "content")
        #expect(d.warnings == ["unknown charset 'x-nonsense' declared in meta; ignored"])
        #expect(Self.text(d) == html)
    }

    @Test func undecodableJunkFallsBackToWindows1252WithReplacements() throws {
        let bytes = try Self.fixture("junk.html")
        #expect(!CharsetSniffer.isValidUTF8(bytes))
        #expect(CharsetSniffer.metaCharset(bytes) == nil)
        #expect(CharsetDetector.detect(bytes) == nil)  // uchardet 0.0.7 gives up on these bytes
        let d = CharsetSniffer.decode(bytes, declared: nil)
        #expect(d.encoding == "WINDOWS-1252")
        #expect(d.source == "fallback")
        #expect(d.warnings.count == 1)
        #expect(d.warnings.contains { $0.contains("windows-1252") && $0.contains("24") })
        let text = Self.text(d)
        // glibc's WINDOWS-1252 leaves 0x81 0x8D 0x8F 0x90 0x9D undefined: 24 such bytes in the page.
        #expect(Self.replacementCount(text) == 24)
        #expect(text.contains("reading 00: status \u{FFFD}\u{FFFD} ok\n"))
        #expect(text.contains("reading 03: status \u{FFFD}\u{FFFD}\u{FFFD} ok\n"))
        #expect(text.contains("reading 11: status \u{FFFD}\u{FFFD} ok\n"))
        #expect(CharsetSniffer.isValidUTF8(d.utf8))
    }

    // MARK: Prescan window

    @Test func metaAfterAFiveThousandBytePreambleIsFound() throws {
        let page = try Self.fixture("ko-cp949-meta.html")
        let bytes = Array(("<!-- " + String(repeating: "x", count: 5_000) + " -->\n").utf8) + page
        #expect(CharsetSniffer.metaCharset(bytes) == "euc-kr")
        let d = CharsetSniffer.decode(bytes, declared: nil)
        #expect(d.encoding == "CP949")
        #expect(d.source == "meta")
        #expect(d.warnings.isEmpty)
        #expect(Self.text(d).contains(Self.sentenceKO))
    }

    @Test func metaPastThePrescanLimitIsNotFound() throws {
        let page = try Self.fixture("ko-cp949-meta.html")
        let bytes = Array(("<!-- " + String(repeating: "x", count: 70_000) + " -->\n").utf8) + page
        #expect(bytes.count > CharsetSniffer.prescanLimit)
        #expect(CharsetSniffer.metaCharset(bytes) == nil)
        // The page still decodes, but by uchardet ("UHC"), not by the meta.
        #expect(CharsetDetector.detect(bytes) == "UHC")
        let d = CharsetSniffer.decode(bytes, declared: nil)
        #expect(d.encoding == "CP949")
        #expect(d.source == "detector")
        #expect(d.warnings == ["no usable charset declared; detected CP949 with uchardet"])
        #expect(Self.text(d).contains(Self.sentenceKO))
    }

    // MARK: metaCharset

    @Test func metaCharsetForms() {
        func meta(_ html: String) -> String? { CharsetSniffer.metaCharset(Array(html.utf8)) }
        #expect(meta("<html><head><meta charset=\"euc-kr\"><title>x</title>") == "euc-kr")
        #expect(meta("<HEAD><META CHARSET=ISO-8859-1>") == "iso-8859-1")
        #expect(meta("<meta charset='windows-1251' />") == "windows-1251")
        #expect(
            meta(#"<head><meta http-equiv="Content-Type" content="text/html; charset=ks_c_5601-1987"></head>"#)
                == "ks_c_5601-1987")
        #expect(meta(#"<meta name="viewport" content="width=device-width"><meta charset = "utf-8">"#) == "utf-8")
        #expect(meta("<meta charset=\"\">") == nil)
        #expect(meta("<p>no meta at all</p>") == nil)
        #expect(meta("<html><body><meta charset=\"euc-kr\"><p>plain</p>") == nil)  // the prescan stops at <body
    }

    @Test func metaInsideTheBodyIsIgnored() {
        let d = CharsetSniffer.decode(Array("<html><body><meta charset=\"euc-kr\"><p>plain</p>".utf8), declared: nil)
        #expect(d.encoding == "UTF-8")
        #expect(d.source == "content")
        #expect(d.warnings.isEmpty)
    }

    // MARK: Transcoder

    @Test func transcoderCleanConversion() {
        #expect(Transcoder.toUTF8(Self.hangulCP949, from: "CP949") == .clean(Array("한국".utf8)))
        #expect(Transcoder.toUTF8([0x8C, 0x63, 0xB9, 0xE6], from: "CP949") == .clean(Array("똠방".utf8)))
        #expect(
            Transcoder.toUTF8(Array("caf".utf8) + [0xE9, 0x93, 0x94], from: "WINDOWS-1252")
                == .clean(Array("caf\u{E9}\u{201C}\u{201D}".utf8)))
    }

    @Test func transcoderRepairsInvalidSequences() {
        // 0x81 and 0x8D are undefined in windows-1252; the quotes around "x" are fine.
        #expect(
            Transcoder.toUTF8(
                Array("A".utf8) + [0x81] + Array("B".utf8) + [0x8D, 0x93, 0x78, 0x94], from: "WINDOWS-1252")
                == .repaired(Array("A\u{FFFD}B\u{FFFD}\u{201C}x\u{201D}".utf8), invalidSequences: 2))
        // A CP949 lead byte cut off at the end, and one followed by an impossible trail byte.
        #expect(
            Transcoder.toUTF8([0x41, 0xC7], from: "CP949") == .repaired(Array("A\u{FFFD}".utf8), invalidSequences: 1))
        #expect(
            Transcoder.toUTF8([0xC7, 0x41], from: "CP949") == .repaired(Array("\u{FFFD}A".utf8), invalidSequences: 1))
        // glibc's UTF-8 decoder: one replacement per rejected byte.
        #expect(
            Transcoder.toUTF8([0x61, 0xFF, 0x62], from: "UTF-8")
                == .repaired(Array("a\u{FFFD}b".utf8), invalidSequences: 1))
        #expect(
            Transcoder.toUTF8([0x61, 0xC0, 0x80, 0x62], from: "UTF-8")
                == .repaired(Array("a\u{FFFD}\u{FFFD}b".utf8), invalidSequences: 2))
        // An odd trailing byte in UTF-16.
        #expect(
            Transcoder.toUTF8([0x41, 0x00, 0x42], from: "UTF-16LE")
                == .repaired(Array("A\u{FFFD}".utf8), invalidSequences: 1))
    }

    @Test func transcoderUnknownEncoding() {
        #expect(Transcoder.toUTF8(Array("abc".utf8), from: "X-NONSENSE") == .unknownEncoding)
        #expect(Transcoder.toUTF8([], from: "X-NONSENSE") == .unknownEncoding)
    }

    @Test func transcoderEmptyInput() {
        #expect(Transcoder.toUTF8([], from: "CP949") == .clean([]))
        #expect(Transcoder.toUTF8([], from: "UTF-16LE") == .clean([]))
    }

    @Test func transcoderWholePage() throws {
        let bytes = try Self.fixture("ja-eucjp.html")
        guard case .clean(let utf8) = Transcoder.toUTF8(bytes, from: "EUC-JP") else {
            Issue.record("EUC-JP page did not convert cleanly")
            return
        }
        #expect(String(decoding: utf8, as: UTF8.self).contains(Self.sentenceJA))
    }

    // MARK: Labels

    @Test func koreanLabelsMeanCP949() {
        for label in ["euc-kr", "EUC-KR", " euc-kr ", "ks_c_5601-1987", "ksc5601", "windows-949", "cp949", "UHC"] {
            #expect(CharsetSniffer.encodingName(forLabel: label) == "CP949", "label \(label)")
        }
    }

    @Test func latin1LabelsMeanWindows1252() {
        for label in ["iso-8859-1", "ISO-8859-1", "latin1", "us-ascii", "windows-1252", "WINDOWS-1252"] {
            #expect(CharsetSniffer.encodingName(forLabel: label) == "WINDOWS-1252", "label \(label)")
        }
    }

    @Test func otherLabels() {
        #expect(CharsetSniffer.encodingName(forLabel: "utf8") == "UTF-8")
        #expect(CharsetSniffer.encodingName(forLabel: "Shift_JIS") == "CP932")
        #expect(CharsetSniffer.encodingName(forLabel: "gb2312") == "GB18030")
        #expect(CharsetSniffer.encodingName(forLabel: "big5") == "BIG5-HKSCS")
        #expect(CharsetSniffer.encodingName(forLabel: "euc-jp") == "EUC-JP")
        #expect(CharsetSniffer.encodingName(forLabel: "koi8-r") == "KOI8-R")
        #expect(CharsetSniffer.encodingName(forLabel: "windows-1250") == "WINDOWS-1250")
        #expect(CharsetSniffer.encodingName(forLabel: "Windows-1258") == "WINDOWS-1258")
        #expect(CharsetSniffer.encodingName(forLabel: "windows-12589") == nil)
        #expect(CharsetSniffer.encodingName(forLabel: "iso-8859-5") == "ISO-8859-5")
        #expect(CharsetSniffer.encodingName(forLabel: "x-no-such-charset") == nil)
        #expect(CharsetSniffer.encodingName(forLabel: "x-nonsense") == nil)
        #expect(CharsetSniffer.encodingName(forLabel: "") == nil)
    }

    /// The names uchardet 0.0.7 returned for the fixtures go through the same table.
    @Test func uchardetNamesMapToIconvNames() {
        let expected = [
            "UHC": "CP949", "EUC-KR": "CP949", "SHIFT_JIS": "CP932", "EUC-JP": "EUC-JP", "BIG5": "BIG5-HKSCS",
            "GB18030": "GB18030", "WINDOWS-1251": "WINDOWS-1251", "KOI8-R": "KOI8-R", "WINDOWS-1252": "WINDOWS-1252",
            "ISO-8859-1": "WINDOWS-1252", "UTF-8": "UTF-8",
        ]
        for (name, iconv) in expected {
            #expect(CharsetSniffer.encodingName(forLabel: name) == iconv, "uchardet name \(name)")
        }
    }

    // MARK: isValidUTF8

    @Test func strictUTF8Validation() {
        #expect(CharsetSniffer.isValidUTF8([]))
        #expect(CharsetSniffer.isValidUTF8(Array("plain ASCII".utf8)))
        #expect(CharsetSniffer.isValidUTF8(Array("한국어 조선말".utf8)))
        #expect(CharsetSniffer.isValidUTF8([0xED, 0x95, 0x9C]))  // "한", ending the buffer
        #expect(CharsetSniffer.isValidUTF8([0xF0, 0x9F, 0x98, 0x80]))  // U+1F600
        #expect(CharsetSniffer.isValidUTF8([0xF4, 0x8F, 0xBF, 0xBF]))  // U+10FFFF, the last scalar
        #expect(CharsetSniffer.isValidUTF8([0xEF, 0xBF, 0xBD]))  // U+FFFD itself
        #expect(!CharsetSniffer.isValidUTF8([0xC0, 0x80]))  // overlong NUL
        #expect(!CharsetSniffer.isValidUTF8([0xC1, 0xBF]))  // overlong
        #expect(!CharsetSniffer.isValidUTF8([0xE0, 0x80, 0x80]))  // overlong
        #expect(!CharsetSniffer.isValidUTF8([0xF0, 0x8F, 0xBF, 0xBF]))  // overlong U+FFFF
        #expect(!CharsetSniffer.isValidUTF8([0xED, 0xA0, 0x80]))  // surrogate U+D800
        #expect(!CharsetSniffer.isValidUTF8([0xED, 0xBF, 0xBF]))  // surrogate U+DFFF
        #expect(!CharsetSniffer.isValidUTF8([0xF4, 0x90, 0x80, 0x80]))  // above U+10FFFF
        #expect(!CharsetSniffer.isValidUTF8([0xF5, 0x80, 0x80, 0x80]))
        #expect(!CharsetSniffer.isValidUTF8([0xED, 0x95]))  // "한" cut short
        #expect(!CharsetSniffer.isValidUTF8(Array("ok".utf8) + [0xE2, 0x82]))  // truncated at the end
        #expect(!CharsetSniffer.isValidUTF8([0x80]))  // lone continuation byte
        #expect(!CharsetSniffer.isValidUTF8([0xC3, 0x28]))  // bad continuation
        #expect(!CharsetSniffer.isValidUTF8(Self.hangulCP949))
    }

    /// `charset` is looked for where a `c` stands, eight bytes at a time: at every offset, in either case.
    @Test func metaCharsetAtEveryOffsetInTheTag() {
        for pad in 0..<20 {
            let padding = String(repeating: "x", count: pad)
            for written in ["charset", "CHARSET", "Charset"] {
                let html = "<meta data-c=\"\(padding)cc\" content=\"text/html; \(written)=EUC-KR\">"
                #expect(CharsetSniffer.metaCharset(Array(html.utf8)) == "euc-kr", "\(html)")
            }
            #expect(CharsetSniffer.metaCharset(Array("<meta content=\"\(padding) charse\">".utf8)) == nil)
        }
    }

    /// ASCII is read 32 and 8 bytes at a time: a character, good or bad, is seen at every offset after it.
    @Test func strictUTF8ValidationAtEveryOffset() {
        let good: [[UInt8]] = [[0xC3, 0xA9], [0xED, 0x95, 0x9C], [0xF0, 0x9F, 0x98, 0x80]]
        let bad: [[UInt8]] = [[0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80], [0xE2, 0x82]]
        for offset in 0..<70 {
            let ascii = Array(String(repeating: "a", count: offset).utf8)
            for sequence in good {
                #expect(CharsetSniffer.isValidUTF8(ascii + sequence), "\(offset) \(sequence)")
                #expect(CharsetSniffer.isValidUTF8(ascii + sequence + ascii + sequence), "\(offset) \(sequence)")
            }
            for sequence in bad {
                #expect(!CharsetSniffer.isValidUTF8(ascii + sequence), "\(offset) \(sequence)")
                #expect(!CharsetSniffer.isValidUTF8(ascii + good[1] + sequence + ascii), "\(offset) \(sequence)")
            }
        }
    }
}

import Testing
@testable import WinnowHTML

@Suite("CharsetSniffer")
struct CharsetSnifferTests {
    typealias Decision = CharsetSniffer.Decision

    private func sniff(_ text: String, declared: String? = nil) -> Decision {
        CharsetSniffer.sniff(Array(text.utf8), declared: declared)
    }

    /// "한국" in CP949: not valid UTF-8.
    static let hangulCP949: [UInt8] = [199, 209, 177, 185]

    @Test func utf8BOMWinsOverEverything() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("<meta charset=\"euc-kr\"><p>x".utf8)
        #expect(CharsetSniffer.sniff(bytes, declared: "iso-8859-1") == Decision(encoding: "UTF-8", source: "bom"))
    }

    @Test func utf16BOMs() {
        #expect(CharsetSniffer.sniff([0xFF, 0xFE, 0x3C, 0x00], declared: nil) == Decision(encoding: "UTF-16LE", source: "bom"))
        #expect(CharsetSniffer.sniff([0xFE, 0xFF, 0x00, 0x3C], declared: "utf-8") == Decision(encoding: "UTF-16BE", source: "bom"))
    }

    @Test func transportCharsetWinsOverMeta() {
        #expect(sniff("<meta charset=\"euc-kr\"><p>x", declared: "utf-8") == Decision(encoding: "UTF-8", source: "transport"))
        #expect(sniff("<meta charset=\"utf-8\"><p>x", declared: "EUC-KR") == Decision(encoding: "CP949", source: "transport"))
    }

    @Test func metaCharsetAttribute() {
        #expect(sniff("<html><head><meta charset=\"euc-kr\"><title>x</title>") == Decision(encoding: "CP949", source: "meta"))
        #expect(sniff("<HEAD><META CHARSET=ISO-8859-1>") == Decision(encoding: "WINDOWS-1252", source: "meta"))
        #expect(sniff("<meta charset='windows-1251' />") == Decision(encoding: "WINDOWS-1251", source: "meta"))
    }

    @Test func metaHttpEquivContentType() {
        let html = #"<head><meta http-equiv="Content-Type" content="text/html; charset=ks_c_5601-1987"></head>"#
        #expect(sniff(html) == Decision(encoding: "CP949", source: "meta"))
        #expect(CharsetSniffer.metaCharset(Array(html.utf8)) == "ks_c_5601-1987")
    }

    @Test func metaAfterAFiveThousandBytePreambleIsFound() {
        let html = "<!DOCTYPE html><!-- " + String(repeating: "x", count: 5_000) + " --><head><meta charset=\"euc-kr\">"
        #expect(sniff(html) == Decision(encoding: "CP949", source: "meta"))
    }

    @Test func metaPastThePrescanLimitIsIgnored() {
        let bytes = Array(("<!-- " + String(repeating: "x", count: 70_000) + " --><meta charset=\"euc-kr\"><p>").utf8)
            + Self.hangulCP949
        let decision = CharsetSniffer.sniff(bytes, declared: nil)
        #expect(decision.encoding == "WINDOWS-1252")
        #expect(decision.source == "content")
    }

    @Test func metaInsideTheBodyIsIgnored() {
        #expect(sniff("<html><body><meta charset=\"euc-kr\"><p>plain</p>") == Decision(encoding: "UTF-8", source: "content"))
    }

    @Test func koreanLabelsMeanCP949() {
        for label in ["euc-kr", "EUC-KR", " euc-kr ", "ks_c_5601-1987", "ksc5601", "windows-949", "cp949"] {
            #expect(CharsetSniffer.encodingName(forLabel: label) == "CP949", "label \(label)")
        }
    }

    @Test func latin1LabelsMeanWindows1252() {
        for label in ["iso-8859-1", "ISO-8859-1", "latin1", "us-ascii", "windows-1252"] {
            #expect(CharsetSniffer.encodingName(forLabel: label) == "WINDOWS-1252", "label \(label)")
        }
    }

    @Test func otherLabels() {
        #expect(CharsetSniffer.encodingName(forLabel: "utf8") == "UTF-8")
        #expect(CharsetSniffer.encodingName(forLabel: "Shift_JIS") == "CP932")
        #expect(CharsetSniffer.encodingName(forLabel: "gb2312") == "GB18030")
        #expect(CharsetSniffer.encodingName(forLabel: "windows-1250") == "WINDOWS-1250")
        #expect(CharsetSniffer.encodingName(forLabel: "iso-8859-5") == "ISO-8859-5")
        #expect(CharsetSniffer.encodingName(forLabel: "x-no-such-charset") == nil)
        #expect(CharsetSniffer.encodingName(forLabel: "") == nil)
    }

    @Test func validUTF8WithoutDeclarationIsUTF8() {
        #expect(sniff("<p>평양 café</p>") == Decision(encoding: "UTF-8", source: "content"))
    }

    @Test func invalidUTF8WithoutDeclarationIsWindows1252WithAWarning() {
        let bytes = Array("<p>caf".utf8) + [0xE9] + Array("</p>".utf8)
        #expect(CharsetSniffer.sniff(bytes, declared: nil) == Decision(
            encoding: "WINDOWS-1252", source: "content",
            warning: "no charset declared and the bytes are not valid UTF-8; read as windows-1252"))
    }

    @Test func declaredUTF8WithInvalidBytesWarns() {
        let bytes = Array("<p>caf".utf8) + [0xE9] + Array("</p>".utf8)
        #expect(CharsetSniffer.sniff(bytes, declared: "utf-8") == Decision(
            encoding: "WINDOWS-1252", source: "content",
            warning: "charset declared as utf-8 in transport but the bytes are not valid UTF-8; read as windows-1252"))
        let withMeta = Array("<meta charset=\"utf-8\"><p>caf".utf8) + [0xE9]
        #expect(CharsetSniffer.sniff(withMeta, declared: nil) == Decision(
            encoding: "WINDOWS-1252", source: "content",
            warning: "charset declared as utf-8 in meta but the bytes are not valid UTF-8; read as windows-1252"))
    }

    @Test func unknownTransportLabelFallsBackToMetaWithAWarning() {
        let bytes = Array("<meta charset=\"euc-kr\"><p>".utf8) + Self.hangulCP949
        #expect(CharsetSniffer.sniff(bytes, declared: "x-made-up") == Decision(
            encoding: "CP949", source: "meta", warning: "unknown charset 'x-made-up' declared in transport; ignored"))
    }

    @Test func unknownMetaLabelFallsBackToContent() {
        #expect(sniff("<meta charset=\"bogus\"><p>x") == Decision(
            encoding: "UTF-8", source: "content", warning: "unknown charset 'bogus' declared in meta; ignored"))
    }

    @Test func strictUTF8Validation() {
        #expect(CharsetSniffer.isValidUTF8([]))
        #expect(CharsetSniffer.isValidUTF8(Array("plain ASCII".utf8)))
        #expect(CharsetSniffer.isValidUTF8(Array("한국어 조선말".utf8)))
        #expect(CharsetSniffer.isValidUTF8([0xF0, 0x9F, 0x98, 0x80]))  // U+1F600
        #expect(CharsetSniffer.isValidUTF8([0xF4, 0x8F, 0xBF, 0xBF]))  // U+10FFFF, the last scalar
        #expect(!CharsetSniffer.isValidUTF8([0xC0, 0x80]))  // overlong NUL
        #expect(!CharsetSniffer.isValidUTF8([0xE0, 0x80, 0x80]))  // overlong
        #expect(!CharsetSniffer.isValidUTF8([0xED, 0xA0, 0x80]))  // surrogate U+D800
        #expect(!CharsetSniffer.isValidUTF8([0xF4, 0x90, 0x80, 0x80]))  // above U+10FFFF
        #expect(!CharsetSniffer.isValidUTF8([0xED, 0x95]))  // "한" cut short
        #expect(!CharsetSniffer.isValidUTF8(Array("ok".utf8) + [0xE2, 0x82]))  // truncated at the end
        #expect(!CharsetSniffer.isValidUTF8([0x80]))  // lone continuation byte
        #expect(!CharsetSniffer.isValidUTF8([0xC3, 0x28]))  // bad continuation
        #expect(!CharsetSniffer.isValidUTF8([0xF5, 0x80, 0x80, 0x80]))
        #expect(!CharsetSniffer.isValidUTF8(Self.hangulCP949))
    }
}

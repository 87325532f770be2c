import Testing

@testable import WinnowHTML

@Suite("ContentSniffer")
struct ContentSnifferTests {
    /// Control bytes counted eight at a time against a byte loop, on bytes around every boundary of the tests.
    @Test func controlBytesMatchAByteLoop() {
        let alphabet: [UInt8] = [
            0x00, 0x01, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B, 0x1F, 0x20, 0x41, 0x7F, 0x80, 0x9F, 0xFF,
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let bytes = (0..<Int.random(in: 0...40, using: &generator)).map { _ in
                alphabet.randomElement(using: &generator)!
            }
            let expected = bytes.filter { $0 < 0x20 && ![0x09, 0x0A, 0x0D, 0x0C, 0x1B].contains($0) }.count
            #expect(bytes.withUnsafeBufferPointer(ContentSniffer.controlBytes) == expected, "\(bytes)")
        }
    }

    @Test func recognizesBinaryFormatsByMagicBytes() {
        #expect(
            ContentSniffer.binaryKind([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D]) == "PNG image")
        #expect(ContentSniffer.binaryKind(Array("%PDF-1.4\n%âãÏÓ\n".utf8)) == "PDF document")
        #expect(ContentSniffer.binaryKind([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00]) == "ZIP archive")
        #expect(ContentSniffer.binaryKind([0x1F, 0x8B, 0x08, 0x00]) == "gzip data")
        #expect(ContentSniffer.binaryKind([0xFF, 0xD8, 0xFF, 0xE0]) == "JPEG image")
        #expect(ContentSniffer.binaryKind(Array("GIF89a".utf8)) == "GIF image")
        #expect(ContentSniffer.binaryKind([0x7F, 0x45, 0x4C, 0x46, 2, 1]) == "ELF binary")
    }

    @Test func plainHTMLIsText() {
        #expect(
            ContentSniffer.binaryKind(Array("<!DOCTYPE html>\n<html><body>\r\n\t<p>hi</p></body></html>".utf8)) == nil)
        #expect(ContentSniffer.binaryKind(Array("<p>평양</p>".utf8)) == nil)
        #expect(ContentSniffer.binaryKind([]) == nil)
    }

    @Test func manyControlBytesAreBinary() {
        let bytes = (0..<200).map { UInt8($0 % 8) }
        #expect(ContentSniffer.binaryKind(bytes) == "binary data")
    }

    @Test func moreThanOneControlByteInTenIsBinary() {
        let ten = [UInt8](repeating: 0x01, count: 10) + [UInt8](repeating: UInt8(ascii: "a"), count: 90)
        let eleven = [UInt8](repeating: 0x01, count: 11) + [UInt8](repeating: UInt8(ascii: "a"), count: 89)
        #expect(ContentSniffer.binaryKind(ten) == nil)
        #expect(ContentSniffer.binaryKind(eleven) == "binary data")
    }

    @Test func whitespaceFormFeedAndEscapeAreNotControlBytes() {
        let bytes =
            [UInt8](repeating: 0x09, count: 20) + [UInt8](repeating: 0x0A, count: 20)
            + [UInt8](repeating: 0x0D, count: 20)
            + [UInt8](repeating: 0x0C, count: 20) + [UInt8](repeating: 0x1B, count: 20)
        #expect(ContentSniffer.binaryKind(bytes) == nil)
    }

    @Test func onlyTheFirst4096BytesAreSampled() {
        let bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 4_096) + [UInt8](repeating: 0x01, count: 2_000)
        #expect(ContentSniffer.binaryKind(bytes) == nil)
    }

    @Test func utf16WithBOMIsText() {
        let utf16le: [UInt8] =
            [0xFF, 0xFE] + Array("<html><p>hi</p></html>".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let utf16be: [UInt8] =
            [0xFE, 0xFF] + Array("<html><p>hi</p></html>".utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(ContentSniffer.binaryKind(utf16le) == nil)
        #expect(ContentSniffer.binaryKind(utf16be) == nil)
        // Without the BOM its NULs make it look binary.
        #expect(ContentSniffer.binaryKind(Array(utf16le.dropFirst(2))) == "binary data")
    }
}

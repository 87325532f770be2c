import Testing

@testable import WinnowBytes

@Suite("Byte spans")
struct ByteSpansTests {
    @Test func appendsLowercasesAndChecksASCII() {
        let text = Array("Hello, WÖRLD".utf8)
        var out: [UInt8] = [0x3E]
        out.append(text.span)
        #expect(out == [0x3E] + text)
        #expect(text.span.asciiLowercased == "hello, wÖrld")
        let textIsASCII = text.span.isASCII
        let plainIsASCII = Array("plain ASCII".utf8).span.isASCII
        let emptyIsASCII = [UInt8]().span.isASCII
        #expect(!textIsASCII && plainIsASCII && emptyIsASCII)
        #expect([UInt8]().span.asciiLowercased.isEmpty)
        #expect(text.span.utf8String == "Hello, WÖRLD")
    }
}

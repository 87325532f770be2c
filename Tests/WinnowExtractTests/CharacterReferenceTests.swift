import Testing

@testable import WinnowExtract

private func decoded(_ text: String) -> String {
    let bytes = Array(text.utf8)
    var out: [UInt8] = []
    bytes.withUnsafeBufferPointer { b in
        var i = 0
        while i < b.count {
            if b[i] == UInt8(ascii: "&") {
                i = CharacterReference.decode(b, at: i, into: &out)
            } else {
                out.append(b[i])
                i += 1
            }
        }
    }
    return String(decoding: out, as: UTF8.self)
}

@Suite("Character references read from the page's bytes")
struct CharacterReferenceTests {
    @Test func namedDecimalAndHexReferencesAreDecoded() {
        #expect(decoded("Tom &amp; Jerry&rsquo;s &#8220;day&#x201D; &#65;&#X42;") == "Tom & Jerry’s “day” AB")
    }

    @Test func zeroSurrogatesAndOutOfRangeGiveTheReplacementCharacter() {
        #expect(decoded("a&#0;b&#xD800;c&#x110000;d") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d")
    }

    @Test func whatIsNoReferenceIsKeptAsWritten() {
        #expect(decoded("&#+41; &#x; &unknown; & x &amp") == "&#+41; &#x; &unknown; & x &amp")
    }
}

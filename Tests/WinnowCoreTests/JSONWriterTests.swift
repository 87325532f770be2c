import Testing

@testable import WinnowCore

@Suite("JSONWriter")
struct JSONWriterTests {
    private func text(_ w: JSONWriter) -> String { String(decoding: w.bytes, as: UTF8.self) }

    @Test func escapesQuotesBackslashesAndControlCharacters() {
        var w = JSONWriter()
        w.beginObject()
        w.field("q", "say \"hi\"")
        w.field("b", #"C:\path\x"#)
        w.field("c", "a\u{01}b\u{1F}c\u{00}")
        w.field("n", "line1\nline2\r\tend")
        w.endObject()
        #expect(
            text(w) == #"{"q":"say \"hi\"","b":"C:\\path\\x","c":"a\u0001b\u001fc\u0000","n":"line1\nline2\r\tend"}"#)
    }

    @Test func writesNonASCIIAsRawUTF8() {
        var w = JSONWriter()
        w.beginObject()
        w.field("u", "평양 café ✓ /")
        w.endObject()
        #expect(w.bytes == Array(#"{"u":"평양 café ✓ /"}"#.utf8))
    }

    @Test func escapesKeysLikeValues() {
        var w = JSONWriter()
        w.beginObject()
        w.key("a\"b\n")
        w.int(1)
        w.endObject()
        #expect(text(w) == #"{"a\"b\n":1}"#)
    }

    @Test func placesCommasInNestedObjectsAndArrays() {
        var w = JSONWriter()
        w.beginObject()
        w.key("a")
        w.beginArray()
        w.int(1)
        w.beginObject()
        w.field("x", "y")
        w.endObject()
        w.beginArray()
        w.endArray()
        w.bool(true)
        w.endArray()
        w.key("o")
        w.beginObject()
        w.key("p")
        w.beginObject()
        w.endObject()
        w.field("q", 2)
        w.endObject()
        w.field("z", "last")
        w.endObject()
        #expect(text(w) == #"{"a":[1,{"x":"y"},[],true],"o":{"p":{},"q":2},"z":"last"}"#)
    }

    @Test func writesEmptyObjectAndArraysOfStrings() {
        var w = JSONWriter()
        w.beginArray()
        w.beginObject()
        w.endObject()
        w.string("s")
        w.bool(false)
        w.int(-3)
        w.endArray()
        #expect(text(w) == #"[{},"s",false,-3]"#)
    }

    @Test func skipsAbsentAndEmptyFields() {
        var w = JSONWriter()
        w.beginObject()
        w.field("s", nil as String?)
        w.field("e", "")
        w.field("i", nil as Int?)
        w.field("d", nil as Double?)
        w.field("arr", [String]())
        w.field("narr", nil as [String]?)
        w.field("zero", 0)
        w.field("list", ["a", "b"])
        w.field("keep", "k")
        w.endObject()
        #expect(text(w) == #"{"zero":0,"list":["a","b"],"keep":"k"}"#)
    }

    @Test func skippedFirstFieldLeavesNoLeadingComma() {
        var w = JSONWriter()
        w.beginObject()
        w.field("missing", nil as String?)
        w.field("a", 1)
        w.field("gone", "")
        w.endObject()
        #expect(text(w) == #"{"a":1}"#)
    }

    @Test func writesDoublesInShortestForm() {
        var w = JSONWriter()
        w.beginObject()
        w.field("a", 0.25)
        w.field("b", 3.0)
        w.field("c", -2.0)
        w.field("d", 0.1)
        w.field("e", Double.nan)
        w.field("f", Double.infinity)
        w.endObject()
        #expect(text(w) == #"{"a":0.25,"b":3,"c":-2,"d":0.1,"e":null,"f":null}"#)
    }
}

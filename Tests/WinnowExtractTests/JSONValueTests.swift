import Foundation
import Testing

@testable import WinnowExtract

/// The reader against Foundation's `JSONSerialization`, which it replaces:
/// the same documents are accepted, with the same strings in them.
@Suite("JSONValue")
struct JSONValueTests {
    /// Foundation's result in the reader's terms: objects with sorted keys,
    /// numbers and booleans alike (both are `NSNumber` there).
    static func foundation(_ text: String) -> JSONValue? {
        guard let any = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) else {
            return nil
        }
        func convert(_ any: Any) -> JSONValue {
            if let text = any as? String { return .string(text) }
            if let items = any as? [Any] { return .array(items.map(convert)) }
            if let members = any as? [String: Any] {
                return .object(members.map { (key: $0.key, value: convert($0.value)) }.sorted { $0.key < $1.key })
            }
            if any is NSNull { return .null }
            return .number
        }
        return convert(any)
    }

    /// The reader's result in the same terms: the last of a repeated key, keys sorted, booleans as numbers.
    static func normalized(_ value: JSONValue) -> JSONValue {
        switch value {
        case .bool: return .number
        case .array(let items): return .array(items.map(normalized))
        case .object(let members):
            var last: [String: JSONValue] = [:]
            for member in members { last[member.key] = normalized(member.value) }
            return .object(last.map { (key: $0.key, value: $0.value) }.sorted { $0.key < $1.key })
        default: return value
        }
    }

    static let documents = [
        #"{"a":"1","a":"2"}"#, #"{"a":01}"#, #"{"a":"\ud800"}"#, #"{"a":"x\u0000y"}"#, #""str""#, #"{"a":1} x"#,
        "\u{FEFF}{\"a\":\"b\"}", #"{"a":NaN}"#, #"{"a":"\x"}"#, "{\"a\":\"t\tb\"}", #"{"a":[1,]}"#, #"{"a":1.}"#,
        #"{"a":-}"#, #"{"a":.5}"#, #"{"a":1e}"#, #"{"a":true,"b":null}"#, #"{"a":"\/"}"#, "{\"a\":\"\u{7F}\"}",
        #"{"a":1,}"#, "[]", #"  {"a":"b"}  "#, #"{"a":"\uD83D\uDE00"}"#, #"{"a":"\uDE00"}"#, #"{'a':1}"#,
        #"{"a":1E+2}"#, "{\"a\":\"b\"}\n\n", #"{"a":-0}"#, #"{"a":1}{"b":2}"#, "[,]", "{,}", "[1,,]", #"{"a":1,,}"#,
        "[1, \n]", "\u{FEFF} {\"a\":1}", "{\"a\":1}\u{0C}", #"{"a":"\u00e9"}"#, #"{"a":"\U00e9"}"#,
        #"{"a" : "b" , "c":[ ]}"#, "-", "1.5e3", #"{"a":tru}"#, #"{"a":nul}"#, #"{"a":"\ud800\u0041"}"#,
        #"{"a":1 2}"#, #"{"a" 1}"#, #"{1:2}"#, "", " ", #"{"a":[1,2],}"#, "[1,]\n", "[[[[[]]]]]",
        #"{"@context":"https://schema.org","@type":"NewsArticle","headline":"Flood \"hits\" Sinuiju \u2014 again","#
            + #""author":[{"@type":"Person","name":"Jane Doe"},{"@type":"Person","givenName":"Kim","#
            + #""familyName":"Min"}],"datePublished":"2016-08-10T17:02:00+09:00","keywords":["a","b"],"#
            + #""wordCount":1234,"isAccessibleForFree":false,"image":null}"#,
        #"{"@graph":[{"@type":"WebPage","name":"북한 쌀값"},{"@type":["NewsArticle"],"#
            + #""headline":"쌀값\n상승"}]}"#,
    ]

    @Test func acceptsWhatFoundationAcceptsWithTheSameStrings() {
        for document in Self.documents {
            let ours = JSONValue.parse(document).map(Self.normalized)
            #expect(ours == Self.foundation(document), "\(document.debugDescription)")
        }
    }

    @Test func repeatedKeysKeepTheLastValueAndMembersKeepTheirOrder() throws {
        let value = try #require(JSONValue.parse(#"{"b": "1", "a": "2", "b": "3"}"#))
        #expect(value["b"] == .string("3"))
        guard case .object(let members) = value else {
            Issue.record("not an object")
            return
        }
        #expect(members.map(\.key) == ["b", "a", "b"])
    }

    @Test func nestingDeeperThanTheLimitIsRefused() {
        let deep =
            String(repeating: "[", count: JSONValue.maximumDepth + 1)
            + String(repeating: "]", count: JSONValue.maximumDepth + 1)
        #expect(JSONValue.parse(deep) == nil)
        let fine = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(JSONValue.parse(fine) != nil)
    }
}

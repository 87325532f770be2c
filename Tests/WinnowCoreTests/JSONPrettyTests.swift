import Testing

@testable import WinnowCore

@Suite("JSONPretty")
struct JSONPrettyTests {
    private func pretty(_ compact: String) -> String {
        String(decoding: JSONPretty.format(Array(compact.utf8)), as: UTF8.self)
    }

    @Test func indentsObjectsAndArraysWithTwoSpaces() {
        #expect(
            pretty(#"{"a":[1,2],"b":{"c":true}}"#) == """
                {
                  "a": [
                    1,
                    2
                  ],
                  "b": {
                    "c": true
                  }
                }
                """)
    }

    @Test func keepsEmptyContainersOnOneLine() {
        #expect(pretty(#"{"a":{},"b":[]}"#) == "{\n  \"a\": {},\n  \"b\": []\n}")
    }

    @Test func leavesStringContentsAlone() {
        #expect(pretty(#"{"s":"x,{y}:[z] \"q,\" \\"}"#) == "{\n  \"s\": \"x,{y}:[z] \\\"q,\\\" \\\\\"\n}")
    }

    @Test func dropsTheTrailingNewlineOfARecordLine() {
        var record = Record(id: "x", source: .init(kind: "file", path: "p"))
        record.title = "T"
        #expect(
            pretty(String(decoding: record.jsonLine(), as: UTF8.self)) == """
                {
                  "id": "x",
                  "source": {
                    "kind": "file",
                    "path": "p"
                  },
                  "title": "T"
                }
                """)
    }
}

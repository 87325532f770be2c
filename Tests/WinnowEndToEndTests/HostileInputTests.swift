import Foundation
import Testing

/// Hostile pages through the real binary: each ends as a record with a
/// warning or a reject with a reason; nothing on stderr, no crash, and the
/// good page beside them is intact.
@Suite(.serialized)
struct HostileInputTests {
    @Test func hostilePagesBecomeRecordsWithWarningsOrRejectsWithReasons() throws {
        let tmp = try TemporaryDirectory("hostile")
        let dir = tmp.sub("in")
        try Archive.write("<html><body><p>A good page between bad ones.</p></body></html>", to: dir + "/good.html")
        try Archive.write(String(repeating: "<div>", count: 100_000) + "deep text", to: dir + "/deep.html")
        try Archive.write(String(repeating: "<b>x</b>", count: 1_000_000), to: dir + "/million-elements.html")
        try Archive.write(
            "<html><body><p title=\"" + String(repeating: "a", count: 10_000_000)
                + "\">Text after a huge attribute.</p></body></html>", to: dir + "/huge-attribute.html")
        var bomb = "<!DOCTYPE html [<!ENTITY a0 \"lol\">"
        for level in 1...9 { bomb += "<!ENTITY a\(level) \"" + String(repeating: "&a\(level - 1);", count: 10) + "\">" }
        bomb += "]><html><body><p>Bomb: &a9;</p></body></html>"
        try Archive.write(bomb, to: dir + "/entity-bomb.html")
        try Data(Array("<html><body><p>Caf".utf8) + [0xE9, 0xFF, 0xFE] + Array(" text</p></body></html>".utf8)).write(
            to: URL(fileURLWithPath: dir + "/invalid-utf8.html"))

        let result = try Winnow.run(["run", "--input", dir, "--output", tmp.sub("run"), "--workers", "2", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty, "stderr: \(result.stderr)")

        func objects(_ name: String) throws -> [String: [String: Any]] {
            var byKey: [String: [String: Any]] = [:]
            for line in try lines(tmp.sub("run/shard-00000-of-00001.\(name)")) {
                let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                let key = (object["key"] as? String) ?? ((object["source"] as? [String: Any])?["path"] as? String) ?? ""
                byKey[key] = object
            }
            return byKey
        }
        let records = try objects("jsonl")
        let rejects = try objects("rejects.jsonl")
        #expect(records.count + rejects.count == 6)

        #expect(records["good.html"]?["text"] as? String == "A good page between bad ones.")
        #expect((rejects["deep.html"]?["reason"] as? String ?? "").contains("nested deeper than libxml2's limit"))
        #expect((rejects["million-elements.html"]?["reason"] as? String ?? "").contains("max_tags"))
        #expect(records["huge-attribute.html"]?["text"] as? String == "Text after a huge attribute.")
        let bombRecord = try #require(records["entity-bomb.html"])
        #expect((bombRecord["text"] as? String ?? "").count < 100, "entities must never be expanded")
        #expect((bombRecord["warnings"] as? [String] ?? []).contains { $0.contains("internal subset") })
        let invalid = try #require(records["invalid-utf8.html"])
        #expect((invalid["warnings"] as? [String] ?? []).isEmpty == false)
        #expect((invalid["text"] as? String ?? "").hasPrefix("Caf"))
    }
}

import Foundation
import Testing
import WinnowCore

@testable import WinnowRead

/// A fresh directory under the system temp directory; remove it with `removeTemporaryDirectory`.
func makeTemporaryDirectory(_ label: String = #function) throws -> String {
    let name = "winnow-fetch-\(label.filter { $0.isLetter || $0.isNumber })-\(UUID().uuidString)"
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(name).path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

func removeTemporaryDirectory(_ path: String) {
    try? FileManager.default.removeItem(atPath: path)
}

/// Writes `bytes` to `path`, creating parent directories.
func writeFile(_ path: String, _ bytes: [UInt8]) throws {
    let parent = (path as NSString).deletingLastPathComponent
    try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}

func writeFile(_ path: String, _ text: String) throws {
    try writeFile(path, Array(text.utf8))
}

/// Compresses with the system's `gzip -n` (no name or time stamp in the header).
func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
    let dir = try makeTemporaryDirectory("gzip")
    defer { removeTemporaryDirectory(dir) }
    let path = dir + "/data"
    try writeFile(path, bytes)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/gzip")
    process.arguments = ["-n", "-f", path]
    try process.run()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0)
    return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path + ".gz")))
}

extension LocalFiles {
    /// Every input of the roots, in walk order (tests only; runs stream them).
    static func list(roots: [String]) throws -> [InputRef] {
        var refs: [InputRef] = []
        try LocalFiles(roots: roots).forEach { refs.append($0) }
        return refs
    }
}

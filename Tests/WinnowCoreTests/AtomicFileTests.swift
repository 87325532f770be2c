import Foundation
import Testing

@testable import WinnowCore

@Suite("AtomicFile and AppendOnlyFile")
struct AtomicFileTests {
    @Test func writeCreatesTheFileWithExactlyTheBytes() throws {
        let dir = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(dir) }
        let path = dir + "/a.json"
        try AtomicFile.write(Array("hello\n".utf8), to: path)
        #expect(readBytes(path) == Array("hello\n".utf8))
        #expect(!FileManager.default.fileExists(atPath: path + ".tmp"))
    }

    @Test func writeReplacesALongerFileCompletely() throws {
        let dir = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(dir) }
        let path = dir + "/a.json"
        try AtomicFile.write(Array(repeating: UInt8(ascii: "x"), count: 1_000), to: path)
        try AtomicFile.write([1, 2, 3], to: path)
        #expect(readBytes(path) == [1, 2, 3])
        try AtomicFile.write([], to: path)
        #expect(readBytes(path) == [])
    }

    @Test func writeIntoAMissingDirectoryThrows() throws {
        let dir = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(dir) }
        let path = dir + "/missing/a.json"
        let error = try #require(throws: OutputError.self) { try AtomicFile.write([1], to: path) }
        #expect(error.message.hasPrefix("cannot create \(path).tmp."))
    }

    @Test func appendOnlyFileCreatesAnEmptyFile() throws {
        let dir = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(dir) }
        let path = dir + "/records.jsonl"
        let file = try AppendOnlyFile(path: path, truncatingTo: 0)
        #expect(file.size == 0)
        #expect(file.path == path)
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(readBytes(path) == [])
    }

    @Test func appendAddsBytesAndTracksSize() throws {
        let dir = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(dir) }
        let path = dir + "/records.jsonl"
        let file = try AppendOnlyFile(path: path, truncatingTo: 0)
        try file.append(Array("abc".utf8))
        #expect(file.size == 3)
        try file.append([])
        #expect(file.size == 3)
        try file.append(Array("de\n".utf8))
        try file.sync()
        #expect(file.size == 6)
        #expect(readBytes(path) == Array("abcde\n".utf8))
    }

    @Test func reopeningTruncatesToTheGivenSize() throws {
        let dir = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(dir) }
        let path = dir + "/records.jsonl"
        try writeBytes(Array("line one\nline two (partial".utf8), to: path)
        let file = try AppendOnlyFile(path: path, truncatingTo: 9)
        #expect(file.size == 9)
        #expect(readBytes(path) == Array("line one\n".utf8))
        try file.append(Array("line two\n".utf8))
        try file.sync()
        #expect(file.size == 18)
        #expect(readBytes(path) == Array("line one\nline two\n".utf8))
    }

    @Test func reopeningAtZeroEmptiesAnExistingFile() throws {
        let dir = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(dir) }
        let path = dir + "/records.jsonl"
        try writeBytes(Array("old content".utf8), to: path)
        let file = try AppendOnlyFile(path: path, truncatingTo: 0)
        try file.append(Array("new".utf8))
        try file.sync()
        #expect(readBytes(path) == Array("new".utf8))
    }

    @Test func reopeningAtTheCurrentSizeAppendsAfterIt() throws {
        let dir = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(dir) }
        let path = dir + "/records.jsonl"
        try writeBytes(Array("abc".utf8), to: path)
        let file = try AppendOnlyFile(path: path, truncatingTo: 3)
        try file.append(Array("def".utf8))
        try file.sync()
        #expect(file.size == 6)
        #expect(readBytes(path) == Array("abcdef".utf8))
    }

    @Test func openingInAMissingDirectoryThrows() throws {
        let dir = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(dir) }
        let path = dir + "/missing/records.jsonl"
        let error = try #require(throws: OutputError.self) { try AppendOnlyFile(path: path, truncatingTo: 0) }
        #expect(error.message.hasPrefix("cannot open \(path): "))
    }
}

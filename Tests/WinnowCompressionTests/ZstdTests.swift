import Foundation
import Testing
import WinnowCompression

@Suite struct ZstdTests {
    static let text = Array(String(repeating: "북한 시장 쌀값 rice prices at the market, ", count: 2000).utf8)

    @Test func oneShotRoundTrip() throws {
        let compressed = try Zstd.compress(Self.text)
        #expect(compressed.count < Self.text.count / 10)
        #expect(Array(compressed.prefix(4)) == [0x28, 0xB5, 0x2F, 0xFD])  // the frame's magic number
        #expect(try Zstd.decompress(compressed, limit: Self.text.count) == Self.text)
        #expect(try Zstd.decompress(try Zstd.compress([]), limit: 0) == [])
    }

    @Test func aBlockCompressorIsReusable() throws {
        let compressor = try Zstd.BlockCompressor(level: 3)
        for size in [0, 1, 100, Self.text.count] {
            let block = Array(Self.text.prefix(size))
            #expect(try Zstd.decompress(try compressor.compress(block), limit: size) == block)
        }
    }

    @Test func streamingPiecesMakeOneFrame() throws {
        let compressor = try Zstd.StreamCompressor(level: 3)
        var compressed: [UInt8] = []
        var start = 0
        for size in [1, 7, 1000, 65_536, 10] {
            let end = min(start + size, Self.text.count)
            compressed += try compressor.compress(Array(Self.text[start..<end]))
            start = end
        }
        compressed += try compressor.compress(Array(Self.text[start...]))
        compressed += try compressor.finish()
        #expect(try Zstd.decompress(compressed, limit: Self.text.count) == Self.text)
        #expect(try compressor.finish() == [])
        #expect(throws: Zstd.Failure.self) { try compressor.compress([1]) }
    }

    @Test func theZstdCommandReadsTheStream() throws {
        let compressor = try Zstd.StreamCompressor()
        let compressed = try compressor.compress(Self.text) + compressor.finish()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-zstd-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data(compressed).write(to: URL(fileURLWithPath: dir + "/data.zst"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/zstd")
        process.arguments = ["-q", "-d", "-c", dir + "/data.zst"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect([UInt8](output) == Self.text)
    }

    @Test func damagedTruncatedAndOversizedInputsAreErrors() throws {
        let compressed = try Zstd.compress(Self.text)
        #expect(throws: Zstd.Failure.self) { try Zstd.decompress(Array(compressed.dropLast(5)), limit: .max) }
        #expect(throws: Zstd.Failure.self) { try Zstd.decompress([1, 2, 3, 4, 5, 6, 7, 8], limit: .max) }
        #expect(throws: Zstd.Failure.self) { try Zstd.decompress(compressed, limit: 100) }
    }
}

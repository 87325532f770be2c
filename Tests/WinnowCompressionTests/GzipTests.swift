import Testing

@testable import WinnowCompression

@Suite("Gzip")
struct GzipTests {
    static let sample = Array(String(repeating: "Hello, 평양! Daily prices of rice and corn.\n", count: 2_000).utf8)

    @Test func roundTripsWhatGzipWrote() throws {
        let compressed = try gzip(Self.sample)
        #expect(compressed.starts(with: [0x1F, 0x8B]))
        #expect(compressed.count < Self.sample.count)
        #expect(try Gzip.decompress(compressed, limit: 1_000_000) == Self.sample)
    }

    @Test func roundTripsIncompressibleData() throws {
        let noise = (0..<200_000).map { _ in UInt8.random(in: 0...255) }
        #expect(try Gzip.decompress(try gzip(noise), limit: 1_000_000) == noise)
    }

    @Test func emptyContentRoundTrips() throws {
        #expect(try Gzip.decompress(try gzip([]), limit: 10) == [])
    }

    @Test func concatenatedMembersAreAllInflated() throws {
        let a = Array("first member\n".utf8)
        let b = Array("second member\n".utf8)
        let c = Array("third\n".utf8)
        let joined = try gzip(a) + gzip(b) + gzip(c)
        #expect(try Gzip.decompress(joined, limit: 1_000) == a + b + c)
    }

    @Test func aFirstMemberLargerThanTheLastIsInflatedWhole() throws {
        // The size hint at the end of the file is the last member's: the output buffer has to grow.
        let big = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 / 991) }
        let small = Array("tail\n".utf8)
        #expect(try Gzip.decompress(try gzip(big) + gzip(small), limit: 1_000_000) == big + small)
    }

    @Test func truncatedDataIsAnError() throws {
        let compressed = try gzip(Self.sample)
        for cut in [compressed.count - 4, compressed.count / 2, 12] {
            let error = try #require(throws: Gzip.Failure.self) {
                try Gzip.decompress(Array(compressed.prefix(cut)), limit: 1_000_000)
            }
            #expect(error.description.contains("truncated"), "cut at \(cut): \(error.description)")
        }
    }

    @Test func outputBeyondTheLimitIsAnError() throws {
        let compressed = try gzip([UInt8](repeating: UInt8(ascii: "a"), count: 100_000))
        let error = try #require(throws: Gzip.Failure.self) { try Gzip.decompress(compressed, limit: 1_000) }
        #expect(error.description == "gzip expands beyond 1000 bytes")
    }

    @Test func outputOfExactlyTheLimitIsAllowed() throws {
        let data = [UInt8](repeating: UInt8(ascii: "b"), count: 1_000)
        #expect(try Gzip.decompress(try gzip(data), limit: 1_000) == data)
    }

    @Test func limitCountsAllMembers() throws {
        let part = [UInt8](repeating: UInt8(ascii: "c"), count: 600)
        let joined = try gzip(part) + gzip(part)
        let error = try #require(throws: Gzip.Failure.self) { try Gzip.decompress(joined, limit: 1_000) }
        #expect(error.description == "gzip expands beyond 1000 bytes")
    }

    @Test func dataThatIsNotGzipIsCorrupt() throws {
        let error = try #require(throws: Gzip.Failure.self) {
            try Gzip.decompress(Array("<html>not compressed</html>".utf8), limit: 1_000)
        }
        #expect(error.description.hasPrefix("corrupt gzip data"))
    }

    @Test func damagedChecksumIsAnError() throws {
        var compressed = try gzip(Self.sample)
        // The CRC-32 is the trailer's first four bytes.
        compressed[compressed.count - 8] ^= 0xFF
        #expect(throws: Gzip.Failure.self) { try Gzip.decompress(compressed, limit: 1_000_000) }
    }
}

import Foundation
import Testing

@testable import WinnowHTML

#if canImport(Glibc)
    import Glibc
#endif

/// A TCP listener on a free loopback port that counts connections.
private final class LoopbackListener {
    let port: UInt16
    private let socketFD: Int32

    init() throws {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.socketFD = socketFD
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        try #require(bound == 0)
        try #require(listen(socketFD, 16) == 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketFD, $0, &length) }
        }
        self.port = UInt16(bigEndian: address.sin_port)
        _ = fcntl(socketFD, F_SETFL, fcntl(socketFD, F_GETFL) | O_NONBLOCK)
    }

    deinit { close(socketFD) }

    /// Connections waiting to be accepted (each accepted and closed).
    func connectionsSoFar() -> Int {
        var count = 0
        while true {
            let client = accept(socketFD, nil, nil)
            if client < 0 { break }
            close(client)
            count += 1
        }
        return count
    }
}

@Suite("Parsing never touches the network or the file system")
struct NoNetworkTests {
    @Test func externalDTDAndEntitiesOnLoopbackAreNeverFetched() throws {
        let listener = try LoopbackListener()
        let url = "http://127.0.0.1:\(listener.port)"
        let page = """
            <!DOCTYPE html SYSTEM "\(url)/evil.dtd" [
              <!ENTITY % remote SYSTEM "\(url)/remote.ent"> %remote;
              <!ENTITY ext SYSTEM "\(url)/ext.txt">
            ]>
            <html><head><link rel="stylesheet" href="\(url)/style.css"><script src="\(url)/a.js"></script></head>
            <body><p>before &ext; after</p><img src="\(url)/i.png"><iframe src="\(url)/frame"></iframe></body></html>
            """
        var bytes = Array(page.utf8)
        _ = DoctypeSubset.remove(from: &bytes)
        _ = try HTMLDocument(utf8: bytes, url: "\(url)/page.html")
        _ = try HTMLDocument(utf8: Array(page.utf8))  // with the subset left in, too
        usleep(200_000)
        #expect(listener.connectionsSoFar() == 0)
    }

    @Test func xmlDTDAndEntitiesOnLoopbackAreNeverFetched() throws {
        let listener = try LoopbackListener()
        let url = "http://127.0.0.1:\(listener.port)"
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE urlset SYSTEM "\(url)/evil.dtd" [
              <!ENTITY % remote SYSTEM "\(url)/remote.ent"> %remote;
              <!ENTITY ext SYSTEM "\(url)/ext.txt">
            ]>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xi="http://www.w3.org/2001/XInclude">
              <url><loc>https://example.com/&ext;</loc></url>
              <xi:include href="\(url)/included.xml"/>
            </urlset>
            """
        var transcript = XMLTranscript()
        XMLReader.read(Array(xml.utf8), url: "\(url)/sitemap.xml", into: &transcript)
        usleep(200_000)
        #expect(listener.connectionsSoFar() == 0)
        #expect(transcript.lines.contains("https://example.com/"))
    }

    /// The listener does see a real connection, so zero above means none was made.
    @Test func theListenerCountsARealConnection() throws {
        let listener = try LoopbackListener()
        let client = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(client) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = listener.port.bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(client, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        #expect(connected == 0)
        usleep(50_000)
        #expect(listener.connectionsSoFar() == 1)
    }

    @Test func externalEntityOnALocalFileIsNeverRead() throws {
        let marker = "winnow-marker-\(UUID().uuidString)"
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(marker).txt").path
        try Data(marker.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let page = """
            <!DOCTYPE html SYSTEM "file://\(path)" [<!ENTITY secret SYSTEM "file://\(path)">]>
            <html><body><p>x &secret; y</p></body></html>
            """
        var visitor = TextCollector()
        try HTMLDocument(utf8: Array(page.utf8)).walk(&visitor)
        #expect(!visitor.text.contains(marker.dropFirst(14)), "the file's content must not reach the text")
    }
}

private struct TextCollector: HTMLVisitor {
    var text = ""
    mutating func enter(_ element: HTMLElement) -> VisitDecision { .descend }
    mutating func text(_ text: String) { self.text += text }
    mutating func exit(_ element: HTMLElement) {}
}

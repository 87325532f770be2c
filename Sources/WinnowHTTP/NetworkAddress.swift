import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Host name resolution and address classification for the crawler's
/// private-address block: a sitemap must not make Winnow probe an internal
/// network, so the addresses a host resolves to are checked before any
/// request and the request is pinned to the checked address.
public enum NetworkAddress {
    /// The addresses `host` resolves to (getaddrinfo), IPv4 first, as text; empty when it does not resolve.
    public static func resolve(_ host: String) -> [String] {
        let name = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(name, nil, &hints, &list) == 0 else { return [] }
        defer { freeaddrinfo(list) }
        var v4: [String] = []
        var v6: [String] = []
        var node = list
        while let entry = node?.pointee {
            var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
            if entry.ai_family == AF_INET, let address = entry.ai_addr {
                var sin = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
                if inet_ntop(AF_INET, &sin, &buffer, socklen_t(buffer.count)) != nil {
                    v4.append(String(cString: buffer))
                }
            } else if entry.ai_family == AF_INET6, let address = entry.ai_addr {
                var sin6 = address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_addr }
                if inet_ntop(AF_INET6, &sin6, &buffer, socklen_t(buffer.count)) != nil {
                    v6.append(String(cString: buffer))
                }
            }
            node = entry.ai_next
        }
        var seen = Set<String>()
        return (v4 + v6).filter { seen.insert($0).inserted }
    }

    /// The bytes of an IPv4 (4) or IPv6 (16) address in text form; nil when it is not one.
    public static func bytes(_ text: String) -> [UInt8]? {
        let name = text.hasPrefix("[") && text.hasSuffix("]") ? String(text.dropFirst().dropLast()) : text
        var v4 = in_addr()
        if inet_pton(AF_INET, name, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, name, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { Array($0) }
        }
        return nil
    }

    /// Loopback, private, shared (CGNAT), link-local, multicast, unspecified,
    /// reserved or documentation addresses (RFC 6890's special-purpose
    /// registries, the ranges a crawler of public sites has no business with).
    /// Text that is not an address counts as not public.
    public static func isPublic(_ text: String) -> Bool {
        guard let b = bytes(text) else { return false }
        if b.count == 4 { return isPublicV4(b) }
        // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible forms: judge the IPv4 address.
        if b[0..<10].allSatisfy({ $0 == 0 }) && b[10] == 0xff && b[11] == 0xff { return isPublicV4(Array(b[12...])) }
        if b[0..<15].allSatisfy({ $0 == 0 }) { return false }  // :: and ::1
        if b[0] == 0xff { return false }  // multicast ff00::/8
        if b[0] == 0xfe && b[1] & 0xc0 == 0x80 { return false }  // link-local fe80::/10
        if b[0] == 0xfe && b[1] & 0xc0 == 0xc0 { return false }  // site-local fec0::/10 (deprecated)
        if b[0] & 0xfe == 0xfc { return false }  // unique local fc00::/7
        if b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8 { return false }  // documentation 2001:db8::/32
        // NAT64 64:ff9b::/96
        if b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b { return isPublicV4(Array(b[12...])) }
        return true
    }

    private static func isPublicV4(_ b: [UInt8]) -> Bool {
        switch (b[0], b[1]) {
        case (0, _), (10, _), (127, _): return false
        case (100, 64...127): return false  // shared address space (CGNAT)
        case (169, 254): return false  // link-local
        case (172, 16...31), (192, 168): return false
        case (192, 0) where b[2] == 0 || b[2] == 2: return false  // IETF protocol assignments, TEST-NET-1
        case (198, 18...19): return false  // benchmarking
        case (198, 51) where b[2] == 100, (203, 0) where b[2] == 113: return false  // TEST-NET-2, -3
        case (224...255, _): return false  // multicast, reserved, broadcast
        default: return true
        }
    }
}

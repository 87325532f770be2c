import Testing
import WinnowHTTP

@Suite struct NetworkAddressTests {
    @Test(arguments: [
        "127.0.0.1", "127.0.0.5", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254",
        "100.64.0.1", "0.0.0.0", "224.0.0.1", "239.255.255.250", "255.255.255.255", "192.0.2.1",
        "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "[::1]",
        "2001:db8::1", "not an address", "",
    ])
    func notPublic(_ address: String) {
        #expect(!NetworkAddress.isPublic(address))
    }

    @Test(arguments: [
        "8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "93.184.216.34", "2606:4700::1111", "::ffff:8.8.8.8",
    ])
    func isPublic(_ address: String) {
        #expect(NetworkAddress.isPublic(address))
    }

    @Test func resolvesLoopbackNamesAndLiterals() {
        #expect(NetworkAddress.resolve("127.0.0.3") == ["127.0.0.3"])
        #expect(NetworkAddress.resolve("localhost").allSatisfy { !NetworkAddress.isPublic($0) })
        #expect(NetworkAddress.resolve("no-such-host.invalid").isEmpty)
    }
}

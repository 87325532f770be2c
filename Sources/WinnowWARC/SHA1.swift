import CCrypto
import Foundation

/// SHA-1 through libcrypto's EVP interface: the one wrapper of CCrypto.
/// WARC digests (`WARC-Block-Digest`, `WARC-Payload-Digest`) are SHA-1 by
/// convention; every reader checks `sha1:` + base32.
public final class SHA1 {
    private let context: OpaquePointer

    public init() {
        guard let context = EVP_MD_CTX_new() else { fatalError("libcrypto: out of memory") }
        self.context = context
        EVP_DigestInit_ex(context, EVP_sha1(), nil)
    }

    deinit { EVP_MD_CTX_free(context) }

    public func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { _ = EVP_DigestUpdate(context, $0.baseAddress, $0.count) }
    }

    public func update(_ bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBytes { _ = EVP_DigestUpdate(context, $0.baseAddress, $0.count) }
    }

    /// The 20-byte digest; the hasher starts over afterwards.
    public func finish() -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 20)
        var length: UInt32 = 0
        digest.withUnsafeMutableBufferPointer { _ = EVP_DigestFinal_ex(context, $0.baseAddress, &length) }
        EVP_DigestInit_ex(context, EVP_sha1(), nil)
        return digest
    }

    /// Starts over, forgetting what was fed since the last ``finish()``.
    public func reset() {
        EVP_DigestInit_ex(context, EVP_sha1(), nil)
    }

    public static func digest(_ bytes: [UInt8]) -> [UInt8] {
        let hasher = SHA1()
        hasher.update(bytes)
        return hasher.finish()
    }
}

/// WARC's digest spelling: `sha1:` and the RFC 4648 base32 of the 20 bytes.
public enum WARCDigest {
    public static func sha1(_ bytes: [UInt8]) -> String { label(SHA1.digest(bytes)) }

    public static func label(_ sha1: [UInt8]) -> String { "sha1:" + base32(sha1) }

    /// Whether a `WARC-…-Digest` value names these SHA-1 bytes. Base32 is
    /// the convention; some tools write hex, which is accepted too. Nil when
    /// the value is not SHA-1 (another algorithm cannot be checked here).
    public static func matches(_ value: String, sha1: [UInt8]) -> Bool? {
        guard let colon = value.firstIndex(of: ":"), value[..<colon].lowercased() == "sha1" else { return nil }
        let digest = value[value.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        if digest.count == 40 { return digest.lowercased() == hex(sha1) }
        return digest.uppercased() == base32(sha1)
    }

    /// RFC 4648 base32, upper case, padded.
    public static func base32(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)
        var out: [UInt8] = []
        var buffer: UInt64 = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | UInt64(byte)
            bits += 8
            while bits >= 5 {
                out.append(alphabet[Int((buffer >> UInt64(bits - 5)) & 31)])
                bits -= 5
            }
        }
        if bits > 0 { out.append(alphabet[Int((buffer << UInt64(5 - bits)) & 31)]) }
        while out.count % 8 != 0 { out.append(UInt8(ascii: "=")) }
        return String(decoding: out, as: UTF8.self)
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

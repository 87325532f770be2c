#if canImport(Glibc)
    import Glibc
#endif

/// Converts bytes from a named encoding to UTF-8 with iconv (glibc).
public enum Transcoder {
    public enum Outcome: Equatable, Sendable {
        /// Every byte decoded.
        case clean([UInt8])
        /// Some byte sequences were invalid in that encoding; each was replaced by U+FFFD.
        case repaired([UInt8], invalidSequences: Int)
        /// iconv does not know the encoding.
        case unknownEncoding
    }

    private static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]

    public static func toUTF8(_ input: [UInt8], from encoding: String) -> Outcome {
        let converter = iconv_open("UTF-8", encoding)
        guard converter != iconv_t(bitPattern: -1) else { return .unknownEncoding }
        defer { iconv_close(converter) }
        if input.isEmpty { return .clean([]) }

        var output = [UInt8](repeating: 0, count: input.count * 3 + 16)
        var invalid = 0
        var produced = 0
        input.withUnsafeBufferPointer { source in
            var inPointer = UnsafeMutablePointer<CChar>(OpaquePointer(source.baseAddress!))
            var inLeft = source.count
            while inLeft > 0 {
                let outLeftBefore = output.count - produced
                var outLeft = outLeftBefore
                let result = output.withUnsafeMutableBufferPointer { target -> Int in
                    var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutablePointer<CChar>(
                        OpaquePointer(target.baseAddress! + produced))
                    var inOptional: UnsafeMutablePointer<CChar>? = inPointer
                    let r = iconv(converter, &inOptional, &inLeft, &outPointer, &outLeft)
                    inPointer = inOptional!
                    return r
                }
                produced += outLeftBefore - outLeft
                if result != -1 { break }
                switch errno {
                case E2BIG:
                    output.append(contentsOf: repeatElement(0, count: output.count))
                case EILSEQ, EINVAL:
                    // An invalid or truncated sequence: skip one byte, mark it, go on.
                    invalid += 1
                    if output.count - produced < 3 { output.append(contentsOf: repeatElement(0, count: 64)) }
                    output.replaceSubrange(produced..<(produced + 3), with: replacement)
                    produced += 3
                    inPointer += 1
                    inLeft -= 1
                    _ = iconv(converter, nil, nil, nil, nil)  // reset shift state
                default:
                    invalid += inLeft
                    inLeft = 0
                }
            }
        }
        output.removeSubrange(produced...)
        return invalid == 0 ? .clean(output) : .repaired(output, invalidSequences: invalid)
    }
}

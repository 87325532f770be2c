import CUchardet

/// Guesses the encoding of bytes that declare none, with uchardet (Mozilla's
/// universal charset detector). The only place that touches uchardet.
public enum CharsetDetector {
    /// uchardet's name for the encoding (`UTF-8`, `UHC`, `SHIFT_JIS`, …), or
    /// nil when it cannot tell.
    public static func detect(_ bytes: [UInt8]) -> String? {
        guard !bytes.isEmpty, let detector = uchardet_new() else { return nil }
        defer { uchardet_delete(detector) }
        // A prefix is enough to decide and keeps huge pages cheap.
        let sample = min(bytes.count, 256 * 1024)
        let status = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: sample) {
                uchardet_handle_data(detector, $0, sample)
            }
        }
        guard status == 0 else { return nil }
        uchardet_data_end(detector)
        guard let name = uchardet_get_charset(detector) else { return nil }
        let result = String(cString: name)
        return result.isEmpty ? nil : result
    }
}

// The fuzz target for the page -> record path.
//
// Built normally it replays files: `winnow-fuzz FILE...` runs each through
// the pipeline (regression inputs, crash reproduction). Built by `make fuzz`
// (-sanitize=fuzzer,address -DFUZZING) it hands control to libFuzzer.
import Foundation
import WinnowCore
import WinnowHTML
import WinnowPipelines

func checkOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: size)) : []
    // The first byte picks the format so both paths are fuzzed.
    let format: InputContent.Format = bytes.first.map { $0 & 1 == 0 ? .html : .text } ?? .html
    _ = PageCheck.run(bytes, format: format)
    return 0
}

HTMLParser.initializeOnce()

#if FUZZING
    /// libFuzzer's entry point (its archive references it even when our main drives it).
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 { checkOneInput(data, size) }

    @_silgen_name("LLVMFuzzerRunDriver")
    func LLVMFuzzerRunDriver(
        _ argc: UnsafeMutablePointer<Int32>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
    ) -> Int32

    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv) { checkOneInput($0, $1) })
#else
    var failures = 0
    for path in CommandLine.arguments.dropFirst() {
        guard let data = FileManager.default.contents(atPath: path) else {
            FileHandle.standardError.write(Data("winnow-fuzz: cannot read \(path)\n".utf8))
            failures += 1
            continue
        }
        let outcome = data.withUnsafeBytes { checkOneInput($0.bindMemory(to: UInt8.self).baseAddress, data.count) }
        _ = outcome
        print("ok \(path)")
    }
    exit(failures == 0 ? 0 : 1)
#endif

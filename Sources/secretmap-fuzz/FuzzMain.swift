import Foundation
import FuzzTargets

// Built with `scripts/fuzz` (-sanitize=fuzzer,address -DFUZZING): a libFuzzer binary whose target
// is chosen by SECRETMAP_FUZZ_TARGET. Built normally: replays inputs, so a crash the fuzzer kept
// can be run again under a debugger: `secretmap-fuzz TARGET FILE...`.

#if FUZZING
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

// nonisolated(unsafe): set once from the arguments before libFuzzer starts its one thread.
nonisolated(unsafe) var fuzzTarget = ""
#endif

@main
struct SecretmapFuzz {
    static func main() {
        #if FUZZING
        fuzzTarget = ProcessInfo.processInfo.environment["SECRETMAP_FUZZ_TARGET"] ?? ""
        guard FuzzTargets.names.contains(fuzzTarget) else {
            FileHandle.standardError.write(Data("set SECRETMAP_FUZZ_TARGET to one of: \(FuzzTargets.names.joined(separator: ", "))\n".utf8))
            exit(2)
        }
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            FuzzTargets.run(fuzzTarget, UnsafeBufferPointer(start: data, count: size))
            return 0
        })
        #else
        let args = Array(CommandLine.arguments.dropFirst())
        guard let target = args.first, FuzzTargets.names.contains(target) else {
            print("usage: secretmap-fuzz TARGET FILE...   (targets: \(FuzzTargets.names.joined(separator: ", ")))")
            exit(args.isEmpty ? 0 : 2)
        }
        for file in args.dropFirst() {
            guard let data = FileManager.default.contents(atPath: file) else { print("\(file): cannot read"); exit(2) }
            _ = data.withUnsafeBytes { FuzzTargets.run(target, $0.bindMemory(to: UInt8.self)) }
            print("\(file): ok")
        }
        #endif
    }
}

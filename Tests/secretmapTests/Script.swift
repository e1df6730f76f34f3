import Foundation
import XCTest

/// Runs one of the repository's shell scripts (or any program) as a user would, with extra
/// environment variables and a working folder, and captures its output.
enum Script {
    static func run(_ executable: String, _ arguments: [String] = [], in directory: String? = nil,
                    environment: [String: String] = [:], replacingEnvironment: Bool = false) throws -> CLI.Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable.hasPrefix("/") ? executable : CLI.packageRoot.appendingPathComponent(executable).path)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory ?? CLI.packageRoot.path)
        var env = replacingEnvironment ? [:] : ProcessInfo.processInfo.environment
        env.removeValue(forKey: "SECRETMAP_FINGERPRINT_KEY")
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLI.Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                       stderr: String(decoding: errData, as: UTF8.self))
    }

    /// The folder of the built `secretmap`, to put first on PATH.
    static var binDirectory: String { CLI.binary.deletingLastPathComponent().path }

    /// PATH with the built `secretmap` first.
    static var pathWithSecretmap: String { binDirectory + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin") }

    /// The first program of that name on PATH.
    static func which(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let path = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// Fails when any 6-character window of a canary appears in the text.
    static func assertNoCanary(_ canaries: [String], in text: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        for canary in canaries {
            let scalars = Array(canary)
            for start in 0...(scalars.count - 6) where text.contains(String(scalars[start..<start + 6])) {
                XCTFail("\(what) holds part of a secret value: \(String(scalars[start..<start + 6]))", file: file, line: line)
                return
            }
        }
    }
}

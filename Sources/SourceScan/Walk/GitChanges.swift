import Foundation

/// Which files git says changed, so a pre-commit hook or a pull-request job scans only those.
public enum GitChanges {
    public enum Selection: Sendable, Equatable {
        /// Files added, copied, modified or renamed in the index (`git diff --cached`).
        case staged
        /// Files that differ between REV and the working tree.
        case since(String)
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Root-relative paths (`--relative`), for a root anywhere inside a work tree.
    /// Deleted files are left out (`--diff-filter=ACMR`): there is nothing to scan.
    public static func paths(in root: String, _ selection: Selection) throws -> [String] {
        var args = ["-C", root, "diff", "--name-only", "--diff-filter=ACMR", "-z", "--relative", "--no-renames"]
        switch selection {
        case .staged: args.append("--cached")
        case .since(let rev):
            guard !rev.hasPrefix("-") else { throw Failure(description: "--since \(rev): not a revision") }
            args += [rev, "--"]
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + args
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch {
            throw Failure(description: "\(root): cannot run git (\(error.localizedDescription))")
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let first = message.split(separator: "\n").first.map(String.init) ?? "exit status \(process.terminationStatus)"
            throw Failure(description: "\(root): git diff failed: \(first)")
        }
        return data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }.filter { !$0.isEmpty }.sorted()
    }
}

import ArgumentParser
import Foundation
import Inventory
import SourceScan

struct BaselineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Record the literals you accept, so `scan --fail-on new` fails only on new ones.",
        discussion: """
        A baseline holds fingerprints and hints, never values, keyed by repository, path, context \
        and fingerprint (not by line: moving code does not touch it), sorted for readable diffs. \
        The repository is the root's identity, not its folder's name, so a clone in another folder \
        matches: NAME from NAME=PATH or secretmap.yml, else the git remote origin (host/owner/name, no credentials), \
        else an id the baseline records when it is made. It names the fingerprint key it was made \
        with; set SECRETMAP_FINGERPRINT_KEY the same way wherever the gate runs. `update` changes \
        only the entries of files it read (with --staged, the staged ones): the others are kept.

        Examples:
          secretmap baseline create ../web ../lambda
          secretmap baseline update ../web ../lambda   # prune resolved, accept new
          secretmap baseline update --staged .         # the same, staged files only
          secretmap scan ../web --baseline .secretmap/baseline.json --fail-on new
        """,
        subcommands: [Create.self, Update.self]
    )

    static let defaultPath = ".secretmap/baseline.json"

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a new baseline from the current literals.",
                                                         usage: "secretmap baseline create [<options>] [<root> ...]")
        @OptionGroup var input: ScanInputOptions
        @Option(name: .shortAndLong, help: "Where to write it.")
        var output = BaselineCommand.defaultPath
        @Flag(help: "Replace an existing baseline.")
        var force = false

        func run() throws {
            if FileManager.default.fileExists(atPath: output) && !force {
                throw InputError("\(output) exists; use `secretmap baseline update` (or --force to replace it)")
            }
            let result = try input.scan(identify: true)
            try BaselineCommand.write(Baseline(from: result), to: output)
            StandardError.line("secretmap: wrote \(output): \(result.literals.filter { $0.allowReason == nil }.count) literals accepted"
                               + (result.history.map { ", \($0.count) in git history" } ?? ""))
            if result.skipped.contains(where: { $0.reason.isError }) { throw ExitCode(2) }
        }
    }

    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rewrite the baseline's entries of the files read: resolved ones are pruned, new ones accepted, others kept.",
            usage: "secretmap baseline update [<options>] [<root> ...]")
        @OptionGroup var input: ScanInputOptions
        @Option(name: .shortAndLong, help: "The baseline to update.")
        var output = BaselineCommand.defaultPath

        func run() throws {
            let old: Baseline
            do { old = try Baseline.load(output) } catch { throw InputError("\(error)") }
            let result = try input.scan(identify: true)
            guard old.fingerprintKeyId == result.fingerprintKeyId else {
                throw InputError(BaselineError.keyMismatch(file: output, baseline: old.fingerprintKeyId,
                                                                current: result.fingerprintKeyId).description)
            }
            let comparison = BaselineComparison(scan: result, baseline: old)
            let (updated, keptUnread) = Baseline.updated(old, with: result)
            try BaselineCommand.write(updated, to: output)
            StandardError.line("secretmap: updated \(output): \(comparison.new.count) new literals accepted, "
                               + "\(comparison.resolved.reduce(0) { $0 + $1.count }) resolved pruned, \(keptUnread) kept unread")
            if result.skipped.contains(where: { $0.reason.isError }) { throw ExitCode(2) }
        }
    }

    static func write(_ baseline: Baseline, to path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        try ReportOutput.write(to: path) { $0.write(baseline.encoded()) }
    }
}

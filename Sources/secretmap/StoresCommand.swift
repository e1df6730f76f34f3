import ArgumentParser
import Foundation
import Report
import SourceScan
import Stores

struct StoresCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stores",
        abstract: "List what the stores hold: names, dates, versions, fingerprints (never values).",
        usage: "secretmap stores [--config <file>] [--snapshot <file>] [<options>]",
        discussion: """
        Reads every store secretmap.yml names, through the official CLIs: AWS SSM per environment \
        prefix (aws ssm describe-parameters), Secrets Manager (list-secrets), GitHub Actions secrets \
        of repositories, environments and organisations (REST with GITHUB_TOKEN, or gh api), \
        Vault/OpenBao KV v2 (bao|vault kv list/metadata), Kubernetes Secrets of each environment's \
        namespace (kubectl get secrets), env files, and per-tenant credentials in \
        PostgreSQL (psql with a configured query: counts and ages per name).

        A store that cannot be read (CLI missing, no credentials, access denied, timeout) is one line \
        on stderr naming it and what to do; the others are still listed, and the exit status is 2.

        Examples:
          secretmap stores --config secretmap.yml
          secretmap stores --fingerprint-values --format json
          secretmap stores --snapshot snap.json     # offline, from `secretmap snapshot`
        """
    )

    @OptionGroup var input: StoreInputOptions

    @OptionGroup var ruleOptions: RuleOptions
    @OptionGroup var terminal: TerminalOptions

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Option(name: .shortAndLong, help: "Write the listing to FILE (atomically) instead of standard output.")
    var output: String?

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    func run() throws {
        let progressLine = terminal.begin()
        defer { progressLine.finish() }
        let snapshot = try input.load(rules: ruleOptions.load(), progress: progressLine.progress)
        progressLine.finish()
        try ReportOutput.write(to: output) { out in
            out.write(format == .json ? StoresOutput.json(snapshot) : StoresOutput.text(snapshot))
        }
        if snapshot.listings.contains(where: { !$0.complete }) { throw ExitCode(2) }
    }
}

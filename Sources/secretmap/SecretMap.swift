import ArgumentParser
import CSupport
import Foundation

/// The command-line front end: parses arguments, wires the pipeline stages together, renders.
/// It decides nothing about secrets itself.
struct SecretMap: ParsableCommand {
    /// The release: `--version`, SARIF's tool version, the config schema's URL.
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "secretmap",
        abstract: "Where every secret lives, which code reads it, and what has drifted.",
        discussion: """
        secretmap maps the secrets of a system made of several sibling repositories. \
        Values never leave memory: outputs carry a keyed fingerprint (HMAC-SHA256, key from \
        SECRETMAP_FINGERPRINT_KEY) and a hint (first 3 + last 2 characters).

        Exit status: 0 clean; 1 findings at or above --fail-on; 2 usage or input error (including a \
        file or folder that could not be read: the scan still completes and prints what it found).

        On a terminal, severities are in colour (never when NO_COLOR is set, or when the \
        output goes to a file or a pipe), and a run longer than a second shows what it has \
        read on a progress line on stderr, erased before the output. --quiet keeps errors \
        and the summary only.
        """,
        version: version,
        subcommands: [InitCommand.self, ConfigCommand.self, ScanCommand.self, DeclaredCommand.self, StoresCommand.self, SnapshotCommand.self, DriftCommand.self, AuditCommand.self, RotateCommand.self, BaselineCommand.self, RulesCommand.self],
        defaultSubcommand: nil
    )
}

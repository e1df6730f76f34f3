import ArgumentParser
import Foundation
import SourceScan

/// `secretmap rules test DIR…`: runs every example of the built-in rules and of the rule files in
/// DIR, as gitleaks validates its rules, and lists each failure; for writing a rule before
/// `--rules` refuses it.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Check rule files: every rule's match / no-match examples.",
        subcommands: [RulesTestCommand.self]
    )
}

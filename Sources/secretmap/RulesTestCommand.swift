import ArgumentParser
import Foundation
import SourceScan

/// `secretmap rules test DIR…`: see RulesCommand.
struct RulesTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the examples of the built-in rules and of the rules in DIR/*.yaml.",
        discussion: """
        Every rule carries examples (match: code and the names it reads, or values it must \
        match; no-match: code or values it must not match), run through the real tokenizer and \
        detectors. --rules refuses a file whose rules lack examples or fail one; this lists every \
        failure at once.

        Exit status: 0 every example passes; 1 some fail; 2 a file cannot be read or compiled.

        Example:
          secretmap rules test .secretmap/rules
        """
    )

    @Argument(help: ArgumentHelp("Folders of rule files (*.yaml).", valueName: "dir"))
    var directories: [String] = []

    func run() throws {
        var set: RuleSet
        do { set = try RuleSet.builtIn() } catch { throw InputError("rules: \(error)") }
        var ids = Set<String>()
        for dir in directories {
            do { ids.formUnion(try set.addFiles(in: dir)) } catch { throw InputError("rules: \(error)") }
        }
        let failures = set.exampleFailures()
        for failure in failures { print(failure.description) }
        let checked = set.readers.count + set.issuers.count + set.names.count + set.notSecret.count + set.secretLike.count
            + set.platformVariables.count + set.testPaths.count
        print("\(checked) rules checked (\(ids.count) from \(directories.isEmpty ? "no folder" : directories.joined(separator: ", "))): "
              + (failures.isEmpty ? "every example passes" : "\(failures.count) failed"))
        if !failures.isEmpty { throw ExitCode(1) }
    }
}

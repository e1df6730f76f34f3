import ArgumentParser
import SourceScan

/// `--rules DIR`: the user's rule files, added to the built-in ones by every command that scans
/// (scan, baseline, drift, audit, rotate) and every one that reads stores (stores, snapshot:
/// issuers tell stored values apart), so a rule changes what every report says alike.
struct RuleOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Add the rules in DIR/*.yaml to the built-in ones (same id replaces); each rule's examples must pass.",
                               valueName: "dir"))
    var rules: [String] = []

    /// The built-in rules plus the user's; a bad rule file is an input error (exit 2).
    func load() throws -> RuleSet {
        do {
            var set = try RuleSet.builtIn()
            for dir in rules { try set.addDirectory(dir) }
            return set
        } catch { throw InputError("rules: \(error)") }
    }
}

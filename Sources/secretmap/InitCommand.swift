import ArgumentParser
import Declarations
import Foundation
import SourceScan
import Stores

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a starter secretmap.yml from what the repositories declare.",
        discussion: """
        Reads the checkouts as `secretmap declared` does and infers: the repos (and their GitHub \
        origin), one environment per SSM path prefix or Secrets Manager name prefix found in task \
        definitions, scripts and templates (named from the prefix: /app-staging/ → staging), the \
        GitHub environments workflows use, a GitHub store when workflows use secrets.X (commented \
        out when the checkout has no GitHub remote to name it), Vault paths scripts write, the \
        developers' own env files (an ignored .env beside an example; a committed .env.test is a \
        fixture, named in a comment), and what deploys each repository. Each inference is commented with its evidence \
        (file:line), for a person to confirm.

        Examples:
          secretmap init ../web ../worker ../lambda
          secretmap init web=../app --output ops/secretmap.yml
        """
    )

    @Argument(help: ArgumentHelp("Checkouts to inspect, as PATH or NAME=PATH.", valueName: "root"))
    var roots: [String] = ["."]

    @Option(name: .shortAndLong, help: "Where to write the config.")
    var output = "secretmap.yml"

    @Flag(help: "Overwrite an existing file.")
    var force = false

    func run() throws {
        let parsed = roots.map(Root.parse)
        do { try Root.validate(parsed) } catch { throw InputError(error.description) }
        if FileManager.default.fileExists(atPath: output), !force {
            throw InputError("\(output) exists: pass --force to overwrite it, or --output another file")
        }
        let declared = DeclarationScanner().scan(parsed)
        let base = (URL(fileURLWithPath: output).standardizedFileURL.path as NSString).deletingLastPathComponent
        let starter = StarterConfig(roots: parsed, declared: declared, relativeTo: base)
        try ReportOutput.write(to: output) { $0.write(starter.yaml(schemaLine: ConfigSchema.modeline(version: SecretMap.version))) }
        StandardError.line("secretmap: wrote \(output): \(starter.repos.count) repos, \(starter.environments.count) environments inferred; confirm every value, then run `secretmap stores --config \(output)`")
    }
}

import ArgumentParser
import Stores

/// `secretmap config schema`: the JSON Schema of secretmap.yml, for editors and other checkers.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Tools for secretmap.yml.",
        subcommands: [Schema.self]
    )

    struct Schema: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "schema",
            abstract: "Print the JSON Schema of secretmap.yml.",
            discussion: """
            The schema is built from the shape secretmap checks the file against (every key, \
            every store's section), so an editor flags what `secretmap stores` would refuse. \
            `secretmap init` names it on the first line it writes; for a config written by hand, \
            make its first line `# yaml-language-server: $schema=URL`, URL being the schema's $id.

            Example:
              secretmap config schema > secretmap.schema.json
            """
        )

        func run() throws {
            try ReportOutput.write(to: nil) { $0.write(ConfigSchema.json(version: SecretMap.version)) }
        }
    }
}

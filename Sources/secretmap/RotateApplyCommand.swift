import ArgumentParser
import Foundation
import Inventory
import Report
import Stores

struct RotateApplyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Carry out one secret's rotation in one environment: mint, write the stores, verify.",
        usage: "secretmap rotate apply <name> --env <env> [--execute] [<options>]",
        discussion: """
        Without --execute, prints the calls it would make (store, path, environment, action), and \
        writes nothing. With --execute, it mints the new value (an internal secret: random bytes from \
        the system's CSPRNG, length and alphabet from the mint rules) or takes it on stdin \
        (--value-stdin: a key the issuer minted), writes each store of the environment in order \
        keeping each entry's type and encryption key, then lists the stores again and checks they \
        hold the new value's fingerprint and not the old one. It stops at the first failure, in one \
        line. The value is never printed, logged or put on a command line: the stores' CLIs read it \
        from a 0600 file in a private folder, removed at once.

        Each rotation has a journal in the state folder (state_dir: in the config, default \
        .secretmap/ beside it): its steps, store versions, old and new fingerprints, who and when; \
        never a value. Production is refused while staging holds the secret and no staging rotation \
        of it completed in the last 7 days, unless --production-first. Only SSM is written yet: a \
        secret also held in another store of the environment is refused (use `rotate plan`).

        Examples:
          secretmap rotate apply UNSUBSCRIBE_TOKEN_SECRET --env staging
          secretmap rotate apply UNSUBSCRIBE_TOKEN_SECRET --env staging --execute
          pbpaste | secretmap rotate apply STRIPE_SECRET_KEY --env staging \\
            --value-stdin --execute
        """
    )

    @Argument(help: "The secret's name (or one of its aliases).")
    var name: String

    @Option(help: "The environment to rotate.")
    var env: String

    @Flag(help: "Carry out the steps (without it: print them, write nothing).")
    var execute = false

    @Flag(help: "Read the new value from stdin (one line) instead of minting one; needed for a key a third party issues.")
    var valueStdin = false

    @Flag(help: "Rotate production although staging holds the secret and was not rotated first.")
    var productionFirst = false

    @Option(help: ArgumentHelp("The config file naming repos, environments and stores.", valueName: "file"))
    var config = "secretmap.yml"

    @OptionGroup var ruleOptions: RuleOptions

    /// Largest value accepted on stdin: a key, a token or a PEM block, never a file.
    static let maxValueBytes = 64 * 1024

    func run() throws {
        // The value first, so a bad one (empty, several lines) is said before any store is listed.
        let given = execute && valueStdin ? try Self.readValue() : nil
        let pipeline = try Pipeline.run(config: config, snapshot: nil, fingerprintValues: execute, rules: ruleOptions.load())
        let known = pipeline.configuration.environments.map(\.name).sorted()
        guard known.contains(env) else {
            throw InputError("unknown environment '\(env)' (known: \(known.isEmpty ? "none in \(config)" : known.joined(separator: ", ")))")
        }
        guard let record = pipeline.inventory.record(name) else {
            throw InputError("no secret named \(name) in the inventory")
        }
        // A store of the environment that could not be listed may hold the secret (a step the
        // plan would lack) and leaves its current value unknown (what verify checks is gone).
        if let failed = pipeline.stores.listings.first(where: { !$0.complete && $0.environment == env }) {
            throw Self.refuse("\(failed.kind) \(failed.location) could not be listed: not rotating \(record.name) in \(env) while what it holds there is unknown")
        }
        let writers = StoreWriters(config: pipeline.configuration)
        let journals = RotationJournalFiles(folder: pipeline.configuration.stateDirectory)
        let plan: RotationApplyPlan
        do {
            plan = try RotationApplyPlanner(inventory: pipeline.inventory, writers: writers)
                .plan(record, environment: env, operatorValue: valueStdin)
        } catch let refusal as RotationRefusal { throw Self.refuse(refusal.description) }
        if !productionFirst, let refusal = StagingFirst.refusal(record, environment: env, production: pipeline.production, journals: journals.all()) {
            throw Self.refuse(refusal)
        }
        guard execute else {
            try ReportOutput.write(to: nil) { out in out.write(RotationApplyOutput.dryRun(plan, stateDirectory: journals.folder)) }
            return
        }
        let value: SecretValue
        switch plan.source {
        case .operatorGiven: value = given!
        case .minted(let format, _): value = Minter.mint(format)
        }
        let run = RotationRun(plan: plan, record: record, pipeline: pipeline, writers: writers, journals: journals)
        try run.execute(value)
    }

    static func refuse(_ line: String) -> ExitCode {
        StandardError.line("secretmap: " + line)
        return ExitCode(1)
    }

    /// One line from stdin, its line ending removed; nothing of it is ever shown.
    static func readValue() throws -> SecretValue {
        var data = Data()
        while data.count <= maxValueBytes, let chunk = try FileHandle.standardInput.read(upToCount: maxValueBytes + 1 - data.count), !chunk.isEmpty {
            data += chunk
        }
        guard data.count <= maxValueBytes else { throw InputError("--value-stdin: more than \(maxValueBytes) bytes on stdin: give the value alone") }
        var text = String(decoding: data, as: UTF8.self)
        while let last = text.last, last.isNewline { text.removeLast() }
        guard !text.isEmpty else { throw InputError("--value-stdin: nothing on stdin: pipe the new value in") }
        guard !text.contains("\n") else { throw InputError("--value-stdin: more than one line on stdin: give the value alone") }
        return SecretValue(text)
    }
}

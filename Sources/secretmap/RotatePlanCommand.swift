import ArgumentParser
import Foundation
import Inventory
import Report

struct RotatePlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Print one secret's runbook: mint, overlap, stores in order, redeploys, verify, expire.",
        usage: "secretmap rotate plan <name> [--env <env>] [<options>]",
        discussion: """
        The steps come from where the secret lives (stores of the environment), what deploys read it \
        (task definitions, SAM and serverless stacks, workflows), which code reads it (the paths to \
        exercise before the old value goes), copies of its value in code (senders to change first), \
        and what its issuer allows (rules/issuers.yaml facts; "unknown" where unverified). An \
        internal secret with no overlap shared by several services gets the dual-accept recipe; a \
        data-encryption key is re-encrypted before its old key goes. A secret that no store of the \
        environment holds is said on stderr, and the exit status is 1.

        Examples:
          secretmap rotate plan LAMBDA_CALLBACK_TOKEN --snapshot snap.json
          secretmap rotate plan STRIPE_SECRET_KEY --env staging
        """
    )

    @Argument(help: "The secret's name (or one of its aliases).")
    var name: String

    @Option(help: "The environment to rotate (default: production).")
    var env: String?

    @OptionGroup var input: StoreInputOptions
    @OptionGroup var ruleOptions: RuleOptions

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    func run() throws {
        let pipeline = try Pipeline.run(input, rules: ruleOptions)
        let known = pipeline.configuration.environments.map(\.name).sorted()
        if let env, !known.contains(env) {
            throw InputError("unknown environment '\(env)' (known: \(known.isEmpty ? "none in \(input.config)" : known.joined(separator: ", ")))")
        }
        let planner = RotationPlanner(inventory: pipeline.inventory, facts: pipeline.rules.facts, deployUnits: pipeline.declared.deployUnits)
        guard let plan = planner.plan(name, environment: env ?? pipeline.production) else {
            let near = pipeline.inventory.records.map(\.name).filter { $0.contains(name.uppercased()) || name.uppercased().contains($0) }.prefix(5)
            throw InputError("no secret named \(name) in the inventory" + (near.isEmpty ? "" : "; did you mean \(near.joined(separator: ", "))?"))
        }
        try ReportOutput.write(to: nil) { out in
            out.write(format == .json ? RotationOutput.json(plan) : RotationOutput.text(plan))
        }
        // The runbook is printed, but a store that could not be read may hold a step it lacks.
        if pipeline.stores.listings.contains(where: { !$0.complete }) || pipeline.hadInputErrors { throw ExitCode(2) }
        // A secret no store of the environment holds has nothing to rotate there: said, and a failure.
        if let gap = planner.storeGap(name, environment: plan.environment) {
            StandardError.line("secretmap: " + gap)
            throw ExitCode(1)
        }
    }
}

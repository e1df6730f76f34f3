import ArgumentParser
import Declarations
import Foundation
import Report
import SourceScan

struct DeclaredCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "declared",
        abstract: "List what the repositories say the system needs: every declared name, where, and which store.",
        usage: "secretmap declared [<options>] [<root> ...]",
        discussion: """
        Reads, in every root (ignore files honoured as in `scan`):
          env files       .env.example, .env.sample, .env.*.example, example.env
                          (commented `# KEY=` lines marked); real env files (.env,
                          .env.local…): names, fingerprints and hints only
          GitHub Actions  ${{ secrets.X }} / ${{ vars.X }} with job and environment,
                          env aliases, secrets: inherit, workflow_call secrets
          ECS             task-definition secrets (JSON files, workflow YAML, a run:
                          heredoc), valueFrom parsed into SSM path or Secrets
                          Manager name and JSON key
          scripts         aws ssm put-parameter / secretsmanager create-secret (names
                          from for-loops, arrays, the keys of an env file), gh secret
                          set, vault/bao kv put, fly secrets set, vercel env add
          containers      docker-compose environment, env_file, secrets, ${VAR};
                          Dockerfile ARG, ENV, secret mounts; Kubernetes and Helm
                          secretKeyRef, envFrom secretRef, Secret keys,
                          ExternalSecret remoteRef
          infrastructure  Terraform SSM/Secrets Manager/GitHub secrets and sensitive
                          variables, serverless ${ssm:}, CloudFormation/SAM
                          {{resolve:…}}, turbo.json, vercel.json, fly.toml, render.yaml
          schemas         t3-env createEnv (runtimeEnv aliases), zod env objects,
                          pydantic BaseSettings
          tools           names a tool reads (tool-read): prisma env("X") in
                          *.prisma, $X in package.json scripts

        Code that reads variables (process.env, os.environ, wrappers such as \
        requireEnv("X"), constant maps) is `secretmap scan`'s job.

        A file that cannot be parsed gives one line naming it and the line, the rest is still read, \
        and the exit status is 2. Names only known at run time are listed as notes on stderr.

        Examples:
          secretmap declared ../web ../lambda
          secretmap declared . --format json --output declared.json
        """
    )

    @Argument(help: ArgumentHelp("Checkouts to read, as PATH or NAME=PATH.", valueName: "root"))
    var roots: [String] = ["."]

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Option(name: .shortAndLong, help: "Write the report to FILE (atomically) instead of standard output.")
    var output: String?

    @Flag(help: "Do not read .gitignore and .git/info/exclude files.")
    var noIgnore = false

    @OptionGroup var ruleOptions: RuleOptions

    @OptionGroup var terminal: TerminalOptions

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    func run() throws {
        let parsed = roots.map(Root.parse)
        do { try Root.validate(parsed) } catch { throw InputError(error.description) }
        var walk = WalkOptions()
        walk.useIgnoreFiles = !noIgnore
        let progressLine = terminal.begin()
        defer { progressLine.finish() }
        // The literal and placeholder rules judge the hard-coded defaults it lists.
        let rules = try ruleOptions.load()
        var scanner = DeclarationScanner(walk: walk, rules: rules)
        scanner.progress = progressLine.progress
        let result = scanner.scan(parsed)
        progressLine.finish()
        for w in result.warnings { StandardError.warning("secretmap: \(w.text)") }
        for n in result.notes { StandardError.warning("secretmap: note: \(n.text)") }
        for s in result.skipped { StandardError.warning("secretmap: " + s.text) }
        try ReportOutput.write(to: output) { out in
            out.write(format == .json ? DeclaredOutput.json(result) : DeclaredOutput.text(result))
        }
        func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        StandardError.line("secretmap: read \(count(result.filesRead, "file")) in \(count(parsed.count, "root")); "
                           + "\(count(result.declarations.count, "declaration")), \(count(result.warnings.count, "warning")), "
                           + "\(count(result.notes.count, "note"))"
                           + (result.skipped.isEmpty ? "" : "; skipped \(count(result.skipped.count, "file"))"))
        if !result.warnings.isEmpty || result.skipped.contains(where: { $0.reason.isError }) { throw ExitCode(2) }
    }
}

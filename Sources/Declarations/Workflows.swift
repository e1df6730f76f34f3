import Foundation
import SourceScan
import Yams

/// GitHub Actions workflows (`.github/workflows/*.yml`) and composite actions (`action.yml`):
/// every `${{ secrets.X }}` and `${{ vars.X }}` with its job and the job's `environment:`, the
/// variable an `env:` entry turns a secret into, `secrets: inherit`, the secrets a reusable
/// workflow takes (`on.workflow_call.secrets`), and ECS task-definition `secrets:` blocks.
enum Workflows {
    static func isWorkflow(_ relativePath: String, _ name: String) -> Bool {
        let yaml = name.hasSuffix(".yml") || name.hasSuffix(".yaml")
        guard yaml else { return false }
        if relativePath.hasPrefix(".github/workflows/") || relativePath.contains("/.github/workflows/") { return true }
        return name == "action.yml" || name == "action.yaml"
    }

    /// `${{ … }}` expressions, and in them `secrets.NAME`, `secrets['NAME']`, `vars.NAME`.
    static let expression = try! NSRegularExpression(pattern: #"\$\{\{(.*?)\}\}"#)
    static let reference = try! NSRegularExpression(
        pattern: #"\b(secrets|vars)(?:\.([A-Za-z_][A-Za-z0-9_]*)|\[\s*'([^']+)'\s*\])"#)
    static let wholeSecret = try! NSRegularExpression(pattern: #"^\$\{\{\s*secrets\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$"#)

    static func parse(_ text: String, _ file: SourceFile, defaults measure: EnvironmentDefaults? = nil) -> Parsed {
        let (repo, path) = (file.repo, file.path)
        let root: Node?
        switch YAMLText.compose(text) {
        case .success(let node): root = node
        case .failure(let problem): return Parsed(warnings: [file.warning("invalid YAML: \(problem)", line: problem.line)])
        }
        var out: [Declaration] = []

        // Jobs: line ranges and environments, to place each reference.
        struct Job { var id: String; var line: Int; var environment: String? }
        var jobs: [Job] = []
        if let m = root?["jobs"]?.mapping {
            for (k, v) in m {
                let env = v["environment"]?.string ?? v["environment"]?["name"]?.string
                jobs.append(Job(id: k.string ?? "", line: k.line, environment: env))
                if v["secrets"]?.string == "inherit" {
                    var d = Declaration(name: "*", kind: .workflowSecretsInherit, repo: repo, path: path, line: v["secrets"]!.line)
                    d.job = k.string
                    d.alias = v["uses"]?.string
                    out.append(d)
                }
            }
        }
        jobs.sort { $0.line < $1.line }
        func job(at line: Int) -> Job? { jobs.last { $0.line <= line } }

        // env: entries whose whole value is one secret: the variable the secret becomes.
        var aliasAt: [Int: String] = [:]
        root?.mappings { mapping, _ in
            guard let env = mapping["env"]?.mapping else { return }
            for (k, v) in env.mergedEntries {
                guard let s = v.string, let name = k.string,
                      wholeSecret.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil else { continue }
                aliasAt[v.line] = name
            }
        }

        // Every reference, with its line; not those in YAML comments, which GitHub never reads
        // (a `#` line inside a `run:` block is the shell's, and GitHub evaluates it: kept).
        let lines = LineStarts(text)
        let searched = YAMLComments.masked(text)
        let ns = searched as NSString
        for e in expression.matches(in: searched, range: NSRange(location: 0, length: ns.length)) {
            let inner = e.range(at: 1)
            for r in reference.matches(in: searched, range: inner) {
                let nameRange = r.range(at: 2).location != NSNotFound ? r.range(at: 2) : r.range(at: 3)
                let kind: Declaration.Kind = ns.substring(with: r.range(at: 1)) == "secrets" ? .workflowSecret : .workflowVariable
                let line = lines.line(ofUTF16: r.range.location, in: text)
                var d = Declaration(name: ns.substring(with: nameRange), kind: kind, repo: repo, path: path, line: line)
                if let j = job(at: line) { d.job = j.id; d.environment = j.environment }
                if kind == .workflowSecret, let alias = aliasAt[line], alias != d.name { d.alias = alias }
                out.append(d)
            }
        }

        // Secrets a reusable workflow takes.
        if let inputs = (root?["on"] ?? root?[true])?["workflow_call"]?["secrets"]?.mapping {
            for (k, _) in inputs {
                out.append(Declaration(name: k.string ?? "", kind: .workflowSecretInput, repo: repo, path: path, line: k.line))
            }
        }
        out += TaskDefinitions.secrets(in: root, repo: repo, path: path)

        // Task definitions a step writes inline (`cat > taskdef.yaml <<'EOF'` in a `run: |` block).
        // A literal block's text starts on the line after `run: |`, one line per line.
        root?.mappings { mapping, _ in
            guard let run = mapping["run"], let script = run.string, script.contains("valueFrom") else { return }
            for body in Heredocs.bodies(in: script) where body.text.contains("valueFrom") {
                guard case .success(let node) = YAMLText.compose(body.text) else { continue }
                out += TaskDefinitions.secrets(in: node, repo: repo, path: path, lineOffset: run.line + body.firstLine)
            }
        }
        return Parsed(declarations: out, defaults: measure != nil && text.contains("${") ? runDefaults(root, text, file, measure) : [])
    }

    /// `${NAME:-value}` in the steps' `run:` scripts: the default the step's shell runs with. Each
    /// is placed on the file's line that spells it: a block scalar's text starts on the line after
    /// `run: |`, a plain one on the `run:` line (a folded one's is looked for on the next line).
    static func runDefaults(_ root: Node?, _ text: String, _ file: SourceFile, _ measure: EnvironmentDefaults?) -> [Literal] {
        let fileLines = text.textLines()
        var out: [Literal] = []
        root?.mappings { mapping, _ in
            guard let run = mapping["run"], let script = run.string, script.contains("${") else { return }
            let scriptLines = script.textLines()
            for found in ShellDefaults.find(in: script) {
                let spelled = "${" + found.name
                // A block scalar's line first, then a plain scalar's, then a folded one's next line.
                let candidates = [run.line + found.line, run.line + found.line - 1, run.line + found.line + 1]
                guard let line = candidates.first(where: { $0 >= 1 && $0 <= fileLines.count && fileLines[$0 - 1].contains(spelled) }),
                      let inFile = fileLines[line - 1].range(of: spelled),
                      found.line <= scriptLines.count, let inScript = scriptLines[found.line - 1].range(of: spelled) else { continue }
                // The script's line is the file's without its indentation.
                let fileLine = fileLines[line - 1], scriptLine = scriptLines[found.line - 1]
                let shift = fileLine.distance(from: fileLine.startIndex, to: inFile.lowerBound)
                    - scriptLine.distance(from: scriptLine.startIndex, to: inScript.lowerBound)
                if let literal = file.defaultLiteral(found.value, of: found.name, .shellDefault, line: line, column: found.column + shift,
                                                     language: "shell", measure) {
                    out.append(literal)
                }
            }
        }
        return out
    }
}

/// Line numbers for offsets into a String's UTF-16 view (NSRegularExpression's unit).
struct LineStarts {
    private var starts: [Int] = [0]

    init(_ text: String) {
        var i = 0
        for unit in text.utf16 {
            i += 1
            if unit == 0x0A { starts.append(i) }
        }
    }

    func line(ofUTF16 offset: Int, in text: String) -> Int {
        var lo = 0, hi = starts.count
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if starts[mid] <= offset { lo = mid } else { hi = mid }
        }
        return lo + 1
    }
}

extension Workflows: DeclarationSource {
    static func claims(name: String, path: String) -> Bool { isWorkflow(path, name) }
    static func declarations(in text: String, _ file: DeclarationFile) -> Parsed { parse(text, file.source, defaults: file.defaults) }

    /// A workflow that runs a deploy command or action, or whose file is named for deploying
    /// (`deploy.yml`, `test-env-deploy.yml`), is what redeploys its repository. Commented-out
    /// lines do not count: a disabled deploy step deploys nothing.
    static func deployUnit(in text: String, _ file: SourceFile) -> DeployUnit? {
        let workflow = file.path.split(separator: "/").last.map(String.init) ?? file.path
        let active = text.textLines().filter { !$0.drop { $0 == " " || $0 == "\t" }.hasPrefix("#") }.joined(separator: "\n")
        let named = file.path.contains(".github/workflows/") && workflow.lowercased().contains("deploy")
        guard named || deployCommands.contains(where: active.contains) else { return nil }
        return DeployUnit(repo: file.repo, path: file.path, how: "re-run the \(workflow) workflow")
    }

    /// Commands and actions that roll out a new version (ECS, SAM, serverless, fly, vercel,
    /// Kubernetes and Helm, Railway, Render, Cloud Run, Cloudflare, Netlify, Heroku, CDK).
    static let deployCommands = [
        "aws ecs ", "amazon-ecs-deploy", "sam deploy", "serverless deploy", "fly deploy", "flyctl deploy", "superfly/flyctl-actions",
        "vercel deploy", "vercel --prod", "kubectl apply", "kubectl set image", "kubectl rollout restart", "helm upgrade",
        "railway up", "api.render.com/deploy", "gcloud run deploy", "deploy-cloudrun", "wrangler deploy", "wrangler-action",
        "netlify deploy", "akhileshns/heroku-deploy", "cdk deploy", "aws lambda update-function-code",
    ]

    static func taskDefinitionReferences(in text: String) -> [TaskDefinitions.Reference] { TaskDefinitions.referencedFiles(in: text) }
}

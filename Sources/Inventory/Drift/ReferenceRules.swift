import Declarations

/// Rules 3 and 6: references that point nowhere.
extension DriftContext {
    /// Rule 3: `${{ secrets.X }}` in a workflow that GitHub does not hold (for the repository, the
    /// job's environment or the organisation): High. A GitHub secret no workflow references: Low.
    mutating func workflowRule() {
        let github = stores.listings.filter { $0.kind == "github" }
        guard !github.isEmpty else { return }
        let unknown = github.contains { !$0.complete }
        var referenced = Set<String>()
        for record in inventory.records {
            for d in record.declarations([.workflowSecret]) {
                referenced.insert(d.name)
                guard d.name != "GITHUB_TOKEN", !unknown else { continue }
                let repo = githubRepo(for: d.repo)
                let held = github.contains { l in
                    l.secrets.contains { $0.name == d.name } && (l.location.hasPrefix("org:") || l.location == repo
                        || (d.environment != nil && l.location == "\(repo ?? "")@\(d.environment!)"))
                }
                guard !held, claimMissing(d.name, "github:\(d.environment ?? "")") else { continue }
                let scope = d.environment.map { "the \($0) environment of \(repo ?? d.repo)" } ?? (repo ?? d.repo)
                add(DriftFinding(rule: "workflow-secret-missing", severity: .high, record: record, environment: d.environment,
                                 summary: "\(d.place) uses secrets.\(d.name) but GitHub holds no such secret for \(scope): the job runs with an empty value",
                                 evidence: [d.place], fix: "gh secret set \(d.name)\(d.environment.map { " --env \($0)" } ?? "") --repo \(repo ?? "OWNER/REPO")",
                                 location: d.placeRef))
            }
        }
        for l in github where l.complete {
            for s in l.secrets where !referenced.contains(s.name) {
                guard let record = inventory.record(s.name) else { continue }
                var f = DriftFinding(rule: "github-secret-unreferenced", severity: .low, record: record, environment: l.environment,
                                     summary: "GitHub secret \(s.name) (\(l.location)) is referenced by no workflow",
                                     evidence: ["github \(l.location)/\(s.name)"], fix: "delete it: gh secret delete \(s.name)")
                f.id += ":" + l.location
                add(f)
            }
        }
    }

    /// Which configured GitHub repository a scanned root is: the one whose name is the root's
    /// name, or the only one configured.
    func githubRepo(for root: String) -> String? {
        options.githubRepos.first { $0.split(separator: "/").last.map(String.init) == root }
            ?? (options.githubRepos.count == 1 ? options.githubRepos[0] : nil)
    }

    /// Rule 6: a secret read in code but declared nowhere (a new environment cannot know it is
    /// needed); a secret declared for the running code but read by none.
    mutating func readDeclaredRule() {
        let consumingKinds: Set<Declaration.Kind> = [
            .envExample, .taskDefinitionSecret, .composeEnvironment, .kubernetesSecretKeyRef, .envSchema, .settingsField,
            .cloudFormationResolve, .serverlessSSM, .platformEnv,
        ]
        for record in inventory.records where record.secretClass.isSecret && record.tenants == nil {
            if !record.readers.isEmpty, record.declarations.isEmpty {
                add(DriftFinding(rule: "read-undeclared", severity: .medium, record: record,
                                 summary: "\(record.name) is \(record.readerText) but declared nowhere (no .env.example, contract or schema)",
                                 evidence: record.readers.map(\.text), fix: "declare it in the reading repo's .env.example and the deploy contract"))
            }
            let consumers = record.declarations(consumingKinds)
            if record.readers.isEmpty, !consumers.isEmpty {
                add(DriftFinding(rule: "declared-unread", severity: .low, record: record,
                                 summary: "\(record.name) is declared at \(consumers[0].place) but no scanned code reads it",
                                 evidence: consumers.map(\.place), fix: "remove the declaration, or check the code that reads it is scanned",
                                 location: consumers[0].placeRef))
            }
        }
    }
}

/// `${{ secrets.X }}` in a workflow that GitHub does not hold (for the repository, the job's
/// environment or the organisation): the job runs with an empty value.
enum WorkflowSecretMissing: DriftRule {
    static let description = DriftRuleDescription(
        id: .workflowSecretMissing, severity: .fixed(.high), title: "Workflow uses a secret GitHub does not hold",
        when: "`${{ secrets.X }}` that GitHub holds neither for the repository, the job's environment nor the organisation",
        fix: "gh secret set NAME (with --env for an environment's secret)")

    static let examples = [
        DriftExample(expected: ["High NPM_TOKEN -"]) {
            $0.declarations = [DriftExample.declare("NPM_TOKEN", .workflowSecret, "web/.github/workflows/ci.yml:9"),
                               DriftExample.declare("DEPLOY_KEY", .workflowSecret, "web/.github/workflows/ci.yml:20") { $0.environment = "production" },
                               DriftExample.declare("GITHUB_TOKEN", .workflowSecret, "web/.github/workflows/ci.yml:30")]
            $0.listings = [DriftExample.github("acme/web", []), DriftExample.github("acme/web@production", environment: "production", ["DEPLOY_KEY"])]
        },
        // An organisation secret counts; GitHub not listed at all says nothing.
        DriftExample(expected: []) {
            $0.declarations = [DriftExample.declare("NPM_TOKEN", .workflowSecret, "web/.github/workflows/ci.yml:9")]
            $0.listings = [DriftExample.github("acme/web", []), DriftExample.github("org:acme", ["NPM_TOKEN"])]
        },
    ]

    static func run(_ c: inout DriftContext) {
        let github = c.stores.listings.filter { $0.kind == .github }
        guard !github.isEmpty, !github.contains(where: { !$0.complete }) else { return }
        for record in c.inventory.records {
            for d in record.declarations([.workflowSecret]) where d.name != "GITHUB_TOKEN" {
                let repo = c.githubRepo(for: d.repo)
                let held = github.contains { l in
                    l.secrets.contains { $0.name == d.name } && (l.location.hasPrefix("org:") || l.location == repo
                        || (d.environment != nil && l.location == "\(repo ?? "")@\(d.environment!)"))
                }
                guard !held, c.claimMissing(d.name, "github:\(d.environment ?? "")") else { continue }
                let scope = d.environment.map { "the \($0) environment of \(repo ?? d.repo)" } ?? (repo ?? d.repo)
                c.add(DriftFinding(rule: description.id, severity: .high, record: record, environment: d.environment,
                                   summary: "\(d.place) uses secrets.\(d.name) but GitHub holds no such secret for \(scope): the job runs with an empty value",
                                   evidence: [d.place], fix: "gh secret set \(d.name)\(d.environment.map { " --env \($0)" } ?? "") --repo \(repo ?? "OWNER/REPO")",
                                   location: d.placeRef))
            }
        }
    }
}

extension DriftContext {
    /// Which configured GitHub repository a scanned root is: the one whose name is the root's
    /// name, or the only one configured.
    func githubRepo(for root: String) -> String? {
        options.githubRepos.first { $0.split(separator: "/").last.map(String.init) == root }
            ?? (options.githubRepos.count == 1 ? options.githubRepos[0] : nil)
    }
}

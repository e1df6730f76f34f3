/// What deploys each repository, told from its files: a runbook's "redeploy" steps come from here.
enum DeployUnits {
    static func unit(_ text: String, as kind: DeclarationScanner.FileKind, _ file: SourceFile) -> DeployUnit? {
        switch kind {
        case .yaml where text.contains("AWS::Serverless"):
            return DeployUnit(repo: file.repo, path: file.path, how: "sam deploy (the SAM stack in \(file.path))")
        case .serverless:
            return DeployUnit(repo: file.repo, path: file.path, how: "serverless deploy")
        case .taskDefinition:
            return DeployUnit(repo: file.repo, path: file.path,
                              how: "aws ecs register-task-definition --cli-input-json file://\(file.path), then aws ecs update-service --force-new-deployment")
        case .platform("fly.toml"):
            return DeployUnit(repo: file.repo, path: file.path, how: "fly deploy")
        case .platform("vercel.json"):
            return DeployUnit(repo: file.repo, path: file.path, how: "vercel deploy --prod (a new build bakes in build-time values)")
        case .workflow:
            let deploys = ["aws ecs ", "amazon-ecs-deploy", "sam deploy", "serverless deploy", "fly deploy", "vercel deploy", "kubectl apply", "helm upgrade"]
            guard deploys.contains(where: text.contains) else { return nil }
            let workflow = file.path.split(separator: "/").last.map(String.init) ?? file.path
            return DeployUnit(repo: file.repo, path: file.path, how: "re-run the \(workflow) workflow")
        default:
            return nil
        }
    }
}

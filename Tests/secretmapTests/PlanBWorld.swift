import Foundation
import TestSupport
import XCTest

/// The PlanB stores of the audit article (Fixtures/planb/world.json), seeded into real servers:
/// SSM and Secrets Manager in moto, the tenants' table in PostgreSQL, GitHub's secrets in the
/// local stand-in. Returns a config pointing at them and the environment the CLIs need.
enum PlanBWorld {
    static let folder = CLI.packageRoot.appendingPathComponent("Fixtures/planb")

    struct Seeded {
        var config: String
        var environment: [String: String]
        var values: [String]
    }

    static func seed(in dir: URL) throws -> Seeded {
        let world = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("world.json"))) as! [String: Any]
        let moto = try LocalServers.moto()
        let pg = try LocalServers.postgres()
        var env = ["AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "eu-west-1",
                   "AWS_ENDPOINT_URL": moto, "AWS_MAX_ATTEMPTS": "1", "PLANB_DATABASE_URL": pg, "GITHUB_TOKEN": "ghp_planb_test"]
        var values: [String] = []
        try post(moto + "/moto-api/reset")
        for (name, value) in (world["ssm"] as! [String: String]).sorted(by: { $0.key < $1.key }) {
            // --cli-input-json: the CLI would fetch a value that starts with https://.
            let input = try JSONSerialization.data(withJSONObject: ["Name": name, "Value": value, "Type": "SecureString"])
            try run("aws", ["ssm", "put-parameter", "--cli-input-json", String(decoding: input, as: UTF8.self)], env)
            values.append(value)
        }
        for (name, object) in (world["secretsmanager"] as! [String: [String: String]]).sorted(by: { $0.key < $1.key }) {
            let text = String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
            try run("aws", ["secretsmanager", "create-secret", "--name", name, "--secret-string", text], env)
            values += object.values
        }
        let iam = world["iam"] as! [String: Any]
        let trust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#
        for role in iam["roles"] as! [[String: Any]] {
            let name = role["name"] as! String
            try run("aws", ["iam", "create-role", "--role-name", name, "--assume-role-policy-document", trust], env)
            let doc = String(decoding: try JSONSerialization.data(withJSONObject: role["policy"]!), as: UTF8.self)
            try run("aws", ["iam", "put-role-policy", "--role-name", name, "--policy-name", "\(name)-secrets", "--policy-document", doc], env)
        }
        for user in iam["users"] as! [[String: Any]] {
            let name = user["name"] as! String
            try run("aws", ["iam", "create-user", "--user-name", name], env)
            for arn in user["managed"] as? [String] ?? [] { try run("aws", ["iam", "attach-user-policy", "--user-name", name, "--policy-arn", arn], env) }
            if let policy = user["policy"] {
                let doc = String(decoding: try JSONSerialization.data(withJSONObject: policy), as: UTF8.self)
                try run("aws", ["iam", "put-user-policy", "--user-name", name, "--policy-name", "\(name)-inline", "--policy-document", doc], env)
            }
            try run("aws", ["iam", "create-access-key", "--user-name", name], env)
        }
        let postgres = world["postgres"] as! [String: Any]
        var sql = "drop schema if exists private cascade; " + (postgres["table"] as! String) + ";"
        for row in postgres["rows"] as! [[String: Any]] {
            let days = row["days_ago"] as! Int
            sql += " insert into private.secrets values (\(row["tenant"]!), '\(row["name"]!)', '\(row["value"]!)', now() - interval '\(days) days', now() - interval '\(days) days');"
            values.append(row["value"] as! String)
        }
        try run("psql", [pg, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql], env)
        let iso = ISO8601DateFormatter()
        var routes: [String: Any] = [:]
        for (route, answer) in world["github"] as! [String: Any] {
            guard let secrets = answer as? [[String: Any]] else { routes[route] = answer; continue }
            routes[route] = secrets.map { s in
                let date = iso.string(from: Date().addingTimeInterval(-Double(s["days_ago"] as! Int) * 86_400))
                return ["name": s["name"] as! String, "created_at": date, "updated_at": date]
            }
        }
        let github = try LocalServers.github(token: "ghp_planb_test", routes: routes)
        env["SECRETMAP_TEST_GITHUB"] = github.url

        // The fixture's config, with absolute paths and the stand-in's address.
        var config = try String(contentsOf: folder.appendingPathComponent("secretmap.yml"), encoding: .utf8)
        for repo in ["web", "lambda", "worker", "api"] {
            config = config.replacingOccurrences(of: "path: \(repo) }", with: "path: \(folder.path)/\(repo) }")
        }
        config = config.replacingOccurrences(of: "file: fingerprint.key", with: "file: \(folder.path)/fingerprint.key")
        config = config.replacingOccurrences(of: "github: { repos: [planb/web] }", with: "github: { repos: [planb/web], api_url: \"\(github.url)\" }")
        let path = dir.appendingPathComponent("secretmap.yml").path
        try config.write(toFile: path, atomically: true, encoding: .utf8)
        return Seeded(config: path, environment: env, values: values)
    }

    static func run(_ tool: String, _ args: [String], _ env: [String: String]) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [tool] + args
        p.environment = ProcessInfo.processInfo.environment.merging(env) { $1 }
        let err = Pipe()
        p.standardOutput = FileHandle.nullDevice
        p.standardError = err
        try p.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        if p.terminationStatus != 0 { throw LocalServers.Unavailable(description: "\(tool) \(args.prefix(3)): \(message)") }
    }

    static func post(_ url: String) throws {
        try run("python3", ["-c", "import urllib.request; urllib.request.urlopen(urllib.request.Request('\(url)', method='POST'))"], [:])
    }
}

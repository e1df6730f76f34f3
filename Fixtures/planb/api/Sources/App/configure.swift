import Foundation
import Vapor

public func configure(_ app: Application) throws {
    guard let signingKey = Environment.get("JWT_SIGNING_KEY") else {
        fatalError("JWT_SIGNING_KEY missing")
    }
    let databaseURL = ProcessInfo.processInfo.environment["DATABASE_URL"] ?? "postgres://localhost/planb"
    app.logger.info("region \(ProcessInfo.processInfo.environment["AWS_REGION"] ?? "unset")")
    if let home = getenv("PLANB_API_HOME") { app.directory = DirectoryConfiguration(workingDirectory: String(cString: home)) }
    // Environment.get("COMMENTED_OUT")
    let help = "set Environment.get(\"NOT_A_READER\") first"
    _ = (signingKey, databaseURL, help)
}

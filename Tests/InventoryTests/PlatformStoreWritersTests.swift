@testable import Declarations
@testable import Stores
import XCTest
@testable import Inventory

/// "How values get in" for a platform's variables: `vercel env add` and `fly secrets set` are one
/// kind of declaration, so a script counts only for the platform it names. Before, a Vercel or
/// Fly.io listing had no writers at all ("by hand (no script found)").
final class PlatformStoreWritersTests: XCTestCase {
    func declare(_ name: String, _ kind: Declaration.Kind, _ path: String, store: Declaration.Store?) -> Declaration {
        var d = Declaration(name: name, kind: kind, repo: "web", path: path, line: 2)
        d.store = store
        return d
    }

    func testEachPlatformsScriptWritesOnlyItsOwnStore() {
        let declarations = [
            declare("STRIPE_SECRET_KEY", .bootstrapPlatformSecret, "scripts/vercel-env.sh", store: .vercel),
            declare("SESSION_SECRET", .bootstrapPlatformSecret, "scripts/fly-env.sh", store: .fly),
            declare("NPM_TOKEN", .bootstrapGitHubSecret, "scripts/gh-secrets.sh", store: nil),
        ]
        XCTAssertEqual(StoreUsage(of: StoreListing(kind: .vercel, location: "web@production"), declarations: declarations).writers,
                       .files(["web/scripts/vercel-env.sh"]))
        XCTAssertEqual(StoreUsage(of: StoreListing(kind: .fly, location: "planb-api"), declarations: declarations).writers,
                       .files(["web/scripts/fly-env.sh"]))
        XCTAssertEqual(StoreUsage(of: StoreListing(kind: .github, location: "planb/web"), declarations: declarations).writers,
                       .files(["web/scripts/gh-secrets.sh"]))
    }
}

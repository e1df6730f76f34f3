import Foundation
import XCTest

/// The PlanB snapshot with its production SSM listing unreadable (as `aws` access denied leaves
/// it), written into `folder`: a run on it has a store failure and fewer records.
enum FailedStoreSnapshot {
    static func write(in folder: URL) throws -> String {
        let original = try Data(contentsOf: CLI.packageRoot.appendingPathComponent("Fixtures/planb/stores-snapshot.json"))
        var snapshot = try XCTUnwrap(JSONSerialization.jsonObject(with: original) as? [String: Any])
        var listings = try XCTUnwrap(snapshot["listings"] as? [[String: Any]])
        XCTAssertEqual(listings[0]["location"] as? String, "/planb/")
        listings[0]["complete"] = false
        listings[0]["problem"] = "aws: access denied: the identity in use may not list this store"
        listings[0]["secrets"] = [Any]()
        snapshot["listings"] = listings
        let path = folder.appendingPathComponent("failed-ssm-snapshot.json").path
        try JSONSerialization.data(withJSONObject: snapshot, options: [.prettyPrinted, .sortedKeys]).write(to: URL(fileURLWithPath: path))
        return path
    }
}

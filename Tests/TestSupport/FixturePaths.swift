import Foundation

/// Where the package's Fixtures folder is, whichever test target asks.
public enum FixturePaths {
    public static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    public static func path(_ relative: String) -> String { packageRoot.appendingPathComponent("Fixtures/" + relative).path }
}

import Foundation
import Inventory

/// `secretmap rotate plan`: numbered steps.
public enum RotationOutput {
    public static func text(_ plan: RotationPlan) -> String {
        var out = "Rotate \(plan.name) in \(plan.environment) (\(plan.secretClass.rawValue)\(plan.issuer.map { ", \($0)" } ?? ""))\n"
        if plan.dualAccept { out += "Internal secret shared by several services with no overlap: dual-accept recipe.\n" }
        out += "\n"
        for (i, s) in plan.steps.enumerated() { out += "\(i + 1). [\(s.phase)] \(s.text)\n" }
        if let source = plan.source { out += "\nIssuer facts: \(source)\n" }
        return out
    }

    /// The steps as Markdown list items (for the audit document).
    public static func markdown(_ plan: RotationPlan) -> String {
        plan.steps.enumerated().map { "\($0.offset + 1). **\($0.element.phase)**: \($0.element.text)" }.joined(separator: "\n") + "\n"
    }

    public static func json(_ plan: RotationPlan) -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? e.encode(plan)) ?? Data("{}".utf8), as: UTF8.self) + "\n"
    }
}

import Foundation
import Inventory
import SourceScan

/// `secretmap rotate plan`: numbered steps. A step names files, repos and store paths that the
/// repositories and stores chose: each line is made printable, so a newline in a file name cannot
/// add a step (or a line of the audit document).
public enum RotationOutput {
    public static func text(_ plan: RotationPlan) -> String {
        var out = "Rotate \(Printable.escape(plan.name)) in \(Printable.escape(plan.environment)) (\(plan.secretClass.rawValue)\(plan.issuer.map { ", \($0)" } ?? ""))\n"
        out += "Class from \(Printable.escape(plan.classEvidence.text)); if that is wrong, set it under classes: in secretmap.yml.\n"
        if plan.dualAccept { out += "Internal secret shared by several services with no overlap: dual-accept recipe.\n" }
        out += "\n"
        for (i, s) in plan.steps.enumerated() { out += "\(i + 1). [\(s.phase)] \(Printable.escape(s.text))\n" }
        if let source = plan.source { out += "\nIssuer facts: \(source)\n" }
        return out
    }

    /// The steps as Markdown list items (for the audit document).
    public static func markdown(_ plan: RotationPlan) -> String {
        plan.steps.enumerated().map { "\($0.offset + 1). **\($0.element.phase)**: \(Printable.escape($0.element.text))" }.joined(separator: "\n") + "\n"
    }

    public static func json(_ plan: RotationPlan) -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? e.encode(plan)) ?? Data("{}".utf8), as: UTF8.self) + "\n"
    }
}

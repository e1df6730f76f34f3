import Inventory
import Stores

/// `rotate apply`'s words: the plan of a dry run, and each step as it is done. Only names, paths,
/// versions and fingerprints' presence: the plan and the journal hold no value to render.
public enum RotationApplyOutput {
    public static func dryRun(_ plan: RotationApplyPlan, stateDirectory: String) -> String {
        var text = "Rotate \(plan.name) in \(plan.environment) (\(plan.secretClass.rawValue)): dry run, nothing written; --execute carries it out\n"
        for (i, step) in plan.steps.enumerated() { text += "  \(i + 1). " + line(step) + "\n" }
        text += "Journal: a new file in \(stateDirectory)/ once executed\n"
        return text
    }

    /// One step of the plan: action, then store, path and environment, then the call.
    public static func line(_ step: RotationApplyPlan.Step) -> String {
        guard let t = step.target else { return "[\(step.action)] \(step.call)" }
        return "[\(step.action)] \(t.kind) \(t.path) (\(t.environment ?? "-")): \(step.call)"
    }

    /// What an executed step did.
    public static func done(_ entry: RotationJournal.Entry) -> String {
        switch entry.action {
        case .mint: return "[mint] new value ready (fingerprinted, never shown)"
        case .write: return "[write] \(entry.target.map { "\($0.kind) \($0.path)" } ?? "-"): " + (entry.version.map { "now version \($0)" } ?? "written")
        case .verify: return "[verify] " + (entry.verified ?? "checked")
        }
    }
}

import ArgumentParser
import Foundation
import Inventory
import Report
import SourceScan
import Stores

/// Carries out a `rotate apply` plan: writes each store entry in order, then re-lists the
/// environment's stores with value fingerprints to check the new value is there and the old one
/// gone. The journal is rewritten after every step, so a run that stops (a failure, a kill)
/// leaves a record of exactly what was done. The first failure stops the run: one line on stderr
/// naming the step and the journal, exit status 1.
struct RotationRun {
    var plan: RotationApplyPlan
    var record: SecretRecord
    var pipeline: Pipeline
    var writers: StoreWriters
    var journals: RotationJournalFiles

    func execute(_ value: SecretValue) throws {
        let configuration = pipeline.configuration
        let fingerprinter: Fingerprinter
        do { fingerprinter = try configuration.fingerprinter() } catch { throw InputError("\(error)") }
        // Anything a message might still carry (a tool quoting its input) is cut out of it.
        let redactor = Redactor()
        value.withUnredactedText { redactor.add($0) }
        let runner = CommandRunner(timeout: configuration.timeoutSeconds)
        let started = Date()
        var old: [String: String] = [:]
        for entry in record.stores where entry.environment == plan.environment {
            if let f = entry.fingerprint { old[entry.path] = f }
        }
        var journal = RotationJournal(id: RotationJournal.newID(name: plan.name, environment: plan.environment, at: started),
                                      plan: plan, caller: CallerIdentity.of(configuration, runner: runner), started: started,
                                      fingerprintKey: fingerprinter.keyId, oldFingerprints: old)
        let journalPath = journals.path(journal.id)
        let new = value.withUnredactedText { fingerprinter.fingerprint($0) }
        journal.newFingerprint = new
        if old.values.contains(new) {
            throw RotateApplyCommand.refuse("the new value of \(plan.name) is the one \(plan.environment) already holds: mint or give another")
        }
        try journals.write(journal)
        print("Rotating \(plan.name) in \(plan.environment): journal \(journalPath)")

        func stop(_ index: Int, _ entry: RotationJournal.Entry, _ problem: String) throws -> Never {
            var entry = entry
            entry.status = .failed
            entry.problem = redactor.redact(problem)
            journal.steps.append(entry)
            journal.status = .failed
            journal.problem = entry.problem
            journal.finished = RotationJournal.stamp(Date())
            try? journals.write(journal)
            let step = RotationApplyOutput.line(plan.steps[index])
            throw RotateApplyCommand.refuse("rotation \(journal.id) stopped at step \(index + 1) (\(step.prefix(while: { $0 != ":" }))): \(entry.problem!); journal \(journalPath)")
        }

        for (index, step) in plan.steps.enumerated() {
            var entry = RotationJournal.Entry(action: step.action, target: step.target, status: .completed, at: Date())
            switch step.action {
            case .mint:
                break
            case .write:
                guard let target = step.target, let writer = writers.writer(for: target.kind) else { try stop(index, entry, "no write side for this store") }
                do { entry.version = try writer.write(target, value: value).version }
                catch { try stop(index, entry, "\(error)") }
            case .verify:
                // After every write: a store that keeps the old value (a failed write reported
                // as done) is caught here, before anything is redeployed.
                guard let target = step.target else { continue }
                if let problem = verify(target, fingerprinter: fingerprinter, new: new, old: old) { try stop(index, entry, problem) }
                entry.verified = "\(target.path) holds the new value" + (old[target.path] == nil ? "" : ", not the old")
            }
            journal.steps.append(entry)
            try journals.write(journal)
            print("  \(index + 1). " + RotationApplyOutput.done(entry))
        }
        journal.status = .completed
        journal.finished = RotationJournal.stamp(Date())
        try journals.write(journal)
        print("Rotated \(plan.name) in \(plan.environment); redeploy what reads it at start (`secretmap rotate plan \(plan.name) --env \(plan.environment)`)")
    }

    /// Lists this environment's stores again, with value fingerprints, and checks one entry.
    func verify(_ target: StoreWriteTarget, fingerprinter: Fingerprinter, new: String, old: [String: String]) -> String? {
        var configuration = pipeline.configuration
        configuration.environments = configuration.environments.filter { $0.name == plan.environment }
        var reader = StoreReader(config: configuration, fingerprinter: fingerprinter, rules: pipeline.rules)
        reader.fingerprintValues = true
        let listings = reader.read().filter { $0.environment == plan.environment && $0.kind == target.kind }
        if let failed = listings.first(where: { !$0.complete }) {
            return "\(failed.kind) \(failed.location) could not be listed again: \(failed.problem ?? "incomplete")"
        }
        return RotationVerification.problem(targets: [target], listings: listings, new: new, old: old)
    }
}

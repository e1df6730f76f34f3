import Foundation
import SourceScan
import Stores

/// One rotation's record, a JSON file in the state folder, rewritten whole (atomically) after
/// every step: what was done, when, by whom, and the fingerprints that tell the old value from
/// the new. Never a value: fingerprints are HMACs with the configured key (`fingerprintKey`
/// names it), and no field holds anything a store returned but versions and dates.
public struct RotationJournal: Codable, Sendable {
    public enum Status: String, Codable, Sendable { case running, completed, failed }

    public struct Entry: Codable, Sendable {
        public var action: RotationApplyPlan.Action
        public var target: StoreWriteTarget?
        public var status: Status
        /// The store's version after the write.
        public var version: Int?
        public var at: String
        /// Why it failed, in our own words (one line).
        public var problem: String?
        /// For verify: what the re-listing found.
        public var verified: String?

        public init(action: RotationApplyPlan.Action, target: StoreWriteTarget?, status: Status, at: Date) {
            self.action = action; self.target = target; self.status = status; self.at = RotationJournal.stamp(at)
        }
    }

    public var id: String
    public var name: String
    public var environment: String
    public var secretClass: SecretClass
    public var source: RotationApplyPlan.Source
    /// Who ran it: the AWS caller identity's ARN, else $USER.
    public var caller: String
    public var started: String
    public var finished: String?
    public var status: Status
    /// The id of the fingerprint key the fingerprints were made with.
    public var fingerprintKey: String
    /// Store path → the fingerprint of the value it held before.
    public var oldFingerprints: [String: String]
    public var newFingerprint: String?
    public var steps: [Entry] = []
    public var problem: String?

    public init(id: String, plan: RotationApplyPlan, caller: String, started: Date, fingerprintKey: String,
                oldFingerprints: [String: String]) {
        self.id = id; name = plan.name; environment = plan.environment; secretClass = plan.secretClass
        source = plan.source; self.caller = caller; self.started = Self.stamp(started); status = .running
        self.fingerprintKey = fingerprintKey; self.oldFingerprints = oldFingerprints
    }

    /// A new id: when, what and where, and 4 random bytes so two runs in one second differ.
    public static func newID(name: String, environment: String, at date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        var rng = SystemRandomNumberGenerator()
        let suffix = String(rng.next() & 0xffff_ffff, radix: 16)
        let safe = { (s: String) in String(s.map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" ? $0 : "_" }) }
        return "\(f.string(from: date))-\(safe(name))-\(safe(environment))-\(suffix)"
    }

    public static func stamp(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }

    public static func date(_ text: String) -> Date? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.date(from: text)
    }
}

/// What the re-listing of the environment's stores says about the rotation: each entry written
/// must hold the new fingerprint, and none the old.
public enum RotationVerification {
    /// nil when every target holds the new value; else what is wrong, one line.
    public static func problem(targets: [StoreWriteTarget], listings: [StoreListing], new: String,
                               old: [String: String]) -> String? {
        var wrong: [String] = []
        for target in targets {
            let listing = listings.first { $0.kind == target.kind && $0.environment == target.environment && $0.secrets.contains { $0.path == target.path } }
            guard let secret = listing?.secrets.first(where: { $0.path == target.path }) else {
                wrong.append("\(target.path) is no longer listed"); continue
            }
            guard let fingerprint = secret.fingerprint else { wrong.append("\(target.path): its value could not be read back"); continue }
            if fingerprint == old[target.path] { wrong.append("\(target.path) still holds the old value") }
            else if fingerprint != new { wrong.append("\(target.path) holds neither the old nor the new value") }
        }
        return wrong.isEmpty ? nil : wrong.joined(separator: "; ")
    }
}

import Foundation
import Inventory
import SourceScan
import Stores

/// The state folder's journals: one JSON file per rotation (`ID.json`), each read through the
/// file gate within the folder, each written whole through a temporary file and rename(2), so a
/// run killed mid-write leaves the previous version of the journal, never half of one.
struct RotationJournalFiles {
    var folder: String
    static let maxSize = 1 << 20

    func path(_ id: String) -> String { (folder as NSString).appendingPathComponent(id + ".json") }

    /// Every journal in the folder; a file that cannot be read or decoded is said (its name and
    /// why) and left out.
    func all() -> [RotationJournal] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        var journals: [RotationJournal] = []
        for name in names.sorted() where name.hasSuffix(".json") && !name.hasPrefix(".") {
            let file = (folder as NSString).appendingPathComponent(name)
            switch FileGate.read(file, within: folder, maxSize: Self.maxSize) {
            case .success(let bytes):
                if let journal = try? JSONDecoder().decode(RotationJournal.self, from: Data(bytes)) { journals.append(journal) }
                else { StandardError.warning("secretmap: \(file): not a rotation journal, ignored") }
            case .failure(let refusal):
                StandardError.warning("secretmap: \(file): \(StoreFiles.reason(refusal, limit: Self.maxSize)), ignored")
            }
        }
        return journals
    }

    /// Writes `journal` (created with the folder, 0700, on first use).
    func write(_ journal: RotationJournal) throws {
        do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700]) }
        catch { throw InputError("cannot create the state folder \(folder): \(error.localizedDescription)") }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let text = String(decoding: try encoder.encode(journal), as: UTF8.self) + "\n"
        try ReportOutput.write(to: path(journal.id)) { out in out.write(text) }
    }
}

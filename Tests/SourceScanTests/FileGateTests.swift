import Foundation
import XCTest
@testable import SourceScan
#if canImport(Glibc)
import Glibc
#endif

/// The one door every stage reads files through: links out of the root, FIFOs, devices and
/// oversize files are refused before a byte is read, and a refusal carries no content.
final class FileGateTests: XCTestCase {
    func testARegularFileInsideItsRootIsRead() throws {
        let tree = TempTree()
        tree.write("a/env.json", #"{"x": 1}"#)
        XCTAssertEqual(try FileGate.readText(tree.path + "/a/env.json", within: tree.path).get(), #"{"x": 1}"#)
    }

    func testALinkInsideTheRootToAFileInsideItIsRead() throws {
        let tree = TempTree()
        tree.write("real.json", "{}")
        tree.link("a/env.json", to: "../real.json")
        XCTAssertEqual(try FileGate.readText(tree.path + "/a/env.json", within: tree.path).get(), "{}")
    }

    func testALinkToTheProcessEnvironmentIsRefusedAsOutOfRoot() {
        let tree = TempTree()
        tree.link("env.json", to: "/proc/self/environ")
        XCTAssertEqual(refusal(FileGate.read(tree.path + "/env.json", within: tree.path)), .outsideRoot)
        // Without a root (a file the user names), a link is followed, but never into /proc.
        XCTAssertEqual(refusal(FileGate.read(tree.path + "/env.json")), .notRegularFile)
        // The scanner's own reads (after the walk chose regular files) never follow a link.
        XCTAssertEqual(refusal(FileGate.open(tree.path + "/env.json", within: nil, maxSize: 1 << 20, followLinks: false)), .notRegularFile)
    }

    func testALinkTheUserMadeToTheirOwnFileIsFollowed() throws {
        let tree = TempTree()
        tree.write("real/secretmap.yml", "repos: []\n")
        tree.link("secretmap.yml", to: tree.path + "/real/secretmap.yml")
        XCTAssertEqual(try FileGate.readText(tree.path + "/secretmap.yml").get(), "repos: []\n")
    }

    func testALinkOutOfTheRootThroughAFolderIsRefused() {
        let tree = TempTree()
        let outside = TempTree()
        outside.write("secret.env", "TOKEN=x")
        tree.link("linked", to: outside.path)
        XCTAssertEqual(refusal(FileGate.read(tree.path + "/linked/secret.env", within: tree.path)), .outsideRoot)
    }

    func testAFIFOIsRefusedWithoutBlocking() {
        let tree = TempTree()
        let fifo = tree.path + "/taskdef.json"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let started = Date()
        XCTAssertEqual(refusal(FileGate.read(fifo, within: tree.path)), .notRegularFile)
        XCTAssertLessThan(Date().timeIntervalSince(started), 1)
    }

    func testADeviceIsRefused() {
        XCTAssertEqual(refusal(FileGate.read("/dev/zero")), .notRegularFile)
        let tree = TempTree()
        tree.link("zero.env", to: "/dev/zero")
        XCTAssertEqual(refusal(FileGate.read(tree.path + "/zero.env", within: tree.path)), .outsideRoot)
    }

    func testAFolderIsRefused() {
        let tree = TempTree()
        tree.write("dir/x", "")
        XCTAssertEqual(refusal(FileGate.read(tree.path + "/dir", within: tree.path)), .notRegularFile)
    }

    func testAnOversizeSparseFileIsRefusedBeforeReading() throws {
        let tree = TempTree()
        let path = tree.path + "/.env"
        let fd = open(path, O_CREAT | O_WRONLY, 0o600)
        XCTAssertGreaterThanOrEqual(fd, 0)
        XCTAssertEqual(ftruncate(fd, 4 << 30), 0)  // 4 GiB, no blocks on disk
        close(fd)
        XCTAssertEqual(refusal(FileGate.read(path, within: tree.path, maxSize: 1 << 20)), .tooLarge(4 << 30))
    }

    func testAMissingFileIsMissing() {
        let tree = TempTree()
        XCTAssertEqual(refusal(FileGate.read(tree.path + "/nope.json", within: tree.path)), .missing)
        XCTAssertEqual(refusal(FileGate.read(tree.path + "/nope.json")), .missing)
    }

    func testRefusalsSayWhatASkipSays() {
        XCTAssertEqual(FileGate.Refusal.outsideRoot.skipReason, .symlinkOutOfRoot)
        XCTAssertEqual(FileGate.Refusal.notRegularFile.phrase, "not a regular file")
        XCTAssertEqual(FileGate.Refusal.tooLarge(12).phrase, "larger than --max-file-size (12 bytes)")
    }

    /// The scanner reads through the gate too: a FIFO listed by git as a source file is skipped
    /// and named, and the scan goes on.
    func testTheScannerSkipsAFIFOGitListedAsASourceFile() throws {
        let tree = TempTree()
        tree.write("ok.js", "const k = process.env.OK_TOKEN;\n")
        XCTAssertEqual(mkfifo(tree.path + "/pipe.js", 0o600), 0)
        let result = try Fixtures.scan([Root(name: "r", path: tree.path)]) { $0.walk.onlyPaths = [0: ["ok.js", "pipe.js"]] }
        XCTAssertEqual(result.readers.map(\.name), ["OK_TOKEN"])
        // The walker's own lstat already drops non-regular entries git lists; either way nothing blocks.
        XCTAssertTrue(result.skipped.allSatisfy { $0.path == "pipe.js" })
    }

    /// Ignore files go through the gate too: a FIFO named `.gitignore` would block the walk for
    /// ever, a link to /proc would be read as patterns.
    func testAFIFOGitignoreDoesNotBlockTheWalk() throws {
        let tree = TempTree()
        tree.write("sub/app.js", "const k = process.env.SUB_TOKEN;\n")
        XCTAssertEqual(mkfifo(tree.path + "/sub/.gitignore", 0o600), 0)
        tree.link(".gitignore", to: "/proc/self/environ")
        let started = Date()
        let result = try Fixtures.scan([Root(name: "r", path: tree.path)])
        XCTAssertLessThan(Date().timeIntervalSince(started), 5)
        XCTAssertEqual(result.readers.map(\.name), ["SUB_TOKEN"])
    }

    private func refusal<T>(_ result: Result<T, FileGate.Refusal>) -> FileGate.Refusal? {
        if case .success(let opened as (fd: Int32, size: Int)) = result { close(opened.fd) }
        if case .failure(let r) = result { return r }
        return nil
    }
}

import Foundation
import XCTest
@testable import Declarations
import SourceScan

/// Every file the declaration parsers open goes through FileGate, within its root: the files the
/// walk selects, the task definitions a workflow names, the env files a script loops over. A file
/// the gate refuses is a skip with the gate's reason and its path, never its content.
final class GatedReadTests: XCTestCase {
    static let workflow = """
    jobs:
      deploy:
        steps:
          - uses: aws-actions/amazon-ecs-deploy-task-definition@v1
            with:
              task-definition: env.json

    """

    /// `task-definition: env.json` with env.json → /proc/self/environ: the process environment
    /// was read and handed to the JSON parser.
    func testTaskDefinitionLinkedOutOfTheRootIsSkippedUnread() {
        let tree = TempTree()
        tree.write(".github/workflows/deploy.yml", Self.workflow)
        tree.link("env.json", to: "/proc/self/environ")
        let result = Fixtures.declared(in: tree)
        XCTAssertEqual(result.skipped, [Skip(repo: "t", path: "env.json", reason: .symlinkOutOfRoot, detail: nil)])
        XCTAssertEqual(result.warnings, [])
        XCTAssertEqual(result.lines(), [])
        XCTAssertEqual(result.filesRead, 1)
    }

    /// A link that stays inside the root is read as the file it leads to.
    func testTaskDefinitionLinkedInsideTheRootIsRead() {
        let tree = TempTree()
        tree.write(".github/workflows/deploy.yml", Self.workflow)
        tree.write("ecs/real.json", #"{"containerDefinitions": [{"secrets": [{"name": "A", "valueFrom": "/p/A"}]}]}"#)
        tree.link("env.json", to: tree.path + "/ecs/real.json")
        let result = Fixtures.declared(in: tree)
        XCTAssertEqual(result.skipped, [])
        XCTAssertEqual(result.lines(), ["task-definition-secret A t/env.json:1 store=ssm at=/p/A"])
    }

    /// A folder or a device where a task definition was named: not a regular file.
    func testTaskDefinitionThatIsNotARegularFileIsSkipped() throws {
        let tree = TempTree()
        tree.write(".github/workflows/deploy.yml", Self.workflow)
        try FileManager.default.createDirectory(atPath: tree.path + "/env.json", withIntermediateDirectories: true)
        let result = Fixtures.declared(in: tree)
        XCTAssertEqual(result.skipped, [Skip(repo: "t", path: "env.json", reason: .notRegularFile, detail: nil)])
        XCTAssertEqual(result.warnings, [])
    }

    /// A sparse 1 TiB `.env`: its size is checked before a byte is read (the old reader allocated
    /// the whole file first).
    func testSparseEnvFileOverTheLimitIsSkippedBeforeReading() throws {
        let tree = TempTree()
        tree.write(".env", "")
        let fd = open(tree.path + "/.env", O_WRONLY)
        XCTAssertEqual(ftruncate(fd, 1 << 40), 0)
        close(fd)
        tree.write(".env.example", "A=\n")
        let started = Date()
        let result = Fixtures.declared(in: tree)
        XCTAssertLessThan(Date().timeIntervalSince(started), 2)
        XCTAssertEqual(result.skipped, [Skip(repo: "t", path: ".env", reason: .tooLarge, detail: "1099511627776 bytes")])
        XCTAssertEqual(result.lines(), ["env-example A t/.env.example:1"])
    }

    /// A script that loops over the keys of an env file linked to /proc/self/environ: the
    /// environment's names were declared as secrets the script sets.
    func testEnvFileAScriptReadsIsGated() {
        let tree = TempTree()
        tree.write("scripts/push.sh", "while IFS='=' read -r key _; do\n  gh secret set \"$key\" --body x\ndone < config/keys.env\n")
        tree.link("config/keys.env", to: "/proc/self/environ")
        tree.write("scripts/local.sh", "while IFS='=' read -r key _; do\n  gh secret set \"$key\" --body x\ndone < names.env\n")
        tree.write("scripts/names.env", "ONE=1\nTWO=2\n")
        let result = Fixtures.declared(in: tree)
        XCTAssertEqual(result.lines(), [
            "bootstrap-github-secret ONE t/scripts/local.sh:2",
            "bootstrap-github-secret TWO t/scripts/local.sh:2",
        ])
        XCTAssertEqual(result.skipped, [Skip(repo: "t", path: "config/keys.env", reason: .symlinkOutOfRoot, detail: nil)])
        XCTAssertEqual(result.notes.map { "\($0.path):\($0.line ?? 0) \($0.message)" }, [
            "scripts/push.sh:2 name $key is built at run time; cannot list what it provisions",
        ])
    }

    /// An absolute path outside the checkout is not read at all: it is not in the checkout.
    func testEnvFileOutsideTheCheckoutIsANoteAndUnread() {
        let tree = TempTree()
        tree.write("push.sh", "while IFS='=' read -r key _; do\n  gh secret set \"$key\" --body x\ndone < /proc/self/environ\n")
        let result = Fixtures.declared(in: tree)
        XCTAssertEqual(result.lines(), [])
        XCTAssertEqual(result.skipped, [])
        XCTAssertEqual(result.notes.map { "\($0.path):\($0.line ?? 0) \($0.message)" }, [
            "push.sh:1 loops over the keys of /proc/self/environ, which is not in the checkout",
            "push.sh:2 name $key is built at run time; cannot list what it provisions",
        ])
    }

    /// A task definition an earlier step generates is not in the checkout: a note at the
    /// workflow's line, not an unreadable file (which made `declared` exit 2).
    func testTaskDefinitionAStepGeneratesIsANote() {
        let tree = TempTree()
        tree.write(".github/workflows/deploy.yml", """
        jobs:
          deploy:
            steps:
              - run: ./render.sh > ecs/rendered-taskdef.json
              - uses: aws-actions/amazon-ecs-deploy-task-definition@v1
                with:
                  task-definition: ecs/rendered-taskdef.json
              - id: render
                uses: aws-actions/amazon-ecs-render-task-definition@v1
              - uses: aws-actions/amazon-ecs-deploy-task-definition@v1
                with:
                  task-definition: ${{ steps.render.outputs.task-definition }}
              - uses: aws-actions/amazon-ecs-deploy-task-definition@v1
                with:
                  task-definition: ${{ env.DIR }}/taskdef.json

        """)
        let result = Fixtures.declared(in: tree)
        XCTAssertEqual(result.skipped, [])
        XCTAssertEqual(result.warnings, [])
        XCTAssertEqual(result.notes.map { "\($0.path):\($0.line ?? 0) \($0.message)" }, [
            ".github/workflows/deploy.yml:7 task definition ecs/rendered-taskdef.json is not in the checkout (an earlier step may write it); cannot list its secrets",
            ".github/workflows/deploy.yml:12 task definition is named by an expression known only at run time; cannot list its secrets",
            ".github/workflows/deploy.yml:15 task definition is named by an expression known only at run time; cannot list its secrets",
        ])
    }
}

import XCTest
@testable import Declarations

/// GitHub ignores YAML comments, so `${{ secrets.X }}` in one is no reference; inside a `run:`
/// block a `#` line is the shell's, and GitHub evaluates its expressions: that one counts.
final class WorkflowCommentTests: XCTestCase {
    func testReferencesInYAMLCommentsAreNotDeclarations() {
        let tree = TempTree()
        tree.write(".github/workflows/deploy.yml", """
        # ${{ secrets.OLD_TOKEN }} no longer used
        on: push
        jobs:
          deploy:
            runs-on: ubuntu-latest
            env:
              API_KEY: ${{ secrets.API_KEY }}  # was ${{ secrets.LEGACY_KEY }}
              HASHED: "#${{ secrets.QUOTED_KEY }}"
              URL: https://example.test/#${{ vars.FRAGMENT }}
            steps:
              #- run: echo ${{ secrets.DISABLED_STEP }}
              - run: |
                  # the shell's comment, still evaluated: ${{ secrets.IN_RUN_COMMENT }}
                  deploy --token "$API_KEY"
                env:
                  NOTE: it's # not ${{ secrets.AFTER_APOSTROPHE }}
              - name: it's ${{ secrets.PLAIN_APOSTROPHE }}

        """)
        XCTAssertEqual(Fixtures.declared(in: tree).lines(), [
            "workflow-secret API_KEY t/.github/workflows/deploy.yml:7 job=deploy",
            "workflow-secret QUOTED_KEY t/.github/workflows/deploy.yml:8 job=deploy",
            "workflow-variable FRAGMENT t/.github/workflows/deploy.yml:9 job=deploy",
            "workflow-secret IN_RUN_COMMENT t/.github/workflows/deploy.yml:13 job=deploy",
            "workflow-secret PLAIN_APOSTROPHE t/.github/workflows/deploy.yml:17 job=deploy",
        ])
    }

    /// CRLF line ends: the same, and lines stay where they are.
    func testCRLFWorkflowsKeepTheirLines() {
        let tree = TempTree()
        tree.write(".github/workflows/ci.yml", "on: push\r\n# ${{ secrets.OLD }}\r\njobs:\r\n  ci:\r\n    env:\r\n      A: ${{ secrets.CRLF_KEY }} # ${{ secrets.NOT_THIS }}\r\n")
        XCTAssertEqual(Fixtures.declared(in: tree).lines(), ["workflow-secret CRLF_KEY t/.github/workflows/ci.yml:6 job=ci alias=A"])
    }
}

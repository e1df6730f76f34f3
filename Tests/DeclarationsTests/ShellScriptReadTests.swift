import XCTest
@testable import Declarations
import SourceScan

/// A shell script reads the variables it expands and does not set itself (issue 16: scripts that
/// pass `$AWS_SECRET_ACCESS_KEY` to docker, a setup script's `X="${X:-default}"`): each is a
/// tool read at the first line that uses it, job "shell script".
final class ShellScriptReadTests: XCTestCase {
    func testAScriptReadsWhatItExpandsAndDoesNotSet() {
        let tree = TempTree()
        tree.write("scripts/push_static.sh", """
            #!/bin/sh
            # Needs $COMMENTED_ONLY set (a comment: not a read)
            STAGE=production
            export REGION=eu-west-1
            POSTGRES_PASSWORD="${POSTGRES_PASSWORD:-postgres}"
            for SERVICE in web worker; do echo "$SERVICE"; done
            read -r ANSWER
            docker run --rm \\
                -e AWS_ACCESS_KEY_ID=${AWS_ACCESS_KEY_ID} \\
                -e AWS_SECRET_ACCESS_KEY=$AWS_SECRET_ACCESS_KEY \\
                -e STAGE=$STAGE -e REGION=$REGION -e ANSWER=$ANSWER \\
                -e HOME=$HOME \\
                -e DB_PASSWORD=$POSTGRES_PASSWORD \\
                "$IMAGE_NAME"
            echo "again ${AWS_SECRET_ACCESS_KEY:?}"

            """)
        let declared = Fixtures.declared(in: tree)
        XCTAssertEqual(declared.declarations.map(\.line_), [], "using a name is not declaring it")
        let lines = declared.scriptReads.map(\.line_)
        XCTAssertEqual(lines, [
            "tool-read POSTGRES_PASSWORD t/scripts/push_static.sh:5 job=shell script",
            "tool-read AWS_ACCESS_KEY_ID t/scripts/push_static.sh:9 job=shell script",
            "tool-read AWS_SECRET_ACCESS_KEY t/scripts/push_static.sh:10 job=shell script",
            "tool-read IMAGE_NAME t/scripts/push_static.sh:14 job=shell script",
        ])
    }

    /// A script that provisions a store (`aws ssm put-parameter … --value "$X"`) writes the secret
    /// it reads: it is not a consumer, and its `$X` are not reads.
    func testAProvisioningScriptIsNotAReader() {
        let tree = TempTree()
        tree.write("scripts/push-secrets.sh", "#!/bin/sh\naws ssm put-parameter --name /app/STRIPE_SECRET_KEY --value \"$STRIPE_SECRET_KEY\" --type SecureString\n")
        let declared = Fixtures.declared(in: tree)
        XCTAssertEqual(declared.declarations.map(\.line_), ["bootstrap-parameter STRIPE_SECRET_KEY t/scripts/push-secrets.sh:2 store=ssm at=/app/STRIPE_SECRET_KEY"])
        XCTAssertEqual(declared.scriptReads.map(\.line_), [])
    }

    /// A Makefile's `$(X)` is make's, not the shell's: no tool reads from it.
    func testAMakefileIsNotReadAsAShellScript() {
        let tree = TempTree()
        tree.write("Makefile", "deploy:\n\taws s3 sync dist s3://$(BUCKET) --profile $$AWS_PROFILE\n")
        XCTAssertEqual(Fixtures.declared(in: tree).scriptReads.map(\.line_), [])
    }
}

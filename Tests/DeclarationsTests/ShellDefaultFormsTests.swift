import Foundation
@testable import Declarations
import SourceScan
import XCTest

/// Issue 17 item 2, the shell defaults the first cut did not read (found by labelling the
/// real-world set): `${X:-v}` in a workflow `run:` script, in any Dockerfile instruction, a value
/// that runs over several lines, and compose files named `*-compose.yml`.
final class ShellDefaultFormsTests: XCTestCase {
    static let runCanary = "Tq8Wz3Km6Xp1Lv9Rb4Nc7Hd2Jf5Gs0Qa"
    static let dockerCanary = "Vn2Kc7Xq4Tz9Lm1Wp6Rb3Hd8Jf5Gs0Ye"
    static let pemCanary = "Bx3Qm8Kz1Wv6Tr9Ln4Pc7Hd2Jf5Gs0Ua"

    func testAWorkflowRunScriptsDefaults() {
        let tree = TempTree()
        tree.write(".github/workflows/deploy.yml", """
            on: push
            jobs:
              deploy:
                runs-on: ubuntu-latest
                env:
                  NOT_SHELL: ${{ secrets.DEPLOY_KEY }}
                steps:
                  - run: echo "${REGION:-eu-west-1}"
                  - name: deploy
                    run: |
                      # ${COMMENTED:-not-read}
                      export DEPLOY_TOKEN="${DEPLOY_TOKEN:-\(Self.runCanary)}"
                      echo "${STATUS_CODE:-null}" "${{ github.sha }}"
                      curl "${API_URL:-http://localhost:8080}/deploy"
            """)
        XCTAssertEqual(HardCodedDefaultTests.lines(Fixtures.declared(in: tree)), [
            "shell-default REGION t/.github/workflows/deploy.yml:8:30 eu-…-1",
            "shell-default DEPLOY_TOKEN t/.github/workflows/deploy.yml:12:48 Tq8…Qa secret-like",
            "shell-default STATUS_CODE t/.github/workflows/deploy.yml:13:32 … placeholder",
            "shell-default API_URL t/.github/workflows/deploy.yml:14:28 htt…80 placeholder",
        ])
    }

    func testADockerfileInstructionsDefaults() {
        let tree = TempTree()
        tree.write("Dockerfile", """
            FROM --platform=${TARGETPLATFORM:-linux/amd64} node:20
            # RUN echo ${COMMENTED:-x}
            ARG STATIC_URL
            ENV STATIC_URL=${STATIC_URL:-/static/}
            RUN SIGNING_KEY="${SIGNING_KEY:-\(Self.dockerCanary)}" npm run build
            HEALTHCHECK CMD wget -qO- "http://localhost:${PORT:-3000}/_health" || exit 1
            """)
        XCTAssertEqual(HardCodedDefaultTests.lines(Fixtures.declared(in: tree)), [
            "shell-default TARGETPLATFORM t/Dockerfile:1:35 lin…64",
            "shell-default STATIC_URL t/Dockerfile:4:30 /st…c/",
            "shell-default SIGNING_KEY t/Dockerfile:5:33 Vn2…Ye secret-like",
            "shell-default PORT t/Dockerfile:6:53 …",
        ])
    }

    /// A default whose value runs over lines (a PEM key in quotes), read from its `${` to its
    /// `}`, at the line the value starts; a default after it on the last line still counts.
    func testADefaultOverSeveralLines() {
        let tree = TempTree()
        tree.write("scripts/start.sh", """
            #!/bin/sh
            export JWT_PRIVATE_KEY="${JWT_PRIVATE_KEY:-"-----BEGIN PRIVATE KEY-----
            \(Self.pemCanary)
            -----END PRIVATE KEY-----"}" LOG="${LOG_LEVEL:-info}"
            export NEXT="${NEXT_TOKEN:-Rk4Wm8Tz2Xq6Lb1Vn9Pc}"
            """)
        XCTAssertEqual(HardCodedDefaultTests.lines(Fixtures.declared(in: tree)), [
            "shell-default JWT_PRIVATE_KEY t/scripts/start.sh:2:44 ---…--",
            "shell-default LOG_LEVEL t/scripts/start.sh:4:48 …",
            "shell-default NEXT_TOKEN t/scripts/start.sh:5:28 Rk4…Pc secret-like",
        ])
    }

    /// `docker/dev-compose.yml`, `services-compose.yml`: compose files by their name's end too.
    func testComposeFilesNamedDashCompose() {
        let tree = TempTree()
        tree.write("docker/dev-compose.yml", """
            services:
              app:
                build: .
                environment:
                  SESSION_SECRET: secret123
                  WEBHOOK_TOKEN: ${WEBHOOK_TOKEN:-Yd6Km1Xq9Tz4Lw7Rb2Nc}
            """)
        XCTAssertEqual(HardCodedDefaultTests.lines(Fixtures.declared(in: tree)), [
            "compose-default SESSION_SECRET t/docker/dev-compose.yml:5:23 sec…23 placeholder",
            "compose-default WEBHOOK_TOKEN t/docker/dev-compose.yml:6:39 Yd6…Nc secret-like",
        ])
    }

    /// No value of a default read by these forms reaches the result.
    func testNoValueOfTheNewFormsReachesTheResult() throws {
        let tree = TempTree()
        tree.write(".github/workflows/w.yml", "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: |\n          T=\"${DEPLOY_TOKEN:-\(Self.runCanary)}\"\n")
        tree.write("Dockerfile", "FROM x\nRUN K=\"${SIGNING_KEY:-\(Self.dockerCanary)}\" make\n")
        tree.write("s.sh", "K=\"${PEM_KEY:-\"-----BEGIN-----\n\(Self.pemCanary)\n-----END-----\"}\"\n")
        let result = Fixtures.declared(in: tree)
        XCTAssertEqual(result.defaults.count, 3)
        let json = String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
        for canary in [Self.runCanary, Self.dockerCanary, Self.pemCanary].map(Array.init) {
            for start in 0...(canary.count - 6) {
                XCTAssertFalse(json.contains(String(canary[start..<(start + 6)])), String(canary[start..<(start + 6)]))
            }
        }
    }
}

import Foundation
@testable import Declarations
import SourceScan
import XCTest

/// Hard-coded defaults in compose files, scripts and Dockerfiles: each a literal tied to the
/// variable's name, with its place, hint and placeholder mark, and never the value.
final class HardCodedDefaultTests: XCTestCase {
    /// Random-looking defaults: no six characters of one may reach an output.
    static let composeCanary = "Qz7Xw2Lp9Vn4Rt8Kb3Mc6Hd1Fj5Gs0Ya"
    static let scriptCanary = "Wd4Hk8Pz2Nq6Tv9Lr3Xb7Mc1Jf5Gs0Ea"
    static let dockerCanary = "Ub5Ng1Rw7Tz3Kq9Lx2Pd6Hm4Jc8Fs0Va"

    static func lines(_ result: DeclarationResult) -> [String] {
        result.defaults.map { l in
            "\(l.context) \(l.target ?? "?") \(l.repo)/\(l.path):\(l.line):\(l.column) \(l.hint)"
                + (l.placeholder == true ? " placeholder" : "") + (l.secretLike ? " secret-like" : "")
        }
    }

    func tree() -> TempTree {
        let tree = TempTree()
        tree.write("docker-compose.yml", """
            services:
              api:
                build: .
                environment:
                  SECRET_KEY: ${SECRET_KEY:-\(Self.composeCanary)}
                  DATABASE_URL: "${DATABASE_URL:-postgres://app:app@db:5432/app}"
                  JWT_SECRET: changeme
                  PORT: 3000
                  FROM_HOST:
                  COMPUTED: ${OTHER}
                  NESTED: ${NESTED:-${OTHER:-local-dev}}
                  DOLLAR: pa$$word-literal
                  CACHE_URL: redis://:Rz5kP9qW2xLm@api-cache:6379/0
                  API_URL: http://api:3000
              worker:
                build: .
                environment:
                  - WORKER_TOKEN=xxxxxxxx
                  - PASS_THROUGH
              db:
                image: postgres:16
                environment:
                  POSTGRES_PASSWORD: postgres
                  POSTGRES_USER: ${DB_USER-app}
              api-cache:
                image: redis:7
            """)
        tree.write("scripts/bootstrap.sh", """
            #!/usr/bin/env bash
            # ${COMMENTED:-not-read}
            ENVIRONMENT="${1:?environment}"
            update_env "API_TOKEN" "${API_TOKEN:-\(Self.scriptCanary)}"
            export REGION=${AWS_REGION:=eu-west-1}
            : "${ADMIN_PASSWORD:-changeme}" "${FROM_RUN:-$(date)}" "${ALT:+x}" "${ERR:?no}"
            echo "${LOG_LEVEL-info}"
            """)
        tree.write("Dockerfile", """
            FROM node:20
            ARG NPM_TOKEN
            ARG NODE_VERSION=20
            ENV APP_KEY=\(Self.dockerCanary) \\
                MODE="production mode"
            ENV LEGACY_SECRET your-secret-here
            ENV PATH=/app/bin:$PATH
            """)
        return tree
    }

    func testEachFormYieldsALiteralTiedToItsName() throws {
        let result = Fixtures.declared(in: tree())
        XCTAssertEqual(Self.lines(result), [
            "dockerfile-env NODE_VERSION t/Dockerfile:3:18 …",
            "dockerfile-env APP_KEY t/Dockerfile:4:13 Ub5…Va secret-like",
            // On the continued line that spells it, quotes taken off.
            "dockerfile-env MODE t/Dockerfile:5:10 pro…de",
            "dockerfile-env LEGACY_SECRET t/Dockerfile:6:19 you…re placeholder",
            "compose-default SECRET_KEY t/docker-compose.yml:5:33 Qz7…Ya secret-like",
            "compose-default DATABASE_URL t/docker-compose.yml:6:38 pos…pp placeholder",
            "compose-default JWT_SECRET t/docker-compose.yml:7:19 cha…me placeholder",
            "compose-default PORT t/docker-compose.yml:8:13 …",
            // `${NESTED:-${OTHER:-…}}`: NESTED's default is computed; OTHER's is hard-coded.
            "compose-default OTHER t/docker-compose.yml:11:34 loc…ev placeholder",
            "compose-default DOLLAR t/docker-compose.yml:12:15 pa$…al",
            // Addresses of the file's own services (a password in one is the local container's).
            "compose-default CACHE_URL t/docker-compose.yml:13:18 red…/0 placeholder",
            "compose-default API_URL t/docker-compose.yml:14:16 htt…00 placeholder",
            "compose-default WORKER_TOKEN t/docker-compose.yml:18:22 xxx…xx placeholder",
            // An interpolation default in a third-party image's service is still the host's default;
            // that service's literal POSTGRES_PASSWORD is the image's setting, not ours.
            "compose-default DB_USER t/docker-compose.yml:24:32 … placeholder",
            "shell-default API_TOKEN t/scripts/bootstrap.sh:4:38 Wd4…Ea secret-like",
            "shell-default AWS_REGION t/scripts/bootstrap.sh:5:29 eu-…-1",
            "shell-default ADMIN_PASSWORD t/scripts/bootstrap.sh:6:22 cha…me placeholder",
            "shell-default LOG_LEVEL t/scripts/bootstrap.sh:7:19 …",
        ])
    }

    /// An environment shared through an anchor is one place: one literal, not one per service.
    func testAnAnchoredEnvironmentIsOneDefault() {
        let tree = TempTree()
        tree.write("compose.yaml", """
            x-env: &env
              SHARED_TOKEN: Kq7Zp2Lw9Xv4Nc8Rt3Bm6Yh1Jd5Fg0Qs
            services:
              web:
                build: .
                environment:
                  <<: *env
              worker:
                build: .
                environment:
                  <<: *env
                  WORKER_ONLY: ${WORKER_ONLY:-local}
            """)
        XCTAssertEqual(Self.lines(Fixtures.declared(in: tree)), [
            "compose-default SHARED_TOKEN t/compose.yaml:2:17 Kq7…Qs secret-like",
            "compose-default WORKER_ONLY t/compose.yaml:12:35 … placeholder",
        ])
    }

    /// The values travel nowhere: not in the declarations' JSON, not in any field of a literal.
    func testNoDefaultValueReachesTheResult() throws {
        let result = Fixtures.declared(in: tree())
        let encoder = JSONEncoder()
        let json = String(decoding: try encoder.encode(result), as: UTF8.self)
        for canary in [Self.composeCanary, Self.scriptCanary, Self.dockerCanary].map(Array.init) {
            for start in 0...(canary.count - 6) {
                XCTAssertFalse(json.contains(String(canary[start..<(start + 6)])), String(canary[start..<(start + 6)]))
            }
        }
        XCTAssertEqual(result.defaults.first { $0.target == "SECRET_KEY" }?.fingerprint, Fixtures.fingerprinter.fingerprint(Self.composeCanary))
    }

    /// Before this change no default was read at all: the declarations are unchanged by it.
    func testDeclarationsAreUnchangedByDefaults() {
        let result = Fixtures.declared(in: tree())
        XCTAssertEqual(result.lines([.dockerfileEnv, .dockerfileArg]), [
            "dockerfile-arg NPM_TOKEN t/Dockerfile:2", "dockerfile-arg NODE_VERSION t/Dockerfile:3",
            "dockerfile-env APP_KEY t/Dockerfile:4", "dockerfile-env MODE t/Dockerfile:4", "dockerfile-env LEGACY_SECRET t/Dockerfile:6",
            "dockerfile-env PATH t/Dockerfile:7",
        ])
    }
}

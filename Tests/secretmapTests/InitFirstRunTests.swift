import Foundation
import TestSupport
import XCTest

/// `secretmap init` on checkouts like real ones: workflows that use `secrets.X` (with and without
/// a GitHub remote), and the files that say how each repository is deployed.
final class InitFirstRunTests: XCTestCase {
    func git(_ arguments: [String], in directory: String) throws {
        let run = try Script.run("/usr/bin/env", ["git"] + arguments, in: directory)
        XCTAssertEqual(run.status, 0, "git \(arguments.joined(separator: " ")): \(run.stderr)")
    }

    /// `shop`: a git checkout whose origin is on GitHub; two workflow secrets; deployed by a
    /// workflow running helm, a workflow named for deploying, a Helm chart and a compose file (a
    /// commented-out `fly deploy` and the dev compose files deploy nothing).
    func shop(_ tree: TempTree) throws {
        tree.write("shop/.github/workflows/ci.yml", """
            name: ci
            on: push
            jobs:
              test:
                runs-on: ubuntu-latest
                steps:
                  - run: npm test
                    env:
                      STRIPE_TEST_KEY: ${{ secrets.STRIPE_TEST_KEY }}
                      SENTRY_AUTH_TOKEN: ${{ secrets.SENTRY_AUTH_TOKEN }}
                  # - run: fly deploy

            """)
        tree.write("shop/.github/workflows/release.yml", """
            on: { push: { tags: ["v*"] } }
            jobs:
              release:
                runs-on: ubuntu-latest
                steps:
                  - run: helm upgrade --install shop deploy/helm/shop

            """)
        tree.write("shop/.github/workflows/deploy-docs.yml", "on: push\njobs:\n  docs:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm run docs\n")
        tree.write("shop/deploy/helm/shop/Chart.yaml", "apiVersion: v2\nname: shop-api\nversion: 0.1.0\n")
        tree.write("shop/docker-compose.yml", "services:\n  app:\n    image: shop\n    environment:\n      - SESSION_SECRET\n")
        tree.write("shop/docker-compose.dev.yml", "services:\n  db:\n    image: postgres\n")
        tree.write("shop/.devcontainer/docker-compose.yml", "services:\n  dev:\n    image: node\n")
        try git(["init", "-q"], in: tree.path + "/shop")
        try git(["remote", "add", "origin", "git@github.com:acme/shop.git"], in: tree.path + "/shop")
    }

    /// `site`: not a git checkout; one workflow secret; fly.toml, railway.toml and render.yaml.
    func site(_ tree: TempTree) {
        tree.write("site/.github/workflows/ci.yml", """
            on: push
            jobs:
              build:
                runs-on: ubuntu-latest
                steps:
                  - run: npm run build
                    env: { TURBO_TOKEN: "${{ secrets.TURBO_TOKEN }}" }

            """)
        tree.write("site/fly.toml", "app = \"site\"\n[env]\n  PORT = \"8080\"\n")
        tree.write("site/railway.toml", "[deploy]\nstartCommand = \"npm start\"\n")
        tree.write("site/render.yaml", "services:\n  - type: web\n    name: site\n    envVars:\n      - key: SITE_API_KEY\n        sync: false\n")
    }

    func initConfig(_ tree: TempTree, _ repos: [String]) throws -> String {
        let run = try CLI.run(["init", "--output", tree.path + "/secretmap.yml"] + repos.map { tree.path + "/" + $0 })
        XCTAssertEqual(run.status, 0, run.stderr)
        return try String(contentsOfFile: tree.path + "/secretmap.yml", encoding: .utf8)
    }

    func testEachRepositorysDeployUnitsAreCommentedUnderIt() throws {
        let tree = TempTree()
        try shop(tree)
        site(tree)
        tree.write("lib/index.js", "module.exports = 1\n")
        let text = try initConfig(tree, ["shop", "site", "lib"])
        XCTAssertTrue(text.contains("""
            repos:
              - { name: shop, path: shop }   # GitHub: acme/shop
                # deploys: re-run the deploy-docs.yml workflow   (evidence: shop/.github/workflows/deploy-docs.yml)
                # deploys: re-run the release.yml workflow   (evidence: shop/.github/workflows/release.yml)
                # deploys: helm upgrade shop-api deploy/helm/shop (the Helm chart)   (evidence: shop/deploy/helm/shop/Chart.yaml)
                # deploys: docker compose -f docker-compose.yml up -d (where it runs)   (evidence: shop/docker-compose.yml)
              - { name: site, path: site }
                # deploys: fly deploy   (evidence: site/fly.toml)
                # deploys: railway up (or a push to the branch the Railway service deploys from)   (evidence: site/railway.toml)
                # deploys: a Render deploy of the services in render.yaml (Manual Deploy, or a push to the branch they deploy from)   (evidence: site/render.yaml)
              - { name: lib, path: lib }
                # deploys: nothing found (no deploy workflow, fly.toml, render.yaml, railway.toml, Helm chart or compose file)

            """), text)
        // The remote names shop's repository; site has none, so the file says what to add.
        XCTAssertTrue(text.contains("""
              github: { repos: [acme/shop] }
                # evidence: shop's workflows use 2 secrets.X names (first at shop/.github/workflows/ci.yml:9)
                # evidence: site's workflows use 1 secrets.X name (first at site/.github/workflows/ci.yml:7)
                # add to repos: the GitHub OWNER/REPO of site (no GitHub remote in the checkout)

            """), text)
    }

    /// hoppscotch's case: workflows full of `secrets.X`, no GitHub environment, no remote. The
    /// store is written commented out, saying what to fill in (a made-up repository would make
    /// every read fail), and the file as written is a valid config.
    func testWorkflowSecretsWithoutARemoteGiveACommentedStoreToFillIn() throws {
        let tree = TempTree()
        site(tree)
        let text = try initConfig(tree, ["site"])
        XCTAssertTrue(text.contains("""
              # github: { repos: [OWNER/REPO] }   # fill in the GitHub OWNER/REPO of site (no GitHub remote in the checkout), then uncomment
                # evidence: site's workflows use 1 secrets.X name (first at site/.github/workflows/ci.yml:7)

            """), text)
        let drift = try CLI.run(["drift", "--config", tree.path + "/secretmap.yml", "--format", "json"],
                                environment: ["SECRETMAP_FINGERPRINT_KEY": "first-run-test-key-0123456789abcdef"])
        XCTAssertEqual(drift.status, 0, drift.stderr)
    }
}

/// A secret read in code but declared nowhere: a new environment cannot know it is needed. A name
/// only tests read is not reported: a test reading it does not make production need it.
enum ReadUndeclared: DriftRule {
    static let description = DriftRuleDescription(
        id: .readUndeclared, severity: .fixed(.medium), title: "Read by code, declared nowhere",
        when: "a secret code outside tests reads that no file declares (and no platform sets: `rules/platforms.yaml`)",
        fix: "declare it in the reading repo's .env.example and the deploy contract")

    static let examples = [
        DriftExample(expected: ["Medium HMAC_SECRET -"]) {
            $0.readers = [DriftExample.read("HMAC_SECRET", "api/src/hmac.py:4"), DriftExample.read("APP_URL")]
        },
        DriftExample(expected: []) {
            $0.readers = [DriftExample.read("HMAC_SECRET", "api/src/hmac.py:4")]
            $0.declarations = [DriftExample.declare("HMAC_SECRET", .envExample, "api/.env.example:1")]
        },
        // Set by the platform that runs the code (rules/platforms.yaml): GitHub Actions, Vercel, Lambda.
        DriftExample(expected: []) {
            $0.readers = [DriftExample.read("GITHUB_SHA", "web/scripts/release.ts:3"),
                          DriftExample.read("VERCEL_AUTOMATION_BYPASS_SECRET", "web/e2e/setup.ts:8"),
                          DriftExample.read("AWS_LAMBDA_FUNCTION_NAME", "api/handler.py:2")]
        },
        // Read only by tests (and written by one's setup, which is not a read): nothing to declare.
        DriftExample(expected: []) {
            $0.readers = [DriftExample.read("HMAC_SECRET", "api/tests/test_hmac.py:4", test: true)]
        },
        // Read by code and by tests: reported, with the code's place first and the tests folded.
        DriftExample(expected: ["Medium HMAC_SECRET -"]) {
            $0.readers = [DriftExample.read("HMAC_SECRET", "api/tests/test_hmac.py:4", test: true),
                          DriftExample.read("HMAC_SECRET", "api/src/hmac.py:4")]
        },
    ]

    static func run(_ c: inout DriftContext) {
        for record in c.inventory.records where record.secretClass.isSecret && record.tenants == nil
            && record.readers.contains(where: \.asksForDeclaration) && !record.isDeclared && c.platformProviding(record.name) == nil {
            c.add(DriftFinding(rule: description.id, severity: .medium, record: record,
                               summary: "\(record.name) is \(record.readerText) but declared nowhere (no .env.example, contract or schema)",
                               evidence: record.readers.filter(\.asksForDeclaration).map(\.text) + record.toolReadText,
                               fix: "declare it in the reading repo's .env.example and the deploy contract"))
        }
    }
}

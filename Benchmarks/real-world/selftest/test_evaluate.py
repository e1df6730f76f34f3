#!/usr/bin/env python3
"""The judging code of evaluate.py on hand-written drift / scan JSON (no secretmap binary needed).

    python3 Benchmarks/real-world/selftest/test_evaluate.py
"""
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import evaluate  # noqa: E402


def finding(rule, name, path=None, line=None, environment=None):
    f = {"rule": rule, "name": name}
    if path:
        f["location"] = {"path": path, "line": line, "repo": "demo"}
    if environment:
        f["environment"] = environment
    return f


FACTS = {
    "repo": "o/demo", "commit": "c" * 40,
    "names": [
        {"name": "STRIPE_KEY", "class": "platform", "read_at": ["src/a.ts:3", "demo/src/b.ts:7"]},
        {"name": "SESSION_SECRET", "class": "internal-minted", "read_at": ["src/a.ts:4"]},
        {"name": "APP_NAME", "class": "config", "read_at": []},
        {"name": "GHOST", "class": "platform", "read_at": ["src/c.py:1"]},
        {"name": "OLD_ALIAS", "class": "platform", "read_at": []},
    ],
    "findings": [
        # Two labels for one rule+name: the one with path and line wins where it matches.
        {"rule": "declared-unread", "name": "APP_NAME", "verdict": True},
        {"rule": "declared-unread", "name": "APP_NAME", "path": ".env.example", "line": 2,
         "verdict": False, "cause": "public-identifier"},
        {"rule": "read-undeclared", "name": "VERCEL_URL", "path": "demo/src/a.ts", "verdict": "false",
         "cause": "platform-provided"},
        {"rule": "stored-unused", "name": "NOBODY", "verdict": "unsure", "why": "cannot tell"},
    ],
    "expected": [
        {"rule": "env-example-missing-declared", "name": "STRIPE_KEY"},
        {"rule": "read-undeclared", "name": "SESSION_SECRET"},
    ],
    "literals": [
        {"path": "src/k.ts", "line": 2, "verdict": True},
        {"path": "src/m.ts", "line": 9, "verdict": False, "cause": "other"},
        {"path": "src/never.ts", "line": 1, "verdict": True},
    ],
}

DRIFT = {
    "findings": [
        finding("declared-unread", "APP_NAME", ".env.example", 2),      # false (specific label)
        finding("declared-unread", "APP_NAME", "apps/x/.env.example", 5),  # true (general label)
        finding("read-undeclared", "VERCEL_URL", "src/a.ts", 9),        # false, repo-prefixed path
        finding("read-undeclared", "SESSION_SECRET", "src/a.ts", 4),    # unjudged, but an expected one
        finding("stored-unused", "NOBODY"),                             # unjudged, no location
    ],
    "inventory": [
        {"name": "STRIPE_KEY", "secretClass": "platform", "aliases": [],
         "readers": [{"path": "src/a.ts", "line": 3, "repo": "demo"}, {"path": "src/b.ts", "line": 7, "repo": "demo"}]},
        {"name": "SESSION_SECRET", "secretClass": "platform", "aliases": [],
         "readers": [{"path": "src/a.ts", "line": 5, "repo": "demo"}]},
        {"name": "APP_NAME", "secretClass": "config", "aliases": [], "readers": []},
        {"name": "NEW_NAME", "secretClass": "platform", "aliases": ["OLD_ALIAS"], "readers": []},
    ],
}


class JudgeRunTests(unittest.TestCase):
    def test_findings_precision_facts_and_classes(self):
        r = evaluate.judge_run(DRIFT, FACTS)
        self.assertEqual(r["true"], ["declared-unread APP_NAME apps/x/.env.example:5"])
        self.assertEqual(r["false"], ["declared-unread APP_NAME .env.example:2", "read-undeclared VERCEL_URL src/a.ts:9"])
        self.assertEqual(r["unjudged"], ["read-undeclared SESSION_SECRET src/a.ts:4", "stored-unused NOBODY (labelled unsure)"])
        self.assertEqual(r["false_by_cause"], {"public-identifier": ["declared-unread APP_NAME .env.example:2"],
                                               "platform-provided": ["read-undeclared VERCEL_URL src/a.ts:9"]})
        self.assertEqual(r["precision"], {"part": 1, "whole": 3, "percent": 33.3})
        # 2 expected + 4 readers; found: read-undeclared SESSION_SECRET, STRIPE_KEY's two readers.
        self.assertEqual(r["facts_found"], {"part": 3, "whole": 6, "percent": 50.0})
        self.assertEqual(r["facts_missed"], ["expected env-example-missing-declared STRIPE_KEY",
                                             "reader SESSION_SECRET at src/a.ts:4", "reader GHOST at src/c.py:1"])
        # STRIPE_KEY, APP_NAME, OLD_ALIAS (through NEW_NAME's aliases) right; SESSION_SECRET wrong.
        self.assertEqual(r["class_accuracy"], {"part": 3, "whole": 4, "percent": 75.0})
        self.assertEqual(r["class_wrong"], ["SESSION_SECRET: labelled internal-minted, secretmap platform"])
        self.assertEqual(r["not_in_inventory"], ["GHOST"])

    def test_planted_findings_are_true_only_in_staging(self):
        drift = {"findings": [finding("parity-missing", "STRIPE_KEY", "src/a.ts", 3, "staging"),
                              finding("parity-missing", "STRIPE_KEY", "src/a.ts", 3, "production"),
                              finding("env-example-missing", "APP_NAME", ".env.example", 2, "staging")],
                 "inventory": []}
        r = evaluate.judge_run(drift, FACTS, planted={"STRIPE_KEY", "APP_NAME"})
        self.assertEqual(r["planted"], ["parity-missing STRIPE_KEY src/a.ts:3 [staging]",
                                        "env-example-missing APP_NAME .env.example:2 [staging]"])
        self.assertEqual(r["unjudged"], ["parity-missing STRIPE_KEY src/a.ts:3 [production]"])

    def test_fix_names_judges_the_file_the_fix_names(self):
        facts = dict(FACTS, findings=[{"rule": "env-example-unlisted", "name": "K", "path": "apps/web/env.ts", "line": 9,
                                       "verdict": True, "fix_names": ".env.example"}])
        right = dict(finding("env-example-unlisted", "K", "apps/web/env.ts", 9), fix="add K= to demo/.env.example")
        wrong = dict(finding("env-example-unlisted", "K", "apps/web/env.ts", 9), fix="add K= to demo/apps/api/.env.example")
        r = evaluate.judge_run({"findings": [right, wrong], "inventory": []}, facts)
        self.assertEqual(r["true"], ["env-example-unlisted K apps/web/env.ts:9"])
        self.assertEqual(r["false_by_cause"], {"wrong-fix": ["env-example-unlisted K apps/web/env.ts:9"]})

    def test_no_judged_finding_has_no_precision(self):
        r = evaluate.judge_run({"findings": [], "inventory": []}, dict(FACTS, expected=[], names=[]))
        self.assertEqual(r["precision"]["percent"], None)
        self.assertEqual(evaluate.pct(r["precision"]), "—")


class TotalsTests(unittest.TestCase):
    def test_pooled_adds_parts_and_wholes(self):
        runs = [{"precision": evaluate.ratio(1, 2), "true": [1], "false": [1], "unjudged": []},
                {"precision": evaluate.ratio(8, 8), "true": [1] * 8, "false": [], "unjudged": [1, 1]}]
        self.assertEqual(evaluate.pooled(runs, "precision"), {"part": 9, "whole": 10, "percent": 90.0})
        self.assertEqual(evaluate.total_findings(runs), "9 / 1 / 2")


class LiteralTests(unittest.TestCase):
    def test_literals_true_false_unjudged_missed(self):
        scan = {"literals": [
            {"path": "src/k.ts", "line": 2, "repo": "demo", "secretLike": True, "target": "apiKey"},
            {"path": "src/m.ts", "line": 9, "repo": "demo", "secretLike": True},
            {"path": "src/n.ts", "line": 1, "repo": "demo", "secretLike": True},
            {"path": "src/p.ts", "line": 1, "repo": "demo", "secretLike": False},
        ]}
        r = evaluate.judge_literals(scan, FACTS)
        self.assertEqual(r, {"true": ["src/k.ts:2 (apiKey)"], "false": ["src/m.ts:9"],
                             "unjudged": ["src/n.ts:1"], "missed": ["src/never.ts:1"]})


class DefaultTests(unittest.TestCase):
    FACTS = dict(FACTS, defaults=[
        {"name": "SESSION_SECRET", "path": "docker-compose.yml", "line": 8, "placeholder": False},   # found
        {"name": "DATABASE_URL", "path": "demo/docker-compose.yml", "line": 9, "placeholder": True},  # mark differs
        {"name": "JWT_SECRET", "path": "src/auth.ts", "placeholder": False},                         # any line
        {"name": "API_TOKEN", "path": "scripts/run.sh", "line": 4, "placeholder": True},             # missed
    ])

    def test_found_missed_unlabelled_and_placeholder_marks(self):
        declared = {"defaults": [
            {"target": "SESSION_SECRET", "path": "docker-compose.yml", "line": 8, "repo": "demo", "placeholder": False},
            {"target": "DATABASE_URL", "path": "docker-compose.yml", "line": 9, "repo": "demo", "placeholder": False},
            {"target": "PORT", "path": "Dockerfile", "line": 3, "repo": "demo", "placeholder": False},
        ]}
        scan = {"literals": [
            {"target": "JWT_SECRET", "path": "src/auth.ts", "line": 12, "repo": "demo", "context": "env-default"},
            {"target": "apiKey", "path": "src/k.ts", "line": 2, "repo": "demo", "context": "constructor"},  # not a default
        ]}
        # drift's inventory repeats a default of `declared`: counted once.
        drift = {"inventory": [{"name": "SESSION_SECRET", "defaults": [declared["defaults"][0]]}]}
        r = evaluate.judge_defaults(declared, scan, drift, self.FACTS)
        self.assertEqual(r["found"], {"part": 3, "whole": 4, "percent": 75.0})
        self.assertEqual(r["missed"], ["API_TOKEN scripts/run.sh:4 (placeholder)"])
        self.assertEqual(r["placeholder_wrong"],
                         ["DATABASE_URL demo/docker-compose.yml:9: labelled placeholder, secretmap says the opposite"])
        self.assertEqual(r["unlabelled"], ["PORT Dockerfile:3"])

    def test_no_output_finds_nothing(self):
        r = evaluate.judge_defaults(None, None, None, self.FACTS)
        self.assertEqual(r["found"], {"part": 0, "whole": 4, "percent": 0.0})
        self.assertEqual(len(r["missed"]), 4)
        self.assertEqual(r["unlabelled"], [])

    def test_table_pools_the_repos(self):
        runs = [{"repo": f"o/{n}", "facts": n, "runs": {"first": {"defaults": {
            "found": evaluate.ratio(p, w), "placeholder_wrong": ["x"] * p, "unlabelled": []}}}} for n, p, w in
            (("a", 1, 2), ("b", 3, 3))]
        self.assertEqual(evaluate.defaults_table(runs)[2:5], [
            "| o/a | 50.0 % (1/2) | 1 | 0 |", "| o/b | 100.0 % (3/3) | 3 | 0 |", "| **all 2 repos** | 80.0 % (4/5) | 4 | 0 |"])


class FactsFileTests(unittest.TestCase):
    def load(self, text):
        with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as f:
            f.write(text)
        try:
            return evaluate.load_facts(f.name)
        finally:
            os.unlink(f.name)

    def test_unquoted_all_digit_commit_is_refused(self):
        with self.assertRaisesRegex(ValueError, r"`commit` is not a string \(quote it\)"):
            self.load("repo: o/n\ncommit: 0123\n")

    def test_problems_are_listed_and_the_rest_loads(self):
        facts, problems = self.load(
            "repo: o/n\ncommit: abc\nnames:\n  - {name: A, class: secret, read_at: [x.ts:1]}\n"
            "findings:\n  - {rule: declared-unread, name: A, verdict: false}\n"
            "  - {rule: declared-unread, name: B, verdict: maybe}\n"
            "  - {rule: declared-unread, name: C, verdict: unsure}\n"
            "defaults:\n  - {name: D, path: x.sh, line: 3, placeholder: yes}\n"
            "  - {name: E, line: 3, placeholder: maybe}\n  - {name: F, path: y.sh, line: three, placeholder: false}\n")
        self.assertEqual(problems, [
            "names[0] A: class 'secret' is not one of ['build-time-public', 'config', 'data-encryption-key', "
            "'internal-minted', 'per-tenant', 'platform']",
            "findings[0] declared-unread A: false without a known cause (None)",
            "findings[1] declared-unread B: verdict 'maybe' is not true or false",
            "defaults[1] E: needs name and path",
            "defaults[1] E: placeholder 'maybe' is not true or false",
            "defaults[2] F: line 'three' is not a number",
        ])
        self.assertEqual(facts["expected"], [])

    def test_places(self):
        self.assertEqual(evaluate.parse_place("a/b.ts:12"), ("a/b.ts", 12))
        self.assertEqual(evaluate.parse_place("turbo.json"), ("turbo.json", None))
        self.assertTrue(evaluate.same_path("./.env.example", ".env.example", "demo"))
        self.assertTrue(evaluate.same_path("demo/.env.example", ".env.example", "demo"))
        self.assertFalse(evaluate.same_path("other/.env.example", ".env.example", "demo"))


if __name__ == "__main__":
    unittest.main()

#!/usr/bin/env python3
"""Judge secretmap against hand-checked facts about public monorepos (issue 16's evaluation).

For each facts file (Benchmarks/real-world/facts/<owner>__<name>.yaml, format in README.md):

  1. first run, no stores: `init <checkout>`, then `drift --format json`, `audit` and
     `scan --format json`, in a temporary folder, exit codes recorded;
  2. with stores: a moto_server on a free loopback port, the init config with `stores.aws`
     pointing at it and two environments (production, staging) with SSM prefixes; every name of
     the repo's .env.example files put in both (random values), three names left out of
     staging; `drift` again;
  3. each finding judged against the facts: true / false / unjudged (no label); facts found,
     class accuracy, secret-like literals;
  4. a markdown table per repo on standard output (for docs/accuracy.md); --json writes the
     numbers and every list.

It is a measurement, not a test: the exit status is 0 unless the script itself failed. A
secretmap crash, or an exit status of 2 or more with no output, is printed loudly (FAILURE) and
the repo's numbers for that run are left out.

usage: evaluate.py --secretmap PATH [--facts DIR] [FACTS.yaml ...] [--checkouts DIR]
                   [--mirrors DIR] [--json OUT] [--keep DIR] [--no-stores] [--timeout S]
"""
import argparse
import atexit
import json
import os
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))

CLASSES = {"platform", "internal-minted", "per-tenant", "build-time-public", "config", "data-encryption-key"}
SECRET_CLASSES = {"platform", "internal-minted", "per-tenant", "data-encryption-key"}
CAUSES = {"class-from-name", "public-identifier", "boolean-or-number", "commented-example", "compose-image",
          "platform-provided", "read-by-tool", "read-via-env-object", "wrong-fix", "other"}
# wrong-fix: the gap is real but the fix names the wrong place (e.g. another app's .env.example).
# Rules whose findings the stores run plants by leaving names out of staging: judged true
# without a label when they name a left-out name in staging.
PLANTED_RULES = {"parity-missing", "env-example-missing"}
ENVIRONMENTS = {"production": "/secretmap-eval/production/", "staging": "/secretmap-eval/staging/"}
REGION = "eu-west-1"
READABLE_STORES = {"env_files"}  # init's stores the run with stores keeps: files in the checkout
LEFT_OUT = 3
# The literal contexts of hard-coded defaults (issue 17 item 2): a code fallback, a compose
# `${X:-v}` or environment value, a shell `${X:-v}`, a Dockerfile ENV/ARG value, a settings
# schema's string default (zod `.default("v")`, a pydantic field's `= "v"`).
DEFAULT_CONTEXTS = {"env-default", "compose-default", "shell-default", "dockerfile-env", "schema-default"}
SKIP_DIRS = {".git", "node_modules", ".venv", "venv", "vendor", "dist", "build", ".next", "__pycache__"}


def say(msg):
    print(f"evaluate: {msg}", file=sys.stderr, flush=True)


def loud(msg):
    print(f"\n*** FAILURE: {msg} ***\n", file=sys.stderr, flush=True)


# ── Facts ───────────────────────────────────────────────────────────────────────────────────

def load_facts(path):
    """The facts file, and the problems found in it (one line each; the run goes on)."""
    with open(path, encoding="utf-8") as f:
        facts = yaml.safe_load(f) or {}
    problems = []
    if not isinstance(facts, dict):
        raise ValueError("not a mapping")
    for key in ("repo", "commit"):
        if key not in facts:
            raise ValueError(f"missing `{key}`")
        if not isinstance(facts[key], str) or not facts[key]:
            # YAML reads an all-digit commit as a number: it has to be quoted.
            raise ValueError(f"`{key}` is not a string (quote it)")
    if "/" not in facts["repo"]:
        raise ValueError("`repo` is not owner/name")
    for key in ("names", "findings", "expected", "literals", "defaults"):
        value = facts.get(key)
        if value is None:
            facts[key] = []
        elif not isinstance(value, list) or not all(isinstance(x, dict) for x in value):
            raise ValueError(f"`{key}` is not a list of mappings")
    for i, n in enumerate(facts["names"]):
        where = f"names[{i}] {n.get('name', '?')}"
        if not n.get("name"):
            problems.append(f"{where}: no name")
        if n.get("class") not in CLASSES:
            problems.append(f"{where}: class {n.get('class')!r} is not one of {sorted(CLASSES)}")
        for r in n.get("read_at") or []:
            if parse_place(r) is None:
                problems.append(f"{where}: read_at {r!r} is not file:line")
    for key in ("findings", "literals", "expected", "defaults"):
        for x in facts[key]:
            if isinstance(x.get("line"), str) and x["line"].strip().isdigit():
                x["line"] = int(x["line"])  # `line: "12"` means line 12
    for key in ("findings", "literals"):
        for i, x in enumerate(facts[key]):
            where = f"{key}[{i}] {x.get('rule', '')} {x.get('name', '')}".rstrip()
            if key == "findings" and not (x.get("rule") and x.get("name")):
                problems.append(f"{where}: needs rule and name")
            if key == "literals" and not x.get("path"):
                problems.append(f"{where}: needs path")
            v = verdict(x)
            if v is None and not unsure(x):
                problems.append(f"{where}: verdict {x.get('verdict')!r} is not true or false")
            elif v is False and key == "findings" and x.get("cause") not in CAUSES:
                problems.append(f"{where}: false without a known cause ({x.get('cause')!r})")
    for i, x in enumerate(facts["expected"]):
        if not (x.get("rule") and x.get("name")):
            problems.append(f"expected[{i}]: needs rule and name")
    for i, x in enumerate(facts["defaults"]):
        where = f"defaults[{i}] {x.get('name', '?')}"
        if not (x.get("name") and x.get("path")):
            problems.append(f"{where}: needs name and path")
        if x.get("line") is not None and not isinstance(x.get("line"), int):
            problems.append(f"{where}: line {x.get('line')!r} is not a number")
        if not isinstance(x.get("placeholder"), bool):
            problems.append(f"{where}: placeholder {x.get('placeholder')!r} is not true or false")
    return facts, problems


def verdict(x):
    v = x.get("verdict")
    if isinstance(v, bool):
        return v
    if isinstance(v, str) and v.lower() in ("true", "false"):
        return v.lower() == "true"
    return None


def fix_names_expected(label, f):
    """`fix_names: PATH` on a true label: the finding is true only when its fix names that file,
    as `REPO/PATH` or as `PATH` after a space (the gap is real; a fix naming another app's
    .env.example, `REPO/apps/x/PATH`, is the `wrong-fix` cause)."""
    want = label.get("fix_names")
    if not want:
        return True
    fix = f.get("fix") or ""
    repo = (f.get("location") or {}).get("repo") or f.get("repo") or ""
    prefix = r"(?:^|\s)(?:" + re.escape(repo + "/") + ")?" if repo else r"(?:^|\s)"
    return re.search(prefix + re.escape(want) + r"(?:$|[\s,;)])", fix) is not None


def unsure(x):
    """`verdict: unsure`: labelled, but the labeller could not decide; counted as unjudged."""
    return isinstance(x.get("verdict"), str) and x["verdict"].lower() == "unsure"


def parse_place(text):
    """"path:line" → (path, line); "path" → (path, None)."""
    if not isinstance(text, str) or not text:
        return None
    m = re.fullmatch(r"(.+?):(\d+)", text.strip())
    return (m.group(1), int(m.group(2))) if m else (text.strip(), None)


def same_path(label, path, repo):
    """A labelled path matches the printed one with or without the repo-name prefix."""
    if label is None:
        return True
    if path is None:
        return False
    label = label[2:] if label.startswith("./") else label
    return label == path or (repo is not None and label == f"{repo}/{path}")


# ── Checkouts ───────────────────────────────────────────────────────────────────────────────

def ensure_checkout(facts, checkouts, mirrors):
    """The checkout folder, made from the mirror with `git archive` at the facts' commit if it is
    missing; None (with the reason said loudly) when neither is there."""
    owner, name = facts["repo"].split("/", 1)
    target = os.path.join(checkouts, f"{owner}__{name}")
    if os.path.isdir(target):
        return target, None
    mirror = os.path.join(mirrors, f"{owner}+{name}", "repo")
    git_dir = os.path.join(mirror, ".git") if os.path.isdir(os.path.join(mirror, ".git")) else mirror
    if not os.path.isfile(os.path.join(git_dir, "HEAD")):
        return None, f"{facts['repo']}: no checkout at {target} and no mirror at {mirror} (fetch it first)"
    part = tempfile.mkdtemp(prefix=f".{owner}__{name}.", dir=checkouts)
    try:
        archive = subprocess.Popen(["git", "--git-dir", git_dir, "archive", "--format=tar", facts["commit"]],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        untar = subprocess.run(["tar", "-x", "-C", part], stdin=archive.stdout, capture_output=True)
        archive.stdout.close()
        err = archive.stderr.read().decode(errors="replace").strip()
        if archive.wait() != 0 or untar.returncode != 0:
            shutil.rmtree(part, ignore_errors=True)
            return None, f"{facts['repo']}: git archive of {facts['commit']} from {git_dir} failed: {err[:200]}"
        os.rename(part, target)  # atomic: a half-written checkout is never seen
        say(f"{facts['repo']}: made {target} from {git_dir} at {facts['commit'][:12]}")
        return target, None
    except BaseException:
        shutil.rmtree(part, ignore_errors=True)
        raise


def env_example_names(root):
    """Names set by active `KEY=` lines of the .env.example files (secretmap's file names:
    .env.example, .env.sample, .env.*.example, .env.*.sample, example.env, .example.env)."""
    names = set()
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d not in SKIP_DIRS]
        for f in filenames:
            lower = f.lower()
            if not (lower in ("example.env", ".example.env", ".env.example", ".env.sample")
                    or (lower.startswith(".env.") and lower.endswith((".example", ".sample")))):
                continue
            path = os.path.join(dirpath, f)
            if not os.path.isfile(path) or os.path.islink(path):
                continue
            with open(path, encoding="utf-8", errors="replace") as fh:
                for line in fh:
                    m = re.match(r"\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=", line)
                    if m:
                        names.add(m.group(1))
    return sorted(names)


# ── Running secretmap ───────────────────────────────────────────────────────────────────────

def base_env():
    """The caller's environment without credentials or endpoints of any store, with a fixed
    fingerprint key, and AWS kept off the network (no instance metadata, no retries)."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("AWS_", "GITHUB_", "GH_", "VAULT_", "BAO_", "PG", "SECRETMAP_"))}
    env["SECRETMAP_FINGERPRINT_KEY"] = "secretmap-real-world-evaluation"
    env["AWS_EC2_METADATA_DISABLED"] = "true"
    env["AWS_MAX_ATTEMPTS"] = "1"
    env["AWS_CONFIG_FILE"] = os.devnull
    env["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull
    if "AWS_CA_BUNDLE" in os.environ:
        env["AWS_CA_BUNDLE"] = os.environ["AWS_CA_BUNDLE"]
    return env


class Step:
    """One secretmap command: exit status, seconds, where its output went, and whether it failed
    (a crash, a time-out, or an exit status ≥ 2 with no output)."""

    def __init__(self, name, args, cwd, env, timeout, output_file=None):
        self.name = name
        self.stdout_path = os.path.join(cwd, f"{name}.stdout")
        self.stderr_path = os.path.join(cwd, f"{name}.stderr")
        start = time.monotonic()
        with open(self.stdout_path, "wb") as out, open(self.stderr_path, "wb") as err:
            try:
                self.rc = subprocess.run(args, cwd=cwd, env=env, stdout=out, stderr=err, timeout=timeout).returncode
                self.timed_out = False
            except subprocess.TimeoutExpired:
                self.rc, self.timed_out = None, True
        self.seconds = round(time.monotonic() - start, 1)
        self.output_file = output_file
        has_output = os.path.getsize(self.stdout_path) > 0 or (
            output_file is not None and os.path.isfile(output_file) and os.path.getsize(output_file) > 0)
        if self.timed_out:
            self.failure = f"{name} did not finish in {timeout} s"
        elif self.rc < 0 or self.rc >= 128:
            self.failure = f"{name} crashed (exit status {self.rc})"
        elif self.rc >= 2 and not has_output:
            self.failure = f"{name} exited {self.rc} with no output"
        else:
            self.failure = None

    def json(self):
        try:
            with open(self.stdout_path, encoding="utf-8") as f:
                return json.load(f)
        except (OSError, ValueError):
            return None

    def stderr_lines(self):
        with open(self.stderr_path, encoding="utf-8", errors="replace") as f:
            return [line.rstrip("\n") for line in f if line.strip()]

    def summary(self):
        return {"rc": self.rc, "seconds": self.seconds, "failure": self.failure,
                "stderr_lines": len(self.stderr_lines())}


class Moto:
    """One moto_server on a free loopback port for the whole evaluation, reset between repos;
    stopped by its process id at exit, also on an error or a signal."""

    def __init__(self):
        self.process = None
        self.url = None

    def start(self):
        if self.process:
            return self.url
        exe = shutil.which("moto_server")
        if not exe:
            raise RuntimeError("moto_server is not installed (scripts/install-deps test installs it)")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen([exe, "-H", "127.0.0.1", "-p", str(port)],
                                        stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        atexit.register(self.stop)
        self.url = f"http://127.0.0.1:{port}"
        for _ in range(300):
            if self.process.poll() is not None:
                raise RuntimeError(f"moto_server exited at start (status {self.process.returncode})")
            try:
                urllib.request.urlopen(self.url + "/moto-api/", timeout=1).read()
                say(f"moto_server {self.process.pid} on {self.url}")
                return self.url
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("moto_server did not answer within 30 s")

    def reset(self):
        req = urllib.request.Request(self.url + "/moto-api/reset", data=b"", method="POST")
        urllib.request.urlopen(req, timeout=10).read()

    def put(self, name, value):
        body = json.dumps({"Name": name, "Value": value, "Type": "SecureString", "Overwrite": True}).encode()
        req = urllib.request.Request(self.url + "/", data=body, method="POST", headers={
            "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "AmazonSSM.PutParameter",
            # moto does not check signatures; it reads the region from the credential scope.
            "Authorization": f"AWS4-HMAC-SHA256 Credential=testing/20260101/{REGION}/ssm/aws4_request, "
                             "SignedHeaders=host, Signature=0"})
        urllib.request.urlopen(req, timeout=10).read()

    def stop(self):
        if self.process and self.process.poll() is None:
            pid = self.process.pid
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            say(f"moto_server {pid} stopped")
        self.process = None


def first_run(exe, checkout, work, env, timeout):
    steps = {}
    steps["init"] = Step("init", [exe, "init", checkout], work, env, timeout, os.path.join(work, "secretmap.yml"))
    if not os.path.isfile(os.path.join(work, "secretmap.yml")):
        return steps
    steps["drift"] = Step("drift", [exe, "drift", "--config", "secretmap.yml", "--format", "json"], work, env, timeout)
    audit_out = os.path.join(work, "secrets-management.md")
    steps["audit"] = Step("audit", [exe, "audit", "--config", "secretmap.yml", "--output", audit_out],
                          work, env, timeout, audit_out)
    steps["scan"] = Step("scan", [exe, "scan", "--format", "json", checkout], work, env, timeout)
    # Every hard-coded default the declarations give, also of names no code reads (drift's
    # inventory only has the defaults of its names).
    steps["declared"] = Step("declared", [exe, "declared", "--format", "json", checkout], work, env, timeout)
    return steps


def left_out_names(stored, facts):
    """The names kept out of staging: the first three (sorted) that the facts label as secrets,
    then the first sorted names when fewer are labelled. Deterministic, so runs compare."""
    labelled = {n.get("name"): n.get("class") for n in facts["names"]}
    chosen = [n for n in stored if labelled.get(n) in SECRET_CLASSES][:LEFT_OUT]
    chosen += [n for n in stored if n not in chosen][:LEFT_OUT - len(chosen)]
    return sorted(chosen)


def stores_run(exe, checkout, work, env, timeout, moto, facts):
    """drift with the init config, stores.aws on moto, production and staging in SSM."""
    with open(os.path.join(work, "secretmap.yml"), encoding="utf-8") as f:
        config = yaml.safe_load(f) or {}
    config["environments"] = {e: {"ssm": prefix} for e, prefix in ENVIRONMENTS.items()}
    # The AWS store on moto, plus the env files init found (read from the checkout); the other
    # stores init inferred (GitHub, Vault, Secrets Manager, Postgres) cannot be read here and
    # would make every presence "unknown".
    kept = {k: v for k, v in (config.get("stores") or {}).items() if k in READABLE_STORES}
    config["stores"] = dict(kept, aws={"region": REGION, "endpoint": moto.url})
    with open(os.path.join(work, "secretmap-stores.yml"), "w", encoding="utf-8") as f:
        yaml.safe_dump(config, f, sort_keys=False)
    names = env_example_names(checkout)
    left_out = left_out_names(names, facts)
    moto.reset()
    rng = random.Random()
    for environment, prefix in ENVIRONMENTS.items():
        for name in names:
            if environment == "staging" and name in left_out:
                continue
            moto.put(prefix + name, secrets.token_urlsafe(24 + rng.randrange(8)))  # random, never the repo's
    env = dict(env, AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing", AWS_DEFAULT_REGION=REGION,
               AWS_ENDPOINT_URL=moto.url)
    step = Step("drift-stores", [exe, "drift", "--config", "secretmap-stores.yml", "--format", "json"],
                work, env, timeout)
    return step, names, left_out


# ── Judging ─────────────────────────────────────────────────────────────────────────────────

def finding_place(f):
    loc = f.get("location") or {}
    return loc.get("path"), loc.get("line"), loc.get("repo")


def label_matches(label, f):
    if label.get("rule") != f.get("rule") or label.get("name") != f.get("name"):
        return False
    path, line, repo = finding_place(f)
    if label.get("path") and not same_path(label["path"], path, repo):
        return False
    if label.get("line") is not None and label.get("line") != line:
        return False
    if label.get("environment") and label["environment"] != f.get("environment"):
        return False
    return True


def judge_label(f, labels):
    """The most specific label that matches a finding (path and line beat path beat none)."""
    matching = [x for x in labels if label_matches(x, f)]
    matching.sort(key=lambda x: (x.get("line") is None, not x.get("path")))
    return matching[0] if matching else None


def describe(f):
    path, line, _ = finding_place(f)
    where = f" {path}:{line}" if path and line else (f" {path}" if path else "")
    env = f" [{f['environment']}]" if f.get("environment") else ""
    return f"{f.get('rule')} {f.get('name')}{where}{env}"


def inventory_index(drift):
    """name → inventory record, aliases included (a labelled name may be an alias)."""
    index = {}
    for record in drift.get("inventory") or []:
        index.setdefault(record.get("name"), record)
    for record in drift.get("inventory") or []:
        for alias in record.get("aliases") or []:
            index.setdefault(alias if isinstance(alias, str) else alias.get("name"), record)
    return index


def judge_run(drift, facts, planted=None):
    """Findings true / false / unjudged, facts found, class accuracy for one drift report."""
    findings = drift.get("findings") or []
    out = {"true": [], "false": [], "unjudged": [], "false_by_cause": {}, "planted": []}
    for f in findings:
        if planted and f.get("rule") in PLANTED_RULES and f.get("name") in planted \
                and f.get("environment") in (None, "staging"):
            out["true"].append(describe(f))
            out["planted"].append(describe(f))
            continue
        label = judge_label(f, facts["findings"])
        v = verdict(label) if label else None
        if v and not fix_names_expected(label, f):
            v, label = False, dict(label, cause="wrong-fix")
        if v is None:
            out["unjudged"].append(describe(f) + (" (labelled unsure)" if label and unsure(label) else ""))
        elif v:
            out["true"].append(describe(f))
        else:
            out["false"].append(describe(f))
            cause = label.get("cause") or "other"
            out["false_by_cause"].setdefault(cause, []).append(describe(f))
    judged = len(out["true"]) + len(out["false"])
    out["precision"] = ratio(len(out["true"]), judged)

    # Facts found: expected findings reported, and labelled readers reported as readers.
    index = inventory_index(drift)
    found, missed, total = 0, [], 0
    for x in facts["expected"]:
        total += 1
        if any(label_matches(x, f) for f in findings):
            found += 1
        else:
            missed.append(f"expected {x.get('rule')} {x.get('name')}")
    for n in facts["names"]:
        readers = (index.get(n.get("name")) or {}).get("readers") or []
        for place in n.get("read_at") or []:
            parsed = parse_place(place)
            if parsed is None:
                continue
            total += 1
            path, line = parsed
            if any(same_path(path, r.get("path"), r.get("repo")) and (line is None or r.get("line") == line)
                   for r in readers):
                found += 1
            else:
                missed.append(f"reader {n.get('name')} at {place}")
    out["facts_found"] = ratio(found, total)
    out["facts_missed"] = missed

    # Class accuracy over the labelled names the inventory has; the others are listed.
    right, wrong, absent = 0, [], []
    for n in facts["names"]:
        record = index.get(n.get("name"))
        if record is None:
            absent.append(n.get("name"))
        elif record.get("secretClass") == n.get("class"):
            right += 1
        else:
            wrong.append(f"{n.get('name')}: labelled {n.get('class')}, secretmap {record.get('secretClass')}")
    out["class_accuracy"] = ratio(right, right + len(wrong))
    out["class_wrong"] = wrong
    out["not_in_inventory"] = absent
    out["findings_total"] = len(findings)
    return out


def judge_literals(scan, facts):
    """Secret-like literals of the scan against the facts' `literals` (path + line)."""
    out = {"true": [], "false": [], "unjudged": [], "missed": []}
    reported = [l for l in scan.get("literals") or [] if l.get("secretLike", True)]
    for lit in reported:
        where = f"{lit.get('path')}:{lit.get('line')}" + (f" ({lit['target']})" if lit.get("target") else "")
        labels = [x for x in facts["literals"]
                  if same_path(x.get("path"), lit.get("path"), lit.get("repo"))
                  and x.get("line") in (None, lit.get("line"))]
        v = verdict(labels[0]) if labels else None
        if v is None and labels and unsure(labels[0]):
            where += " (labelled unsure)"
        out["unjudged" if v is None else ("true" if v else "false")].append(where)
    for x in facts["literals"]:
        if verdict(x) and not any(same_path(x.get("path"), l.get("path"), l.get("repo"))
                                  and x.get("line") in (None, l.get("line")) for l in reported):
            out["missed"].append(f"{x.get('path')}:{x.get('line')}")
    return out


def reported_defaults(declared, scan, drift):
    """(name, path, line) → the printed repo and whether secretmap marked it a placeholder: the
    defaults of `declared`, the scan's literals of a default context, and drift's inventory."""
    out = {}
    found = list((declared or {}).get("defaults") or [])
    found += [l for l in (scan or {}).get("literals") or [] if l.get("context") in DEFAULT_CONTEXTS]
    found += [d for r in (drift or {}).get("inventory") or [] for d in r.get("defaults") or []]
    for d in found:
        if d.get("target"):
            out.setdefault((d["target"], d.get("path"), d.get("line")), (d.get("repo"), bool(d.get("placeholder"))))
    return out


def judge_defaults(declared, scan, drift, facts):
    """The facts' `defaults` against what secretmap reports: found / total (by name and path, and
    line when labelled), the labelled ones not reported, the reported ones not labelled, and the
    ones whose placeholder mark differs from the label."""
    reported = reported_defaults(declared, scan, drift)
    out = {"missed": [], "unlabelled": [], "placeholder_wrong": []}
    found, matched = 0, set()
    for x in facts["defaults"]:
        where = f"{x.get('name')} {x.get('path')}" + (f":{x['line']}" if x.get("line") is not None else "")
        hits = [k for k, (repo, _) in reported.items() if k[0] == x.get("name")
                and same_path(x.get("path"), k[1], repo) and x.get("line") in (None, k[2])]
        if not hits:
            out["missed"].append(where + (" (placeholder)" if x.get("placeholder") else ""))
            continue
        found += 1
        matched.update(hits)
        marks = {reported[k][1] for k in hits}
        if marks != {x.get("placeholder")}:
            said = "placeholder" if x.get("placeholder") else "not a placeholder"
            out["placeholder_wrong"].append(f"{where}: labelled {said}, secretmap "
                                            + ("says the opposite" if len(marks) == 1 else "says both"))
    out["unlabelled"] = [f"{k[0]} {k[1]}:{k[2]}" for k in sorted(reported, key=lambda k: (k[1] or "", k[2] or 0, k[0]))
                         if k not in matched]
    out["found"] = ratio(found, len(facts["defaults"]))
    return out


def ratio(part, whole):
    return {"part": part, "whole": whole, "percent": round(100.0 * part / whole, 1) if whole else None}


def pct(r):
    return "—" if r["percent"] is None else f"{r['percent']:.1f} % ({r['part']}/{r['whole']})"


# ── One repo ────────────────────────────────────────────────────────────────────────────────

def evaluate_repo(facts_path, args, moto):
    result = {"facts": facts_path, "failures": [], "facts_problems": [], "runs": {}}
    try:
        facts, problems = load_facts(facts_path)
    except (OSError, ValueError, yaml.YAMLError) as e:
        loud(f"{facts_path}: facts file unusable: {e}")
        result["failures"].append(f"facts file unusable: {e}")
        return result
    result.update(repo=facts["repo"], commit=facts["commit"], language=facts.get("language"),
                  facts_problems=problems, labelled_names=len(facts["names"]),
                  labelled_findings=len(facts["findings"]), expected=len(facts["expected"]))
    for p in problems:
        say(f"{facts['repo']}: facts: {p}")
    checkout, why = ensure_checkout(facts, args.checkouts, args.mirrors)
    if checkout is None:
        loud(why)
        result["failures"].append(why)
        return result
    result["checkout"] = checkout
    work = tempfile.mkdtemp(prefix="secretmap-eval-")
    env = base_env()
    try:
        say(f"{facts['repo']}: first run (init, drift, audit, scan) in {work}")
        steps = first_run(args.secretmap, os.path.abspath(checkout), work, env, args.timeout)
        first = {"steps": {k: s.summary() for k, s in steps.items()}}
        result["runs"]["first"] = first
        for s in steps.values():
            if s.failure:
                loud(f"{facts['repo']}: first run: {s.failure}")
                result["failures"].append(f"first run: {s.failure}")
        drift = steps["drift"].json() if "drift" in steps else None
        if drift is not None:
            first.update(judge_run(drift, facts))
        elif "drift" in steps and not steps["drift"].failure:
            loud(f"{facts['repo']}: first run: drift printed no JSON")
            result["failures"].append("first run: drift printed no JSON")
        scan = steps["scan"].json() if "scan" in steps else None
        if scan is not None:
            first["literals"] = judge_literals(scan, facts)
            first["readers_scanned"] = len(scan.get("readers") or [])
        declared = steps["declared"].json() if "declared" in steps else None
        if facts["defaults"] or declared is not None:
            first["defaults"] = judge_defaults(declared, scan, drift, facts)
        if "audit" in steps:
            first["audit_written"] = os.path.isfile(os.path.join(work, "secrets-management.md"))
        if not args.no_stores and os.path.isfile(os.path.join(work, "secretmap.yml")):
            say(f"{facts['repo']}: with stores (moto)")
            moto.start()
            step, names, left_out = stores_run(args.secretmap, os.path.abspath(checkout), work, env,
                                               args.timeout, moto, facts)
            run = {"steps": {"drift": step.summary()}, "stored_names": len(names), "left_out_of_staging": left_out}
            result["runs"]["stores"] = run
            if step.failure:
                loud(f"{facts['repo']}: with stores: {step.failure}")
                result["failures"].append(f"with stores: {step.failure}")
            drift = step.json()
            if drift is not None:
                run.update(judge_run(drift, facts, planted=set(left_out)))
                run["incomplete_stores"] = drift.get("incompleteStores") or []
                reported = {f.get("name") for f in drift.get("findings") or []
                            if f.get("rule") in PLANTED_RULES and f.get("environment") in (None, "staging")}
                run["planted_found"] = ratio(len(set(left_out) & reported), len(left_out))
    finally:
        if args.keep:
            dest = os.path.join(args.keep, facts["repo"].replace("/", "__"))
            shutil.rmtree(dest, ignore_errors=True)
            shutil.copytree(work, dest)
            result["kept"] = dest
        shutil.rmtree(work, ignore_errors=True)
    return result


# ── Report ──────────────────────────────────────────────────────────────────────────────────

def steps_cell(run):
    """`drift 2 (6 stderr lines)`: a non-zero status with the count of its stderr lines, which say why."""
    def cell(name, step):
        if step["rc"] is None:
            return f"{name} timeout"
        return f"{name} {step['rc']}" + (f" ({step['stderr_lines']} stderr lines)" if step["rc"] else "")
    return ", ".join(cell(k, v) for k, v in run.get("steps", {}).items())


def findings_cell(run):
    if "true" not in run:
        return "—"
    return f"{len(run['true'])} / {len(run['false'])} / {len(run['unjudged'])}"


def literals_cell(run):
    lit = run.get("literals")
    if not lit:
        return "—"
    return f"{len(lit['true'])} / {len(lit['false'])}" + (f" ({len(lit['unjudged'])} unjudged)" if lit["unjudged"] else "")


def class_cell(run):
    if "class_accuracy" not in run:
        return "—"
    extra = f"; {len(run['not_in_inventory'])} not in inventory" if run["not_in_inventory"] else ""
    return pct(run["class_accuracy"]) + extra


def pooled(runs, key):
    """One ratio over several repos: the parts and wholes added up (each fact weighs the same)."""
    return ratio(sum(r[key]["part"] for r in runs), sum(r[key]["whole"] for r in runs))


def total_findings(runs):
    return " / ".join(str(sum(len(r[k]) for r in runs)) for k in ("true", "false", "unjudged"))


def total_literals(runs):
    lits = [r["literals"] for r in runs if r.get("literals")]
    return f"{sum(len(l['true']) for l in lits)} / {sum(len(l['false']) for l in lits)}" if lits else "—"


def bullet_list(title, items, limit):
    if not items:
        return []
    lines = [f"{title} ({len(items)}):", ""]
    shown = items if limit is None else items[:limit]
    lines += [f"- {x}" for x in shown]
    if len(items) > len(shown):
        lines.append(f"- … and {len(items) - len(shown)} more (--json has them all)")
    return lines + [""]


def defaults_table(judged):
    """Hard-coded defaults (first run): found / total, placeholder marks that differ from the
    label, reported ones no label names; a pooled row with more than one repo."""
    rows = [(r.get("repo", os.path.basename(r["facts"])), r["runs"]["first"]["defaults"])
            for r in judged if (r["runs"].get("first") or {}).get("defaults")]
    if not rows:
        return []
    out = ["| repo | hard-coded defaults found | placeholder mark differs | reported, not labelled |", "|---|---|---|---|"]
    for name, d in rows:
        out.append(f"| {name} | {pct(d['found'])} | {len(d['placeholder_wrong'])} | {len(d['unlabelled'])} |")
    if len(rows) > 1:
        out.append(f"| **all {len(rows)} repos** | {pct(pooled([d for _, d in rows], 'found'))} | "
                   f"{sum(len(d['placeholder_wrong']) for _, d in rows)} | {sum(len(d['unlabelled']) for _, d in rows)} |")
    return out + [""]


def markdown(results, exe_version, limit):
    out = [f"secretmap: `{exe_version}`", ""]
    out += ["| repo | run | exit codes | findings true / false / unjudged | precision | facts found | class accuracy | secret-like literals true / false |",
            "|---|---|---|---|---|---|---|---|"]
    for r in results:
        name = r.get("repo", os.path.basename(r["facts"]))
        if not r["runs"]:
            out.append(f"| {name} | **not run** | — | — | — | — | — | — |")
        for key, title in (("first", "first run, no stores"), ("stores", "with stores (moto)")):
            run = r["runs"].get(key)
            if run is None:
                continue
            out.append(f"| {name} | {title} | {steps_cell(run)} | {findings_cell(run)} | "
                       f"{pct(run['precision']) if 'precision' in run else '—'} | "
                       f"{pct(run['facts_found']) if 'facts_found' in run else '—'} | {class_cell(run)} | {literals_cell(run)} |")
    judged = [r for r in results if r["runs"]]
    if len(judged) > 1:
        for key, title in (("first", "first run, no stores"), ("stores", "with stores (moto)")):
            runs = [r["runs"][key] for r in judged if "true" in r["runs"].get(key, {})]
            if runs:
                out.append(f"| **all {len(runs)} repos** | {title} | — | {total_findings(runs)} | "
                           f"{pct(pooled(runs, 'precision'))} | {pct(pooled(runs, 'facts_found'))} | "
                           f"{pct(pooled(runs, 'class_accuracy'))} | {total_literals(runs)} |")
    out.append("")
    out += defaults_table(judged)
    for r in results:
        name = r.get("repo", os.path.basename(r["facts"]))
        out += [f"## {name}" + (f" @ {r['commit'][:12]}" if r.get("commit") else ""), ""]
        for failure in r["failures"]:
            out.append(f"**FAILURE**: {failure}  ")
        if r["failures"]:
            out.append("")
        out += bullet_list("Problems in the facts file", r["facts_problems"], None)
        first, stores = r["runs"].get("first", {}), r["runs"].get("stores", {})
        causes = sorted(set(first.get("false_by_cause", {})) | set(stores.get("false_by_cause", {})))
        if causes:
            out += ["False findings by cause:", "", "| cause | first run | with stores |", "|---|---|---|"]
            for c in causes:
                out.append(f"| {c} | {len(first.get('false_by_cause', {}).get(c, []))} | "
                           f"{len(stores.get('false_by_cause', {}).get(c, []))} |")
            out.append("")
            for c in causes:
                out += bullet_list(f"False, {c} (first run)", first.get("false_by_cause", {}).get(c, []), limit)
        if stores:
            planted = stores.get("planted_found")
            out.append(f"With stores: {stores.get('stored_names', 0)} .env.example names in production and staging, "
                       f"left out of staging: {', '.join(stores.get('left_out_of_staging', [])) or 'none'}"
                       + (f"; reported missing there: {pct(planted)}" if planted else "") + ".")
            if stores.get("incomplete_stores"):
                out.append(f"Stores not read: {', '.join(stores['incomplete_stores'])}.")
            out.append("")
        out += bullet_list("Facts not found (first run)", first.get("facts_missed", []), limit)
        out += bullet_list("Class differs from the label", first.get("class_wrong", []), limit)
        out += bullet_list("Labelled names not in the inventory", first.get("not_in_inventory", []), limit)
        lit = first.get("literals") or {}
        out += bullet_list("False secret-like literals", lit.get("false", []), limit)
        out += bullet_list("Verified literals not reported", lit.get("missed", []), limit)
        out += bullet_list("Unjudged secret-like literals (need labelling)", lit.get("unjudged", []), limit)
        dft = first.get("defaults") or {}
        out += bullet_list("Hard-coded defaults not reported", dft.get("missed", []), limit)
        out += bullet_list("Hard-coded defaults whose placeholder mark differs", dft.get("placeholder_wrong", []), limit)
        out += bullet_list("Hard-coded defaults reported, not labelled (need labelling)", dft.get("unlabelled", []), limit)
        out += bullet_list("Unjudged findings, first run (need labelling)", first.get("unjudged", []), None)
        out += bullet_list("Unjudged findings, with stores (need labelling)", stores.get("unjudged", []), limit)
    return "\n".join(out).rstrip() + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("facts_files", nargs="*", help="facts files (default: every *.yaml in --facts)")
    parser.add_argument("--secretmap", required=True, help="the secretmap binary to judge")
    parser.add_argument("--facts", default=os.path.join(HERE, "facts"), help="folder of facts files")
    parser.add_argument("--checkouts", default="/work/rw", help="folder of <owner>__<name> checkouts")
    parser.add_argument("--mirrors", default="/work/.mirror", help="folder of <owner>+<name>/repo git dirs")
    parser.add_argument("--json", metavar="OUT", help="write the numbers and lists as JSON")
    parser.add_argument("--keep", metavar="DIR", help="keep each repo's config, outputs and stderr under DIR")
    parser.add_argument("--no-stores", action="store_true", help="skip the run with moto")
    parser.add_argument("--timeout", type=int, default=1200, help="seconds per secretmap command")
    parser.add_argument("--limit", type=int, default=40, help="longest list printed (the JSON has all)")
    args = parser.parse_args()
    args.secretmap = os.path.abspath(args.secretmap)
    if not os.access(args.secretmap, os.X_OK):
        parser.error(f"--secretmap {args.secretmap} is not an executable")
    files = args.facts_files or sorted(
        os.path.join(args.facts, f) for f in os.listdir(args.facts) if f.endswith((".yaml", ".yml")))
    if not files:
        parser.error(f"no facts files in {args.facts}")
    version = subprocess.run([args.secretmap, "--version"], capture_output=True, text=True).stdout.strip()

    moto = Moto()
    # A signal stops moto too: turn SIGTERM/SIGHUP into SystemExit so `finally` and atexit run.
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, lambda signum, frame: sys.exit(128 + signum))
    try:
        results = [evaluate_repo(f, args, moto) for f in files]
    finally:
        moto.stop()
    sys.stdout.write(markdown(results, version, args.limit))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"secretmap": args.secretmap, "version": version, "repos": results}, f, indent=1)
            f.write("\n")
    failures = sum(len(r["failures"]) for r in results)
    if failures:
        say(f"{failures} failure(s): see FAILURE above and in the report")
    return 0


if __name__ == "__main__":
    sys.exit(main())

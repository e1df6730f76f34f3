#!/usr/bin/env python3
"""Benchmark: `secretmap scan` against ripgrep, ast-grep and detect-secrets on the same trees.

Builds secretmap in release mode, generates (once, cached under --work) the deterministic corpus
of generate_corpus.py, then runs each command after a warm-up (the commands compared with each
other in turn, round after round) and prints median wall times, the
ratio to ripgrep, peak RSS, the speed-up from 1 to 2 worker threads and, with --scaling, how time
grows with the tree (1x, 2x, 4x). With --others it also creates a virtualenv under --work and
installs ast-grep (ast-grep-cli) and detect-secrets from PyPI to compare with them.

It is a benchmark, not a test: it asserts nothing, because the machines are noisy. It prints
each target of the performance issue with the measured value; run it twice and read the ratios.

usage: Benchmarks/scan_vs_ripgrep.py [--runs 5] [--scale 1.0] [--others] [--siblings] [--scaling]
                                     [--work bench-work] [--no-build]
"""
import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

# What ripgrep is asked to find: the reader idioms and long quoted literals secretmap reports.
RG_PATTERN = (r"process\.env|import\.meta\.env|Deno\.env|Bun\.env|os\.environ|getenv|"
              r"ProcessInfo\.processInfo\.environment|Environment\.get|constructor|__init__|"
              "[\"'][A-Za-z0-9_-]{20,}[\"']")

# ast-grep: reader rules equivalent to rules/readers.yaml, one per language it parses
# (JavaScript and TypeScript are separate languages to ast-grep, with the same patterns).
JS_READER_PATTERNS = """\
rule:
  any:
    - pattern: process.env.$NAME
    - pattern: process.env[$NAME]
    - pattern: import.meta.env.$NAME
    - pattern: Deno.env.get($NAME)
"""
AST_GREP_RULES = "---\n".join([
    f"id: js-readers\nlanguage: JavaScript\n{JS_READER_PATTERNS}",
    f"id: ts-readers\nlanguage: TypeScript\n{JS_READER_PATTERNS}",
    """\
id: py-readers
language: Python
rule:
  any:
    - pattern: os.environ[$NAME]
    - pattern: os.environ.get($$$ARGS)
    - pattern: os.getenv($$$ARGS)
""",
    """\
id: swift-readers
language: Swift
rule:
  any:
    - pattern: ProcessInfo.processInfo.environment[$NAME]
    - pattern: Environment.get($$$ARGS)
""",
])

TARGETS = {"ripgrep": 1.5, "ast-grep": 10.0, "detect-secrets": 200.0, "threads": 1.7, "rss": 150.0}


def run_once(cmd, cwd):
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"{' '.join(cmd[:3])}… failed with exit code {code}")
    return elapsed, usage.ru_maxrss / 1024.0  # ru_maxrss is in KiB on Linux


def measure(name, cmd, cwd, runs, warmup=True):
    return measure_together([(name, cmd)], cwd, runs, warmup)[0]


def measure_together(commands, cwd, runs, warmup=True):
    """Runs the commands in turn, round after round (A B C A B C …), so that a slow spell of a
    shared machine weighs on every command compared, not on whichever ran during it."""
    if warmup:
        for _, cmd in commands:
            run_once(cmd, cwd)  # page cache, dynamic loader
    times = [[] for _ in commands]
    rss = [0.0 for _ in commands]
    for _ in range(runs):
        for k, (_, cmd) in enumerate(commands):
            t, r = run_once(cmd, cwd)
            times[k].append(t)
            rss[k] = max(rss[k], r)
    return [{"name": name, "median": statistics.median(times[k]), "min": min(times[k]), "rss": rss[k], "runs": runs}
            for k, (name, _) in enumerate(commands)]


def corpus(work, scale, repos=4):
    path = os.path.join(work, f"corpus-{scale}" + (f"-{repos}repos" if repos != 4 else ""))
    if not os.path.exists(os.path.join(path, ".complete")):
        shutil.rmtree(path, ignore_errors=True)
        subprocess.run([sys.executable, os.path.join(HERE, "generate_corpus.py"), path, "--scale", str(scale),
                        "--repos", str(repos)], check=True)
        open(os.path.join(path, ".complete"), "w").close()
    names = sorted(d for d in os.listdir(path) if d.startswith("repo"))
    size = sum(os.path.getsize(os.path.join(dp, f)) for r in names for dp, dn, fn in os.walk(os.path.join(path, r))
               if "node_modules" not in dp and ".git" not in dp for f in fn)
    return path, names, size


def others(work):
    """A virtualenv with ast-grep and detect-secrets, created once."""
    venv = os.path.join(work, "venv")
    bin_dir = os.path.join(venv, "bin")
    if not os.path.exists(os.path.join(bin_dir, "detect-secrets")) or not os.path.exists(os.path.join(bin_dir, "ast-grep")):
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
        subprocess.run([os.path.join(bin_dir, "pip"), "install", "-q", "ast-grep-cli", "detect-secrets"], check=True)
    rules = os.path.join(work, "ast-grep-readers.yml")
    with open(rules, "w") as f:
        f.write(AST_GREP_RULES)
    return bin_dir, rules


def row(r, base):
    return f"| {r['name']:40} | {r['median']:8.2f} | {r['min']:6.2f} | {r['median'] / base:9.2f} | {r['rss']:8.0f} | {r['runs']:4} |"


def verdict(name, value, target, better):
    ok = value <= target if better == "lower" else value >= target
    return f"  {'met ' if ok else 'MISS'}  {name}: {value:.2f} (target {'≤' if better == 'lower' else '≥'} {target})"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--work", default=os.path.join(ROOT, "bench-work"))
    ap.add_argument("--others", action="store_true", help="also time ast-grep and detect-secrets (pip, in a venv)")
    ap.add_argument("--siblings", action="store_true", help="also a tree of 16 smaller sibling repos")
    ap.add_argument("--scaling", action="store_true", help="also 2x and 4x trees, to see time grow linearly")
    ap.add_argument("--no-build", action="store_true")
    args = ap.parse_args()

    if shutil.which("rg") is None:
        sys.exit("ripgrep (rg) is not installed: apt-get install ripgrep")
    if not args.no_build:
        subprocess.run(["swift", "build", "-c", "release", "--product", "secretmap"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
    binary = os.path.join(ROOT, ".build", "release", "secretmap")
    scan = lambda repos, *extra: [binary, "scan", "--format", "json", *extra, *repos]
    rg = lambda repos: ["rg", "-n", "--no-heading", "-e", RG_PATTERN, *repos]

    path, repos, size = corpus(args.work, args.scale)
    results = measure_together([
        ("secretmap scan --format json", scan(repos)),
        ("secretmap scan --threads 1", scan(repos, "--threads", "1")),
        ("rg -n (comparable patterns)", rg(repos)),
    ], path, args.runs)
    if args.others:
        bin_dir, rules = others(args.work)
        results.append(measure("ast-grep scan (4 reader rules)",
                               [os.path.join(bin_dir, "ast-grep"), "scan", "-r", rules, "--json=stream", *repos],
                               path, max(1, args.runs // 2)))
        results.append(measure("detect-secrets scan --all-files",
                               [os.path.join(bin_dir, "detect-secrets"), "scan", "--all-files", *repos],
                               path, 1, warmup=False))
    ours, base = results[0], results[2]["median"]
    rg_version = subprocess.run(["rg", "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    print(f"\ncorpus: {len(repos)} repos, {size / 1e6:.0f} MB of source (+ ignored node_modules), scale {args.scale}")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores; {rg_version}; {time.strftime('%Y-%m-%d')}; "
          f"median after a warm-up (detect-secrets: one run)\n")
    print(f"| {'command':40} | {'median s':>8} | {'min s':>6} | {'× ripgrep':>9} | {'RSS MiB':>8} | runs |")
    print(f"|{'-' * 42}|{'-' * 9}:|{'-' * 7}:|{'-' * 10}:|{'-' * 9}:|-----:|")
    for r in results:
        print(row(r, base))

    extra = []
    if args.siblings:
        spath, srepos, ssize = corpus(args.work, args.scale / 4, repos=16)
        s_ours, s_rg = measure_together([(f"secretmap, {len(srepos)} sibling repos", scan(srepos)),
                                         (f"rg, {len(srepos)} sibling repos", rg(srepos))], spath, args.runs)
        print(f"\nsibling repos: {len(srepos)} repos, {ssize / 1e6:.0f} MB")
        for r in (s_ours, s_rg):
            print(row(r, s_rg["median"]))
    if args.scaling:
        print("\nscaling (secretmap scan --format json):")
        points = [(1, ours["median"], size)]
        for factor in (2, 4):
            p, rs, sz = corpus(args.work, args.scale * factor)
            r = measure(f"secretmap, {factor}x tree", scan(rs), p, max(1, args.runs // 2))
            points.append((factor, r["median"], sz))
        for factor, t, sz in points:
            print(f"  {factor}x: {sz / 1e6:6.0f} MB  {t:6.2f} s  {sz / 1e6 / t:6.1f} MB/s  ({t / points[0][1]:.2f}× the 1x time)")

    print("\ntargets:")
    print(verdict("× ripgrep's wall time", ours["median"] / base, TARGETS["ripgrep"], "lower"))
    print(verdict("speed-up from 1 to 2 threads", results[1]["median"] / ours["median"], TARGETS["threads"], "higher"))
    print(verdict("peak RSS MiB", ours["rss"], TARGETS["rss"], "lower"))
    for r in results[3:]:
        key = "ast-grep" if "ast-grep" in r["name"] else "detect-secrets"
        print(verdict(f"times faster than {key}", r["median"] / ours["median"], TARGETS[key], "higher"))


if __name__ == "__main__":
    main()

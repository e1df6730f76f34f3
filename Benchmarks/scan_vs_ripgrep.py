#!/usr/bin/env python3
"""Benchmark: `secretmap scan` against ripgrep on the same generated tree.

Builds secretmap in release mode, generates (once) the deterministic corpus of
generate_corpus.py, then runs each command after a warm-up and prints median wall times,
the ratio to ripgrep and each tool's peak RSS. It is a benchmark, not a test: it asserts
nothing, because the machines are noisy; read the ratio, and run it twice.

usage: Benchmarks/scan_vs_ripgrep.py [--runs 5] [--scale 1.0] [--work bench-work] [--no-build]
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


def run_once(cmd, cwd):
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"{cmd[0]} failed with exit code {code}")
    return elapsed, usage.ru_maxrss / 1024.0  # ru_maxrss is in KiB on Linux


def measure(name, cmd, cwd, runs):
    run_once(cmd, cwd)  # warm-up: page cache, dynamic loader
    times, rss = [], 0.0
    for _ in range(runs):
        t, r = run_once(cmd, cwd)
        times.append(t)
        rss = max(rss, r)
    return {"name": name, "median": statistics.median(times), "min": min(times), "rss": rss}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--work", default=os.path.join(ROOT, "bench-work"))
    ap.add_argument("--no-build", action="store_true")
    args = ap.parse_args()

    if shutil.which("rg") is None:
        sys.exit("ripgrep (rg) is not installed: apt-get install ripgrep")
    if not args.no_build:
        subprocess.run(["swift", "build", "-c", "release", "--product", "secretmap"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
    binary = os.path.join(ROOT, ".build", "release", "secretmap")

    corpus = os.path.join(args.work, f"corpus-{args.scale}")
    if not os.path.exists(os.path.join(corpus, ".complete")):
        shutil.rmtree(corpus, ignore_errors=True)
        subprocess.run([sys.executable, os.path.join(HERE, "generate_corpus.py"), corpus, "--scale", str(args.scale)],
                       check=True)
        open(os.path.join(corpus, ".complete"), "w").close()
    repos = sorted(d for d in os.listdir(corpus) if d.startswith("repo"))
    size = sum(os.path.getsize(os.path.join(dp, f)) for r in repos for dp, dn, fn in os.walk(os.path.join(corpus, r))
               if "node_modules" not in dp and ".git" not in dp for f in fn)

    results = [
        measure("secretmap scan --format json", [binary, "scan", "--format", "json", *repos], corpus, args.runs),
        measure("secretmap scan --threads 1", [binary, "scan", "--format", "json", "--threads", "1", *repos], corpus, args.runs),
        measure("rg -n (comparable patterns)", ["rg", "-n", "--no-heading", "-e", RG_PATTERN, *repos], corpus, args.runs),
    ]
    rg = results[-1]["median"]
    rg_version = subprocess.run(["rg", "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    print(f"\ncorpus: {len(repos)} repos, {size / 1e6:.0f} MB of source (+ ignored node_modules), scale {args.scale}")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores; {rg_version}; {time.strftime('%Y-%m-%d')}; "
          f"median of {args.runs} runs after a warm-up\n")
    print(f"| {'command':32} | {'median s':>8} | {'min s':>6} | {'× ripgrep':>9} | {'peak RSS MiB':>12} |")
    print(f"|{'-' * 34}|{'-' * 10}:|{'-' * 7}:|{'-' * 10}:|{'-' * 13}:|")
    for r in results:
        print(f"| {r['name']:32} | {r['median']:8.2f} | {r['min']:6.2f} | {r['median'] / rg:9.2f} | {r['rss']:12.0f} |")
    speedup = results[1]["median"] / results[0]["median"]
    print(f"\nsecretmap: {results[0]['median'] / rg:.2f}× ripgrep's wall time; {speedup:.2f}× faster on "
          f"{os.cpu_count()} threads than on 1")


if __name__ == "__main__":
    main()

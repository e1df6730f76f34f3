#!/usr/bin/env python3
"""Which readers through env objects secretmap finds: every `read_at` place of every name the
facts label `via_env_object: true`, found or missed in a drift JSON (issue 17 item 1).

The judging is evaluate.py's (a place is found when the name's inventory record, or a record
that has it as an alias, lists a reader at that path and line). The drift JSON comes from an
evaluation kept with `evaluate.py --keep DIR` (`--out DIR`: DIR/<owner>__<name>/drift.stdout),
or from a quick first run of a binary (`--secretmap BIN`: `init` then `drift --format json` in a
temporary folder, nothing else).

usage: env_object_facts.py (--out DIR | --secretmap BIN) [--facts DIR] [FACTS.yaml ...]
                           [--checkouts DIR] [--found] [--json OUT]

Prints, per repo, the count found / total and each missed place ("reader X at path:line");
`--found` lists the found ones too. Exits 0 unless the script itself failed.
"""
import argparse
import json
import os
import shutil
import sys
import tempfile

import evaluate


def env_object_places(facts):
    """(name, place) for every read_at of a name labelled via_env_object: true."""
    for n in facts["names"]:
        if n.get("via_env_object") is True:
            for place in n.get("read_at") or []:
                if evaluate.parse_place(place) is not None:
                    yield n["name"], place


def judge(drift, facts):
    index = evaluate.inventory_index(drift)
    found, missed = [], []
    for name, place in env_object_places(facts):
        path, line = evaluate.parse_place(place)
        readers = (index.get(name) or {}).get("readers") or []
        hit = any(evaluate.same_path(path, r.get("path"), r.get("repo")) and (line is None or r.get("line") == line)
                  for r in readers)
        (found if hit else missed).append(f"reader {name} at {place}")
    return found, missed


def drift_from_out(out, slug):
    path = os.path.join(out, slug, "drift.stdout")
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f), None
    except (OSError, ValueError) as e:
        return None, f"{path}: {type(e).__name__}"


def drift_from_binary(exe, checkout):
    work = tempfile.mkdtemp(prefix="secretmap-envobj-")
    try:
        init = evaluate.Step("init", [exe, "init", checkout], work, evaluate.base_env(), 1200,
                             os.path.join(work, "secretmap.yml"))
        if init.failure or not os.path.isfile(os.path.join(work, "secretmap.yml")):
            return None, f"init: {init.failure or 'no config written'}"
        drift = evaluate.Step("drift", [exe, "drift", "--config", "secretmap.yml", "--format", "json"],
                              work, evaluate.base_env(), 1200)
        data = drift.json()
        return data, None if data is not None else f"drift: {drift.failure or 'no JSON'}"
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("facts_files", nargs="*")
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--out", help="an evaluate.py --keep folder")
    source.add_argument("--secretmap", help="a secretmap binary to run (init + drift)")
    parser.add_argument("--facts", default=os.path.join(evaluate.HERE, "facts"))
    parser.add_argument("--checkouts", default="/work/rw")
    parser.add_argument("--found", action="store_true", help="list the found places too")
    parser.add_argument("--json", metavar="OUT", help="write found / missed per repo as JSON")
    args = parser.parse_args()
    files = args.facts_files or sorted(
        os.path.join(args.facts, f) for f in os.listdir(args.facts) if f.endswith((".yaml", ".yml")))
    results, total_found, total = {}, 0, 0
    for facts_path in files:
        facts, _ = evaluate.load_facts(facts_path)
        slug = facts["repo"].replace("/", "__")
        if args.out:
            drift, why = drift_from_out(args.out, slug)
        else:
            drift, why = drift_from_binary(os.path.abspath(args.secretmap), os.path.join(args.checkouts, slug))
        print(f"===== {facts['repo']}")
        if drift is None:
            print(f"  no drift JSON ({why})")
            continue
        found, missed = judge(drift, facts)
        results[facts["repo"]] = {"found": found, "missed": missed}
        total_found += len(found)
        total += len(found) + len(missed)
        print(f"  found {len(found)} / {len(found) + len(missed)}")
        for m in missed:
            print(f"  missed {m}")
        if args.found:
            for f in found:
                print(f"  found  {f}")
    print(f"===== all: found {total_found} / {total}, missed {total - total_found}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=1)
            f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

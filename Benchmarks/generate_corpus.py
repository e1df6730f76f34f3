#!/usr/bin/env python3
"""Generates a deterministic source tree for benchmarking `secretmap scan` against ripgrep.

About 20,000 JavaScript/TypeScript/Python/Swift files (~170 MB at scale 1) spread over several
sibling "repos", each a git repository with a .gitignore, plus an ignored node_modules tree that
neither tool should read. The same seed always gives the same bytes.

usage: generate_corpus.py OUT_DIR [--scale 1.0] [--repos 4] [--seed N] [--mix first|realistic]

`--mix first` (the default) is the developers' corpus above, byte for byte as before. It is dense
on purpose: an env read in about every other chunk, half of them with a fallback under a secret
name. `--mix realistic` is the second corpus of issue 21, written by corpus_realistic.py (its
docstring gives the rates measured on the real-world checkouts it imitates).
"""
import argparse
import os
import random
import string
import subprocess

WORDS = ("account backup billing callback client config customer data email event export handler "
         "invoice job key list message notify order payment plan queue record region report request "
         "schedule secret service session signature status stripe subscription task tenant token user "
         "webhook worker").split()
ENV_NAMES = ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "POSTMARK_SERVER_TOKEN", "DATABASE_URL",
             "SUPABASE_SERVICE_ROLE_KEY", "NEXT_PUBLIC_SUPABASE_URL", "GA4_API_SECRET", "SENTRY_DSN",
             "LAMBDA_CALLBACK_TOKEN", "OPENAI_API_KEY", "AWS_REGION", "JWT_SIGNING_KEY"]


def token(rng, n=40):
    return "".join(rng.choice(string.ascii_letters + string.digits + "-_") for _ in range(n))


def ident(rng):
    a, b = rng.choice(WORDS), rng.choice(WORDS)
    return a + b.capitalize()


def js_chunk(rng):
    name, other = ident(rng), ident(rng)
    kind = rng.random()
    if kind < 0.08:
        return (f"export class {name.capitalize()}Client {{\n"
                f"  static endpoint = 'https://api.example.com/v1/{rng.choice(WORDS)}/{rng.choice(WORDS)}';\n"
                f"  constructor(apiKey = '{token(rng, 48)}', retries = 3) {{\n"
                f"    this.apiKey = apiKey;\n    this.region = process.env.{rng.choice(ENV_NAMES)} || 'eu-west-1';\n  }}\n"
                f"  async {other}(id) {{\n    return fetch(`${{this.endpoint}}/${{id}}`, {{ headers: {{ Authorization: `Bearer ${{this.apiKey}}` }} }});\n  }}\n}}\n\n")
    if kind < 0.25:
        return (f"// {rng.choice(WORDS)} {rng.choice(WORDS)}: reads process.env.{rng.choice(ENV_NAMES)} lazily\n"
                f"export function {name}() {{\n  const value = process.env.{rng.choice(ENV_NAMES)};\n"
                f"  if (!value) throw new Error(\"{name} is not configured: set the variable first\");\n  return value;\n}}\n\n")
    body = "\n".join(f"  const {ident(rng)}{i} = items.filter((x) => x.{rng.choice(WORDS)} === '{rng.choice(WORDS)}').map((x) => x.id * {i});"
                     for i in range(rng.randint(3, 9)))
    return (f"/**\n * {' '.join(rng.choice(WORDS) for _ in range(12))}\n */\n"
            f"export async function {name}(items, options = {{}}) {{\n{body}\n  return {{ ok: true, count: items.length }};\n}}\n\n")


def py_chunk(rng):
    name = "_".join(rng.choice(WORDS) for _ in range(2))
    kind = rng.random()
    if kind < 0.08:
        return (f"class {name.title().replace('_', '')}:\n    \"\"\"{' '.join(rng.choice(WORDS) for _ in range(10))}.\"\"\"\n\n"
                f"    def __init__(self, key=\"{token(rng, 48)}\", timeout=10):\n"
                f"        self.key = key\n        self.url = os.environ.get(\"{rng.choice(ENV_NAMES)}\", \"http://localhost\")\n\n"
                f"    def {name}(self, payload):\n        return {{\"key\": self.key, \"payload\": payload}}\n\n\n")
    if kind < 0.25:
        return (f"def {name}():\n    # falls back when os.environ[\"{rng.choice(ENV_NAMES)}\"] is unset\n"
                f"    return os.getenv(\"{rng.choice(ENV_NAMES)}\") or f\"{{os.environ['{rng.choice(ENV_NAMES)}']}}\"\n\n\n")
    lines = "\n".join(f"    {rng.choice(WORDS)}_{i} = [x.{rng.choice(WORDS)} for x in rows if x.status == \"{rng.choice(WORDS)}\"]"
                      for i in range(rng.randint(3, 9)))
    return f"def {name}(rows, *, limit=100):\n    \"\"\"{' '.join(rng.choice(WORDS) for _ in range(12))}.\"\"\"\n{lines}\n    return len(rows)\n\n\n"


def swift_chunk(rng):
    name = ident(rng)
    kind = rng.random()
    if kind < 0.08:
        return (f"struct {name.capitalize()}Service {{\n    let apiKey = \"{token(rng, 48)}\"\n"
                f"    let region = ProcessInfo.processInfo.environment[\"{rng.choice(ENV_NAMES)}\"] ?? \"eu-west-1\"\n"
                f"    init(timeout: Double = 10) {{}}\n    func describe() -> String {{ \"\\(apiKey.count) \\(region)\" }}\n}}\n\n")
    if kind < 0.25:
        return (f"// Environment.get(\"{rng.choice(ENV_NAMES)}\") is read at boot\n"
                f"func {name}() -> String? {{\n    Environment.get(\"{rng.choice(ENV_NAMES)}\")\n}}\n\n")
    lines = "\n".join(f"    let {rng.choice(WORDS)}{i} = items.filter {{ $0.{rng.choice(WORDS)} == \"{rng.choice(WORDS)}\" }}.map(\\.id)"
                      for i in range(rng.randint(3, 9)))
    return f"/// {' '.join(rng.choice(WORDS) for _ in range(12))}\nfunc {name}(_ items: [Item]) -> Int {{\n{lines}\n    return items.count\n}}\n\n"


LANGS = [(".ts", js_chunk, 0.35), (".js", js_chunk, 0.15), (".py", py_chunk, 0.3), (".swift", swift_chunk, 0.2)]
HEADERS = {".ts": "import { fetch } from './http';\n\n", ".js": "'use strict';\n\n", ".py": "import os\n\n\n",
           ".swift": "import Foundation\n\n"}


def write_file(path, rng, ext, chunk, size):
    parts, total = [HEADERS[ext]], len(HEADERS[ext])
    while total < size:
        c = chunk(rng)
        parts.append(c)
        total += len(c)
    with open(path, "w") as f:
        f.write("".join(parts))
    return total


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--repos", type=int, default=4)
    ap.add_argument("--seed", type=int, default=20261126)
    ap.add_argument("--mix", choices=("first", "realistic"), default="first",
                    help="first: the developers' dense corpus; realistic: rates measured on real repos")
    args = ap.parse_args()
    if args.mix == "realistic":
        import corpus_realistic  # beside this file
        return corpus_realistic.generate(args.out, scale=args.scale, repos=args.repos, seed=args.seed)
    rng = random.Random(args.seed)
    files = int(20000 * args.scale)
    total = 0
    for r in range(args.repos):
        repo = os.path.join(args.out, f"repo{r}")
        os.makedirs(repo, exist_ok=True)
        with open(os.path.join(repo, ".gitignore"), "w") as f:
            f.write("node_modules/\ndist/\n")
        subprocess.run(["git", "init", "-q", repo], check=True)
        nm = os.path.join(repo, "node_modules", "dep")
        os.makedirs(nm, exist_ok=True)
        for i in range(max(1, files // (args.repos * 20))):
            total_nm = write_file(os.path.join(nm, f"m{i}.js"), rng, ".js", js_chunk, 8000)
    for i in range(files):
        ext, chunk = rng.choices([(e, c) for e, c, _ in LANGS], weights=[w for _, _, w in LANGS])[0]
        repo = os.path.join(args.out, f"repo{i % args.repos}")
        d = os.path.join(repo, "src", f"pkg{(i // args.repos) % 40}", f"mod{(i // (args.repos * 40)) % 12}")
        os.makedirs(d, exist_ok=True)
        size = int(rng.lognormvariate(8.76, 0.7))
        total += write_file(os.path.join(d, f"file{i}{ext}"), rng, ext, chunk, min(size, 200_000))
    print(f"generated {files} files, {total / 1e6:.1f} MB in {args.repos} repos under {args.out}")


if __name__ == "__main__":
    main()

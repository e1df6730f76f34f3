"""The second benchmark corpus (issue 21): `generate_corpus.py OUT --mix realistic`.

The developers' corpus (`--mix first`) is dense: 45 times the real set's env reads per MB, 58
times its fallbacks (three in four under a secret's name), a constructor with a literal default in
one chunk of twelve. This one imitates the real-world set (Benchmarks/real-world, the seven checkouts in
/work/rw), at the rates measured there with ripgrep (ignore files honoured; code is *.ts *.tsx
*.js *.mjs *.py *.swift *.vue without *.d.ts: 21,310 files, 125.8 MB), per MB of code:

| what (rg pattern, abridged)                           | real-world set   | first corpus repo0 | this corpus |
|-------------------------------------------------------|-----------------:|-------------------:|------------:|
| env reads (`process.env`, `os.environ`, `os.getenv`, `import.meta.env`) | 2,038: 16 / MB | 30,222: 721 / MB | 17.7 / MB |
| fallbacks (`process.env.X \|\|` or `??`, `getenv("X",`, `environ.get("X",`) | 254: 2.0 / MB | 4,860: 116 / MB | 2.4 / MB |
| … of them to a string literal                         | 228: 1.8 / MB    | 4,860: 116 / MB    | 2.4 / MB    |
| … of them under a secret's name (KEY, SECRET, TOKEN, PASSWORD, DSN) | 25: 0.2 / MB | 3,683: 88 / MB | 0.28 / MB |
| env-object reads (`env.X` not after `.`: t3-env, zod) | 4,958: 39 / MB   | 0                  | 35 / MB     |
| env schema modules (`createEnv(`, `BaseSettings`)     | 6 in 7 repos     | 0                  | 5 in 4 repos |
| constructors (`constructor(`, `def __init__(`)        | 1,412: 11 / MB   | 4,860: 116 / MB    | 11.4 / MB   |
| … with a quoted default of 8+ characters on that line | 15: 0.12 / MB    | 4,860: 116 / MB    | 0.18 / MB   |
| long quoted literals (`["'][A-Za-z0-9_-]{20,}["']`)   | 33,175: 264 / MB | 15,983: 381 / MB   | 244 / MB    |

Languages (files): .ts 50 %, .tsx 22 %, .py 23 %, .vue 3 % (not scanned), .js/.mjs 2 %. Sizes:
log-normal, mu 7.80, sigma 1.35 (median 2.4 KB, 99th percentile 56 KB; the first corpus: mu 8.76,
sigma 0.7, median 6.7 KB). Per repository: 2 env examples (14 in 7 repos, 54 `KEY=` lines each
on average; here 16), 17 workflows (117; 3 `secrets.X` references each), 3 compose files (21),
3 Dockerfiles (20), no Terraform (0: one file in repo0 all the same, so its parser is on the
path). Besides code, the checkouts hold JSON, Markdown and SQL (migrations) that ripgrep reads and
the scan does not: a seventh of the files here.

"This corpus" is the whole tree at scale 1 (seed 20261126: 17,173 code files, 112.5 MB of code,
129.8 MB in all), counted by `python3 Benchmarks/corpus_realistic.py --measure DIR` with the same
ripgrep patterns; run it on a /work/rw checkout to count the real ones.
The same seed always gives the same bytes.
"""
import os
import random
import string
import subprocess
import sys

WORDS = ("account action audit backup billing cache callback card client comment config contact customer dashboard data "
         "draft email entry event export feature file filter form handler invite invoice item job key label layout "
         "link list member message metric model notify order page payment plan preview project query queue record "
         "region report request role schedule search session setting status step subscription tag task team tenant "
         "theme token trace upload user usage view webhook worker workspace").split()
SECRET_NAMES = ["STRIPE_SECRET_KEY", "NEXTAUTH_SECRET", "SMTP_PASSWORD", "OPENAI_API_KEY", "GITHUB_CLIENT_SECRET",
                "SENTRY_AUTH_TOKEN", "RESEND_API_KEY", "ENCRYPTION_KEY", "S3_SECRET_ACCESS_KEY", "JWT_SECRET"]
PLAIN_NAMES = ["DATABASE_URL", "REDIS_URL", "NODE_ENV", "PORT", "LOG_LEVEL", "NEXT_PUBLIC_APP_URL", "S3_BUCKET",
               "AWS_REGION", "SMTP_HOST", "SMTP_PORT", "SENTRY_DSN", "APP_URL", "CLICKHOUSE_URL", "FEATURE_FLAGS",
               "WORKER_CONCURRENCY", "NEXT_PUBLIC_POSTHOG_HOST", "TZ", "CI", "VERCEL_ENV", "ALLOWED_HOSTS"]
ALL_NAMES = SECRET_NAMES + PLAIN_NAMES
PLAIN_DEFAULTS = ["'info'", "'development'", "'3000'", "'localhost'", "'eu-west-1'", "'http://localhost:3000'", "'uploads'"]


def ident(rng):
    return rng.choice(WORDS) + rng.choice(WORDS).capitalize()


def long_literal(rng):
    """What the real repos' 20+ character literals are: ids, keys of translations, hashes, slugs."""
    kind = rng.random()
    if kind < 0.45:
        return "-".join(rng.choice(WORDS) for _ in range(rng.randint(3, 5)))
    if kind < 0.7:
        return rng.choice(WORDS) + "".join(w.capitalize() for w in (rng.choice(WORDS) for _ in range(rng.randint(3, 4))))
    if kind < 0.9:
        return "".join(rng.choice("0123456789abcdef") for _ in range(rng.choice((24, 32, 40))))
    return "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(rng.randint(20, 32)))


class Rates:
    """Per-chunk probabilities, tuned so the rates per MB come out as measured (see the docstring)."""
    read = 0.0092
    env_object = 0.015
    constructor = 0.0066
    long_literal = 0.10


def ts_chunk(rng, state):
    name, other = ident(rng), ident(rng)
    r = rng.random()
    if r < Rates.read:
        var = rng.choice(ALL_NAMES)
        tail = ";"
        if rng.random() < 0.09:  # a fallback; under a secret name one time in twelve
            var = rng.choice(SECRET_NAMES) if rng.random() < 0.08 else rng.choice(PLAIN_NAMES)
            tail = f" {rng.choice(('||', '??'))} {rng.choice(PLAIN_DEFAULTS)};"
        return (f"export function {name}Setting() {{\n  const value = process.env.{var}{tail}\n"
                f"  return value;\n}}\n\n")
    r -= Rates.read
    if r < Rates.env_object:
        state["env_object"] = True
        return (f"export async function {name}(ctx: Context) {{\n"
                f"  if (!env.{rng.choice(ALL_NAMES)}) return null;\n"
                f"  return ctx.{other}({{ url: env.{rng.choice(PLAIN_NAMES)} }});\n}}\n\n")
    r -= Rates.env_object
    if r < Rates.constructor:
        default = f"'{long_literal(rng)}'" if rng.random() < 0.02 else "{}"
        return (f"export class {name.capitalize()}Service {{\n  private readonly cache = new Map<string, unknown>();\n\n"
                f"  constructor(private readonly db: Database, options = {default}) {{\n    this.options = options;\n  }}\n\n"
                f"  async {other}(id: string) {{\n    return this.db.{rng.choice(WORDS)}.findUnique({{ where: {{ id }} }});\n  }}\n}}\n\n")
    r -= Rates.constructor
    lines = []
    for i in range(rng.randint(2, 8)):
        if rng.random() < Rates.long_literal / 3:
            lines.append(f"  const {ident(rng)}{i} = t('{long_literal(rng)}');")
        else:
            lines.append(f"  const {ident(rng)}{i} = items.filter((x) => x.{rng.choice(WORDS)} === '{rng.choice(WORDS)}').map((x) => x.id);")
    return (f"/**\n * {' '.join(rng.choice(WORDS) for _ in range(rng.randint(4, 14)))}\n */\n"
            f"export async function {name}(items: Item[], options: Options = {{}}) {{\n" + "\n".join(lines) +
            "\n  return { ok: true, count: items.length };\n}\n\n")


def tsx_chunk(rng, state):
    if rng.random() < 0.6:
        return ts_chunk(rng, state)
    name = ident(rng).capitalize()
    cls = " ".join(rng.choice(("flex", "items-center", "gap-2", "text-sm", "rounded-md", "px-3", "py-2", "border")) for _ in range(4))
    return (f"export function {name}({{ {rng.choice(WORDS)}, onChange }}: {name}Props) {{\n"
            f"  const [open, setOpen] = useState(false);\n  return (\n    <div className=\"{cls}\">\n"
            f"      <Button variant=\"ghost\" onClick={{() => setOpen(!open)}}>{{t('{rng.choice(WORDS)}.{rng.choice(WORDS)}')}}</Button>\n"
            f"    </div>\n  );\n}}\n\n")


def py_chunk(rng, state):
    name = "_".join(rng.choice(WORDS) for _ in range(2))
    r = rng.random()
    if r < Rates.read * 1.2:
        var = rng.choice(ALL_NAMES)
        if rng.random() < 0.22:  # Python code gives defaults more often (mealie, saleor)
            var = rng.choice(SECRET_NAMES) if rng.random() < 0.06 else rng.choice(PLAIN_NAMES)
            return f"{var} = os.environ.get(\"{var}\", {rng.choice(PLAIN_DEFAULTS).replace(chr(39), chr(34))})\n\n\n"
        return f"def {name}():\n    return os.environ[\"{var}\"]\n\n\n"
    r -= Rates.read * 1.2
    if r < Rates.constructor * 1.2:
        default = f"\"{long_literal(rng)}\"" if rng.random() < 0.02 else "None"
        return (f"class {name.title().replace('_', '')}:\n    \"\"\"{' '.join(rng.choice(WORDS) for _ in range(8))}.\"\"\"\n\n"
                f"    def __init__(self, session, prefix={default}):\n        self.session = session\n        self.prefix = prefix\n\n\n")
    lines = []
    for i in range(rng.randint(2, 8)):
        if rng.random() < Rates.long_literal / 3:
            lines.append(f"    {rng.choice(WORDS)}_{i} = _(\"{long_literal(rng)}\")")
        else:
            lines.append(f"    {rng.choice(WORDS)}_{i} = [x.{rng.choice(WORDS)} for x in rows if x.status == \"{rng.choice(WORDS)}\"]")
    return (f"def {name}(rows, *, limit=100):\n    \"\"\"{' '.join(rng.choice(WORDS) for _ in range(rng.randint(4, 12)))}.\"\"\"\n"
            + "\n".join(lines) + "\n    return len(rows)\n\n\n")


def vue_chunk(rng, state):
    return f"<template>\n  <div class=\"{rng.choice(WORDS)}\">{{{{ t('{rng.choice(WORDS)}.{rng.choice(WORDS)}') }}}}</div>\n</template>\n\n"


def text_chunk(rng, state):
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 20))) + ".\n\n"


def sql_chunk(rng, state):
    t = rng.choice(WORDS)
    return (f"CREATE TABLE \"{t}_{rng.choice(WORDS)}\" (\n  \"id\" TEXT NOT NULL,\n  \"{rng.choice(WORDS)}Id\" TEXT,\n"
            f"  \"createdAt\" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP\n);\n\n")


def json_chunk(rng, state):
    return f"  \"{rng.choice(WORDS)}.{rng.choice(WORDS)}\": \"{' '.join(rng.choice(WORDS) for _ in range(rng.randint(2, 6)))}\",\n"


def ts_header(state):
    h = "import { z } from 'zod';\nimport { db } from '@/lib/db';\n"
    return h + ("import { env } from '@/env';\n\n" if state.get("env_object") else "\n")


# extension, chunk, weight among files, header
CODE = [(".ts", ts_chunk, 0.50, ts_header), (".tsx", tsx_chunk, 0.22, ts_header),
        (".py", py_chunk, 0.23, lambda s: "import os\n\nfrom django.db import models\n\n\n"),
        (".vue", vue_chunk, 0.03, lambda s: ""), (".js", ts_chunk, 0.02, lambda s: "'use strict';\n\n")]
OTHER = [(".md", text_chunk), (".json", json_chunk), (".sql", sql_chunk)]


def write_chunks(path, rng, chunk, header, size):
    state = {}
    parts, total = [], 0
    while total < size:
        c = chunk(rng, state)
        parts.append(c)
        total += len(c)
    return write(path, header(state) + "".join(parts))


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)
    return len(text)


def config_files(repo, rng, index):
    """The files `declared` reads: env examples, workflows, compose files, Dockerfiles, an env
    schema module (t3-env in TypeScript, BaseSettings in Python), Terraform in repo0."""
    total = 0
    names = sorted(set(rng.sample(ALL_NAMES, 16)))
    for k, where in enumerate(("", "apps/web/")):
        lines = [f"# {' '.join(rng.choice(WORDS) for _ in range(6))}"]
        for n in names:
            lines.append(f"{'# ' if rng.random() < 0.15 else ''}{n}={'' if n in SECRET_NAMES else rng.choice(PLAIN_DEFAULTS).strip(chr(39))}")
        total += write(os.path.join(repo, where, ".env.example"), "\n".join(lines) + "\n")
    for k in range(17):
        refs = "\n".join(f"          {n}: ${{{{ secrets.{n} }}}}" for n in rng.sample(SECRET_NAMES, 3))
        total += write(os.path.join(repo, ".github", "workflows", f"{rng.choice(WORDS)}-{k}.yml"),
                       f"name: {rng.choice(WORDS)} {k}\non:\n  push:\n    branches: [main]\n  pull_request:\n"
                       f"jobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n"
                       f"      - uses: actions/setup-node@v4\n        with:\n          node-version: 20\n"
                       f"      - run: pnpm install --frozen-lockfile && pnpm test\n        env:\n{refs}\n")
    for k, where in enumerate(("", "docker/", "apps/worker/")):
        env = "\n".join(f"      - {n}=${{{n}}}" for n in rng.sample(ALL_NAMES, 5))
        total += write(os.path.join(repo, where, "docker-compose.yml"),
                       f"services:\n  app:\n    build: .\n    ports:\n      - \"3000:3000\"\n    environment:\n{env}\n"
                       f"  db:\n    image: postgres:16\n    environment:\n      - POSTGRES_PASSWORD=${{POSTGRES_PASSWORD}}\n")
        total += write(os.path.join(repo, where, "Dockerfile"),
                       f"FROM node:20-alpine\nARG {rng.choice(PLAIN_NAMES)}\nENV NODE_ENV=production\nWORKDIR /app\n"
                       f"COPY . .\nRUN --mount=type=secret,id={rng.choice(SECRET_NAMES).lower()} pnpm build\nCMD [\"node\", \"dist/index.js\"]\n")
    server = "\n".join(f"    {n}: z.string().min(1)," for n in names if not n.startswith("NEXT_PUBLIC_"))
    runtime = "\n".join(f"    {n}: process.env.{n}," for n in names)
    total += write(os.path.join(repo, "apps", "web", "src", "env.ts"),
                   "import { createEnv } from '@t3-oss/env-nextjs';\nimport { z } from 'zod';\n\n"
                   f"export const env = createEnv({{\n  server: {{\n{server}\n  }},\n  runtimeEnv: {{\n{runtime}\n  }},\n}});\n")
    if index == 0:
        fields = "\n".join(f"    {n.lower()}: str" for n in names[:8])
        total += write(os.path.join(repo, "services", "api", "settings.py"),
                       f"from pydantic_settings import BaseSettings\n\n\nclass Settings(BaseSettings):\n{fields}\n")
        total += write(os.path.join(repo, "infra", "main.tf"),
                       "resource \"aws_ssm_parameter\" \"database_url\" {\n  name  = \"/app/production/DATABASE_URL\"\n"
                       "  type  = \"SecureString\"\n  value = var.database_url\n}\n\n"
                       "variable \"database_url\" {\n  type      = string\n  sensitive = true\n}\n")
    return total


def generate(out, scale=1.0, repos=4, seed=20261126):
    rng = random.Random(seed)
    files = int(20000 * scale)
    total = 0
    for r in range(repos):
        repo = os.path.join(out, f"repo{r}")
        os.makedirs(repo, exist_ok=True)
        write(os.path.join(repo, ".gitignore"), "node_modules/\ndist/\n.next/\n")
        subprocess.run(["git", "init", "-q", repo], check=True)
        for i in range(max(1, files // (repos * 20))):
            write_chunks(os.path.join(repo, "node_modules", "dep", f"m{i}.js"), rng, ts_chunk, lambda s: "", 8000)
        total += config_files(repo, rng, r)
    apps = ["apps/web/src", "apps/worker/src", "packages/lib/src", "packages/ui/src", "services/api"]
    for i in range(files):
        repo = os.path.join(out, f"repo{i % repos}")
        app = apps[(i // repos) % len(apps)]
        d = os.path.join(repo, app, rng.choice(WORDS), rng.choice(("", "components", "lib", "server", "__tests__")))
        os.makedirs(d, exist_ok=True)
        size = min(int(rng.lognormvariate(7.80, 1.35)), 400_000)
        if rng.random() < 1 / 7:
            ext, chunk = rng.choice(OTHER)
            total += write_chunks(os.path.join(d, f"{ident(rng)}{i}{ext}"), rng, chunk, lambda s: "", size)
            continue
        ext, chunk, _, header = rng.choices(CODE, weights=[w for _, _, w, _ in CODE])[0]
        test = ".test" if d.endswith("__tests__") and ext in (".ts", ".py") else ""
        total += write_chunks(os.path.join(d, f"{ident(rng)}{i}{test}{ext}"), rng, chunk, header, size)
    print(f"generated {files} files (realistic mix), {total / 1e6:.1f} MB in {repos} repos under {out}")


MEASURES = [
    ("env reads", r"process\.env\b|os\.environ\b|os\.getenv\b|import\.meta\.env\b"),
    ("fallbacks", r"process\.env\.\w+\s*(\|\||\?\?)|process\.env\[[^\]]+\]\s*(\|\||\?\?)|os\.getenv\([^,()]+,|os\.environ\.get\([^,()]+,|import\.meta\.env\.\w+\s*(\|\||\?\?)"),
    ("fallbacks, secret name", r"""(process\.env\.|getenv\(["']|environ\.get\(["']|import\.meta\.env\.)\w*(KEY|SECRET|TOKEN|PASSWORD|DSN|PASS)\w*["']?(\s*(\|\||\?\?)|,)\s*["'`]"""),
    ("env-object reads", r"(?<![\w.])env\.[A-Z][A-Z0-9_]+"),
    ("constructors", r"constructor\(|def __init__\("),
    ("constructor literal defaults", r"""(constructor\(|def __init__\().*=\s*["'][^"']{8,}["']"""),
    ("long literals", r"""["'][A-Za-z0-9_-]{20,}["']"""),
]
CODE_GLOBS = ["-g", "*.ts", "-g", "*.tsx", "-g", "*.js", "-g", "*.mjs", "-g", "*.py", "-g", "*.swift", "-g", "*.vue", "-g", "!*.d.ts"]


def measure(path):
    """The docstring's rates on a tree, with ripgrep."""
    listed = subprocess.run(["rg", "--files", *CODE_GLOBS], cwd=path, capture_output=True, text=True).stdout.split("\n")
    listed = [f for f in listed if f]
    mb = sum(os.path.getsize(os.path.join(path, f)) for f in listed) / 1e6
    print(f"{path}: {len(listed)} code files, {mb:.1f} MB")
    for name, pattern in MEASURES:
        out = subprocess.run(["rg", "-o", "-P", *CODE_GLOBS, pattern], cwd=path, capture_output=True, text=True).stdout
        n = out.count("\n")
        print(f"  {name:30} {n:7}  {n / mb:7.2f} / MB")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--measure":
        measure(sys.argv[2])
    else:
        sys.exit("usage: corpus_realistic.py --measure DIR   (generate with generate_corpus.py OUT --mix realistic)")

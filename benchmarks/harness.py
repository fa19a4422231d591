"""Every page at every size: build (or reuse) a synthetic archive per size, time every page type
on it with bench_pages.py, and print one table of all sizes beside issue 12's budgets.

    ./scripts/uv run python benchmarks/harness.py                       # PostgreSQL 10k, 100k, 1M; SQLite 100k
    ./scripts/uv run python benchmarks/harness.py --postgres 10k,100k --sqlite none --runs 5
    ./scripts/uv run python benchmarks/harness.py --cold --drop        # as root: cold figures too

Each PostgreSQL size has its own database on the server of ``--server`` (default
postgres://newsroom_ci@127.0.0.1:5432/), named ``newsroom_bench_<size>``; SQLite sizes use a file
under ``benchmarks/data/``. A database that already holds exactly that many synthetic stories
(seed 1) is reused, else it is migrated and filled with ``generate_corpus --stories N --seed 1``
(which vacuums and analyzes what it loads) and ``load_demo`` (the demo's races, organizations,
endorsements). Then bench_pages.py runs against it; its table goes to
``docs/bench/harness-<vendor>-<size>.md`` and the combined table of p50s (with cold figures
under ``--cold``: a pass of first fetches, each after PostgreSQL is restarted and the OS page
cache dropped, before the warm runs; root only) to ``--markdown`` (default
docs/bench/harness.md). ``--drop`` removes each
database after its run (a million stories take about 9 GB).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}
DEFAULT_SERVER = "postgres://newsroom_ci@127.0.0.1:5432/"
COUNT_SYNTHETIC = (
    "from articles.models import Article; print(Article.objects.filter(is_synthetic=True).count())"
)


def sizes(text):
    if text.lower() in ("", "none"):
        return []
    chosen = [part.strip().lower() for part in text.split(",")]
    unknown = [part for part in chosen if part not in SIZES]
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown size {unknown[0]!r}: use {', '.join(SIZES)}")
    return chosen


def manage(env, *args, capture=False):
    command = [sys.executable, str(ROOT / "manage.py"), *args]
    result = subprocess.run(command, env=env, check=True, text=True, capture_output=capture)
    return result.stdout if capture else None


def postgres_url(server, name):
    parts = urlsplit(server)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", "", ""))


def psql(server, sql):
    """One statement on the server's maintenance database (CREATE / DROP DATABASE)."""
    import psycopg

    with psycopg.connect(postgres_url(server, "postgres"), autocommit=True) as conn:
        cursor = conn.execute(sql)
        return cursor.fetchall() if cursor.description else None


def prepare(env, stories, label):
    """Migrate, and fill with the corpus unless it is already there."""
    manage(env, "migrate", "--noinput", "-v0")
    have = int(
        manage(env, "shell", "--no-imports", "-c", COUNT_SYNTHETIC, capture=True).split()[-1]
    )
    if have == stories:
        print(f"[{label}] reusing the {stories:,} synthetic stories on file", file=sys.stderr)
        return
    print(f"[{label}] generating {stories:,} synthetic stories", file=sys.stderr)
    manage(env, "generate_corpus", "--stories", str(stories), "--seed", "1")
    manage(env, "load_demo", "--seeds", str(ROOT.parent / "shared" / "seeds"), "-v0")


def run_bench(env, label, args, cold):
    out = ROOT / "docs" / "bench" / f"harness-{label}.md"
    with tempfile.NamedTemporaryFile(suffix=".json") as figures:
        command = [
            sys.executable,
            str(ROOT / "benchmarks" / "bench_pages.py"),
            "--runs",
            str(args.runs),
            "--markdown",
            str(out),
            "--json",
            figures.name,
        ]
        if cold:
            command += ["--cold", str(ROOT / "scripts" / "pg_cold")]
        for word in args.skip:
            command += ["--skip", word]
        subprocess.run(command, env=env, check=True)
        return json.loads(Path(figures.name).read_text())


def combined(results, cold):
    """One row a page, one column (p50, and cold first fetch with --cold) a size."""
    labels = []
    for result in results.values():
        for row in result["rows"]:
            if row["label"] not in labels:
                labels.append(row["label"])
    header = ["page"]
    for name in results:
        header.append(f"{name} p50")
        if cold and results[name]["vendor"] == "postgresql":
            header.append(f"{name} cold")
    header.append("budget at 1M")
    lines = ["| " + " | ".join(header) + " |", "|---|" + "---:|" * (len(header) - 1)]
    for label in labels:
        cells = [label]
        budget = "-"
        for result in results.values():
            row = next((r for r in result["rows"] if r["label"] == label), None)
            cells.append("-" if row is None else f"{row['p50']:,.0f}")
            if cold and result["vendor"] == "postgresql":
                cells.append("-" if row is None else f"{row['first']:,.0f}")
            if row and result["vendor"] == "postgresql" and row["budget"] is not None:
                budget = f"{row['budget']:,.0f}"
        if label.startswith("archive, page"):
            budget = "2× page 1"
        elif label.startswith("CSV"):
            budget = "5,000 per 100k rows"
        elif label.startswith("search"):
            budget += " (p95)"
        cells.append(budget)
        lines.append("| " + " | ".join(cells) + " |")
    summaries = "\n".join(f"- {name}: {result['summary']}" for name, result in results.items())
    note = "Times in ms; each size's own table (p95, SQL, queries, budgets) is in docs/bench/."
    return f"{summaries}\n\n{note}\n\n" + "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--postgres", type=sizes, default=sizes("10k,100k,1m"), metavar="SIZES")
    parser.add_argument("--sqlite", type=sizes, default=sizes("100k"), metavar="SIZES")
    parser.add_argument("--server", default=os.environ.get("BENCH_SERVER", DEFAULT_SERVER))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cold", action="store_true", help="cold first fetches (root)")
    parser.add_argument("--drop", action="store_true", help="drop each database after its run")
    parser.add_argument("--skip", action="append", default=[], help="skip pages with this")
    parser.add_argument("--markdown", default=str(ROOT / "docs" / "bench" / "harness.md"))
    args = parser.parse_args()

    base_env = {**os.environ, "DJANGO_SETTINGS_MODULE": "newsroom.settings.dev"}
    base_env.pop("DATABASE_REPLICA_URL", None)
    results = {}
    for size in args.postgres:
        name, label = f"newsroom_bench_{size}", f"postgresql-{size}"
        if not psql(args.server, f"SELECT 1 FROM pg_database WHERE datname = '{name}'"):
            psql(args.server, f'CREATE DATABASE "{name}"')
        env = {**base_env, "DATABASE_URL": postgres_url(args.server, name)}
        prepare(env, SIZES[size], label)
        results[f"PostgreSQL {size}"] = run_bench(env, label, args, args.cold)
        if args.drop:
            psql(args.server, f'DROP DATABASE "{name}" WITH (FORCE)')
    for size in args.sqlite:
        label = f"sqlite-{size}"
        path = ROOT / "benchmarks" / "data" / f"bench-{size}.sqlite3"
        path.parent.mkdir(exist_ok=True)
        env = {**base_env, "DATABASE_URL": f"sqlite:///{path}"}
        prepare(env, SIZES[size], label)
        results[f"SQLite {size}"] = run_bench(env, label, args, cold=False)
        if args.drop:
            path.unlink(missing_ok=True)
    if not results:
        sys.exit("Nothing to measure: give --postgres or --sqlite sizes.")
    output = combined(results, args.cold)
    print(output)
    Path(args.markdown).write_text(output + "\n")


if __name__ == "__main__":
    main()

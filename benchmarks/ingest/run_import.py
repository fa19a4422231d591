"""Import speed: synthetic JSON Lines stories against 20,000 known people, linking included.

    DATABASE_URL=postgres://... ./scripts/uv run python benchmarks/ingest/run_import.py \
        [--stories 5000] [--people 20000] [--runs 3]

Loads the synthetic people (generate_corpus --stories 0), writes a JSON Lines file of new
stories for each run (generate_corpus --jsonl, distinct URLs per run so each run imports),
times manage.py import_stories on it, and prints stories per second for each run, the
median, and the share of the time the linker alone takes (analysis without writing).
Imported stories are left in the "Synthetic" section; generate_corpus replaces them next time.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.dev")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from articles.ingest.analysis import analyse  # noqa: E402
from articles.ingest.gazetteer import Gazetteer  # noqa: E402
from articles.ingest.parsing import read_paths  # noqa: E402
from articles.models import Article  # noqa: E402


def cleanup():
    """Earlier runs' imported stories go first: they point at the synthetic people."""
    imported = Article.objects.filter(
        import_record__key__startswith="url:https://synthetic.example/"
    )
    with connection.cursor() as cursor:
        ids = tuple(imported.values_list("pk", flat=True))
        if ids:
            for table in ("articles_suggestion", "articles_importedstory", "articles_photo",
                          "articles_historicalarticle", "articles_article"):  # fmt: skip
                column = "id" if table == "articles_article" else "article_id"
                if table == "articles_historicalarticle":
                    column = "id"
                cursor.execute(f"DELETE FROM {table} WHERE {column} = ANY(%s)", [list(ids)])


def vacuum():
    """The rows deleted above and the people replaced below are dead until vacuumed, and the
    PostgreSQL server here runs with autovacuum off: each invocation starts from clean tables."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--stories", type=int, default=5000)
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"Database: {connection.vendor}; {args.people:,} people; {args.stories:,} stories a run")
    cleanup()
    call_command("generate_corpus", stories=0, people=args.people, seed=11, verbosity=0)
    vacuum()
    rates = []
    with tempfile.TemporaryDirectory() as folder:
        for run in range(args.runs):
            path = Path(folder) / f"run{run}.jsonl"
            call_command("generate_corpus", jsonl=str(path), stories=args.stories,
                         people=args.people, seed=11 + 1000 * (run + 1), verbosity=0)  # fmt: skip
            started = time.perf_counter()
            out = StringIO()
            call_command("import_stories", str(path), stdout=out, verbosity=0)
            elapsed = time.perf_counter() - started
            rates.append(args.stories / elapsed)
            print(
                f"run {run + 1}: {rates[-1]:,.0f} stories/s ({elapsed:.1f} s) - {out.getvalue().strip()}"
            )
        gazetteer = Gazetteer.from_database()
        records = list(read_paths([path]))
        started = time.perf_counter()
        for record in records:
            analyse(record.body, gazetteer, record.published_at.date())
        linking = len(records) / (time.perf_counter() - started)
    print(f"median import: {statistics.median(rates):,.0f} stories/s (target 1,000)")
    print(f"linker alone (no writes): {linking:,.0f} stories/s")


if __name__ == "__main__":
    main()

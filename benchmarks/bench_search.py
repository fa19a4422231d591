"""Search speed on the configured database: the public search page, per kind of query, beside
the raw time of the same SQL.

    ./scripts/uv run python manage.py generate_corpus --stories 100000 --seed 1
    ./scripts/uv run python benchmarks/bench_search.py [--runs 30]

For PostgreSQL, set DATABASE_URL first. Each query kind is fetched through Django's test client
(view, search, template: what a reader waits for, minus the network), ``--runs`` times after
two warm-up runs; then the SQL statements that one page ran are replayed through a bare cursor
for the same number of runs. Prints medians and 95th percentiles in milliseconds.

Queries are chosen from the corpus itself (a much-mentioned person, a rarely mentioned one, an
accented name typed without the accent, a misspelt name, a phrase from a story, ...), the
same on every run for the same corpus.
"""

import argparse
import itertools
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.dev")

import django

django.setup()

from django.db import DatabaseError, connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from articles.models import Article, Mention  # noqa: E402
from articles.search import StorySearch  # noqa: E402
from core.text import fold  # noqa: E402

BROAD_TERM = "prosecutor"  # generate_corpus puts it in about 40% of stories


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def last_name(person_name):
    return person_name.split()[-1]


def misspelt(word):
    """One slip a reader makes: the last letter doubled ("Hochman" -> "Hochmann")."""
    return word + word[-1]


def two_words_in_a_row(text, start=20):
    """The first two neighbouring words after ``start`` that a phrase search really constrains:
    in the same sentence, and neither a stop word (the compiled query keeps them side by side;
    SQLite has no stop words)."""
    words = text.split()
    for first, second in itertools.pairwise(words[start:]):
        second = second.rstrip(".,;:!?")
        if not (first.isalpha() and second.isalpha()):
            continue
        phrase = f"{first} {second}".lower()
        search = StorySearch(f'"{phrase}"')
        if connection.vendor != "postgresql" or (
            search.query and search.backend.confirms_by_reading(search.query)
        ):
            return phrase
    return None


def choose_queries():
    by_mentions = list(
        Mention.objects.filter(person__isnull=False)
        .values("person__name")
        .annotate(n=Count("id"))
        .order_by("-n", "person__name")[:5000]
    )
    frequent = by_mentions[0]["person__name"]
    rare = by_mentions[-1]["person__name"]
    accented = next(
        (
            row["person__name"]
            for row in by_mentions
            if fold(row["person__name"]) != row["person__name"].lower()
        ),
        frequent,
    )
    sample = Article.objects.published().order_by("id").values_list("body", flat=True)[1000:1001]
    phrase = two_words_in_a_row(sample[0] if sample else "") or "district attorney"
    second = by_mentions[10]["person__name"]
    return [
        ("frequent person", frequent),
        ("rare person", rare),
        ("accent-free name", fold(last_name(accented))),
        ("misspelt name", misspelt(last_name(frequent))),
        ("phrase", f'"{phrase}"'),
        ("phrase, common words", f'"county {BROAD_TERM}"'),  # both common, rarely side by side
        ("name OR name", f"{last_name(frequent)} OR {last_name(second)}"),
        ("exclusion", f"{BROAD_TERM} -{last_name(frequent)}"),
        ("40% term", BROAD_TERM),
        ("40% term, newest", BROAD_TERM, "newest"),
        ("two common words", f"{BROAD_TERM} county"),
    ]


def time_page(client, params, runs):
    timings = []
    for n in range(runs + 2):
        started = time.perf_counter()
        response = client.get("/search/", params)
        elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, response.status_code
        if n >= 2:
            timings.append(elapsed)
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/search/", params)
    return timings, [query["sql"] for query in captured.captured_queries], response


def time_sql(statements, runs):
    timings = []
    with connection.cursor() as cursor:
        for n in range(runs + 2):
            started = time.perf_counter()
            for sql in statements:
                cursor.execute(sql)
                if cursor.description:
                    cursor.fetchall()
            elapsed = (time.perf_counter() - started) * 1000
            if n >= 2:
                timings.append(elapsed)
    return timings


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    try:
        stories = Article.objects.count()
    except DatabaseError as error:
        sys.exit(f"Cannot read stories ({error}): run migrate and generate_corpus first.")
    if not stories:
        sys.exit("No stories: run generate_corpus first.")
    published = Article.objects.published().count()
    setup_test_environment()  # responses keep their template context; DEBUG off
    client = Client()
    print(f"database: {connection.vendor}; stories: {stories:,} ({published:,} published)")
    print(f"runs per query: {args.runs} (after 2 warm-up runs); times in ms\n")
    header = f"{'query kind':<22} {'query':<34} {'matches':>12} {'page p50':>9} {'page p95':>9} {'SQL p50':>8} {'SQL p95':>8} {'stmts':>5}"
    print(header)
    print("-" * len(header))
    all_page = []
    for kind, text, *sort in choose_queries():
        params = {"q": text, "sort": sort[0] if sort else "relevance"}
        page_times, statements, response = time_page(client, params, args.runs)
        sql_times = time_sql(statements, args.runs)
        results = response.context.get("results") if response.context else None
        total = (
            "-"
            if results is None
            else (("~" if results.total_is_estimate else "") + f"{results.total:,}")
        )
        all_page += page_times
        print(
            f"{kind:<22} {text[:34]:<34} {total:>12} "
            f"{statistics.median(page_times):>9.1f} {percentile(page_times, 0.95):>9.1f} "
            f"{statistics.median(sql_times):>8.1f} {percentile(sql_times, 0.95):>8.1f} {len(statements):>5}"
        )
    print(
        f"\nall query kinds: page p50 {statistics.median(all_page):.1f} ms, p95 {percentile(all_page, 0.95):.1f} ms"
    )


if __name__ == "__main__":
    main()

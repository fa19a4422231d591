"""Every page type's speed on the configured database, beside the time of its own SQL.

    ./scripts/uv run python manage.py generate_corpus --stories 100000 --seed 1
    ./scripts/uv run python manage.py load_demo          # races, organizations, endorsements
    ./scripts/uv run python benchmarks/bench_pages.py [--runs 10] [--markdown FILE] [--only WORD]

For PostgreSQL, set DATABASE_URL first. Each page is fetched through Django's test client (view,
queries, template: what a reader waits for, minus the network), ``--runs`` times after one
warm-up fetch; then the SQL statements that one fetch ran are replayed through a bare cursor the
same number of times, so "page / SQL" shows how much of the wait is the database. Public pages
are measured with the shared page cache emptied before every fetch (the cost of drawing the
page; ``--cached`` measures what readers get on a hit instead). Prints one table (medians and
95th percentiles in ms, the first fetch, and each page's budget from issue 12 with whether it
is met) and, with ``--markdown``, writes it as a Markdown table; ``--json`` writes the figures
for benchmarks/harness.py, which runs this at every size. ``--cold scripts/pg_cold`` (root, local
PostgreSQL) first fetches every page once with the database's caches emptied before each, so
"cold ms" is a fetch from disk; the warm runs come after, in a pass of their own.

The pages' parameters come from the corpus itself (the most-mentioned person, a year of their
coverage, a word in about 40% of stories, ...), the same on every run for the same corpus.
A page slower than ``--slow`` seconds on its warm-up fetch is timed only three times.
"""

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.dev")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import DatabaseError, connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402

from articles.models import Article, Mention  # noqa: E402
from people.models import Endorsement, Organization, Race  # noqa: E402

BROAD_TERM = "prosecutor"  # generate_corpus puts it in about 40% of stories
BENCH_USER = "bench-pages"

# Issue 12's budgets, p50 in ms (search: p95), by the start of a page's label. At 1M stories on
# PostgreSQL; on SQLite at 100k the archive has 200 ms and the story page 20 ms. Page 1000 of the
# archive is held to twice page 1 instead; the CSV export to 5 s per 100,000 rows.
BUDGETS = {
    "postgresql": [
        ("archive, page", None),
        ("archive", 150),
        ("search", 150),
        ("story page", 15),
        ("home", 20),
        ("person topic", 50),
        ("race topic", 50),
        ("person dossier", 100),
        ("race dossier", 100),
        ("organization dossier", 100),
        ("admin stories", 150),
    ],
    "sqlite": [("archive, page", None), ("archive", 200), ("story page", 20)],
}


def budget(label, vendor, stories):
    """The page's budget in ms on this database at this size, or None when it has none."""
    if label.startswith("CSV export"):
        return 5000 * max(stories, 1) / 100_000
    for start, ms in BUDGETS.get(vendor, []):
        if label.startswith(start):
            return ms
    return None


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def admin_url(name):
    try:
        return reverse(f"admin:{name}_changelist")
    except NoReverseMatch:
        return None


def choose_pages():
    """(label, address, staff?) for every page type, with parameters taken from the corpus."""
    top = list(
        Mention.objects.filter(person__isnull=False)
        .values("person_id", "person__slug", "person__name")
        .annotate(n=Count("id"))
        .order_by("-n", "person_id")[:200]
    )
    frequent, rare = top[0], top[-1]
    year = (
        Article.objects.filter(mentions__person_id=frequent["person_id"])
        .exclude(published_at=None)
        .order_by("-published_at")
        .values_list("published_at__year", flat=True)
        .first()
    )
    story = Article.objects.published().order_by("-published_at", "-id").first()
    about_frequent = (
        Article.objects.published()
        .filter(mentions__person_id=frequent["person_id"], mentions__role="subject")
        .order_by("-published_at")
        .first()
    ) or story
    person = frequent["person__slug"]
    # Page 1000 where the archive has that many pages (a small test archive has fewer).
    deep = max(1, min(1000, Article.objects.count() // settings.ARCHIVE_PAGE_SIZE))
    pages = [
        ("archive, no filter", "/archive/", True),
        (f"archive, 40% term ({BROAD_TERM})", f"/archive/?q={BROAD_TERM}", True),
        (
            "archive, person + one year",
            f"/archive/?person={person}&published_after={year}-01-01&published_before={year}-12-31",
            True,
        ),
        (f"archive, page {deep}", f"/archive/?page={deep}", True),
        (
            "archive, selective (q + person)",
            f"/archive/?q={frequent['person__name'].split()[-1]}&person={rare['person__slug']}",
            True,
        ),
        ("search, 40% term", f"/search/?q={BROAD_TERM}", False),
        ("story page", story.get_absolute_url(), False),
        ("story page, most-covered person", about_frequent.get_absolute_url(), False),
        ("home", "/", False),
        ("section", f"/sections/{story.section.slug}/", False),
        ("person topic, most-covered", f"/people/{person}/", False),
        ("person dossier, most-covered", f"/archive/people/{person}/", True),
        ("feed, latest (RSS)", "/feeds/latest/rss/", False),
        ("feed, person (Atom)", f"/feeds/people/{person}/atom/", False),
        ("sitemap.xml", "/sitemap.xml", False),
        ("sitemap, newest month of stories", newest_month_sitemap(story), False),
        ("sitemap, people", "/sitemap-people.xml", False),
        ("news sitemap", "/sitemap-news.xml", False),
    ]
    return pages + civic_pages() + admin_pages()


def newest_month_sitemap(story):
    from django.utils import timezone

    return f"/sitemap-stories-{timezone.localtime(story.published_at):%Y-%m}.xml"


def civic_pages():
    """The race's and organization's pages, for the newest covered race and most-covered
    organization."""
    pages = []
    race = Race.objects.filter(mentions__isnull=False).order_by("-election__date").first()
    org = Organization.objects.annotate(n=Count("mentions")).order_by("-n", "id").first()
    if race:
        pages += [
            ("race topic", f"/races/{race.slug}/", False),
            ("race dossier", f"/archive/races/{race.slug}/", True),
            (
                "race dossier, as_of",
                f"/archive/races/{race.slug}/?as_of={race.election.date.isoformat()}",
                True,
            ),
        ]
    if org:
        pages.append(("organization dossier", f"/archive/organizations/{org.slug}/", True))
    return pages


def admin_pages():
    pages = []
    for label, name, query in [
        ("admin stories", "articles_article", ""),
        ("admin stories, search", "articles_article", f"?q={BROAD_TERM}"),
        ("admin people", "people_person", ""),
        ("admin mentions", "articles_mention", ""),
        ("admin endorsements", "people_endorsement", ""),
    ]:
        if (url := admin_url(name)) is not None:
            pages.append((label, url + query, True))
    pages.append(("CSV export, whole archive", "/archive/?format=csv", True))
    return pages


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    if response.streaming:
        size = sum(len(chunk) for chunk in response.streaming_content)
    else:
        size = len(response.content)
    return size


def make_cold(command):
    """Empty the database's caches (``--cold``: restart the server, drop the OS page cache)
    before a page's first fetch; this process then reconnects."""
    connection.close()
    subprocess.run(command, shell=True, check=True)


def cold_fetch(client, url, command):
    """ms of one fetch of ``url`` with the database's caches emptied first (``--cold``)."""
    make_cold(command)
    cache.clear()
    started = time.perf_counter()
    fetch(client, url)
    return (time.perf_counter() - started) * 1000


def time_page(client, url, runs, slow, cached):
    """(timings of the runs, ms of the first fetch, the SQL of one fetch)."""
    started = time.perf_counter()
    cache.clear()
    fetch(client, url)
    first = (time.perf_counter() - started) * 1000
    if first > slow * 1000:
        runs = min(runs, 3)
    timings = []
    for _ in range(runs):
        if not cached:
            cache.clear()
        started = time.perf_counter()
        fetch(client, url)
        timings.append((time.perf_counter() - started) * 1000)
    if not cached:
        cache.clear()
    with CaptureQueriesContext(connection) as captured:
        fetch(client, url)
    return timings, first, [query["sql"] for query in captured.captured_queries]


SERVER_CURSOR = re.compile(r"^DECLARE \S+ (NO SCROLL )?CURSOR (WITH(OUT)? HOLD )?FOR ", re.I)


def replayable(sql):
    """A statement as a plain cursor can run it: a server-side cursor's query on its own."""
    return SERVER_CURSOR.sub("", sql)


def time_sql(statements, runs):
    statements = [replayable(sql) for sql in statements]
    timings = []
    with connection.cursor() as cursor:
        for _ in range(runs):
            started = time.perf_counter()
            for sql in statements:
                cursor.execute(sql)
                if cursor.description:
                    cursor.fetchall()
            timings.append((time.perf_counter() - started) * 1000)
    return timings


def staff_client():
    user, _ = User.objects.get_or_create(
        username=BENCH_USER, defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(user)
    return client


def summarize(label, url, page, first, sql, count, vendor, stories):
    """One page's figures, as the table and the harness (benchmarks/harness.py) read them."""
    p50, sql50 = statistics.median(page), statistics.median(sql)
    limit = budget(label, vendor, stories)
    return {
        "label": label,
        "url": url,
        "p50": p50,
        "p95": percentile(page, 0.95),
        "first": first,
        "sql_p50": sql50,
        "queries": count,
        "budget": limit,
    }


def within(row, rows):
    """ "yes"/"no" against the page's budget ("-" without one); page N of the archive is held
    to twice the first page; search to its 95th percentile."""
    if row["label"].startswith("archive, page"):
        first_page = next((r for r in rows if r["label"] == "archive, no filter"), None)
        return "-" if first_page is None else _yes(row["p50"] <= 2 * first_page["p50"])
    if row["budget"] is None:
        return "-"
    measured = row["p95"] if row["label"].startswith("search") else row["p50"]
    return _yes(measured <= row["budget"])


def _yes(ok):
    return "yes" if ok else "**no**"


def table(rows, cold):
    first = "cold ms" if cold else "first ms"
    header = ["page", "p50 ms", "p95 ms", first, "SQL p50 ms", "page/SQL", "queries", "budget"]
    header.append("within")
    lines = ["| " + " | ".join(header) + " |", "|---|" + "---:|" * (len(header) - 1)]
    for row in rows:
        ratio = f"{row['p50'] / row['sql_p50']:.1f}" if row["sql_p50"] > 0.05 else "-"
        limit = row["budget"]
        if row["label"].startswith("archive, page"):
            limit_text = "2× page 1"
        else:
            limit_text = "-" if limit is None else f"{limit:,.0f}"
        cells = [
            row["label"],
            f"{row['p50']:,.1f}",
            f"{row['p95']:,.1f}",
            f"{row['first']:,.1f}",
            f"{row['sql_p50']:,.1f}",
            ratio,
            str(row["queries"]),
            limit_text,
            within(row, rows),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--slow", type=float, default=3.0, help="seconds; see above")
    parser.add_argument("--markdown", help="also write the table to this file")
    parser.add_argument("--only", help="only pages whose label contains this")
    parser.add_argument("--skip", action="append", default=[], help="skip pages with this")
    parser.add_argument("--cached", action="store_true", help="keep the page cache between runs")
    parser.add_argument(
        "--cold",
        metavar="COMMAND",
        help="run COMMAND before each page's first fetch to empty the database's caches "
        "(scripts/pg_cold: restart the local PostgreSQL, drop the OS page cache); the table's "
        "'cold ms' is that fetch",
    )
    parser.add_argument("--json", help="also write the figures to this file (for the harness)")
    args = parser.parse_args()
    try:
        stories = Article.objects.count()
    except DatabaseError as error:
        sys.exit(f"Cannot read stories ({error}): run migrate and generate_corpus first.")
    if not stories:
        sys.exit("No stories: run generate_corpus first.")
    setup_test_environment()  # DEBUG off, as served; ALLOWED_HOSTS gains "testserver"
    staff, public = staff_client(), Client()
    summary = (
        f"{connection.vendor}, {stories:,} stories "
        f"({Article.objects.published().count():,} published), "
        f"{Mention.objects.count():,} mentions, {Endorsement.objects.count():,} endorsements; "
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"{args.runs} runs after a first fetch"
        f"{' (cold fetches in a pass of their own before)' if args.cold else ''}; "
        f"page cache {'kept' if args.cached else 'emptied'}"
    )
    print(summary, file=sys.stderr)
    pages = [
        (label, url, staff if needs_staff else public)
        for label, url, needs_staff in choose_pages()
        if (not args.only or args.only.lower() in label.lower())
        and not any(word.lower() in label.lower() for word in args.skip)
    ]
    # Cold fetches first, all of them, then the warm runs of every page: runs straight after a
    # restart would still be reading what the cold fetch did not (other indexes, catalogs).
    colds = {url: cold_fetch(client, url, args.cold) for _, url, client in pages if args.cold}
    rows = []
    for label, url, client in pages:
        page, first, statements = time_page(client, url, args.runs, args.slow, args.cached)
        first = colds.get(url, first)
        sql = time_sql(statements, len(page))
        rows.append(
            summarize(label, url, page, first, sql, len(statements), connection.vendor, stories)
        )
        print(f"  {label}: {statistics.median(page):,.1f} ms  ({url})", file=sys.stderr)
    output = f"{summary}\n\n{table(rows, bool(args.cold))}\n"
    print(output)
    if args.markdown:
        Path(args.markdown).write_text(output)
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {
                    "summary": summary,
                    "vendor": connection.vendor,
                    "stories": stories,
                    "cold": bool(args.cold),
                    "rows": rows,
                },
                indent=1,
            )
        )


if __name__ == "__main__":
    main()

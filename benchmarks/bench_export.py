"""Export memory and time: does streaming keep memory flat as the archive grows?

Builds a throwaway SQLite archive (or uses DATABASE_URL if set to a scratch database), then
exports it as CSV and JSON through the real view and reports the peak Python memory
(tracemalloc) and the time for each size. Usage:

    ./scripts/uv run python benchmarks/bench_export.py --stories 100000
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--stories", type=int, default=100_000, help="largest archive size (default 100000)"
    )
    parser.add_argument(
        "--runs", type=int, default=3, help="exports per format and size (median reported)"
    )
    args = parser.parse_args()

    scratch = tempfile.mkdtemp(prefix="bench-export-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{scratch}/bench.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "newsroom.settings.test"
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    client = Client()
    client.force_login(User.objects.create_superuser("bench", "bench@example.org", "x"))

    sizes = sorted({max(args.stories // 10, 1), args.stories})
    loaded = 0
    print(f"{'stories':>8} {'format':>6} {'median s':>9} {'peak MiB':>9} {'bytes out':>12}")
    results = {}
    for size in sizes:
        add_stories(loaded, size)
        loaded = size
        for kind in ("csv", "json"):
            times, peaks, sizes_out = [], [], []
            for _ in range(args.runs):
                tracemalloc.start()
                started = time.perf_counter()
                response = client.get("/archive/", {"format": kind}, HTTP_HOST="localhost")
                total = sum(len(chunk) for chunk in response.streaming_content)
                times.append(time.perf_counter() - started)
                peaks.append(tracemalloc.get_traced_memory()[1] / 2**20)
                tracemalloc.stop()
                sizes_out.append(total)
            results[(size, kind)] = statistics.median(peaks)
            print(
                f"{size:>8} {kind:>6} {statistics.median(times):>9.2f} {statistics.median(peaks):>9.1f} {sizes_out[0]:>12,}"
            )
    if len(sizes) == 2:
        for kind in ("csv", "json"):
            ratio = results[(sizes[1], kind)] / results[(sizes[0], kind)]
            print(f"peak memory ratio {kind}: {ratio:.2f}x for {sizes[1] // sizes[0]}x the stories")


def add_stories(start, end):
    """Stories start..end-1, each with a byline and three mentions, bulk-inserted."""
    import datetime as dt

    from django.db import transaction
    from django.utils import timezone

    from articles.models import Article, Byline, Mention, Section
    from people.models import Organization, Person

    section, _ = Section.objects.get_or_create(slug="politics", defaults={"name": "Politics"})
    paper, _ = Organization.objects.get_or_create(
        slug="paper", defaults={"name": "The Paper", "kind": "media"}
    )
    people = [
        Person.objects.get_or_create(slug=f"p{i}", defaults={"name": f"Person {i}"})[0]
        for i in range(50)
    ]
    base = timezone.now() - dt.timedelta(days=3650)
    batch = 5000
    with transaction.atomic():
        for first in range(start, end, batch):
            numbers = range(first, min(first + batch, end))
            articles = Article.objects.bulk_create(
                Article(
                    headline=f"Story number {n} about the district attorney's office",
                    slug=f"story-{n}",
                    dek="A summary of the story.",
                    body="Paragraph one.\n\nParagraph two.",
                    section=section,
                    publication=paper,
                    status="published",
                    published_at=base + dt.timedelta(minutes=n),
                )
                for n in numbers
            )
            Byline.objects.bulk_create(
                Byline(article=a, person=people[a.pk % 50]) for a in articles
            )
            Mention.objects.bulk_create(
                Mention(article=a, person=people[(a.pk + k) % 50])
                for a in articles
                for k in (1, 2, 3)
            )


if __name__ == "__main__":
    main()

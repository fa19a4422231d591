"""manage.py generate_corpus: a deterministic synthetic archive for benchmarks (see devtools.synthetic)."""

import os
import time

from django.core.management.base import BaseCommand, CommandError

from devtools import synthetic
from devtools.synthetic.jsonl import write_jsonl


class Command(BaseCommand):
    help = (
        "Replace the synthetic stories and people with a new deterministic set: "
        "--stories N --seed S (marked synthetic; real stories are left alone)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--stories", type=int, required=True, help="How many stories.")
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same archive.")
        parser.add_argument("--people", type=int, default=20_000, help="How many people.")
        parser.add_argument(
            "--jsonl",
            metavar="FILE",
            help="Write the stories to FILE as JSON Lines for import_stories instead of loading "
            "them (the database is not touched).",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="Parallel loading processes (PostgreSQL; default: one per CPU core).",
        )

    def handle(self, stories, seed, people, workers, verbosity, jsonl=None, **options):
        if stories < 0 or people < 1:
            raise CommandError("--stories must be 0 or more and --people at least 1.")
        if jsonl:
            try:
                write_jsonl(jsonl, stories, seed, people)
            except OSError as error:
                raise CommandError(f"Cannot write {jsonl}: {error}") from None
            if verbosity:
                self.stdout.write(f"Wrote {stories:,} synthetic stories to {jsonl}.")
            return
        started = time.monotonic()
        counts = synthetic.generate(
            stories,
            seed,
            people=people,
            workers=workers or os.cpu_count() or 1,
            log=lambda message: verbosity and self.stdout.write(message),
            progress=verbosity > 0,
        )
        elapsed = time.monotonic() - started
        if verbosity:
            summary = ", ".join(f"{value:,} {key}" for key, value in counts.items())
            self.stdout.write(f"Synthetic archive (seed {seed}): {summary}.")
            self.stdout.write(
                f"Took {elapsed:,.1f} s ({stories / max(elapsed, 1e-9):,.0f} stories/s)."
            )

"""manage.py linking_quality: precision and recall of the linker on the gold files, per kind."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.ingest.gazetteer import Gazetteer
from articles.ingest.quality import KINDS, TARGETS, evaluate


class Command(BaseCommand):
    help = (
        "Run the linker over the texts of the gold files (tests/ingest_gold/ by default) and "
        "print precision and recall per kind, for the seed stories and our own test stories. "
        "Needs the people and organizations the texts name (manage.py load_demo)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--gold", default=str(Path(settings.BASE_DIR) / "tests" / "ingest_gold")
        )
        parser.add_argument("--check", action="store_true", help="Fail below the targets.")
        parser.add_argument("--show-errors", action="store_true", help="List misses and extras.")

    def handle(self, gold, check, show_errors, **options):
        scores, skipped = evaluate(gold, Gazetteer.from_database())
        if not scores:
            raise CommandError(f"No gold files with their texts under {gold}.")
        self.stdout.write(
            f"{'set':<6}{'kind':<15}{'gold':>6}{'found':>7}{'right':>7}{'precision':>11}{'recall':>8}"
        )
        failing = []
        for group, kinds in scores.items():
            for kind in KINDS:
                s = kinds[kind]
                self.stdout.write(
                    f"{group:<6}{kind:<15}{s.gold:>6}{s.found:>7}{s.correct:>7}"
                    f"{s.precision:>11.3f}{s.recall:>8.3f}"
                )
                if min(s.precision, s.recall) < TARGETS[kind]:
                    failing.append(f"{group} {kind}")
                if show_errors:
                    for item in s.misses:
                        self.stdout.write(f"    missed: {item}")
                    for item in s.extras:
                        self.stdout.write(f"    extra:  {item}")
        for path in skipped:
            self.stdout.write(f"skipped (text not found): {path}")
        if check and failing:
            raise CommandError(f"Below target: {', '.join(failing)}.")

"""manage.py import_stories PATH...: plain-text and JSON Lines stories, as drafts, with suggestions."""

import sys
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from articles.ingest.importer import Importer
from articles.ingest.parsing import RecordError, parse_datetime, read_paths

PUBLISH_PERMISSION = "articles.publish_article"


class Progress:
    """A one-line progress bar on stderr, redrawn at most twice a second."""

    def __init__(self, enabled):
        self.enabled, self.done = enabled, 0
        self.started = self.drawn = time.monotonic()

    def __call__(self):
        self.done += 1
        now = time.monotonic()
        if self.enabled and now - self.drawn > 0.5:
            self.drawn = now
            rate = self.done / max(now - self.started, 1e-9)
            sys.stderr.write(f"\rImporting: {self.done:,} stories, {rate:,.0f}/s ")
            sys.stderr.flush()

    def close(self):
        if self.enabled and self.done:
            sys.stderr.write("\n")


class Command(BaseCommand):
    help = (
        "Import stories from plain-text files (an optional header block of Headline:, "
        "Published:, Byline:, Section:, URL: lines; captions ending in a credit become photos) "
        "and JSON Lines files, as drafts, with the linker's suggestions for review."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Files (.txt, .jsonl) or folders.")
        parser.add_argument("--dry-run", action="store_true", help="Report, write nothing.")
        parser.add_argument(
            "--publish", action="store_true",
            help="Publish stories that have a publish time (needs --user who may publish).",
        )  # fmt: skip
        parser.add_argument("--user", help="The staff account the import is done as.")
        parser.add_argument("--publication", help="News organization for stories naming none.")
        parser.add_argument("--section", help='Section for stories naming none (default "News").')
        parser.add_argument(
            "--published", metavar="ISO",
            help="Publish time for text files without one, e.g. 2024-11-05T21:00:00-08:00.",
        )  # fmt: skip

    def handle(self, paths, dry_run, publish, user, publication, section, published, **options):
        if publish:
            self._check_publisher(user)
        default_time = None
        if published:
            try:
                default_time = parse_datetime(published, "--published")
            except RecordError as error:
                raise CommandError(str(error)) from None
        importer = Importer(
            publish=publish, dry_run=dry_run, publication=publication, section=section
        )
        records = read_paths(paths, timezone.get_current_timezone())
        if default_time:
            records = (self._dated(record, default_time) for record in records)
        progress = Progress(options["verbosity"] > 0 and sys.stderr.isatty())
        started = time.monotonic()
        report = importer.run(records, progress)
        progress.close()
        self._print(report, time.monotonic() - started, dry_run)

    @staticmethod
    def _dated(record, moment):
        if not isinstance(record, RecordError) and record.published_at is None:
            record.published_at = moment
        return record

    def _check_publisher(self, username):
        if not username:
            raise CommandError("--publish needs --user: the editor who publishes.")
        account = get_user_model().objects.filter(username=username, is_active=True).first()
        if account is None or not account.has_perm(PUBLISH_PERMISSION):
            raise CommandError(f"{username!r} may not publish stories; import them as drafts.")

    def _print(self, report, elapsed, dry_run):
        prefix = "Dry run, nothing written: " if dry_run else ""
        self.stdout.write(
            f"{prefix}{report.imported} imported, {report.updated} updated, "
            f"{report.unchanged} unchanged, {len(report.skipped)} skipped; "
            f"{report.suggested} suggestions for review "
            f"({report.total / max(elapsed, 1e-9):,.0f} stories/s)."
        )
        for where, reason in report.skipped:
            self.stdout.write(f"  skipped {where}: {reason}")
        for note in report.notes:
            self.stdout.write(f"  note: {note}")

"""manage.py suggest FILE --date YYYY-MM-DD --format json: what the linker finds, writing nothing."""

import datetime as dt
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.ingest.analysis import analyse
from articles.ingest.gazetteer import Gazetteer


class Command(BaseCommand):
    help = (
        "Print the people, organizations, quotes and figures found in a text file, as of a "
        "date, without writing anything. Offsets are Python string indices into the file's text."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A UTF-8 text file.")
        parser.add_argument("--date", required=True, help="The story's date, YYYY-MM-DD.")
        parser.add_argument("--format", choices=["json"], default="json")

    def handle(self, file, date, **options):
        try:
            day = dt.date.fromisoformat(date)
        except ValueError:
            raise CommandError(f"--date {date!r} is not a date in the form YYYY-MM-DD.") from None
        path = Path(file)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from None
        result = analyse(text, Gazetteer.from_database(), day).as_json()
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))

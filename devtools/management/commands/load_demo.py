"""Load the demo archive: the LA County DA races of 2020 and 2024 as two seed stories report them.

The records are devtools/demo/data/*.toml (docs/demo-data.md). Safe to re-run: records are
matched on natural keys and saved only when something differs, so a second run changes nothing
(and adds no change history). Everything happens in one transaction; --dry-run rolls it back
after reporting what would change.
"""

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from devtools.demo.loader import DemoLoader
from devtools.demo.upsert import DemoDataError

DEMO_USERS = [
    # username, group (None: superuser)
    ("admin", None),
    ("editor", "Editors"),
    ("dataentry", "Data entry"),
]


class Command(BaseCommand):
    help = "Load the demo archive (idempotent). Optionally attach the seed stories' full text."

    def add_arguments(self, parser):
        parser.add_argument(
            "--seeds",
            metavar="PATH",
            help="Folder with the seed story texts; their full text becomes the stories' bodies. "
            "A missing folder is reported and the built-in summaries are used.",
        )
        parser.add_argument(
            "--with-demo-users",
            action="store_true",
            help="Also create demo sign-ins (admin, editor, dataentry). Only allowed with DEBUG on.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change, then roll back."
        )

    def handle(
        self, *args, seeds=None, with_demo_users=False, dry_run=False, verbosity=1, **options
    ):
        if with_demo_users and not settings.DEBUG:
            raise CommandError(
                "--with-demo-users creates well-known passwords and is refused when DEBUG is off."
            )
        if seeds and not (settings.BASE_DIR / seeds).is_dir():
            self.stderr.write(
                self.style.WARNING(f"Seed folder {seeds} not found: using the built-in summaries.")
            )
            seeds = None
        elif seeds:
            seeds = settings.BASE_DIR / seeds

        def log(message):
            if verbosity >= 2 or message.startswith("warning"):
                self.stdout.write(message)

        with transaction.atomic():
            loader = DemoLoader(seeds=seeds, log=log)
            try:
                stats = loader.run()
            except DemoDataError as error:
                raise CommandError(f"Demo data: {error} Nothing was loaded.") from None
            users = self.create_demo_users() if with_demo_users else []
            if dry_run:
                transaction.set_rollback(True)

        if verbosity >= 1:
            changes = ", ".join(
                f"{count} {name} {what}" for (name, what), count in sorted(stats.items())
            )
            prefix = "Would change" if dry_run else "Changed"
            self.stdout.write(f"{prefix}: {changes or 'nothing'}.")
            self.stdout.write(self.summary(loader))
            for username, password in users:
                self.stdout.write(f"Demo sign-in: {username} / {password}")

    def summary(self, loader):
        from articles.models import Article, Photo, Quote
        from people.models import Candidacy, Endorsement, Organization, Person, Poll, Race

        counts = {
            "stories": Article.objects.count(),
            "people": Person.objects.count(),
            "organizations": Organization.objects.count(),
            "races": Race.objects.count(),
            "candidacies": Candidacy.objects.count(),
            "endorsements": Endorsement.objects.count(),
            "polls": Poll.objects.count(),
            "quotes": Quote.objects.count(),
            "photos": Photo.objects.count(),
        }
        return "Archive now holds: " + ", ".join(f"{n} {name}" for name, n in counts.items()) + "."

    def create_demo_users(self):
        created = []
        for username, group in DEMO_USERS:
            password = f"{username}-demo"
            if User.objects.filter(username=username).exists():
                created.append((username, "(unchanged)"))
                continue
            if group is None:
                User.objects.create_superuser(username, f"{username}@example.org", password)
            else:
                user = User.objects.create_user(
                    username, f"{username}@example.org", password, is_staff=True
                )
                user.groups.add(Group.objects.get(name=group))
            created.append((username, password))
        return created

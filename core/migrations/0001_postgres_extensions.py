"""PostgreSQL extensions for search and name matching; a no-op on SQLite."""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    # Databases made before the base layer had its own app recorded this under "newsroom".
    replaces = [("newsroom", "0001_postgres_extensions")]
    operations = [UnaccentExtension(), TrigramExtension()]

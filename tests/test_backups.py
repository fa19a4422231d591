"""Backups restore: the JSON dump and load that backs up an SQLite archive (docs/operations.md)
gives back every row as it was. PostgreSQL's pg_dump round trip is scripts/backup_roundtrip.py."""

import datetime as dt
import hashlib
import io

import pytest
from django.apps import apps
from django.core import serializers
from django.core.management import call_command

from tests import factories as f

pytestmark = pytest.mark.django_db(transaction=True)

# As docs/operations.md runs it: what migrate recreates by itself is left out.
DUMP_OPTIONS = {
    "natural_foreign": True,
    "natural_primary": True,
    "exclude": [
        "contenttypes",
        "auth.permission",
        "sessions",
        "admin.logentry",
        "articles.storytally",  # recounted by the triggers as the stories load
        "articles.coveragetally",  # likewise, as the mentions load
    ],
    "indent": 1,
}
APPS = ("core", "people", "articles", "auth", "axes")


def at_json_precision(value):
    """JSON dumps keep times to the millisecond: compare at that precision."""
    if isinstance(value, dt.datetime | dt.time):
        return value.replace(microsecond=value.microsecond // 1000 * 1000)
    return value


def fingerprint():
    """Each model's row count and a hash of its rows (natural keys, in a fixed order)."""
    result = {}
    for app in APPS:
        for model in apps.get_app_config(app).get_models():
            if model._meta.label_lower in {"articles.storytally", "articles.coveragetally"}:
                continue  # not dumped: recounted by triggers (tests/test_tallies.py)
            objects = serializers.serialize(
                "python",
                model._base_manager.all(),
                use_natural_foreign_keys=True,
                use_natural_primary_keys=True,
            )
            rows = sorted(
                repr(sorted((k, at_json_precision(v)) for k, v in obj["fields"].items()))
                + repr(obj.get("pk"))
                for obj in objects
            )
            result[model._meta.label] = (len(rows), hashlib.md5("".join(rows).encode()).hexdigest())
    return result


def test_a_json_dump_loads_back_into_an_empty_database_unchanged(tmp_path):
    call_command("load_demo", verbosity=0)
    f.ArticleFactory(status="draft", published_at=None, slug="a-draft")
    before = fingerprint()
    assert before["articles.Article"][0] >= 3 and before["people.Person"][0] > 10
    dump = tmp_path / "archive.json"
    with dump.open("w") as out:
        call_command("dumpdata", stdout=out, **DUMP_OPTIONS)
    call_command("flush", interactive=False, verbosity=0)
    assert apps.get_model("articles", "Article").objects.count() == 0
    call_command("loaddata", str(dump), verbosity=0)
    assert fingerprint() == before
    # And the restored archive works: its stories are found by the search.
    stdout = io.StringIO()
    call_command("dumpdata", "articles.article", stdout=stdout)
    assert "a-draft" in stdout.getvalue()

"""When the archive's records last changed: the honest ``Last-Modified`` of an answer built
from them.

Every story, story part and civic fact keeps its history (django-simple-history): each save,
and each delete, writes a history row stamped with the moment. The latest of those stamps,
over every history table of ``articles`` and ``people``, is the last moment anything an
answer may show changed: a new row, an edit, a deletion, a story published or withdrawn
(which changes which facts readers see). One more moment counts that writes nothing: a
scheduled story becomes public when its time comes, so the latest publish time already
passed is taken too.

Why not the latest change of the rows an answer shows? A row deleted, or hidden because its
only story was withdrawn, is no longer among them, so their latest stamp could go back in
time and a reader's copy holding that row would be called current. The whole archive's
latest change is coarser (any edit anywhere moves it on) but never claims an answer is
older than it is; the ETag tells finer.

One query: the newest stamp of each history table (each ``history_date`` is indexed) and of
the published stories, the greatest of them.
"""

import datetime

from django.apps import apps
from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from .models import Article


def history_models():
    """The history models of every story and fact (what ``core.pagecache`` watches, kept)."""
    found = []
    for label in ("articles", "people"):
        for model in apps.get_app_config(label).get_models():
            history = getattr(model, "history", None)
            if history is not None and not model.__name__.startswith("Historical"):
                found.append(history.model)
    return found


def _as_datetime(value):
    if value is None or isinstance(value, datetime.datetime):
        moment = value
    else:  # SQLite hands back the text it stores
        moment = parse_datetime(str(value))
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment, datetime.UTC)
    return moment


def latest_change(now=None):
    """The last moment a story, a story's part or a fact changed (or a story came out), or
    None for an empty archive."""
    quote = connection.ops.quote_name
    parts = [
        f"SELECT MAX({quote('history_date')}) AS moment FROM {quote(model._meta.db_table)}"
        for model in history_models()
    ]
    # The stories out by now, as the one visibility rule (``published()``) selects them.
    out, params = (
        Article.objects.published(now or timezone.now())
        .order_by()
        .values("published_at")
        .query.sql_with_params()
    )
    parts.append(f"SELECT MAX(came_out.{quote('published_at')}) AS moment FROM ({out}) AS came_out")
    sql = "SELECT MAX(moment) FROM (" + " UNION ALL ".join(parts) + ") AS stamps"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        (value,) = cursor.fetchone()
    return _as_datetime(value)

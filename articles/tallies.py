"""Story counts kept by the database: one row per publication day, section and status.

Triggers on ``articles_article`` add one to a story's cell when it is written and take one
from its old cell when it is changed or deleted, inside the writing transaction, on
PostgreSQL and SQLite alike: the counts cannot drift from the stories whatever writes them.
The day is the publish time's date in the newsroom's time zone (``TIME_ZONE``, fixed in the
trigger when it is installed: after changing it run ``manage.py rebuild_tallies``).

A story list filtered only by publication dates, section and status is counted, charted and
faceted by section and month from these rows (at most one row per day and section), instead
of reading every matching story. docs/performance.md has the design and its figures.
"""

import datetime as dt
import zoneinfo
from contextlib import contextmanager

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Min, Sum
from django.db.models.functions import TruncMonth

from core.publishing import PUBLIC_STATUSES

from .models.tallies import NO_DAY, CoverageTally, StoryTally

TABLE = StoryTally._meta.db_table
TRIGGERS = ("articles_tally_insert", "articles_tally_update", "articles_tally_delete")
# What a story's cell depends on; an update touching none of them leaves the counts alone.
CELL_COLUMNS = ("published_at", "section_id", "status")


def _pg_day(row):
    return f"COALESCE(({row}.published_at AT TIME ZONE '{settings.TIME_ZONE}')::date, '{NO_DAY}')"


def _sqlite_day(row):
    # Django registers this function on every SQLite connection it opens.
    return (
        f"COALESCE(django_datetime_cast_date({row}.published_at, '{settings.TIME_ZONE}', 'UTC'),"
        f" '{NO_DAY}')"
    )


def _add(day, row, sign):
    return (
        f"INSERT INTO {TABLE} (day, section_id, status, stories) "
        f"VALUES ({day}, {row}.section_id, {row}.status, {sign}1) "
        f"ON CONFLICT (day, section_id, status) DO UPDATE SET stories = {TABLE}.stories {sign} 1"
    )


def _postgres_sql():
    changed = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in CELL_COLUMNS)
    return [
        f"""CREATE OR REPLACE FUNCTION articles_tally() RETURNS trigger AS $$
        BEGIN
            IF TG_OP IN ('UPDATE', 'DELETE') THEN {_add(_pg_day("OLD"), "OLD", "-")}; END IF;
            IF TG_OP IN ('UPDATE', 'INSERT') THEN {_add(_pg_day("NEW"), "NEW", "+")}; END IF;
            RETURN NULL;
        END $$ LANGUAGE plpgsql""",
        "CREATE TRIGGER articles_tally_insert AFTER INSERT ON articles_article "
        "FOR EACH ROW EXECUTE FUNCTION articles_tally()",
        f"CREATE TRIGGER articles_tally_update AFTER UPDATE ON articles_article "
        f"FOR EACH ROW WHEN ({changed}) EXECUTE FUNCTION articles_tally()",
        "CREATE TRIGGER articles_tally_delete AFTER DELETE ON articles_article "
        "FOR EACH ROW EXECUTE FUNCTION articles_tally()",
    ]


def _sqlite_sql():
    changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in CELL_COLUMNS)
    new, old = _add(_sqlite_day("NEW"), "NEW", "+"), _add(_sqlite_day("OLD"), "OLD", "-")
    return [
        f"CREATE TRIGGER articles_tally_insert AFTER INSERT ON articles_article BEGIN {new}; END",
        f"CREATE TRIGGER articles_tally_update AFTER UPDATE ON articles_article "
        f"WHEN {changed} BEGIN {old}; {new}; END",
        f"CREATE TRIGGER articles_tally_delete AFTER DELETE ON articles_article BEGIN {old}; END",
    ]


def _rebuild_sql(vendor):
    day = _pg_day("a") if vendor == "postgresql" else _sqlite_day("a")
    return [
        f"DELETE FROM {TABLE}",
        f"INSERT INTO {TABLE} (day, section_id, status, stories) "
        f"SELECT {day}, a.section_id, a.status, COUNT(*) FROM articles_article a "
        f"GROUP BY 1, 2, 3",
    ]


def uninstall(connection):
    with connection.cursor() as cursor:
        for name in TRIGGERS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}" + _on(connection))
        if connection.vendor == "postgresql":
            cursor.execute("DROP FUNCTION IF EXISTS articles_tally()")


def _on(connection, table="articles_article"):
    return f" ON {table}" if connection.vendor == "postgresql" else ""


def install(connection):
    """(Re)create the triggers and recount every cell from the stories, in one transaction."""
    uninstall(connection)
    statements = _postgres_sql() if connection.vendor == "postgresql" else _sqlite_sql()
    with connection.cursor() as cursor:
        for sql in statements + _rebuild_sql(connection.vendor):
            cursor.execute(sql)


def rebuild(connection):
    """Recount every cell (after a bulk load that bypassed the triggers)."""
    with connection.cursor() as cursor:
        for sql in _rebuild_sql(connection.vendor) + _coverage_rebuild_sql(connection.vendor):
            cursor.execute(sql)


# Coverage: stories per person, organization or race, month and status ---------------------
#
# Each mention carries a copy of its story's publish time and status (``story_published_at``,
# ``story_status``): on PostgreSQL a BEFORE trigger on the mention copies them from the story
# on every insert and update, on SQLite an AFTER trigger corrects the row when they differ,
# and a change of the story's time or status is copied to its mentions by a trigger on the
# story. A second set of triggers on the mention adds one to the cell of its new values and
# takes one from the cell of its old ones, so the tallies are the mentions grouped by target,
# month and status, whatever writes them.

COVERAGE_TABLE = CoverageTally._meta.db_table
MENTION = "articles_mention"
COVERAGE_TRIGGERS = {
    "articles_mention_story_insert": MENTION,
    "articles_mention_story_update": MENTION,
    "articles_coverage_insert": MENTION,
    "articles_coverage_update": MENTION,
    "articles_coverage_delete": MENTION,
    "articles_story_mentions_insert": "articles_article",
    "articles_story_mentions_update": "articles_article",
}
COVERAGE_FUNCTIONS = ("articles_mention_story", "articles_coverage", "articles_story_mentions")
TARGET_COLUMNS = ("person_id", "organization_id", "race_id")
KINDS = {"person_id": "person", "organization_id": "organization", "race_id": "race"}


def _kind(row):
    cases = " ".join(
        f"WHEN {row}.{column} IS NOT NULL THEN '{kind}'" for column, kind in KINDS.items()
    )
    return f"CASE {cases} END"


def _target(row):
    return f"COALESCE({', '.join(f'{row}.{column}' for column in TARGET_COLUMNS)})"


def _pg_month(moment):
    return (
        f"COALESCE(date_trunc('month', {moment} AT TIME ZONE '{settings.TIME_ZONE}')::date,"
        f" '{NO_DAY}')"
    )


def _sqlite_month(moment):
    return (
        f"COALESCE(substr(django_datetime_cast_date({moment}, '{settings.TIME_ZONE}', 'UTC'),"
        f" 1, 8) || '01', '{NO_DAY}')"
    )


def _count(month, row, sign):
    if sign == "-":
        # A mention always counted in its cell when it was written, so its row is there to
        # take one from; a decrement never makes a row. (SQLite's flush deletes the tables
        # one by one, this one before the mentions: their deletions must leave no -1 rows.)
        return (
            f"UPDATE {COVERAGE_TABLE} SET stories = stories - 1 "
            f"WHERE kind = {_kind(row)} AND target_id = {_target(row)} "
            f"AND month = {month(f'{row}.story_published_at')} "
            f"AND status = COALESCE({row}.story_status, '')"
        )
    return (
        f"INSERT INTO {COVERAGE_TABLE} (kind, target_id, month, status, stories) "
        f"VALUES ({_kind(row)}, {_target(row)}, {month(f'{row}.story_published_at')}, "
        f"COALESCE({row}.story_status, ''), {sign}1) "
        f"ON CONFLICT (kind, target_id, month, status) "
        f"DO UPDATE SET stories = {COVERAGE_TABLE}.stories {sign} 1"
    )


def _mention_changed(distinct):
    columns = (*TARGET_COLUMNS, "story_published_at", "story_status")
    return " OR ".join(f"OLD.{c} {distinct} NEW.{c}" for c in columns)


def _coverage_postgres_sql():
    story_changed = " OR ".join(
        f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in ("published_at", "status")
    )
    return [
        """CREATE OR REPLACE FUNCTION articles_mention_story() RETURNS trigger AS $$
        BEGIN
            SELECT a.published_at, a.status INTO NEW.story_published_at, NEW.story_status
              FROM articles_article a WHERE a.id = NEW.article_id;
            RETURN NEW;
        END $$ LANGUAGE plpgsql""",
        f"""CREATE OR REPLACE FUNCTION articles_coverage() RETURNS trigger AS $$
        BEGIN
            IF TG_OP IN ('UPDATE', 'DELETE') THEN {_count(_pg_month, "OLD", "-")}; END IF;
            IF TG_OP IN ('UPDATE', 'INSERT') THEN {_count(_pg_month, "NEW", "+")}; END IF;
            RETURN NULL;
        END $$ LANGUAGE plpgsql""",
        """CREATE OR REPLACE FUNCTION articles_story_mentions() RETURNS trigger AS $$
        BEGIN
            UPDATE articles_mention SET story_published_at = NEW.published_at,
                   story_status = NEW.status
             WHERE article_id = NEW.id
               AND (story_published_at IS DISTINCT FROM NEW.published_at
                    OR story_status IS DISTINCT FROM NEW.status);
            RETURN NULL;
        END $$ LANGUAGE plpgsql""",
        f"CREATE TRIGGER articles_mention_story_insert BEFORE INSERT ON {MENTION} "
        "FOR EACH ROW EXECUTE FUNCTION articles_mention_story()",
        f"CREATE TRIGGER articles_mention_story_update BEFORE UPDATE ON {MENTION} "
        "FOR EACH ROW EXECUTE FUNCTION articles_mention_story()",
        f"CREATE TRIGGER articles_coverage_insert AFTER INSERT ON {MENTION} "
        "FOR EACH ROW EXECUTE FUNCTION articles_coverage()",
        f"CREATE TRIGGER articles_coverage_update AFTER UPDATE ON {MENTION} "
        f"FOR EACH ROW WHEN ({_mention_changed('IS DISTINCT FROM')}) "
        "EXECUTE FUNCTION articles_coverage()",
        f"CREATE TRIGGER articles_coverage_delete AFTER DELETE ON {MENTION} "
        "FOR EACH ROW EXECUTE FUNCTION articles_coverage()",
        "CREATE TRIGGER articles_story_mentions_insert AFTER INSERT ON articles_article "
        "FOR EACH ROW EXECUTE FUNCTION articles_story_mentions()",
        "CREATE TRIGGER articles_story_mentions_update AFTER UPDATE ON articles_article "
        f"FOR EACH ROW WHEN ({story_changed}) EXECUTE FUNCTION articles_story_mentions()",
    ]


def _story_of(row, column):
    return f"(SELECT a.{column} FROM articles_article a WHERE a.id = {row}.article_id)"


def _sqlite_correct(row):
    # SQLite triggers cannot change the row being written: correct it afterwards. The update
    # fires the counting trigger below, which moves the mention to its right cell.
    published, status = _story_of(row, "published_at"), _story_of(row, "status")
    return (
        f"WHEN {row}.story_published_at IS NOT {published} OR {row}.story_status IS NOT {status} "
        f"BEGIN UPDATE {MENTION} SET story_published_at = {published}, story_status = {status} "
        f"WHERE id = {row}.id; END"
    )


def _coverage_sqlite_sql():
    story_changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in ("published_at", "status"))
    copy = (
        f"UPDATE {MENTION} SET story_published_at = NEW.published_at, story_status = NEW.status "
        f"WHERE article_id = NEW.id AND (story_published_at IS NOT NEW.published_at "
        f"OR story_status IS NOT NEW.status)"
    )
    new, old = _count(_sqlite_month, "NEW", "+"), _count(_sqlite_month, "OLD", "-")
    return [
        f"CREATE TRIGGER articles_mention_story_insert AFTER INSERT ON {MENTION} "
        + _sqlite_correct("NEW"),
        f"CREATE TRIGGER articles_mention_story_update AFTER UPDATE ON {MENTION} "
        + _sqlite_correct("NEW"),
        f"CREATE TRIGGER articles_coverage_insert AFTER INSERT ON {MENTION} BEGIN {new}; END",
        f"CREATE TRIGGER articles_coverage_update AFTER UPDATE ON {MENTION} "
        f"WHEN {_mention_changed('IS NOT')} BEGIN {old}; {new}; END",
        f"CREATE TRIGGER articles_coverage_delete AFTER DELETE ON {MENTION} BEGIN {old}; END",
        f"CREATE TRIGGER articles_story_mentions_insert AFTER INSERT ON articles_article "
        f"BEGIN {copy}; END",
        f"CREATE TRIGGER articles_story_mentions_update AFTER UPDATE ON articles_article "
        f"WHEN {story_changed} BEGIN {copy}; END",
    ]


def _coverage_rebuild_sql(vendor):
    """Every mention's copy of its story's time and status made right, then every cell
    recounted from the mentions."""
    if vendor == "postgresql":
        sync = (
            f"UPDATE {MENTION} m SET story_published_at = a.published_at, story_status = a.status "
            f"FROM articles_article a WHERE a.id = m.article_id "
            f"AND (m.story_published_at IS DISTINCT FROM a.published_at "
            f"OR m.story_status IS DISTINCT FROM a.status)"
        )
        month = _pg_month("m.story_published_at")
    else:
        published, status = _story_of(MENTION, "published_at"), _story_of(MENTION, "status")
        sync = (
            f"UPDATE {MENTION} SET story_published_at = {published}, story_status = {status} "
            f"WHERE story_published_at IS NOT {published} OR story_status IS NOT {status}"
        )
        month = _sqlite_month("m.story_published_at")
    return [
        sync,
        f"DELETE FROM {COVERAGE_TABLE}",
        f"INSERT INTO {COVERAGE_TABLE} (kind, target_id, month, status, stories) "
        f"SELECT {_kind('m')}, {_target('m')}, {month}, COALESCE(m.story_status, ''), COUNT(*) "
        f"FROM {MENTION} m GROUP BY 1, 2, 3, 4",
    ]


def uninstall_coverage(connection):
    with connection.cursor() as cursor:
        for name, table in COVERAGE_TRIGGERS.items():
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}" + _on(connection, table))
        if connection.vendor == "postgresql":
            for function in COVERAGE_FUNCTIONS:
                cursor.execute(f"DROP FUNCTION IF EXISTS {function}()")


def install_coverage(connection):
    """(Re)create the coverage triggers and recount every cell from the mentions."""
    uninstall_coverage(connection)
    postgres = connection.vendor == "postgresql"
    statements = _coverage_postgres_sql() if postgres else _coverage_sqlite_sql()
    sync, *recount = _coverage_rebuild_sql(connection.vendor)
    with connection.cursor() as cursor:
        # The copies first, while no trigger counts each corrected row one by one.
        for sql in [sync, *statements, *recount]:
            cursor.execute(sql)


@contextmanager
def suspended(connection):
    """For bulk loads on PostgreSQL (outside a transaction): the triggers off while loading,
    then every cell recounted and the triggers back on, whatever happens inside. Elsewhere
    (SQLite, or inside a transaction) the triggers simply keep counting."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        yield  # an open transaction may hold pending trigger events: ALTER TABLE would fail
        return
    triggers = {name: "articles_article" for name in TRIGGERS} | COVERAGE_TRIGGERS
    with connection.cursor() as cursor:
        for name, table in triggers.items():
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER {name}")
    try:
        yield
    finally:
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            # No writes missed between the recount and the triggers coming back on.
            cursor.execute(f"LOCK TABLE articles_article, {MENTION} IN SHARE MODE")
            sync, *recount = _coverage_rebuild_sql(connection.vendor)
            cursor.execute(sync)  # before the triggers count each corrected row
            for name, table in triggers.items():
                cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER {name}")
            for sql in _rebuild_sql(connection.vendor) + recount:
                cursor.execute(sql)


def missing_triggers(connection, names=TRIGGERS):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE tgname LIKE 'articles_%%'")
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        present = {name for (name,) in cursor.fetchall()}
    return [name for name in names if name not in present]


def ensure_after_migrate(sender, using="default", **kwargs):
    """``post_migrate``: SQLite drops a table's triggers when a migration rebuilds it."""
    from django.db import connections

    connection = connections[using]
    tables = connection.introspection.table_names()
    if TABLE in tables and missing_triggers(connection):
        install(connection)
    if COVERAGE_TABLE in tables and missing_triggers(connection, list(COVERAGE_TRIGGERS)):
        install_coverage(connection)


# Reading ----------------------------------------------------------------------------------


TALLIED_FILTERS = {"published_after", "published_before", "section", "status"}


def _given(value):
    # An empty multiple choice cleans to an empty queryset: len() of it runs no query.
    return value is not None and value != "" and not (hasattr(value, "__len__") and not len(value))


def cells(data):
    """The tally rows for a story filter's cleaned data, or None if the filter uses anything
    the tallies do not split by (text, people, bylines, ...)."""
    used = {key for key, value in data.items() if _given(value)}
    if used - TALLIED_FILTERS - {"sort"}:
        return None
    rows = StoryTally.objects.filter(stories__gt=0)
    if after := data.get("published_after"):
        rows = rows.filter(day__gte=after)
    if before := data.get("published_before"):
        rows = rows.filter(day__lte=before)
    if section := data.get("section"):
        rows = rows.filter(section=section)
    if status := data.get("status"):
        rows = rows.filter(status=status)
    return rows


def read(rows, by_month=False):
    """(total, {day: stories}, [(section id, stories)] most first), grouped by the database:
    by day, or with ``by_month`` by month ({first day: stories}), which is all a chart drawn
    by month or year needs: a few hundred rows for a long archive instead of one per day."""
    sections = per_section(rows)
    counted = per_month(rows) if by_month else per_day(rows)
    return sum(n for _, n in sections), counted, sections


def total(rows):
    return rows.aggregate(n=Sum("stories"))["n"] or 0


def per_day(rows):
    """{day: stories} for dated cells."""
    grouped = rows.exclude(day=NO_DAY).values("day").annotate(n=Sum("stories")).order_by()
    return {row["day"]: row["n"] for row in grouped}


def per_month(rows):
    """{first day of the month: stories} for dated cells."""
    grouped = (
        rows.exclude(day=NO_DAY)
        .annotate(month=TruncMonth("day"))
        .values("month")
        .annotate(n=Sum("stories"))
        .order_by()
    )
    return {row["month"]: row["n"] for row in grouped}


def span(rows):
    """(first day, last day) with stories, or (None, None)."""
    found = rows.exclude(day=NO_DAY).aggregate(first=Min("day"), last=Max("day"))
    return found["first"], found["last"]


def per_section(rows):
    """[(section_id, stories)], most first."""
    grouped = rows.values("section_id").annotate(n=Sum("stories")).order_by("-n", "section_id")
    return [(row["section_id"], row["n"]) for row in grouped]


def public_total_by_section(now, section=None):
    """Published stories per section id (of one ``section`` only when given), exact: whole
    days before today from the tallies, today's (where a scheduled story may not be out yet)
    read from the stories themselves."""
    from .models import Article

    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    local_today = now.astimezone(zone).date()
    rows = StoryTally.objects.filter(
        stories__gt=0, status__in=PUBLIC_STATUSES, day__lt=local_today
    ).exclude(day=NO_DAY)
    today = Article.objects.published(now)
    if section is not None:
        rows, today = rows.filter(section=section), today.filter(section=section)
    counts = dict(per_section(rows))
    start = dt.datetime.combine(local_today, dt.time.min, tzinfo=zone)
    for section_id in today.filter(published_at__gte=start).values_list("section_id", flat=True):
        counts[section_id] = counts.get(section_id, 0) + 1
    return counts


def public_per_month(now):
    """Published stories per month ({first day: stories}), exact: whole days before today from
    the tallies, today's read from the stories themselves (as ``public_total_by_section``)."""
    from .models import Article

    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    local_today = now.astimezone(zone).date()
    rows = StoryTally.objects.filter(
        stories__gt=0, status__in=PUBLIC_STATUSES, day__lt=local_today
    ).exclude(day=NO_DAY)
    counts = per_month(rows)
    start = dt.datetime.combine(local_today, dt.time.min, tzinfo=zone)
    today = Article.objects.published(now).filter(published_at__gte=start).count()
    if today:
        month = local_today.replace(day=1)
        counts[month] = counts.get(month, 0) + today
    return counts

"""The database side of story search: a document per story that the database keeps current.

PostgreSQL: ``articles_article.search_document`` is a stored generated tsvector (headline A,
dek B, linked people's names B, body C) over the ``newsroom_search`` text-search configuration,
which folds accents (unaccent) before English stemming, so "Gascon" and "Gascón" meet. The
names come from ``articles_article.search_names``, which triggers on mentions, people and their
other names rewrite; the vector itself is recomputed by PostgreSQL on every write to the row.
Neither column is a Django field: nothing in Python can write a stale value into them.

SQLite: an FTS5 table ``articles_search`` (rowid = story id) with the same four parts, filled
and updated by triggers, tokenized with accents removed and Porter stemming.

Both sets of triggers are created by migration and checked again after every ``migrate``
(SQLite rebuilds a table for some schema changes and drops its triggers on the way).
"""

import re
from contextlib import contextmanager

from django.db import transaction

# -- PostgreSQL ------------------------------------------------------------------------------

POSTGRES_CONFIG = "public.newsroom_search"

_PG_NAMES_OF = """
    SELECT coalesce(string_agg(DISTINCT name, ' '), '') FROM (
        SELECT p.name FROM articles_mention m JOIN people_person p ON p.id = m.person_id
         WHERE m.article_id = story
        UNION
        SELECT n.name FROM articles_mention m JOIN people_personname n ON n.person_id = m.person_id
         WHERE m.article_id = story
    ) AS names
"""

POSTGRES_INSTALL = [
    # Accent-free English: unaccent first, then the English stemmer (stop words included).
    f"""
    DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'newsroom_search') THEN
            CREATE TEXT SEARCH CONFIGURATION {POSTGRES_CONFIG} (COPY = pg_catalog.english);
            ALTER TEXT SEARCH CONFIGURATION {POSTGRES_CONFIG}
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
        END IF;
    END $$
    """,
    f"""
    CREATE OR REPLACE FUNCTION newsroom_story_names(story bigint) RETURNS text
    LANGUAGE sql STABLE AS $$ {_PG_NAMES_OF} $$
    """,
    "ALTER TABLE articles_article ADD COLUMN search_names text NOT NULL DEFAULT ''",
    f"""
    ALTER TABLE articles_article ADD COLUMN search_document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('{POSTGRES_CONFIG}', coalesce(headline, '')), 'A')
        || setweight(to_tsvector('{POSTGRES_CONFIG}', coalesce(dek, '')), 'B')
        || setweight(to_tsvector('{POSTGRES_CONFIG}', search_names), 'B')
        || setweight(to_tsvector('{POSTGRES_CONFIG}', coalesce(body, '')), 'C')
    ) STORED
    """,
    # Rewrites search_names of the given stories when the names differ (the generated vector
    # follows), so a trigger that fires without a real change writes nothing.
    """
    CREATE OR REPLACE FUNCTION newsroom_refresh_story_names(stories bigint[]) RETURNS void
    LANGUAGE sql AS $$
        UPDATE articles_article SET search_names = newsroom_story_names(id)
         WHERE id = ANY(stories) AND search_names IS DISTINCT FROM newsroom_story_names(id)
    $$
    """,
    """
    CREATE OR REPLACE FUNCTION newsroom_mention_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            PERFORM newsroom_refresh_story_names(ARRAY[OLD.article_id]);
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            PERFORM newsroom_refresh_story_names(ARRAY[NEW.article_id]);
        END IF;
        RETURN NULL;
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION newsroom_person_names_changed() RETURNS trigger
    LANGUAGE plpgsql AS $$
    DECLARE people bigint[];
    BEGIN
        IF TG_TABLE_NAME = 'people_person' THEN
            people := ARRAY[NEW.id];
        ELSIF TG_OP = 'DELETE' THEN
            people := ARRAY[OLD.person_id];
        ELSIF TG_OP = 'UPDATE' THEN
            people := ARRAY[OLD.person_id, NEW.person_id];
        ELSE
            people := ARRAY[NEW.person_id];
        END IF;
        PERFORM newsroom_refresh_story_names(ARRAY(
            SELECT DISTINCT article_id FROM articles_mention WHERE person_id = ANY(people)));
        RETURN NULL;
    END $$
    """,
    """
    CREATE TRIGGER search_names_on_mention
        AFTER INSERT OR DELETE OR UPDATE OF person_id, article_id ON articles_mention
        FOR EACH ROW EXECUTE FUNCTION newsroom_mention_changed()
    """,
    """
    CREATE TRIGGER search_names_on_person
        AFTER UPDATE OF name ON people_person
        FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
        EXECUTE FUNCTION newsroom_person_names_changed()
    """,
    """
    CREATE TRIGGER search_names_on_other_name
        AFTER INSERT OR DELETE OR UPDATE OF name, person_id ON people_personname
        FOR EACH ROW EXECUTE FUNCTION newsroom_person_names_changed()
    """,
]

# Built after a bulk load, dropped before it: GIN and trigram indexes are far cheaper to build
# once than to maintain row by row.
POSTGRES_INDEXES = {
    "article_search_idx": "CREATE INDEX IF NOT EXISTS article_search_idx "
    "ON articles_article USING gin (search_document)",
    "person_folded_trgm_idx": "CREATE INDEX IF NOT EXISTS person_folded_trgm_idx "
    "ON people_person USING gin (folded_name gin_trgm_ops)",
    "personname_folded_trgm_idx": "CREATE INDEX IF NOT EXISTS personname_folded_trgm_idx "
    "ON people_personname USING gin (folded gin_trgm_ops)",
    "organization_folded_trgm_idx": "CREATE INDEX IF NOT EXISTS organization_folded_trgm_idx "
    "ON people_organization USING gin (folded_name gin_trgm_ops)",
    "organizationname_folded_trgm_idx": "CREATE INDEX IF NOT EXISTS "
    "organizationname_folded_trgm_idx ON people_organizationname USING gin (folded gin_trgm_ops)",
}
POSTGRES_TRIGGERS = {
    "articles_mention": "search_names_on_mention",
    "people_person": "search_names_on_person",
    "people_personname": "search_names_on_other_name",
}

POSTGRES_UNINSTALL = [
    *(
        f"DROP TRIGGER IF EXISTS {trigger} ON {table}"
        for table, trigger in POSTGRES_TRIGGERS.items()
    ),
    *(f"DROP INDEX IF EXISTS {name}" for name in POSTGRES_INDEXES),
    "ALTER TABLE articles_article DROP COLUMN IF EXISTS search_document",
    "ALTER TABLE articles_article DROP COLUMN IF EXISTS search_names",
    "DROP FUNCTION IF EXISTS newsroom_person_names_changed()",
    "DROP FUNCTION IF EXISTS newsroom_mention_changed()",
    "DROP FUNCTION IF EXISTS newsroom_refresh_story_names(bigint[])",
    "DROP FUNCTION IF EXISTS newsroom_story_names(bigint)",
    f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {POSTGRES_CONFIG}",
]

# -- SQLite ----------------------------------------------------------------------------------

SQLITE_TABLE = "articles_search"
# Column order matters: bm25() weights are given in this order (see sqlite backend).
SQLITE_COLUMNS = ("headline", "dek", "names", "body")


def _sqlite_names_of(story):
    return f"""(
        SELECT coalesce(group_concat(name, ' '), '') FROM (
            SELECT p.name AS name FROM articles_mention m
              JOIN people_person p ON p.id = m.person_id WHERE m.article_id = {story}
            UNION
            SELECT n.name FROM articles_mention m
              JOIN people_personname n ON n.person_id = m.person_id WHERE m.article_id = {story}
        )
    )"""


def _sqlite_refresh_names(stories):
    return (
        f"UPDATE {SQLITE_TABLE} SET names = {_sqlite_names_of(f'{SQLITE_TABLE}.rowid')} "
        f"WHERE rowid IN ({stories});"
    )


_OF_PERSON = "SELECT article_id FROM articles_mention WHERE person_id = {}"

SQLITE_TABLE_SQL = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {SQLITE_TABLE} USING fts5("
    f"{', '.join(SQLITE_COLUMNS)}, tokenize = 'porter unicode61 remove_diacritics 2')"
)
SQLITE_TRIGGERS = {
    "search_on_story_insert": f"""
        AFTER INSERT ON articles_article BEGIN
            INSERT INTO {SQLITE_TABLE} (rowid, headline, dek, names, body)
            VALUES (new.id, new.headline, new.dek, {_sqlite_names_of("new.id")}, new.body);
        END""",
    "search_on_story_update": f"""
        AFTER UPDATE OF headline, dek, body ON articles_article BEGIN
            UPDATE {SQLITE_TABLE} SET headline = new.headline, dek = new.dek, body = new.body
             WHERE rowid = new.id;
        END""",
    "search_on_story_delete": f"""
        AFTER DELETE ON articles_article BEGIN
            DELETE FROM {SQLITE_TABLE} WHERE rowid = old.id;
        END""",
    "search_on_mention_insert": f"""
        AFTER INSERT ON articles_mention BEGIN {_sqlite_refresh_names("new.article_id")} END""",
    "search_on_mention_delete": f"""
        AFTER DELETE ON articles_mention BEGIN {_sqlite_refresh_names("old.article_id")} END""",
    "search_on_mention_update": f"""
        AFTER UPDATE OF person_id, article_id ON articles_mention BEGIN
            {_sqlite_refresh_names("old.article_id, new.article_id")}
        END""",
    "search_on_person_rename": f"""
        AFTER UPDATE OF name ON people_person BEGIN
            {_sqlite_refresh_names(_OF_PERSON.format("new.id"))}
        END""",
    "search_on_other_name_insert": f"""
        AFTER INSERT ON people_personname BEGIN
            {_sqlite_refresh_names(_OF_PERSON.format("new.person_id"))}
        END""",
    "search_on_other_name_delete": f"""
        AFTER DELETE ON people_personname BEGIN
            {_sqlite_refresh_names(_OF_PERSON.format("old.person_id"))}
        END""",
    "search_on_other_name_update": f"""
        AFTER UPDATE OF name, person_id ON people_personname BEGIN
            {_sqlite_refresh_names(_OF_PERSON.format("old.person_id"))}
            {_sqlite_refresh_names(_OF_PERSON.format("new.person_id"))}
        END""",
}
SQLITE_REBUILD = [
    f"DELETE FROM {SQLITE_TABLE}",
    f"""INSERT INTO {SQLITE_TABLE} (rowid, headline, dek, names, body)
        SELECT id, headline, dek, {_sqlite_names_of("articles_article.id")}, body
          FROM articles_article""",
    f"INSERT INTO {SQLITE_TABLE} ({SQLITE_TABLE}) VALUES ('optimize')",
]


# -- Install, check, bulk load ---------------------------------------------------------------


def install(connection):
    """Create the search document, its triggers and indexes (from the migration)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for statement in POSTGRES_INSTALL:
                cursor.execute(statement)
            for statement in POSTGRES_INDEXES.values():
                cursor.execute(statement)
        elif connection.vendor == "sqlite":
            ensure_sqlite(connection, rebuild=True)


def uninstall(connection):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for statement in POSTGRES_UNINSTALL:
                cursor.execute(statement)
        elif connection.vendor == "sqlite":
            for name in SQLITE_TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute(f"DROP TABLE IF EXISTS {SQLITE_TABLE}")


def missing_sqlite_triggers(connection):
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        present = {name for (name,) in cursor.fetchall()}
    return [name for name in SQLITE_TRIGGERS if name not in present]


def ensure_sqlite(connection, rebuild=False):
    """Create what is missing of the FTS5 table and its triggers; refill it if any was missing.

    Refilling after a lost trigger is what keeps the index from drifting: while a trigger was
    gone, writes may have skipped the index.
    """
    missing = missing_sqlite_triggers(connection)
    with connection.cursor() as cursor:
        cursor.execute(SQLITE_TABLE_SQL)
        for name in missing:
            cursor.execute(f"CREATE TRIGGER {name} {SQLITE_TRIGGERS[name]}")
        if missing or rebuild:
            for statement in SQLITE_REBUILD:
                cursor.execute(statement)
    return missing


BULK_TABLES = ("articles_article", "articles_mention")
_IF_MISSING = r"CREATE \1INDEX IF NOT EXISTS "


def _plain_indexes(cursor, tables):
    """(name, definition) of the indexes on ``tables`` that no constraint owns."""
    cursor.execute(
        """
        SELECT indexname, indexdef FROM pg_indexes
         WHERE tablename = ANY(%s) AND schemaname = current_schema()
           AND indexname NOT IN (SELECT conname FROM pg_constraint)
        """,
        [list(tables)],
    )
    return cursor.fetchall()


@contextmanager
def bulk_load(connection, replacing=None):
    """For loading many stories at once: no per-row triggers or index upkeep until the end.

    PostgreSQL: the name triggers are disabled (the loader writes ``search_names`` itself), and
    the search indexes and the other plain indexes of stories and mentions are dropped, then
    rebuilt in one pass each, whatever happens inside. SQLite: the triggers are dropped and the
    FTS5 table is refilled from the stories in one statement afterwards.

    ``replacing(cursor)``, if given, deletes the rows the load replaces. It runs in its own
    transaction with the triggers already off but the indexes still there: without the index on
    mentions' story, each deleted story's foreign-key check would scan every mention, and
    reloading over a large archive would take hours instead of seconds.
    """
    dropped = []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for table, trigger in POSTGRES_TRIGGERS.items():
                cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER {trigger}")
        elif connection.vendor == "sqlite":
            for name in SQLITE_TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
    try:
        if replacing:
            with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
                replacing(cursor)
                if connection.vendor == "postgresql":
                    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # check now, by index
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                for name in POSTGRES_INDEXES:
                    cursor.execute(f"DROP INDEX IF EXISTS {name}")
                dropped = [
                    (name, sql)
                    for name, sql in _plain_indexes(cursor, BULK_TABLES)
                    if name not in POSTGRES_INDEXES
                ]
                for name, _ in dropped:
                    cursor.execute(f'DROP INDEX "{name}"')
        yield
    finally:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # Deferred foreign-key checks must run before an index can be built in the
                # same transaction.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute("SET maintenance_work_mem = '1GB'")
                for _, sql in dropped:  # IF NOT EXISTS: a drop may have failed half-way
                    cursor.execute(re.sub(r"^CREATE (UNIQUE )?INDEX ", _IF_MISSING, sql))
                for statement in POSTGRES_INDEXES.values():
                    cursor.execute(statement)
                cursor.execute("RESET maintenance_work_mem")
                for table, trigger in POSTGRES_TRIGGERS.items():
                    cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER {trigger}")
        if connection.vendor == "sqlite":
            ensure_sqlite(connection, rebuild=True)


def ensure_after_migrate(sender, using="default", verbosity=1, stdout=None, **kwargs):
    from django.db import connections

    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    if SQLITE_TABLE not in connection.introspection.table_names():
        return  # the search migration is not applied (yet, or any more)
    missing = ensure_sqlite(connection)
    if missing and verbosity and stdout:
        stdout.write(f"Story search: restored {len(missing)} trigger(s) and refilled the index.")

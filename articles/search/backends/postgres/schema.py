"""The PostgreSQL search document: a stored generated tsvector and what keeps it current.

``articles_article.search_document`` is ``GENERATED ALWAYS ... STORED`` (headline A, dek B,
linked people's names B, body C) over the ``newsroom_search`` text-search configuration, which
folds accents (unaccent) before English stemming, so "Gascon" and "Gascón" meet. The names come
from ``articles_article.search_names``, which triggers on mentions, people and their other
names rewrite; PostgreSQL recomputes the vector itself on every write to the row. Neither column
is a Django field: nothing in Python can write a stale value into them.
"""

import re
from contextlib import contextmanager

from django.db import DatabaseError, connections, transaction

CONFIG = "public.newsroom_search"

_NAMES_OF = """
    SELECT coalesce(string_agg(DISTINCT name, ' '), '') FROM (
        SELECT p.name FROM articles_mention m JOIN people_person p ON p.id = m.person_id
         WHERE m.article_id = story
        UNION
        SELECT n.name FROM articles_mention m JOIN people_personname n ON n.person_id = m.person_id
         WHERE m.article_id = story
    ) AS names
"""

INSTALL = [
    # Accent-free English: unaccent first, then the English stemmer (stop words included).
    f"""
    DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'newsroom_search') THEN
            CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = pg_catalog.english);
            ALTER TEXT SEARCH CONFIGURATION {CONFIG}
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
        END IF;
    END $$
    """,
    f"""
    CREATE OR REPLACE FUNCTION newsroom_story_names(story bigint) RETURNS text
    LANGUAGE sql STABLE AS $$ {_NAMES_OF} $$
    """,
    "ALTER TABLE articles_article ADD COLUMN search_names text NOT NULL DEFAULT ''",
    f"""
    ALTER TABLE articles_article ADD COLUMN search_document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('{CONFIG}', coalesce(headline, '')), 'A')
        || setweight(to_tsvector('{CONFIG}', coalesce(dek, '')), 'B')
        || setweight(to_tsvector('{CONFIG}', search_names), 'B')
        || setweight(to_tsvector('{CONFIG}', coalesce(body, '')), 'C')
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
INDEXES = {
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
TRIGGERS = {
    "articles_mention": "search_names_on_mention",
    "people_person": "search_names_on_person",
    "people_personname": "search_names_on_other_name",
}

UNINSTALL = [
    *(f"DROP TRIGGER IF EXISTS {trigger} ON {table}" for table, trigger in TRIGGERS.items()),
    *(f"DROP INDEX IF EXISTS {name}" for name in INDEXES),
    "ALTER TABLE articles_article DROP COLUMN IF EXISTS search_document",
    "ALTER TABLE articles_article DROP COLUMN IF EXISTS search_names",
    "DROP FUNCTION IF EXISTS newsroom_person_names_changed()",
    "DROP FUNCTION IF EXISTS newsroom_mention_changed()",
    "DROP FUNCTION IF EXISTS newsroom_refresh_story_names(bigint[])",
    "DROP FUNCTION IF EXISTS newsroom_story_names(bigint)",
    f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}",
]


BULK_TABLES = ("articles_article", "articles_mention")
_IF_MISSING = r"CREATE \1INDEX IF NOT EXISTS "


class PostgresSchema:
    """The search document's column, functions, triggers and indexes on one database."""

    def __init__(self, using):
        self.using = using

    @property
    def connection(self):
        return connections[self.using]

    def install(self):
        with self.connection.cursor() as cursor:
            for statement in [*INSTALL, *INDEXES.values()]:
                cursor.execute(statement)

    def uninstall(self):
        with self.connection.cursor() as cursor:
            for statement in UNINSTALL:
                cursor.execute(statement)

    def repair(self):
        """Nothing to do: PostgreSQL alters tables in place and keeps their triggers."""
        return []

    @contextmanager
    def batch_writes(self):
        """The GIN index of the search document takes new rows into its pending list, and
        merges the list into the index when it outgrows ``gin_pending_list_limit`` (4 MB by
        default: every few hundred stories). For a large import the limit is raised on this
        connection, and the whole list merged once at the end, in one sorted pass, which is
        about half the work. Searches meanwhile read the pending list too, so nothing is ever
        missing from results. If the merge may not run (it needs the index's owner), vacuum
        does it later."""
        connection = self.connection
        with connection.cursor() as cursor:
            cursor.execute("SET gin_pending_list_limit = '64MB'")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("RESET gin_pending_list_limit")
            try:
                with transaction.atomic(using=self.using), connection.cursor() as cursor:
                    cursor.execute("SELECT gin_clean_pending_list('article_search_idx'::regclass)")
            except DatabaseError:
                pass

    @contextmanager
    def bulk_load(self, replacing=None):
        """The name triggers disabled (the loader writes ``search_names`` itself); the search
        indexes and the other plain indexes of stories and mentions dropped, then rebuilt in
        one pass each, whatever happens inside."""
        connection, dropped = self.connection, []
        with connection.cursor() as cursor:
            for table, trigger in TRIGGERS.items():
                cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER {trigger}")
        try:
            if replacing:
                with transaction.atomic(using=self.using), connection.cursor() as cursor:
                    replacing(cursor)
                    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # check now, by index
            with connection.cursor() as cursor:
                for name in INDEXES:
                    cursor.execute(f"DROP INDEX IF EXISTS {name}")
                dropped = [
                    (name, sql)
                    for name, sql in _plain_indexes(cursor, BULK_TABLES)
                    if name not in INDEXES
                ]
                for name, _ in dropped:
                    cursor.execute(f'DROP INDEX "{name}"')
            yield
        finally:
            with connection.cursor() as cursor:
                # Deferred foreign-key checks must run before an index can be built in the
                # same transaction.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute("SET maintenance_work_mem = '1GB'")
                for _, sql in dropped:  # IF NOT EXISTS: a drop may have failed half-way
                    cursor.execute(re.sub(r"^CREATE (UNIQUE )?INDEX ", _IF_MISSING, sql))
                for statement in INDEXES.values():
                    cursor.execute(statement)
                cursor.execute("RESET maintenance_work_mem")
                for table, trigger in TRIGGERS.items():
                    cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER {trigger}")


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

"""The SQLite search document: an FTS5 table kept current by triggers.

``articles_search`` (rowid = story id) holds each story's headline, dek, linked people's names
(with their other names) and body, tokenized with accents removed and Porter stemming. SQLite
drops a table's triggers when a migration rebuilds the table, so after every ``migrate`` the
triggers are checked, and if any was missing it is recreated and the table refilled.
"""

from contextlib import contextmanager

from django.db import connections, transaction

TABLE = "articles_search"
# Column order matters: bm25() weights are given in this order (see backend.py).
COLUMNS = ("headline", "dek", "names", "body")


def _names_of(story):
    return f"""(
        SELECT coalesce(group_concat(name, ' '), '') FROM (
            SELECT p.name AS name FROM articles_mention m
              JOIN people_person p ON p.id = m.person_id WHERE m.article_id = {story}
            UNION
            SELECT n.name FROM articles_mention m
              JOIN people_personname n ON n.person_id = m.person_id WHERE m.article_id = {story}
        )
    )"""


def _refresh_names(stories):
    return f"UPDATE {TABLE} SET names = {_names_of(f'{TABLE}.rowid')} WHERE rowid IN ({stories});"


_OF_PERSON = "SELECT article_id FROM articles_mention WHERE person_id = {}"

TABLE_SQL = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
    f"{', '.join(COLUMNS)}, tokenize = 'porter unicode61 remove_diacritics 2')"
)
TRIGGERS = {
    "search_on_story_insert": f"""
        AFTER INSERT ON articles_article BEGIN
            INSERT INTO {TABLE} (rowid, headline, dek, names, body)
            VALUES (new.id, new.headline, new.dek, {_names_of("new.id")}, new.body);
        END""",
    "search_on_story_update": f"""
        AFTER UPDATE OF headline, dek, body ON articles_article BEGIN
            UPDATE {TABLE} SET headline = new.headline, dek = new.dek, body = new.body
             WHERE rowid = new.id;
        END""",
    "search_on_story_delete": f"""
        AFTER DELETE ON articles_article BEGIN
            DELETE FROM {TABLE} WHERE rowid = old.id;
        END""",
    "search_on_mention_insert": f"""
        AFTER INSERT ON articles_mention BEGIN {_refresh_names("new.article_id")} END""",
    "search_on_mention_delete": f"""
        AFTER DELETE ON articles_mention BEGIN {_refresh_names("old.article_id")} END""",
    "search_on_mention_update": f"""
        AFTER UPDATE OF person_id, article_id ON articles_mention BEGIN
            {_refresh_names("old.article_id, new.article_id")}
        END""",
    "search_on_person_rename": f"""
        AFTER UPDATE OF name ON people_person BEGIN
            {_refresh_names(_OF_PERSON.format("new.id"))}
        END""",
    "search_on_other_name_insert": f"""
        AFTER INSERT ON people_personname BEGIN
            {_refresh_names(_OF_PERSON.format("new.person_id"))}
        END""",
    "search_on_other_name_delete": f"""
        AFTER DELETE ON people_personname BEGIN
            {_refresh_names(_OF_PERSON.format("old.person_id"))}
        END""",
    "search_on_other_name_update": f"""
        AFTER UPDATE OF name, person_id ON people_personname BEGIN
            {_refresh_names(_OF_PERSON.format("old.person_id"))}
            {_refresh_names(_OF_PERSON.format("new.person_id"))}
        END""",
}
REBUILD = [
    f"DELETE FROM {TABLE}",
    f"""INSERT INTO {TABLE} (rowid, headline, dek, names, body)
        SELECT id, headline, dek, {_names_of("articles_article.id")}, body
          FROM articles_article""",
    f"INSERT INTO {TABLE} ({TABLE}) VALUES ('optimize')",
]


class SqliteSchema:
    """The FTS5 table and its triggers on one database."""

    def __init__(self, using):
        self.using = using

    @property
    def connection(self):
        return connections[self.using]

    def install(self):
        self.ensure(rebuild=True)

    def uninstall(self):
        with self.connection.cursor() as cursor:
            for name in TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")

    def repair(self):
        if TABLE not in self.connection.introspection.table_names():
            return []  # the search migration is not applied (yet, or any more)
        return self.ensure()

    def missing_triggers(self):
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            present = {name for (name,) in cursor.fetchall()}
        return [name for name in TRIGGERS if name not in present]

    def ensure(self, rebuild=False):
        """Create what is missing of the FTS5 table and its triggers; refill it if any was
        missing (while a trigger was gone, writes may have skipped the index). Returns the
        names of the triggers it created."""
        missing = self.missing_triggers()
        with self.connection.cursor() as cursor:
            cursor.execute(TABLE_SQL)
            for name in missing:
                cursor.execute(f"CREATE TRIGGER {name} {TRIGGERS[name]}")
            if missing or rebuild:
                for statement in REBUILD:
                    cursor.execute(statement)
        return missing

    @contextmanager
    def batch_writes(self):
        """Nothing to tune: the FTS5 triggers write each story's row as it comes."""
        yield

    @contextmanager
    def bulk_load(self, replacing=None):
        """The triggers dropped, and the FTS5 table refilled from the stories in one statement
        afterwards, whatever happens inside."""
        with self.connection.cursor() as cursor:
            for name in TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        try:
            if replacing:
                with transaction.atomic(using=self.using), self.connection.cursor() as cursor:
                    replacing(cursor)
            yield
        finally:
            self.ensure(rebuild=True)

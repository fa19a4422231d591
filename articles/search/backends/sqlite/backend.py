"""Story search on SQLite: the FTS5 table ``articles_search`` and bm25."""

from django.db import connections

from ...expressions import condition, score
from ...query import Term
from ..base import MARK_START, MARK_STOP, CompiledQuery
from .schema import TABLE, SqliteSchema

# bm25 weights in column order (headline, dek, names, body): as PostgreSQL's A, B, B, C.
_WEIGHTS = "10.0, 4.0, 4.0, 1.0"


def _quoted(term):
    # An FTS5 string: everything inside is text for the tokenizer, never query syntax.
    return '"' + term.text.replace('"', '""') + '"' + ("*" if term.prefix else "")


def _any_of(terms):
    return "(" + " OR ".join(_quoted(term) for term in terms) + ")"


class SqliteBackend:
    """See ``SearchBackend`` (backends/base.py) for what each method promises."""

    vendor = "sqlite"

    def __init__(self, using="default"):
        self.using = using
        self.schema = SqliteSchema(using)

    def compile(self, parsed):
        """An FTS5 MATCH expression: never None, as SQLite has no stop words."""
        text = " AND ".join(_any_of(group) for group in parsed.groups)
        if parsed.excluded:
            text = f"({text}) NOT {_any_of(parsed.excluded)}"
        return CompiledQuery(text, parsed)

    def matches(self, query):
        return condition(
            f"{{table}}.id IN (SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s)", [query.text]
        )

    def relevance(self, query):
        # bm25 is smaller for better matches; negated so that, as on PostgreSQL, higher is better.
        return score(
            f"(SELECT -bm25({TABLE}, {_WEIGHTS}) FROM {TABLE} "
            f"WHERE {TABLE} MATCH %s AND rowid = {{table}}.id)",
            [query.text],
        )

    def rank(self, query, stories, ids):
        """Scored in one FTS5 pass over the range of their ids (FTS5 seeks a rowid range; a
        list of ids it would look up one full-text query at a time, recounting every word's
        matches)."""
        ids = list(ids)
        if not ids:
            return []
        with connections[self.using].cursor() as cursor:
            cursor.execute(
                f"SELECT rowid, bm25({TABLE}, {_WEIGHTS}) FROM {TABLE} WHERE {TABLE} MATCH %s "
                "AND rowid BETWEEN %s AND %s",
                [query.text, min(ids), max(ids)],
            )
            wanted = set(ids)
            scores = {pk: value for pk, value in cursor.fetchall() if pk in wanted}
        newest = {pk: position for position, pk in enumerate(ids)}
        return sorted((pk for pk in ids if pk in scores), key=lambda pk: (scores[pk], newest[pk]))

    def confirms_by_reading(self, query):
        """Never: FTS5 keeps word positions in its index, so a phrase costs what its rarest
        word costs."""
        return False

    def newest_matches(self, query, matches, limit):
        """Through FTS5's match list and the date index: no query needs a bounded window."""
        ids = matches.order_by("-published_at", "-id").values_list("pk", flat=True)[:limit]
        return list(ids), None

    def hits_up_to(self, words, limit):
        """In one query."""
        counts = " UNION ALL ".join(
            f"SELECT %s, (SELECT count(*) FROM (SELECT 1 FROM {TABLE} WHERE {TABLE} MATCH %s "
            "LIMIT %s))"
            for _ in words
        )
        params = [p for word in words for p in (word, _quoted(Term(word)), limit)]
        with connections[self.using].cursor() as cursor:
            cursor.execute(counts, params)
            return dict(cursor.fetchall())

    def highlights(self, query, ids):
        ids = list(ids)
        marks = [MARK_START, MARK_STOP]
        with connections[self.using].cursor() as cursor:
            cursor.execute(
                f"""
                SELECT rowid, highlight({TABLE}, 0, %s, %s),
                       snippet({TABLE}, 3, %s, %s, ' … ', 28), highlight({TABLE}, 1, %s, %s)
                  FROM {TABLE}
                 WHERE {TABLE} MATCH %s AND rowid IN ({", ".join(["%s"] * len(ids))})
                """,
                [*marks, *marks, *marks, query.text, *ids],
            )
            return {row[0]: row[1:] for row in cursor.fetchall()}

    def estimate(self, matches):
        return None  # exact counts are cheap at the sizes SQLite serves

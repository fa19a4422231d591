"""Story search on SQLite: the FTS5 table ``articles_search`` and bm25."""

import json

from django.db import connections

from . import schema
from .expressions import condition, score
from .query import Term

TABLE = schema.SQLITE_TABLE
START, STOP = "\ue000", "\ue001"
# bm25 weights in column order (headline, dek, names, body): as PostgreSQL's A, B, B, C.
_WEIGHTS = "10.0, 4.0, 4.0, 1.0"


def _quoted(term):
    # An FTS5 string: everything inside is text for the tokenizer, never query syntax.
    return '"' + term.text.replace('"', '""') + '"' + ("*" if term.prefix else "")


def _any_of(terms):
    return "(" + " OR ".join(_quoted(term) for term in terms) + ")"


def compile(parsed, using):
    query = " AND ".join(_any_of(group) for group in parsed.groups)
    if parsed.excluded:
        query = f"({query}) NOT {_any_of(parsed.excluded)}"
    return query


def matches(query):
    return condition(f"{{table}}.id IN (SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s)", [query])


def among(ids):
    """Stories whose id is in ``ids``, as one JSON parameter rather than a thousand."""
    return condition("{table}.id IN (SELECT value FROM json_each(%s))", [json.dumps(list(ids))])


def relevance(query):
    # bm25 is smaller for better matches; negated so that, as on PostgreSQL, higher is better.
    return score(
        f"(SELECT -bm25({TABLE}, {_WEIGHTS}) FROM {TABLE} "
        f"WHERE {TABLE} MATCH %s AND rowid = {{table}}.id)",
        [query],
    )


def hits_up_to(words, limit, using):
    """{word: number of stories containing it, counted up to ``limit``}, in one query."""
    counts = " UNION ALL ".join(
        f"SELECT %s, (SELECT count(*) FROM (SELECT 1 FROM {TABLE} WHERE {TABLE} MATCH %s LIMIT %s))"
        for _ in words
    )
    params = [p for word in words for p in (word, _quoted(Term(word)), limit)]
    with connections[using].cursor() as cursor:
        cursor.execute(counts, params)
        return dict(cursor.fetchall())


def highlights(query, ids, using):
    ids = list(ids)
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"""
            SELECT rowid, highlight({TABLE}, 0, %s, %s),
                   snippet({TABLE}, 3, %s, %s, ' … ', 28)
              FROM {TABLE} WHERE {TABLE} MATCH %s AND rowid IN ({", ".join(["%s"] * len(ids))})
            """,
            [START, STOP, START, STOP, query, *ids],
        )
        return {row[0]: row[1:] for row in cursor.fetchall()}


def estimate(queryset):
    return None  # exact counts are cheap at the sizes SQLite serves


def newest_matches(stories, matches, limit, parsed):
    """Ids of the newest ``limit`` stories of ``matches``, newest first."""
    return list(matches.order_by("-published_at", "-id").values_list("pk", flat=True)[:limit])

"""Story search on SQLite: the FTS5 table ``articles_search`` and bm25."""

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


def rank(stories, ids, query):
    """``ids`` (of matching ``stories``, newest first) best match first.

    Scored in one FTS5 pass over the range of their ids (FTS5 seeks a rowid range; a list of
    ids it would look up one full-text query at a time, recounting every word's matches).
    """
    ids = list(ids)
    if not ids:
        return []
    with connections[stories.db].cursor() as cursor:
        cursor.execute(
            f"SELECT rowid, bm25({TABLE}, {_WEIGHTS}) FROM {TABLE} WHERE {TABLE} MATCH %s "
            "AND rowid BETWEEN %s AND %s",
            [query, min(ids), max(ids)],
        )
        wanted = set(ids)
        score = {pk: value for pk, value in cursor.fetchall() if pk in wanted}
    newest = {pk: position for position, pk in enumerate(ids)}
    return sorted((pk for pk in ids if pk in score), key=lambda pk: (score[pk], newest[pk]))


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
                   snippet({TABLE}, 3, %s, %s, ' … ', 28), highlight({TABLE}, 1, %s, %s)
              FROM {TABLE} WHERE {TABLE} MATCH %s AND rowid IN ({", ".join(["%s"] * len(ids))})
            """,
            [START, STOP, START, STOP, START, STOP, query, *ids],
        )
        return {row[0]: row[1:] for row in cursor.fetchall()}


def estimate(queryset):
    return None  # exact counts are cheap at the sizes SQLite serves


def newest_matches(stories, matches, limit, parsed, query):
    """(ids of the newest ``limit`` stories of ``matches``, newest first; None). FTS5 keeps
    word positions in its index, so no query, phrases included, needs a bounded window."""
    ids = list(matches.order_by("-published_at", "-id").values_list("pk", flat=True)[:limit])
    return ids, None


def has_phrase(query):
    """FTS5 keeps word positions: no phrase needs more reading than its words."""
    return False

"""Story search on PostgreSQL: the stored weighted tsvector, its GIN index and ts_rank_cd."""

import json

from django.db import connections

from . import schema
from .expressions import condition, score

CONFIG = schema.POSTGRES_CONFIG
START, STOP = "\ue000", "\ue001"  # highlight marks no story contains; made <mark> after escaping
_HEADLINE_OPTIONS = f"StartSel={START}, StopSel={STOP}, HighlightAll=true"
_SNIPPET_OPTIONS = (
    f"StartSel={START}, StopSel={STOP}, MaxFragments=2, MaxWords=28, MinWords=12, "
    'FragmentDelimiter=" … "'
)


def _term_sql(term):
    function = "phraseto_tsquery" if term.phrase else "plainto_tsquery"
    return f"{function}('{CONFIG}', %s)", [term.text]


def _any_of(terms):
    parts = [_term_sql(term) for term in terms]
    return "(" + " || ".join(sql for sql, _ in parts) + ")", [p for _, ps in parts for p in ps]


def compile(parsed, using):
    """The query as tsquery text, or "" when nothing in it is searchable (only stop words)."""
    groups = [_any_of(group) for group in parsed.groups]
    positive = " && ".join(sql for sql, _ in groups)
    params = [p for _, ps in groups for p in ps]
    query, query_params = positive, params
    if parsed.excluded:
        excluded, excluded_params = _any_of(parsed.excluded)
        query, query_params = f"({positive}) && !!{excluded}", params + excluded_params
    with connections[using].cursor() as cursor:
        # numnode of the positive part is 0 when it held only stop words: then nothing to find
        # (a query of exclusions alone would have to read every story).
        cursor.execute(f"SELECT numnode({positive}), ({query})::text", params + query_params)
        searchable, text = cursor.fetchone()
    return text if searchable else ""


def matches(query):
    return condition("{table}.search_document @@ %s::tsquery", [query])


def relevance(query):
    # Cover density with length normalization 1 (log of length): a headline hit (weight A)
    # outweighs many body hits (C), and long stories do not win by length alone.
    return score("ts_rank_cd({table}.search_document, %s::tsquery, 1)", [query])


def hits_up_to(words, limit, using):
    """{word: number of stories containing it, counted up to ``limit``}, in one query."""
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"""
            SELECT w, CASE WHEN numnode(plainto_tsquery('{CONFIG}', w)) = 0 THEN %s  -- stop word
                   ELSE (SELECT count(*) FROM (
                       SELECT 1 FROM articles_article
                        WHERE search_document @@ plainto_tsquery('{CONFIG}', w) LIMIT %s) AS h)
                   END
              FROM unnest(%s::text[]) AS w
            """,
            [limit, limit, list(words)],
        )
        return dict(cursor.fetchall())


def highlights(query, ids, using):
    """{id: (headline, snippet)} with marks around matches, for the given stories only."""
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"""
            SELECT id,
                   ts_headline('{CONFIG}', headline, q, %s),
                   ts_headline('{CONFIG}', coalesce(nullif(body, ''), dek), q, %s)
              FROM articles_article, CAST(%s AS tsquery) AS q
             WHERE id = ANY(%s)
            """,
            [_HEADLINE_OPTIONS, _SNIPPET_OPTIONS, query, list(ids)],
        )
        return {row[0]: row[1:] for row in cursor.fetchall()}


def estimate(queryset):
    """The planner's row estimate for a query: instant, and right to a few per cent."""
    plan = json.loads(queryset.explain(format="json"))
    return int(plan[0]["Plan"]["Plan Rows"])

"""Story search on PostgreSQL: the stored weighted tsvector, its GIN index and ts_rank_cd."""

import datetime as dt
import json
import math

from django.db import connections, transaction
from django.db.models import F, Value

from . import schema
from .expressions import condition, score
from .query import Term

CONFIG = schema.POSTGRES_CONFIG
BROAD = 0.1  # a query matching this share of stories or more is read in date order
COMMON = 0.01  # a word the planner expects in this share of stories is not a misspelling
BIG_ARCHIVE = 10_000  # stories; below this the planner's estimates are not worth trusting
# A phrase is confirmed by reading each story that has all its words: at most this many.
PHRASE_READS = 4_000
START, STOP = "\ue000", "\ue001"  # highlight marks no story contains; made <mark> after escaping
_HEADLINE_OPTIONS = f"StartSel={START}, StopSel={STOP}, HighlightAll=true"
_SNIPPET_OPTIONS = (
    f"StartSel={START}, StopSel={STOP}, MaxFragments=2, MaxWords=28, MinWords=12, "
    'FragmentDelimiter=" … "'
)


def _term_sql(term, phrases=True):
    if term.prefix:  # a plain word (letters and digits only), so safe as tsquery syntax
        return f"to_tsquery('{CONFIG}', %s)", [f"{term.text}:*"]
    function = "phraseto_tsquery" if term.phrase and phrases else "plainto_tsquery"
    return f"{function}('{CONFIG}', %s)", [term.text]


def _any_of(terms, phrases=True):
    """A group of alternatives; ``phrases=False`` asks for a phrase's words in any order."""
    parts = [_term_sql(term, phrases) for term in terms]
    return "(" + " || ".join(sql for sql, _ in parts) + ")", [p for _, ps in parts for p in ps]


def _all_groups(parsed, phrases=True):
    groups = [_any_of(group, phrases) for group in parsed.groups]
    return "(" + " && ".join(sql for sql, _ in groups) + ")", [p for _, ps in groups for p in ps]


def has_phrase(query):
    """Whether the compiled query asks for words side by side (``<->``, ``<2>``): a quoted
    phrase that kept two words or more after stop words."""
    return "<" in query


def compile(parsed, using):
    """The query as tsquery text, or "" when nothing in it is searchable (only stop words)."""
    positive, params = _all_groups(parsed)
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


def rank(stories, ids, query):
    """``ids`` (of matching ``stories``, newest first) best match first."""
    return list(
        stories.filter(condition("{table}.id = ANY(%s)", [list(ids)]))  # one array parameter
        .annotate(relevance=relevance(query))
        .order_by("-relevance", "-published_at", "-id")
        .values_list("pk", flat=True)
    )


def relevance(query):
    # Cover density with length normalization 1 (log of length): a headline hit (weight A)
    # outweighs many body hits (C), and long stories do not win by length alone.
    return score("ts_rank_cd({table}.search_document, %s::tsquery, 1)", [query])


def hits_up_to(words, limit, using):
    """{word: number of stories containing it, counted up to ``limit``}.

    The planner's estimate settles common words (and stop words) at once. The others are
    counted through the GIN index alone: with a LIMIT, PostgreSQL would otherwise scan the
    table in the hope of meeting a few matches early, and read every story for a word that
    is in none.
    """
    hits = {}
    connection = connections[using]
    total = _story_count_estimate(using)
    with transaction.atomic(using=using), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        for word in words:
            expected = _estimate_sql(f"plainto_tsquery('{CONFIG}', %s)", [word], using)
            # On a small archive counting is cheap and estimates are guesses: count there.
            if total >= BIG_ARCHIVE and expected >= COMMON * total:
                hits[word] = limit
                continue
            cursor.execute(
                f"SELECT CASE WHEN numnode(plainto_tsquery('{CONFIG}', %s)) = 0 THEN %s"
                " ELSE (SELECT count(*) FROM (SELECT 1 FROM articles_article"
                f" WHERE search_document @@ plainto_tsquery('{CONFIG}', %s) LIMIT %s) AS h) END",
                [word, limit, word, limit],
            )
            hits[word] = cursor.fetchone()[0]
    return hits


def highlights(query, ids, using):
    """{id: (headline, body snippet, dek)} with marks around matches, for the given stories
    only."""
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"""
            SELECT id,
                   ts_headline('{CONFIG}', headline, q, %s),
                   ts_headline('{CONFIG}', coalesce(nullif(body, ''), dek), q, %s),
                   ts_headline('{CONFIG}', dek, q, %s)
              FROM articles_article, CAST(%s AS tsquery) AS q
             WHERE id = ANY(%s)
            """,
            [_HEADLINE_OPTIONS, _SNIPPET_OPTIONS, _HEADLINE_OPTIONS, query, list(ids)],
        )
        return {row[0]: row[1:] for row in cursor.fetchall()}


def estimate(queryset):
    """The planner's row estimate for a query: instant, and right to a few per cent."""
    plan = json.loads(queryset.explain(format="json"))
    return int(plan[0]["Plan"]["Plan Rows"])


def newest_matches(stories, matches, limit, parsed, query):
    """(ids, since): the ids of the newest ``limit`` stories of ``matches`` (a filter of
    ``stories``), newest first; and, when only stories published since some time could be
    searched, that time (else None).

    How to find them cheaply depends on how common the match is. A broad one (10% and up) is
    met within the first few thousand stories in date order. A rare one is listed by the GIN
    index in full. In between, checking stories in date order means unpacking thousands of
    vectors, and listing every match means visiting tens of thousands of rows; so the search
    looks in a recent window expected to hold the limit twice over, where the GIN index and
    the date index are combined (a bitmap AND) before any row is read.

    How common: the planner multiplies the shares of the words as if they were independent,
    which for a name ("Beatriz Silva") is far too low; the rarest single group bounds it from
    above. Their geometric mean serves. Phrases: see ``_newest_with_phrase``.
    """
    newest_first = matches.order_by("-published_at", "-id").values_list("pk", flat=True)
    total = _story_count_estimate(stories.db)
    if total < BIG_ARCHIVE:
        return list(newest_first[:limit]), None
    # Ordering on a computed date keeps the planner off the date index's ordered scan, the
    # path that unpacks each vector; it reads the matches through the bitmaps instead.
    by_date = matches.order_by(
        (F("published_at") + Value(dt.timedelta(0))).desc(), "-id"
    ).values_list("pk", flat=True)
    if has_phrase(query):
        return _newest_with_phrase(by_date, limit, parsed, total, stories.db)
    together = estimate(matches.order_by())
    groups = _searchable(parsed.groups, stories.db)
    rarest_group = min(_estimate_sql(*_any_of(group), stories.db) for group in groups)
    expected = math.sqrt(max(together, 1) * max(min(rarest_group, total), 1))
    if together <= limit or expected >= BROAD * total:
        return list(newest_first[:limit]), None
    cutoff = newest_since(math.ceil(2 * limit * total / max(expected, 1)), stories.db)
    if cutoff:
        found = list(by_date.filter(published_at__gte=cutoff)[:limit])
        if len(found) == limit:
            return found, None
    return list(by_date[:limit]), None


def _newest_with_phrase(by_date, limit, parsed, total, using):
    """The GIN index records which stories hold a word, not where: a phrase is confirmed by
    reading each story that has all its words, and the planner cannot tell how many of those
    have them side by side. So at most the newest ``PHRASE_READS`` stories with the words are
    read. If the newest ``limit`` matches are among them, older ones follow page by page as
    for any query; if not, the phrase is rare among stories full of its words, and the search
    is bounded to that window (or it could read most of the archive for a handful of matches).
    """
    # As in ``newest_matches``, the planner's estimate for words that go together (a name) is
    # far too low; the rarest word bounds it from above, and the geometric mean serves.
    with_words = _estimate_sql(*_all_groups(parsed, phrases=False), using)
    rarest_word = min(
        _group_upper_bound(group, using) for group in _searchable(parsed.groups, using)
    )
    with_words = math.sqrt(max(with_words, 1) * max(min(rarest_word, total), 1))
    cutoff = None
    if with_words > PHRASE_READS:
        cutoff = newest_since(math.ceil(PHRASE_READS * total / with_words), using)
    if cutoff is None:
        return list(by_date[:limit]), None
    found = list(by_date.filter(published_at__gte=cutoff)[:limit])
    return found, (None if len(found) == limit else cutoff)


def _searchable(groups, using):
    """The groups that search for something: a group of stop words alone ("of the") matches
    every story, and its estimate (one row) would pass for the rarest."""
    parts = [_any_of(group) for group in groups]
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT " + ", ".join(f"numnode({sql})" for sql, _ in parts),
            [p for _, ps in parts for p in ps],
        )
        nodes = cursor.fetchone()
    return [group for group, count in zip(groups, nodes, strict=True) if count] or groups


def _group_upper_bound(group, using):
    """The planner's count of stories with a group's words: a phrase by its rarest word
    (stop words and punctuation, which search nothing, left out)."""
    if len(group) == 1 and group[0].phrase:
        words = _searchable([[Term(word)] for word in group[0].text.split()], using)
        return min(_estimate_sql(*_any_of(word), using) for word in words)
    return _estimate_sql(*_any_of(group, phrases=False), using)


def newest_since(count, using):
    """About when the newest ``count`` stories begin, from the planner's histogram of
    publication times (instant; counting them off the date index takes tens of milliseconds
    per hundred thousand). None without statistics or when that is every story."""
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT histogram_bounds::text::timestamptz[], null_frac, most_common_freqs"
            " FROM pg_stats WHERE schemaname = current_schema()"
            " AND tablename = 'articles_article' AND attname = 'published_at'"
        )
        row = cursor.fetchone()
    if not row or not row[0] or len(row[0]) < 2:
        return None
    bounds, null_share, common = row
    # The histogram spans the dated stories that are not among the most common dates.
    spanned = _story_count_estimate(using) * (1 - null_share - sum(common or ()))
    if count >= spanned:
        return None
    position = (1 - count / spanned) * (len(bounds) - 1)
    lower = math.floor(position)
    upper = min(lower + 1, len(bounds) - 1)
    return bounds[lower] + (bounds[upper] - bounds[lower]) * (position - lower)


def _estimate_sql(condition, params, using):
    """The planner's count of stories whose document matches a tsquery expression."""
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"EXPLAIN (FORMAT JSON) SELECT 1 FROM articles_article "
            f"WHERE search_document @@ ({condition})",
            params,
        )
        plan = cursor.fetchone()[0]  # psycopg decodes json; be ready for text too
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return plan[0]["Plan"]["Plan Rows"]


def _story_count_estimate(using):
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'articles_article'")
        row = cursor.fetchone()
    return max(0, int(row[0])) if row else 0

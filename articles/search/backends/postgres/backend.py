"""Story search on PostgreSQL: the stored weighted tsvector, its GIN index and ts_rank_cd."""

import datetime as dt

from django.db import connections, transaction
from django.db.models import F, Value

from ...expressions import condition, score
from ..base import MARK_START, MARK_STOP, CompiledQuery
from . import tsquery
from .planner import NEWEST_FIRST, Planner, Statistics
from .schema import CONFIG, PostgresSchema

_HEADLINE_OPTIONS = f"StartSel={MARK_START}, StopSel={MARK_STOP}, HighlightAll=true"
_SNIPPET_OPTIONS = (
    f"StartSel={MARK_START}, StopSel={MARK_STOP}, MaxFragments=2, MaxWords=28, MinWords=12, "
    'FragmentDelimiter=" … "'
)
_NEWEST = ("-published_at", "-id")


class PostgresBackend:
    """See ``SearchBackend`` (backends/base.py) for what each method promises."""

    vendor = "postgresql"

    def __init__(self, using="default"):
        self.using = using
        self.schema = PostgresSchema(using)

    def compile(self, parsed):
        """tsquery text; None when the words to find were only stop words (numnode 0): then
        nothing is to be found, and exclusions alone would have to read every story."""
        positive, params = tsquery.all_groups(parsed.groups)
        query, query_params = positive, params
        if parsed.excluded:
            excluded, excluded_params = tsquery.any_of(parsed.excluded)
            query, query_params = f"({positive}) && !!{excluded}", params + excluded_params
        with connections[self.using].cursor() as cursor:
            cursor.execute(f"SELECT numnode({positive}), ({query})::text", params + query_params)
            searchable, text = cursor.fetchone()
        return CompiledQuery(text, parsed) if searchable else None

    def matches(self, query):
        return condition("{table}.search_document @@ %s::tsquery", [query.text])

    def relevance(self, query):
        # Cover density with length normalization 1 (log of length): a headline hit (weight A)
        # outweighs many body hits (C), and long stories do not win by length alone.
        return score("ts_rank_cd({table}.search_document, %s::tsquery, 1)", [query.text])

    def rank(self, query, stories, ids):
        return list(
            stories.filter(condition("{table}.id = ANY(%s)", [list(ids)]))  # one array param
            .annotate(relevance=self.relevance(query))
            .order_by("-relevance", *_NEWEST)
            .values_list("pk", flat=True)
        )

    def confirms_by_reading(self, query):
        """A phrase that kept two words or more after stop words (``<->``, ``<2>``): the GIN
        index has no word positions, so each story with the words is read to confirm it."""
        return "<" in query.text

    def newest_matches(self, query, matches, limit):
        newest_first = matches.order_by(*_NEWEST).values_list("pk", flat=True)
        plan = Planner(Statistics(self.using)).plan(
            query, matches, limit, phrase=self.confirms_by_reading(query)
        )
        if plan.order == NEWEST_FIRST:
            return list(newest_first[:limit]), None
        # Ordering on a computed date keeps the planner off the date index's ordered scan, the
        # path that unpacks each vector; it reads the matches through the bitmaps instead.
        by_date = matches.order_by(
            (F("published_at") + Value(dt.timedelta(0))).desc(), "-id"
        ).values_list("pk", flat=True)
        if plan.since is not None:
            found = list(by_date.filter(published_at__gte=plan.since)[:limit])
            if len(found) == limit:
                return found, None
            if plan.bounded:
                return found, plan.since
        return list(by_date[:limit]), None

    def hits_up_to(self, words, limit):
        """The planner's estimate settles common words (and stop words) at once. The others
        are counted through the GIN index alone: with a LIMIT, PostgreSQL would otherwise scan
        the table in the hope of meeting a few matches early, and read every story for a word
        that is in none."""
        hits = {}
        planner = Planner(Statistics(self.using))
        with transaction.atomic(using=self.using), connections[self.using].cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            for word in words:
                if planner.surely_common(word):
                    hits[word] = limit
                    continue
                cursor.execute(
                    f"SELECT CASE WHEN numnode(plainto_tsquery('{CONFIG}', %s)) = 0 THEN %s"
                    " ELSE (SELECT count(*) FROM (SELECT 1 FROM articles_article WHERE"
                    f" search_document @@ plainto_tsquery('{CONFIG}', %s) LIMIT %s) AS h) END",
                    [word, limit, word, limit],
                )
                hits[word] = cursor.fetchone()[0]
        return hits

    def highlights(self, query, ids):
        with connections[self.using].cursor() as cursor:
            cursor.execute(
                f"""
                SELECT id,
                       ts_headline('{CONFIG}', headline, q, %s),
                       ts_headline('{CONFIG}', coalesce(nullif(body, ''), dek), q, %s),
                       ts_headline('{CONFIG}', dek, q, %s)
                  FROM articles_article, CAST(%s AS tsquery) AS q
                 WHERE id = ANY(%s)
                """,
                [_HEADLINE_OPTIONS, _SNIPPET_OPTIONS, _HEADLINE_OPTIONS, query.text, list(ids)],
            )
            return {row[0]: row[1:] for row in cursor.fetchall()}

    def estimate(self, matches):
        return Statistics(self.using).rows(matches)

"""How common a query is, from what PostgreSQL's planner knows, and so how to read its newest
matches cheaply. All figures are the planner's statistics, read instantly: row estimates from
EXPLAIN, the table's size from ``pg_class``, the histogram of publication times from
``pg_stats``. ``Statistics`` reads them; ``Planner`` decides from them (and takes any object
with the same methods: the tests give it known figures).

A broad query (10% of stories and up) meets its newest thousand matches within the first few
thousand stories in date order. A rare one is listed by the GIN index in full. In between,
checking stories in date order would unpack tens of thousands of vectors, and listing every
match visits tens of thousands of rows; so the search looks in a recent window expected to hold
the limit twice over, where the GIN index and the date index are combined (a bitmap AND)
before any row is read. Where that window starts comes from the date histogram: counting
200,000 stories off the date index to find the same day takes 80 ms.

How common: the planner multiplies the shares of the words as if they were independent, which
for a name ("Beatriz Silva") is far too low; the rarest single group bounds it from above.
Their geometric mean serves (``expected_matches``).
"""

import datetime as dt
import json
import math
from dataclasses import dataclass
from functools import cached_property

from django.db import connections

from ...query import Term
from . import tsquery

BROAD = 0.1  # a query matching this share of stories or more is read in date order
COMMON = 0.01  # a word the planner expects in this share of stories is not a misspelling
BIG_ARCHIVE = 10_000  # stories; below this the planner's estimates are not worth trusting
# A phrase is confirmed by reading each story that has all its words: at most this many.
PHRASE_READS = 4_000

# How to read the newest matches:
NEWEST_FIRST = "newest first"  # ORDER BY the date; the planner picks the path (date index, GIN)
BY_BITMAPS = "by bitmaps"  # ORDER BY a computed date: the GIN and date bitmaps, then the rows


@dataclass(frozen=True)
class Plan:
    """How to read a query's newest matches."""

    order: str  # NEWEST_FIRST or BY_BITMAPS
    since: dt.datetime | None = None  # look first at the stories published since then only
    bounded: bool = False  # fewer than wanted there: stay in that window (else: all matches)


@dataclass(frozen=True)
class Histogram:
    """The planner's statistics for stories' publication times."""

    bounds: list  # bounds of equal shares of the dated stories not among the most common dates
    null_share: float  # undated stories (drafts)
    common_share: float  # stories at one of the most common dates (outside the histogram)

    def start_of_newest(self, count, stories):
        """About when the newest ``count`` of ``stories`` begin; None when that is every story
        the histogram spans, or it has too few bounds to say."""
        if len(self.bounds) < 2:
            return None
        spanned = stories * (1 - self.null_share - self.common_share)
        if count >= spanned:
            return None
        position = (1 - count / spanned) * (len(self.bounds) - 1)
        lower = math.floor(position)
        upper = min(lower + 1, len(self.bounds) - 1)
        return self.bounds[lower] + (self.bounds[upper] - self.bounds[lower]) * (position - lower)


def expected_matches(together, rarest, stories):
    """How many stories a query is taken to match: the geometric mean of the estimate for the
    whole (too low for words that go together) and for its rarest part (an upper bound)."""
    return math.sqrt(max(together, 1) * max(min(rarest, stories), 1))


class Planner:
    """Decisions from the planner's figures about one database's stories."""

    def __init__(self, statistics):
        self.statistics = statistics

    def plan(self, query, matches, limit, phrase):
        """How to read the newest ``limit`` stories of ``matches`` (a queryset filtered by the
        compiled ``query``); ``phrase``: whether each match must be read to be confirmed."""
        stories = self.statistics.stories
        if stories < BIG_ARCHIVE:
            return Plan(NEWEST_FIRST)
        if phrase:
            return self._phrase_plan(query.parsed.groups, stories)
        together = self.statistics.rows(matches.order_by())
        groups = self.searchable(query.parsed.groups)
        rarest_group = min(self.statistics.with_any(group) for group in groups)
        expected = expected_matches(together, rarest_group, stories)
        if together <= limit or expected >= BROAD * stories:
            return Plan(NEWEST_FIRST)
        window = math.ceil(2 * limit * stories / max(expected, 1))
        return Plan(BY_BITMAPS, since=self.newest_since(window))

    def _phrase_plan(self, groups, stories):
        """The GIN index records which stories hold a word, not where: a phrase is confirmed
        by reading each story that has all its words, and the planner cannot tell how many of
        those have them side by side. So at most the newest ``PHRASE_READS`` stories with the
        words are read. If the newest matches wanted are among them, older ones follow page by
        page as for any query; if not, the phrase is rare among stories full of its words, and
        the search stays in that window (else it could read most of the archive for a handful).
        """
        with_words = self.statistics.with_all(groups, phrases=False)
        rarest_word = min(self._upper_bound(group) for group in self.searchable(groups))
        with_words = expected_matches(with_words, rarest_word, stories)
        since = None
        if with_words > PHRASE_READS:
            since = self.newest_since(math.ceil(PHRASE_READS * stories / with_words))
        return Plan(BY_BITMAPS, since=since, bounded=True)

    def searchable(self, groups):
        """The groups that search for something: a group of stop words alone ("of the")
        matches every story, and its estimate (one row) would pass for the rarest."""
        found = self.statistics.searches_something(groups)
        return [group for group, searches in zip(groups, found, strict=True) if searches] or groups

    def _upper_bound(self, group):
        """Stories with a group's words: a phrase by its rarest word (stop words and
        punctuation, which search nothing, left out)."""
        if len(group) == 1 and group[0].phrase:
            words = self.searchable([[Term(word)] for word in group[0].text.split()])
            return min(self.statistics.with_any(word) for word in words)
        return self.statistics.with_any(group, phrases=False)

    def newest_since(self, count):
        """About when the newest ``count`` stories begin (None without statistics, or when
        that is every story)."""
        histogram = self.statistics.histogram()
        if histogram is None:
            return None
        return histogram.start_of_newest(count, self.statistics.stories)

    def surely_common(self, word):
        """Whether the estimate alone says ``word`` is too common to be a misspelt name. On a
        small archive counting is cheap and estimates are guesses: there it never does."""
        expected = self.statistics.with_any([Term(word)])
        stories = self.statistics.stories
        return stories >= BIG_ARCHIVE and expected >= COMMON * stories


class Statistics:
    """What PostgreSQL's planner knows about the stories of one database."""

    def __init__(self, using):
        self.using = using

    @cached_property
    def stories(self):
        """How many stories the table holds, as of its last ANALYZE (or VACUUM)."""
        with connections[self.using].cursor() as cursor:
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'articles_article'")
            row = cursor.fetchone()
        return max(0, int(row[0])) if row else 0

    def rows(self, queryset):
        """The planner's row estimate for a queryset: instant, and right to a few per cent."""
        plan = json.loads(queryset.explain(format="json"))
        return int(plan[0]["Plan"]["Plan Rows"])

    def with_any(self, terms, phrases=True):
        """The planner's count of stories matching any of ``terms``."""
        return self._matching(*tsquery.any_of(terms, phrases))

    def with_all(self, groups, phrases=True):
        """The planner's count of stories matching every group (each an OR of terms)."""
        return self._matching(*tsquery.all_groups(groups, phrases))

    def searches_something(self, groups):
        """For each group, whether it searches for anything (not only stop words)."""
        parts = [tsquery.any_of(group) for group in groups]
        with connections[self.using].cursor() as cursor:
            cursor.execute(
                "SELECT " + ", ".join(f"numnode({sql})" for sql, _ in parts),
                [p for _, ps in parts for p in ps],
            )
            return [bool(count) for count in cursor.fetchone()]

    def histogram(self):
        """The histogram of publication times, or None before the table was analyzed."""
        with connections[self.using].cursor() as cursor:
            cursor.execute(
                "SELECT histogram_bounds::text::timestamptz[], null_frac, most_common_freqs"
                " FROM pg_stats WHERE schemaname = current_schema()"
                " AND tablename = 'articles_article' AND attname = 'published_at'"
            )
            row = cursor.fetchone()
        if not row or not row[0]:
            return None
        bounds, null_share, common = row
        return Histogram(list(bounds), null_share, sum(common or ()))

    def _matching(self, condition, params):
        with connections[self.using].cursor() as cursor:
            cursor.execute(
                "EXPLAIN (FORMAT JSON) SELECT 1 FROM articles_article "
                f"WHERE search_document @@ ({condition})",
                params,
            )
            plan = cursor.fetchone()[0]  # psycopg decodes json; be ready for text too
        plan = json.loads(plan) if isinstance(plan, str) else plan
        return plan[0]["Plan"]["Plan Rows"]

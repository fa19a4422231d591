"""The PostgreSQL planner heuristics (articles/search/backends/postgres/planner.py): decisions
from known estimates and histograms on any database, then the statistics read from a real,
analyzed PostgreSQL."""

import datetime as dt
import math

import pytest
from django.db import connection
from django.utils import timezone

from articles.models import Article
from articles.search import StorySearch
from articles.search.backends.postgres import planner
from articles.search.backends.postgres.planner import (
    BY_BITMAPS,
    NEWEST_FIRST,
    Histogram,
    Plan,
    Planner,
    Statistics,
    expected_matches,
)
from articles.search.query import Term, parse
from tests import factories as f

DAY0 = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
# 101 bounds a day apart: each of the 100 buckets holds 1% of the dated stories.
HUNDRED_DAYS = [DAY0 + dt.timedelta(days=n) for n in range(101)]


class KnownStatistics:
    """Planner figures given by the test: a size, estimates per word, a histogram."""

    def __init__(self, stories, words, together=None, histogram=None, stop_words=()):
        self.stories, self.words, self.together = stories, words, together
        self._histogram, self.stop_words = histogram, set(stop_words)
        self.histogram_reads = 0

    def _estimate(self, term):
        # As PostgreSQL's: the words' shares multiplied, stop words left out; one row for a
        # term of stop words alone.
        words = [word for word in term.text.lower().split() if word not in self.stop_words]
        if not words:
            return 1
        return self.stories * math.prod(self.words.get(word, 1) / self.stories for word in words)

    def with_any(self, terms, phrases=True):
        return min(self.stories, sum(self._estimate(term) for term in terms))

    def with_all(self, groups, phrases=True):
        return self.stories * math.prod(self.with_any(group) / self.stories for group in groups)

    def rows(self, queryset):
        return self.together

    def searches_something(self, groups):
        return [
            any(set(term.text.lower().split()) - self.stop_words for term in group)
            for group in groups
        ]

    def histogram(self):
        self.histogram_reads += 1
        return self._histogram


class Compiled:
    """The part of a compiled query the planner reads: the parsed form."""

    def __init__(self, text):
        self.parsed = parse(text)


def plan(text, statistics, limit=1000, phrase=False):
    matches = Article.objects.none()  # the figures come from ``statistics``
    return Planner(statistics).plan(Compiled(text), matches, limit, phrase=phrase)


# -- The histogram --------------------------------------------------------------------------


def test_the_newest_stories_start_where_the_histogram_says():
    histogram = Histogram(HUNDRED_DAYS, null_share=0.0, common_share=0.0)
    assert histogram.start_of_newest(100, stories=1000) == DAY0 + dt.timedelta(days=90)
    # Between bounds: interpolated.
    assert histogram.start_of_newest(105, stories=1000) == DAY0 + dt.timedelta(days=89.5)
    assert histogram.start_of_newest(1, stories=1000) == DAY0 + dt.timedelta(days=99.9)


def test_undated_and_most_common_dates_are_outside_the_histogram():
    # 1,000 stories, a quarter drafts and a quarter at common dates: the histogram spans 500.
    histogram = Histogram(HUNDRED_DAYS, null_share=0.25, common_share=0.25)
    assert histogram.start_of_newest(50, stories=1000) == DAY0 + dt.timedelta(days=90)
    assert histogram.start_of_newest(499, stories=1000) is not None
    assert histogram.start_of_newest(500, stories=1000) is None  # that is every story


def test_a_histogram_of_one_bound_says_nothing():
    assert Histogram([DAY0], 0.0, 0.0).start_of_newest(1, stories=1000) is None


def test_expected_matches_is_the_geometric_mean_of_the_two_estimates():
    assert expected_matches(100, 10_000, stories=1_000_000) == 1000
    assert expected_matches(100, 10_000_000, stories=1_000_000) == 10_000  # rarest capped
    assert expected_matches(0, 0, stories=1_000_000) == 1


# -- Which way the newest matches are read --------------------------------------------------

MILLION = 1_000_000


def test_a_small_archive_reads_newest_first_without_asking_more():
    statistics = KnownStatistics(planner.BIG_ARCHIVE - 1, {"harbor": 300}, together=300)
    assert plan("harbor", statistics) == Plan(NEWEST_FIRST)
    assert plan('"harbor pilots"', statistics, phrase=True) == Plan(NEWEST_FIRST)
    assert statistics.histogram_reads == 0


def test_a_rare_query_is_listed_in_full_and_a_broad_one_read_in_date_order():
    rare = KnownStatistics(MILLION, {"espinoza": 900}, together=900)
    assert plan("espinoza", rare) == Plan(NEWEST_FIRST)
    broad = KnownStatistics(MILLION, {"prosecutor": 400_000}, together=400_000)
    assert plan("prosecutor", broad) == Plan(NEWEST_FIRST)
    assert rare.histogram_reads == broad.histogram_reads == 0


def test_a_query_in_between_looks_in_a_recent_window_from_the_histogram():
    histogram = Histogram(HUNDRED_DAYS, 0.0, 0.0)
    statistics = KnownStatistics(MILLION, {"rodriguez": 50_000}, 50_000, histogram)
    # 50,000 matches: a window of 2 * 1,000 * 1,000,000 / 50,000 = 40,000 stories, 4% of them.
    assert plan("rodriguez", statistics) == Plan(BY_BITMAPS, since=DAY0 + dt.timedelta(days=96))


def test_a_name_is_judged_by_its_rarest_word_as_well_as_the_whole():
    # "beatriz silva": the planner multiplies 3% by 25% (7,500), far below the 250,000 stories
    # that name Silva; sqrt(7,500 * 30,000) = 15,000 serves: in between, not rare.
    words = {"beatriz": 30_000, "silva": 250_000}
    statistics = KnownStatistics(MILLION, words, 7_500, Histogram(HUNDRED_DAYS, 0.0, 0.0))
    window = math.ceil(2 * 1000 * MILLION / math.sqrt(7_500 * 30_000))  # 133,334 stories
    since = Histogram(HUNDRED_DAYS, 0.0, 0.0).start_of_newest(window, MILLION)
    assert plan("beatriz silva", statistics) == Plan(BY_BITMAPS, since=since)
    assert DAY0 + dt.timedelta(days=86) < since < DAY0 + dt.timedelta(days=87)


def test_a_group_of_stop_words_is_never_the_rarest():
    # "of the" searches nothing: its estimate (1) must not pass for the rarest group, which
    # would make the window the whole archive.
    histogram = Histogram(HUNDRED_DAYS, 0.0, 0.0)
    statistics = KnownStatistics(MILLION, {"rodriguez": 50_000}, 50_000, histogram, {"of", "the"})
    assert plan('rodriguez "of the"', statistics) == plan("rodriguez", statistics)
    assert plan("rodriguez", statistics).since == DAY0 + dt.timedelta(days=96)


def test_without_a_histogram_the_window_is_all_matches():
    statistics = KnownStatistics(MILLION, {"rodriguez": 50_000}, 50_000, histogram=None)
    assert plan("rodriguez", statistics) == Plan(BY_BITMAPS, since=None)


def test_a_phrase_of_rare_words_reads_all_its_stories():
    statistics = KnownStatistics(MILLION, {"delavi": 3000, "inti": 3500}, histogram=None)
    assert plan('"delavi inti"', statistics, phrase=True) == Plan(BY_BITMAPS, bounded=True)
    assert statistics.histogram_reads == 0  # at most PHRASE_READS stories: no window


def test_a_phrase_of_common_words_is_bounded_to_recent_stories():
    words = {"county": 700_000, "prosecutor": 400_000}
    statistics = KnownStatistics(MILLION, words, histogram=Histogram(HUNDRED_DAYS, 0.0, 0.0))
    # Both words: 28% multiplied, 40% for the rarer; sqrt(280,000 * 400,000) = 334,664 stories
    # hold the words, so the newest 4,000 of them begin 1.2% of the archive back.
    reads = math.ceil(planner.PHRASE_READS * MILLION / math.sqrt(280_000 * 400_000))
    since = Histogram(HUNDRED_DAYS, 0.0, 0.0).start_of_newest(reads, MILLION)
    assert plan('"county prosecutor"', statistics, phrase=True) == Plan(
        BY_BITMAPS, since=since, bounded=True
    )
    assert DAY0 + dt.timedelta(days=98) < since < DAY0 + dt.timedelta(days=99)


def test_a_phrases_rarest_word_leaves_its_stop_words_out():
    # "the" searches nothing; were its estimate (1) taken as the rarest, the phrase would be
    # thought rare and read in full.
    words = {"county": 700_000, "prosecutor": 400_000}
    statistics = KnownStatistics(
        MILLION, words, histogram=Histogram(HUNDRED_DAYS, 0.0, 0.0), stop_words={"the"}
    )
    found = plan('"the county prosecutor"', statistics, phrase=True)
    assert found.bounded and found.since is not None


def test_a_word_is_surely_common_only_on_a_big_archive():
    big = KnownStatistics(MILLION, {"county": 10_000, "lacy": 9_999})
    assert Planner(big).surely_common("county")  # 1% of stories
    assert not Planner(big).surely_common("lacy")
    small = KnownStatistics(planner.BIG_ARCHIVE - 1, {"county": 9_000})
    assert not Planner(small).surely_common("county")  # counted instead


# -- The statistics of a real, analyzed PostgreSQL ------------------------------------------

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="reads PostgreSQL's planner statistics"
)


@pytest.fixture
def dated_stories(db):
    """300 stories a day apart (the newest today), "harbor" in every tenth, 60 drafts."""
    now, first = timezone.now(), f.ArticleFactory(headline="Item 0", body="harbor pilots")
    shared = {"section": first.section, "publication": first.publication}
    first.published_at = now
    first.save()
    stories = [
        f.ArticleFactory.build(
            headline=f"Item {n}",
            body="harbor pilots" if n % 10 == 0 else "county news",
            published_at=now - dt.timedelta(days=n),
            **shared,
        )
        for n in range(1, 300)
    ]
    drafts = f.ArticleFactory.build_batch(
        60, status="draft", published_at=None, body="county news", **shared
    )
    Article.objects.bulk_create(stories + drafts)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_article")
    return now


@postgres_only
def test_statistics_read_the_analyzed_table(dated_stories):
    statistics = Statistics(connection.alias)
    assert statistics.stories == 360
    histogram = statistics.histogram()
    assert histogram.null_share == pytest.approx(60 / 360, abs=0.01)
    assert histogram.bounds == sorted(histogram.bounds) and len(histogram.bounds) >= 2
    assert statistics.with_any([Term("harbor")]) == pytest.approx(30, rel=0.5)
    assert statistics.with_any([Term("county")]) == pytest.approx(330, rel=0.2)
    assert statistics.searches_something([[Term("the")], [Term("harbor")]]) == [False, True]
    harbor = StorySearch("harbor")
    assert statistics.rows(harbor.filter(Article.objects.all())) == pytest.approx(30, rel=0.5)


@postgres_only
def test_the_histogram_finds_when_the_newest_stories_begin(dated_stories):
    since = Planner(Statistics(connection.alias)).newest_since(100)
    # The 100th newest story is 99 days old: within a few days of it, by the histogram.
    assert abs((dated_stories - since).days - 99) <= 3
    assert Planner(Statistics(connection.alias)).newest_since(360) is None  # every story


@postgres_only
def test_a_window_finds_the_same_newest_matches(dated_stories, monkeypatch):
    monkeypatch.setattr(planner, "BIG_ARCHIVE", 0)
    search = StorySearch("harbor")
    matches = search.filter(Article.objects.published())
    chosen = Planner(Statistics(connection.alias)).plan(search.query, matches, 5, phrase=False)
    assert chosen.order == BY_BITMAPS and chosen.since is not None
    ids, since = search.backend.newest_matches(search.query, matches, 5)
    newest = list(matches.order_by("-published_at", "-id").values_list("pk", flat=True)[:5])
    assert ids == newest and since is None

"""Topic pages, dossiers and related stories read the coverage tallies and the newest
mentions, and show what a full count of the stories shows."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from articles.coverage import Coverage
from articles.models import Article
from core.charts import coverage_chart
from core.dates import end_of_day
from core.publishing import appeared_before_condition
from tests import factories as f

pytestmark = pytest.mark.django_db


def covered(person, days, **extra):
    now = timezone.now()
    return [
        f.MentionFactory(
            person=person,
            article=f.ArticleFactory(published_at=now - dt.timedelta(days=d), **extra),
        ).article
        for d in days
    ]


def months(stories):
    counts = {}
    for story in stories:
        month = timezone.localdate(story.published_at).replace(day=1)
        counts[month] = counts.get(month, 0) + 1
    return counts


def test_counts_and_charts_equal_a_full_count_for_readers_editors_and_as_of():
    person = f.PersonFactory()
    public = covered(person, [0, 1, 3, 40, 41, 200, 900, 2000])
    covered(person, [10], status="withdrawn")
    future = f.ArticleFactory(
        status="scheduled", published_at=timezone.now() + dt.timedelta(days=2)
    )
    f.MentionFactory(person=person, article=future)
    f.MentionFactory(person=person, article=f.ArticleFactory(status="draft", published_at=None))

    readers = Coverage(person, public=True)
    assert readers.per_month() == months(public) and readers.total == 8
    everything = Article.objects.mentioning(person=person)
    editors = Coverage(person)
    assert editors.total == 10  # every status with a publish time, the scheduled one too
    first, last = everything.span()
    assert editors.span() == (first, last)
    full = coverage_chart(everything, first, last)
    assert [(b.start, b.count) for b in editors.chart().buckets] == [
        (b.start, b.count) for b in full.buckets
    ]
    day = timezone.localdate() - dt.timedelta(days=5)
    then = everything.filter(appeared_before_condition(end_of_day(day)))
    as_of = Coverage(person, until=day)
    assert as_of.total == then.count() == 6  # the withdrawn story had come out by then
    assert [s.pk for s in as_of.latest(3)] == [
        s.pk for s in then.order_by("-published_at", "-id")[:3]
    ]


def test_a_short_span_is_charted_by_week_from_the_mentions():
    race = f.RaceFactory()
    now = timezone.now()
    for d in (1, 8, 9, 30):
        f.MentionFactory(
            person=None,
            race=race,
            article=f.ArticleFactory(published_at=now - dt.timedelta(days=d)),
        )
    chart = Coverage(race, public=True).chart()
    assert chart.period == "week" and chart.total == 4


def test_a_topic_page_is_linked_by_position_and_counted_from_the_tallies(client):
    person = f.PersonFactory(slug="often-covered")
    stories = covered(person, range(25))
    covered(person, [3], status="draft")
    first = client.get("/people/often-covered/").content.decode()
    assert "Page 1 of 3" in first
    shown = [s.headline for s in stories[:10]]
    assert all(headline in first for headline in shown)
    older = re.search(r'rel="next" href="([^"]+)"', first).group(1).replace("&amp;", "&")
    assert "after=" in older
    second = client.get("/people/often-covered/" + older).content.decode()
    assert stories[10].headline in second and stories[9].headline not in second
    assert client.get("/people/often-covered/?page=3").status_code == 200
    assert client.get("/people/often-covered/?page=4").status_code == 404


def test_related_stories_share_the_most_among_the_newest_of_each():
    person, other = f.PersonFactory(), f.PersonFactory()
    race = f.RaceFactory()
    story = covered(person, [0])[0]
    f.MentionFactory(article=story, person=other)
    f.MentionFactory(article=story, person=None, race=race)
    best = covered(person, [5])[0]
    f.MentionFactory(article=best, person=other)
    f.MentionFactory(article=best, person=None, race=race)
    some = covered(person, [1, 2, 3])
    hidden = covered(person, [4], status="draft")[0]
    from public.views.stories import related_stories

    related = related_stories(story, [person, other], [race])
    assert related[0] == best and related[0].shared == 3
    assert set(related[1:]) == set(some) and hidden not in related


def test_the_newest_public_stories_of_each_target_in_one_statement():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from articles.coverage import newest_public_story_ids

    often, rare = f.PersonFactory(), f.PersonFactory()
    race, organization = f.RaceFactory(), f.OrganizationFactory()
    frequent = covered(often, range(1, 6))
    story = frequent[0]
    seldom = covered(rare, [30])
    covered(rare, [2], status="draft")
    ahead = f.ArticleFactory(published_at=timezone.now() + dt.timedelta(days=1))
    f.MentionFactory(article=ahead, person=rare)
    raced = f.MentionFactory(person=None, race=race).article
    named = f.MentionFactory(person=None, organization=organization).article

    with CaptureQueriesContext(connection) as queries:
        ids = set(
            Article.objects.filter(
                pk__in=newest_public_story_ids(
                    [often, rare, race, organization], 2, excluding=story
                )
            ).values_list("pk", flat=True)
        )
    assert len(queries) == 1
    # Two newest of the frequent person besides the story itself; the rare person's only
    # public story is not crowded out by them; drafts and scheduled stories stay out.
    assert ids == {frequent[1].pk, frequent[2].pk, seldom[0].pk, raced.pk, named.pk}

"""The story counts the database keeps equal a full recount after every kind of write."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.utils import timezone

from articles import tallies
from articles.models import Article, StoryTally
from articles.models.tallies import NO_DAY
from tests import factories as f

pytestmark = pytest.mark.django_db


def kept():
    return {
        (row.day, row.section_id, row.status): row.stories
        for row in StoryTally.objects.filter(stories__gt=0)
    }


def recount():
    counts = {}
    for story in Article.objects.all():
        day = timezone.localdate(story.published_at) if story.published_at else NO_DAY
        key = (day, story.section_id, story.status)
        counts[key] = counts.get(key, 0) + 1
    return counts


def test_single_writes_edits_publishes_withdrawals_and_deletions_keep_counts_exact():
    section, other = f.SectionFactory(), f.SectionFactory()
    story = f.ArticleFactory(section=section)
    draft = f.ArticleFactory(section=section, status="draft", published_at=None)
    assert kept() == recount() and sum(kept().values()) == 2

    draft.status, draft.published_at = "published", timezone.now()  # publish
    draft.save()
    story.status = "withdrawn"  # withdraw
    story.save()
    draft.section = other  # move
    draft.published_at -= dt.timedelta(days=40)  # redate
    draft.save()
    draft.headline = "A new headline"  # an edit that moves no cell
    draft.save()
    assert kept() == recount()

    story.delete()
    assert (
        kept() == recount() == {(timezone.localdate(draft.published_at), other.pk, "published"): 1}
    )


def test_bulk_writes_and_queryset_updates_keep_counts_exact():
    section = f.SectionFactory()
    publication = f.MediaFactory()
    now = timezone.now()
    Article.objects.bulk_create(
        Article(
            headline=f"Story {n}",
            slug=f"story-{n}",
            section=section,
            publication=publication,
            status="published" if n % 3 else "draft",
            published_at=now - dt.timedelta(hours=7 * n) if n % 3 else None,
        )
        for n in range(60)
    )
    assert kept() == recount() and sum(kept().values()) == 60
    Article.objects.filter(status="draft").update(status="scheduled", published_at=now)
    Article.objects.filter(slug__endswith="1").update(status="withdrawn")
    Article.objects.filter(slug__endswith="2").delete()
    assert kept() == recount()


def test_the_day_is_the_newsrooms_local_day():
    # 02:00 UTC on March 1 is still February 28 in Los Angeles (the test settings' zone).
    moment = dt.datetime(2024, 3, 1, 2, 0, tzinfo=dt.UTC)
    story = f.ArticleFactory(published_at=moment)
    assert kept() == {(timezone.localdate(moment), story.section_id, "published"): 1}
    assert timezone.localdate(moment) == dt.date(2024, 2, 29)


def test_generate_corpus_builds_the_counts_and_leaves_the_triggers_on():
    f.ArticleFactory()  # a real story beside the synthetic ones
    call_command(
        "generate_corpus",
        stories=40,
        seed=3,
        people=50,
        workers=1,
        verbosity=0,
        stdout=io.StringIO(),
    )
    assert kept() == recount() and sum(kept().values()) == 41
    assert tallies.missing_triggers(connection) == []
    f.ArticleFactory()
    assert kept() == recount()


def test_reinstalling_recounts_from_the_stories():
    f.ArticleFactory.create_batch(3)
    StoryTally.objects.update(stories=99)  # damaged by hand
    tallies.install(connection)
    assert kept() == recount()


def test_reads_match_the_stories():
    section = f.SectionFactory()
    for days in (1, 2, 2, 40):
        f.ArticleFactory(section=section, published_at=timezone.now() - dt.timedelta(days=days))
    f.ArticleFactory(
        section=section, status="scheduled", published_at=timezone.now() + dt.timedelta(hours=1)
    )
    rows = tallies.cells({"section": section})
    assert tallies.total(rows) == 5
    assert sum(tallies.per_day(rows).values()) == 5
    assert tallies.total(tallies.cells({"section": section, "status": "scheduled"})) == 1
    assert tallies.cells({"q": "word"}) is None
    public = tallies.public_total_by_section(timezone.now())
    expected = dict(
        Article.objects.published().values_list("section").annotate(n=Count("id")).order_by()
    )
    assert public == expected

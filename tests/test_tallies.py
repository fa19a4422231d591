"""The story counts the database keeps equal a full recount after every kind of write."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.utils import timezone

from articles import tallies
from articles.models import Article, CoverageTally, Mention, StoryTally
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


# Coverage: stories per person, organization or race, month and status -----------------------


def coverage_kept():
    return {
        (row.kind, row.target_id, row.month, row.status): row.stories
        for row in CoverageTally.objects.exclude(stories=0)
    }


def coverage_recount():
    """The cells counted from the stories themselves, and every mention's copy checked."""
    counts = {}
    for mention in Mention.objects.select_related("article"):
        story = mention.article
        assert (mention.story_published_at, mention.story_status) == (
            story.published_at,
            story.status,
        ), f"mention {mention.pk} has a stale copy of its story"
        month = (
            timezone.localdate(story.published_at).replace(day=1) if story.published_at else NO_DAY
        )
        kind, target = next(
            (kind, getattr(mention, f"{kind}_id"))
            for kind in ("person", "organization", "race")
            if getattr(mention, f"{kind}_id")
        )
        key = (kind, target, month, story.status)
        counts[key] = counts.get(key, 0) + 1
    return counts


def assert_coverage_exact():
    assert coverage_kept() == coverage_recount()


def test_coverage_counts_follow_mentions_publishes_withdrawals_edits_and_deletions():
    person, other, org = f.PersonFactory(), f.PersonFactory(), f.OrganizationFactory()
    race = f.RaceFactory()
    story = f.ArticleFactory(published_at=dt.datetime(2024, 3, 1, 2, tzinfo=dt.UTC))
    draft = f.ArticleFactory(status="draft", published_at=None)
    f.MentionFactory(article=story, person=person)
    f.MentionFactory(article=story, person=None, organization=org)
    f.MentionFactory(article=story, person=None, race=race)
    moved = f.MentionFactory(article=draft, person=person)
    # 02:00 UTC on March 1 is February in Los Angeles: the month is the newsroom's.
    assert coverage_kept()[("person", person.pk, dt.date(2024, 2, 1), "published")] == 1
    assert coverage_kept()[("person", person.pk, NO_DAY, "draft")] == 1
    assert_coverage_exact()

    draft.status, draft.published_at = "published", timezone.now()  # publish
    draft.save()
    assert_coverage_exact()
    story.status = "withdrawn"  # withdraw
    story.save()
    story.published_at -= dt.timedelta(days=90)  # redate
    story.save()
    assert_coverage_exact()

    moved.refresh_from_db()
    moved.person = other  # an edit that moves the mention to someone else
    moved.save()
    stale = Mention.objects.get(article=story, race=race)  # a copy loaded before the change
    Article.objects.filter(pk=story.pk).update(status="published")
    stale.role = Mention.Role.SUBJECT
    stale.save()  # writes its old copy of the story's status back: the database corrects it
    assert_coverage_exact()
    assert Mention.objects.get(pk=stale.pk).story_status == "published"

    Mention.objects.filter(organization=org).delete()  # a mention removed
    assert_coverage_exact()
    story.delete()  # its mentions go with it
    assert_coverage_exact()
    assert set(coverage_kept()) == {
        ("person", other.pk, timezone.localdate(draft.published_at).replace(day=1), "published")
    }


def test_bulk_mentions_and_queryset_updates_keep_coverage_exact():
    people = f.PersonFactory.create_batch(3)
    now = timezone.now()
    stories = [f.ArticleFactory(published_at=now - dt.timedelta(days=35 * n)) for n in range(6)]
    Mention.objects.bulk_create(
        Mention(article=story, person=person)
        for story in stories
        for person in people[: 1 + stories.index(story) % 3]
    )
    assert_coverage_exact()
    assert sum(n for (kind, pk, *_), n in coverage_kept().items() if pk == people[0].pk) == 6
    Article.objects.filter(pk__in=[s.pk for s in stories[:3]]).update(status="withdrawn")
    Article.objects.filter(pk=stories[3].pk).update(status="draft", published_at=None)
    Mention.objects.filter(person=people[2]).update(person=f.PersonFactory())
    Mention.objects.filter(article=stories[5]).delete()
    Article.objects.filter(pk=stories[4].pk).delete()
    assert_coverage_exact()


def test_merging_people_moves_their_counts():
    from people.merging import merge_into

    keep, duplicate = f.PersonFactory(), f.PersonFactory()
    both = f.ArticleFactory()
    f.MentionFactory(article=both, person=keep)
    f.MentionFactory(article=both, person=duplicate)  # the same story names both
    f.MentionFactory(person=duplicate)
    f.MentionFactory(person=duplicate, article=f.ArticleFactory(status="draft", published_at=None))
    merge_into(keep, [duplicate])
    assert_coverage_exact()
    assert not [key for key in coverage_kept() if key[1] == duplicate.pk]
    assert sum(n for key, n in coverage_kept().items() if key[1] == keep.pk) == 3


def test_imported_stories_and_accepted_suggestions_keep_coverage_exact(tmp_path):
    from django.contrib.auth.models import User

    from articles.ingest.review import accept
    from articles.models import Suggestion

    path = tmp_path / "feed.jsonl"
    call_command("generate_corpus", jsonl=str(path), stories=12, people=40, seed=5, verbosity=0)
    call_command("generate_corpus", stories=0, people=40, seed=5, workers=1, verbosity=0)
    call_command("import_stories", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    editor = User.objects.create_superuser("ed", password="x")
    for suggestion in Suggestion.objects.filter(kind="person", person__isnull=False)[:10]:
        accept(suggestion, editor)
    assert Mention.objects.filter(article__import_record__isnull=False).exists()
    assert_coverage_exact()
    imported = Article.objects.filter(import_record__isnull=False)
    imported.update(status="published", published_at=timezone.now())
    call_command("import_stories", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    assert_coverage_exact()


def immediate_constraints():
    # A bulk load alters tables: PostgreSQL refuses while foreign-key checks are pending.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def test_generate_corpus_builds_coverage_counts_and_copies():
    f.MentionFactory()
    immediate_constraints()
    call_command(
        "generate_corpus", stories=40, seed=3, people=50, workers=1, verbosity=0,
        stdout=io.StringIO(),
    )  # fmt: skip
    assert Mention.objects.count() > 100
    assert_coverage_exact()
    assert tallies.missing_triggers(connection, list(tallies.COVERAGE_TRIGGERS)) == []


@pytest.mark.django_db(transaction=True)
def test_generate_corpus_outside_a_transaction_recounts_after_loading():
    # On PostgreSQL the triggers are off while the corpus loads, then everything is recounted.
    f.MentionFactory()
    call_command(
        "generate_corpus", stories=30, seed=4, people=40, workers=1, verbosity=0,
        stdout=io.StringIO(),
    )  # fmt: skip
    assert_coverage_exact()
    assert kept() == recount()
    assert tallies.missing_triggers(connection, list(tallies.COVERAGE_TRIGGERS)) == []
    f.MentionFactory(article=Article.objects.filter(is_synthetic=True).first())
    assert_coverage_exact()


def test_reinstalling_coverage_recounts_and_corrects_the_copies():
    mention = f.MentionFactory()
    CoverageTally.objects.update(stories=7)  # damaged by hand
    with connection.cursor() as cursor:
        for name in tallies.COVERAGE_TRIGGERS:
            cursor.execute(
                f"DROP TRIGGER {name}" + tallies._on(connection, tallies.COVERAGE_TRIGGERS[name])
            )
    Mention.objects.filter(pk=mention.pk).update(story_status="draft")
    tallies.install_coverage(connection)
    assert_coverage_exact()

"""manage.py load_demo: the seed coverage as records, loaded the same way every time."""

import datetime as dt
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import models
from django.test import override_settings
from django.utils import timezone

from articles.models import Article, Photo, Quote
from core.dates import (
    DatePrecision,
    describe,
    describe_moment,
    moment_day,
    precise_date_fields,
    precise_moment_fields,
)
from people.models import Contribution, Endorsement, Person, Race, ResultSnapshot, Term

pytestmark = pytest.mark.django_db

ARCHIVE_MODELS = [m for m in apps.get_models() if m._meta.app_label in {"articles", "people"}]


def load(*args):
    out = StringIO()
    call_command("load_demo", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def counts():
    return {model._meta.label: model._default_manager.count() for model in ARCHIVE_MODELS}


def test_a_second_run_changes_nothing(seeds_dir):
    load("--seeds", str(seeds_dir))
    first = counts()
    output = load("--seeds", str(seeds_dir))
    assert "Changed: nothing." in output
    assert counts() == first  # includes every history table: nothing was re-saved


def test_the_demo_holds_what_the_stories_report():
    load()
    assert Article.objects.published().count() == 2
    assert Person.objects.named("Gascon").get().slug == "george-gascon"
    assert Person.objects.named("jacquelyn lacey").get().slug == "jackie-lacey"
    assert Photo.objects.count() == 4
    assert set(Photo.objects.values_list("photographer__name", flat=True)) == {
        "Michael Blackshire",
        "Jason Armond",
        "Gary Coronado",
    }
    assert Quote.objects.filter(speaker__slug="george-gascon").count() == 3


def test_who_was_district_attorney_on_a_date():
    load()
    office = "la-county-district-attorney"
    assert (
        Term.objects.held_on(dt.date(2020, 11, 30)).get(office__slug=office).person.name
        == "Jackie Lacey"
    )
    assert (
        Term.objects.held_on(dt.date(2021, 6, 1)).get(office__slug=office).person.name
        == "George Gascón"
    )


def test_endorsers_of_lacey_before_and_after_the_withdrawals():
    load()
    lacey = Race.objects.get(slug="2020-la-county-da-general").candidacies.get(
        person__slug="jackie-lacey"
    )

    def endorsers(day):
        rows = Endorsement.objects.in_force_on(day).filter(candidacy=lacey).for_display()
        return {str(e.endorser) for e in rows}

    # The story gives no dates: before its day nothing is known to have been in force, and by
    # then Schiff and Garcetti had dropped their support (after the March primary).
    assert endorsers(dt.date(2020, 5, 1)) == set()
    assert endorsers(dt.date(2020, 10, 31)) == set()
    assert endorsers(dt.date(2020, 11, 1)) == {
        "Dianne Feinstein",
        "London Breed",
        "Los Angeles County Board of Supervisors",
    }


def test_the_latest_count_of_the_2024_race():
    load()
    race = Race.objects.get(slug="2024-la-county-da-general")
    latest = ResultSnapshot.objects.latest_for(race)
    assert latest.status == ResultSnapshot.Status.EARLY
    assert {line.candidacy.person.slug: line.votes for line in latest.lines.all()} == {
        "nathan-hochman": 847_896,
        "george-gascon": 577_340,
    }
    assert ResultSnapshot.objects.certified_for(race) is None


def test_seed_texts_become_the_bodies_without_their_captions(seeds_dir):
    load("--seeds", str(seeds_dir))
    story = Article.objects.get(slug="gascon-trails-hochman-in-early-returns")
    assert "847,896" in story.body
    assert "Los Angeles Times)" not in story.body  # caption credits are photos, not body text
    assert len(story.paragraphs()) == 32
    quote = Quote.objects.get(
        speaker__slug="george-gascon", text__startswith="I haven’t considered"
    )
    assert quote.text.split(".")[0] in story.paragraphs()[quote.paragraph - 1]


def test_without_seeds_the_demo_uses_its_own_summaries():
    output = load("--seeds", "/nonexistent/seeds")
    assert "Archive now holds: 2 stories" in output
    story = Article.objects.get(slug="lacey-gascon-race-nears-end-as-test-of-reform")
    assert len(story.paragraphs()) == 4


def test_dry_run_writes_nothing():
    output = load("--dry-run")
    assert output.startswith("Would change:")
    assert Article.objects.count() == 0 and Person.objects.count() == 0


@override_settings(DEBUG=False)
def test_demo_users_are_refused_outside_debug():
    with pytest.raises(CommandError, match="refused when DEBUG is off"):
        load("--with-demo-users")
    assert Article.objects.count() == 0


@override_settings(DEBUG=True)
def test_demo_users_in_debug_have_their_roles():
    from django.contrib.auth.models import User

    output = load("--with-demo-users")
    assert "Demo sign-in: editor / editor-demo" in output
    assert User.objects.get(username="editor").has_perm("articles.publish_article")
    assert not User.objects.get(username="dataentry").has_perm("articles.publish_article")
    assert User.objects.get(username="admin").is_superuser


# No demo date more exact than its source -----------------------------------------------------

SEED_FILES = {
    "lacey-gascon-race-nears-end-as-test-of-reform": "003_8d4cf89e17671bb7.txt",
    "gascon-trails-hochman-in-early-returns": "000_5c6fb839be218f1e.txt",
}
STORY_2020, STORY_2024 = SEED_FILES

AFTER_THE_2020_PRIMARY = (
    "nearly ended the race in March",
    "dropped their endorsements of Lacey and chose to back Gascón instead",
)

# (story, the date as the archive shows it): the words of the story that give it. A date the
# story does not give may only be "on or before" the story's own day (or, for a figure, the
# story's day itself). Where a range starts at an election ("after the March primary"), its
# first day is that election's day.
QUOTED = {
    (STORY_2020, "2011"): ("from 2011 to 2019",),
    (STORY_2020, "2019"): ("from 2011 to 2019",),
    (STORY_2020, "between March 3 and November 1, 2020"): AFTER_THE_2020_PRIMARY,
    (STORY_2024, "August 18, 2024"): ("the survey on Aug. 18",),
    (STORY_2024, "October 8, 2024"): ("the poll on Oct. 8",),
    (STORY_2024, "November 3, 2024"): ("On Sunday, the last of three polls",),  # the story: Tuesday
    (STORY_2024, "between June 1 and September 22, 2024"): (
        "endorsed Vice President Kamala Harris over the summer",
    ),
    (STORY_2024, "between March 5 and November 5, 2024"): (
        "ran in the primary and later endorsed Hochman",
    ),
    (STORY_2024, "November 5, 2024, time not reported"): ("in early returns",),
}


def dated_facts():
    """(record, field, the date as shown, whether it is the story's own bound) for every date
    of every sourced fact in the archive."""
    for model in apps.get_app_config("people").get_models():
        names = {f.name for f in model._meta.get_fields()}
        if "source_article" not in names or "history_id" in names:  # facts, not their history
            continue
        dates = precise_date_fields(model)
        moments = precise_moment_fields(model)
        plain = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, (models.DateField, models.DateTimeField))
            and f.editable
            and f.name not in dates
            and f.name not in moments
        ]
        for record in model._default_manager.select_related("source_article"):
            for name, (precision, earliest) in dates.items():
                value = getattr(record, name)
                if value is not None:
                    kind = getattr(record, precision)
                    shown = describe(value, kind, getattr(record, earliest))
                    yield record, name, value, shown, kind == DatePrecision.ON_OR_BEFORE
            for name, precision in moments.items():
                value = getattr(record, name)
                kind = getattr(record, precision)
                yield record, name, moment_day(value), describe_moment(value, kind), False
            for name in plain:
                value = getattr(record, name)
                if value is not None:
                    yield record, name, value, describe(value, DatePrecision.DAY), True


def more_exact_than_their_sources():
    """Each date that no source gives as exactly as it is stored."""
    found = []
    for record, name, value, shown, bound in dated_facts():
        story = record.source_article
        if story is None:
            if not record.source_note.startswith("Public record"):
                found.append(f"{record} {name} {shown}: no source")
            continue
        if bound and value == timezone.localtime(story.published_at).date():
            continue  # "by" the story's own day: all the story itself says
        if (story.slug, shown) not in QUOTED:
            found.append(f"{record} {name} {shown}: not in {story.slug}")
    return found


def test_no_demo_date_is_more_exact_than_its_source():
    load()
    assert more_exact_than_their_sources() == []


def test_the_check_finds_an_invented_date_or_time():
    load()
    story = Article.objects.get(slug=STORY_2020)
    race = Race.objects.get(slug="2020-la-county-da-general")
    invented = Endorsement.objects.create(
        endorser_person=Person.objects.get(slug="bernie-sanders"),
        candidacy=race.candidacies.get(person__slug="jackie-lacey"),
        announced_on=dt.date(2020, 6, 15),
        source_article=story,
    )
    timed = ResultSnapshot.objects.create(
        race=race,
        as_of=timezone.make_aware(dt.datetime(2020, 11, 1, 21, 0)),
        status=ResultSnapshot.Status.EARLY,
        source_article=story,
    )
    unsourced = Term.objects.get(person__slug="jackie-lacey")
    unsourced.source_note = ""
    unsourced.save()
    found = more_exact_than_their_sources()
    assert len(found) == 4, found  # the day, the time, and the unsourced term's two dates
    assert any(str(invented) in line and "June 15, 2020" in line for line in found)
    assert any(str(timed) in line and "9:00 p.m." in line for line in found)


def test_each_quoted_phrase_is_in_its_seed_story(seeds_dir):
    for (story, _shown), phrases in QUOTED.items():
        text = " ".join((seeds_dir / SEED_FILES[story]).read_text().split())
        for phrase in phrases:
            assert phrase in text, (story, phrase)


def test_the_demo_count_is_shown_without_an_invented_time(client):
    load()
    count = ResultSnapshot.objects.get(race__slug="2024-la-county-da-general")
    assert count.as_of_precision == "day"
    page = client.get("/races/2024-la-county-da-general/")
    html = page.content.decode()
    assert '<time datetime="2024-11-05">November 5, 2024, time not reported</time>' in html
    # A span shows as one, on the public page too: Schiff's switch after the March primary.
    race_2020 = client.get("/races/2020-la-county-da-general/").content.decode()
    assert "between March 3 and November 1, 2020" in race_2020


def test_a_date_taken_out_of_the_files_is_cleared_on_the_next_run():
    """The Color Of Change money once carried an invented start; a re-run must not keep it."""
    load()
    contribution = Contribution.objects.get(contributor_organization__slug="color-of-change-pac")
    contribution.period_start = dt.date(2020, 9, 3)
    contribution.save()
    load()
    contribution.refresh_from_db()
    assert contribution.period_start is None
    assert contribution.period_end == dt.date(2020, 11, 1)

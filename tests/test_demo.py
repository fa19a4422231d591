"""manage.py load_demo: the seed coverage as records, loaded the same way every time."""

import datetime as dt
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.test import override_settings

from articles.models import Article, Photo, Quote
from people.models import Endorsement, Person, Race, ResultSnapshot, Term

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

    assert endorsers(dt.date(2020, 5, 1)) == {"Adam Schiff", "Eric Garcetti"}
    assert endorsers(dt.date(2020, 10, 1)) == set()
    assert endorsers(dt.date(2020, 11, 2)) == {
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

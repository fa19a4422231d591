"""Margins in the count as stories report them (issue 13): accepted from the review queue
citing the story, checked against the record and against other stories waiting for review,
entered by hand with refusals in words, shown as of a day and only when publicly sourced.
Both databases; the planner's use of the disagreement index on PostgreSQL."""

import datetime as dt
import json
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.ingest.review import ReviewError, accept, reject
from articles.ingest.suggestions import PENDING_MARK, flag_disagreements
from articles.models import Article, Suggestion
from core.dates import DatePrecision
from core.roles import DATA_ENTRY
from people.asof import RaceOnDay
from people.models import Candidacy, Margin
from tests import factories as f

pytestmark = pytest.mark.django_db

DAY = "2024-10-01T10:00:00-07:00"


def import_stories(tmp_path, name, *stories):
    """Import ``stories`` ((id, headline, body), all published on DAY) from one JSONL file."""
    lines = [
        json.dumps({"id": key, "headline": headline, "body": body, "published_at": DAY,
                    "publication": "Los Angeles Times"})
        for key, headline, body in stories
    ]  # fmt: skip
    path = tmp_path / f"{name}.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    call_command("import_stories", str(path), stdout=StringIO(), stderr=StringIO())


def margin_of(key):
    return Suggestion.objects.get(
        kind="figure", payload__kind="margin", article__import_record__key=f"id:{key}"
    )


@pytest.fixture
def demo():
    call_command("load_demo", stdout=StringIO(), stderr=StringIO())


@pytest.fixture
def editor():
    return User.objects.create_superuser("ed", password="x")


def test_accepting_a_count_margin_records_it_citing_the_story(tmp_path, demo, editor):
    import_stories(
        tmp_path, "a",
        ("m-a", "Gascón falls behind", "In the latest count, Gascón trails Hochman by 12,000 votes."),
        ("m-b", "Hochman ahead", "Nathan Hochman is ahead by 12,000 votes, the count shows."),
        ("m-c", "Hochman further ahead", "Nathan Hochman is ahead by 15,000 votes, the count shows."),
    )  # fmt: skip
    first, same, other = margin_of("m-a"), margin_of("m-b"), margin_of("m-c")
    assert first.fact == first.payload["fact"] == same.fact == other.fact  # one fact, one key
    assert first.payload["trailer_slug"] == "george-gascon" and same.payload["trailer"] is None
    assert accept(first, editor).startswith("Margin added")
    margin = Margin.objects.get()
    assert margin.source_article == first.article
    assert (margin.leader.person.slug, margin.trailer.person.slug) == (
        "nathan-hochman", "george-gascon",
    )  # fmt: skip
    assert (margin.votes, margin.points, margin.unit) == (12000, None, "votes")
    assert margin.reported_on == dt.date(2024, 10, 1)
    assert margin.reported_precision == DatePrecision.DAY
    assert margin.race == margin.leader.race == margin.trailer.race
    # The same margin from a second story, which names nobody behind: on file, unchanged.
    assert accept(same, editor) == "Margin already on file"
    # A different margin for the same candidate, unit and day: a conflict, nothing written.
    with pytest.raises(ReviewError, match="Conflict") as conflict:
        accept(other, editor)
    assert "12,000 votes" in str(conflict.value) and "Gascón falls behind" in str(conflict.value)
    other.refresh_from_db()
    assert other.status == "pending" and "12,000 votes" in other.conflict
    version = margin.version
    margin.refresh_from_db()
    assert (margin.votes, margin.version, Margin.objects.count()) == (12000, version, 1)
    assert margin.source_article == first.article
    with pytest.raises(ReviewError, match="Already accepted"):
        accept(first, editor)


def test_a_story_suggesting_another_margin_after_one_is_on_file_is_flagged(tmp_path, demo):
    candidacy = Candidacy.objects.get(
        person__slug="nathan-hochman", race__slug="2024-la-county-da-general"
    )
    Margin.objects.create(
        race=candidacy.race, leader=candidacy, votes=9000, reported_on=dt.date(2024, 10, 1),
        source_note="Registrar's update",
    )  # fmt: skip
    import_stories(tmp_path, "b", ("m-d", "Ahead", "Nathan Hochman is ahead by 15,000 votes."))
    assert margin_of("m-d").conflict == (
        "Recorded: a margin of 9,000 votes (source: Registrar's update)."
    )


def test_two_stories_waiting_for_review_that_disagree_are_both_flagged(tmp_path, demo, editor):
    import_stories(
        tmp_path, "c",
        ("m-e", "Hochman leads", "Nathan Hochman is ahead by 12,000 votes, the count shows."),
        ("m-f", "Hochman leads more", "Nathan Hochman is ahead by 15,000 votes in the count."),
    )  # fmt: skip
    first, second = margin_of("m-e"), margin_of("m-f")
    assert first.fact.startswith("margin:votes:") and first.fact == second.fact
    assert f"{PENDING_MARK} a lead of 15,000 votes" in first.conflict
    assert "“Hochman leads more”, 2024-10-01" in first.conflict
    assert "this one says a lead of 12,000 votes" in first.conflict
    assert f"{PENDING_MARK} a lead of 12,000 votes" in second.conflict
    assert not Margin.objects.exists()
    # Rejecting the odd one out clears the other's flag; accepting it then records it.
    reject(second, editor)
    first.refresh_from_db()
    assert first.conflict == ""
    accept(first, editor)
    assert Margin.objects.get().votes == 12000


@pytest.fixture
def race_with_margins():
    """A race in a published story, with a margin reported (and published) on Nov 6, 2024 and
    one whose only source is a draft."""
    race = f.RaceFactory(name="2024 DA general", slug="2024-da-general")
    ahead = f.CandidacyFactory(race=race, person=f.PersonFactory(name="Ann Ahead", slug="ann"))
    behind = f.CandidacyFactory(race=race, person=f.PersonFactory(name="Bo Behind", slug="bo"))
    story = f.ArticleFactory(
        headline="Ahead on the day after", slug="day-after",
        published_at=timezone.make_aware(dt.datetime(2024, 11, 6, 9)),
    )  # fmt: skip
    draft = f.ArticleFactory(
        headline="Draft count story", slug="draft-count", status=Article.Status.DRAFT,
        published_at=None,
    )  # fmt: skip
    for person in (ahead.person, behind.person):
        f.MentionFactory(article=story, person=person)
    f.MentionFactory(article=story, person=None, race=race)
    reported = f.MarginFactory(
        race=race, leader=ahead, trailer=behind, votes=12_000, reported_on=dt.date(2024, 11, 6),
        source_article=story,
    )  # fmt: skip
    unpublished = f.MarginFactory(
        race=race, leader=ahead, votes=None, points=Decimal("3.5"), reported_on=dt.date(2024, 11, 6),
        source_article=draft,
    )  # fmt: skip
    return race, reported, unpublished


def test_a_margin_is_known_from_the_day_it_was_reported(client, editor, race_with_margins):
    race, reported, unpublished = race_with_margins
    assert RaceOnDay(race, dt.date(2024, 11, 5)).margins == []
    assert RaceOnDay(race, dt.date(2024, 11, 6)).margins == [reported]  # the draft never came out
    assert RaceOnDay(race).margins == [reported, unpublished]  # now: every margin on record
    client.force_login(editor)
    url = reverse("archive:race", args=[race.slug])
    before = client.get(url, {"as_of": "2024-11-05"}).content.decode()
    assert "Margins as reported" not in before and "12,000 votes" not in before
    html = client.get(url, {"as_of": "2024-11-06"}).content.decode()
    assert 'led <a href="/archive/people/bo/">Bo Behind</a> by 12,000 votes' in html
    assert 'as reported by <a href="' in html and ">Ahead on the day after</a>" in html
    assert "on November 6, 2024" in html
    now = client.get(url).content.decode()
    assert "by 3.5 points" in now and "readers do not see this margin" in now
    export = client.get(reverse("archive:race-export", args=[race.slug, "margins", "json"]))
    rows = export.json()["margins"]
    assert [(r["leader"], r["trailer"], r["votes"], r["points"]) for r in rows] == [
        ("Ann Ahead", "Bo Behind", "12000", ""), ("Ann Ahead", "", "", "3.50"),
    ]  # fmt: skip
    assert rows[0]["source_headline"] == "Ahead on the day after"
    early = client.get(export.request["PATH_INFO"], {"as_of": "2024-11-05"}).json()
    assert early["margins"] == []
    # A margin known only to the month counts from the month's last day.
    reported.reported_on, reported.reported_precision = dt.date(2024, 11, 1), DatePrecision.MONTH
    reported.save()
    assert not Margin.objects.known_by(dt.date(2024, 11, 29)).filter(pk=reported.pk).exists()
    assert Margin.objects.known_by(dt.date(2024, 11, 30)).filter(pk=reported.pk).exists()
    assert reported.reported_text == "in November 2024"


def test_the_public_race_page_shows_only_publicly_sourced_margins(client, race_with_margins):
    race, reported, _draft_only = race_with_margins
    html = client.get(f"/races/{race.slug}/").content.decode()
    assert "Margins as reported" in html
    assert 'led <a href="/people/bo/">Bo Behind</a> by 12,000 votes, as reported by <a' in html
    assert reported.source_article.get_absolute_url() in html
    assert "3.5 points" not in html and "Draft count story" not in html
    api = client.get("/api/v1/margins/").json()["results"]
    assert [(m["votes"], m["trailer_person"]["slug"]) for m in api] == [(12000, "bo")]


def margin_form(race, leader, **typed):
    return {"race": race.pk, "leader": leader.pk, "reported_on": "2024-11-06",
            "reported_precision": "", "source_note": "Registrar", **typed}  # fmt: skip


def test_the_admin_refuses_a_bad_margin_in_words(admin_client):
    race = f.RaceFactory()
    ahead, behind = f.CandidacyFactory(race=race), f.CandidacyFactory(race=race)
    stranger = f.CandidacyFactory()
    url = reverse("admin:people_margin_add")
    cases = [
        ({"votes": "0"}, "votes", "Enter a margin of at least one vote."),
        ({"votes": "1,200", "points": "3"}, "votes", "in votes or in points, not both"),
        ({}, "votes", "in votes or in points, not both"),
        ({"points": "140"}, "points", "Enter a margin above 0 and at most 100 points."),
        ({"votes": "500", "trailer": ahead.pk}, "trailer", "The one behind cannot be the one"),
        ({"votes": "500", "trailer": stranger.pk}, "trailer", "not in this margin's race"),
    ]
    for typed, field, message in cases:
        response = admin_client.post(url, margin_form(race, ahead, **typed))
        assert response.status_code == 200, typed
        errors = response.context["adminform"].form.errors
        assert any(message in error for error in errors.get(field, [])), (typed, errors)
        assert "Constraint" not in response.content.decode()
    leader_elsewhere = admin_client.post(url, margin_form(race, stranger, votes="500"))
    errors = leader_elsewhere.context["adminform"].form.errors
    assert "not in this margin's race" in errors["leader"][0]
    assert not Margin.objects.exists()
    saved = admin_client.post(url, margin_form(race, ahead, votes="12,000", trailer=behind.pk))
    assert saved.status_code == 302
    margin = Margin.objects.get()
    assert (margin.votes, margin.trailer, margin.version) == (12000, behind, 1)
    again = admin_client.post(url, margin_form(race, ahead, votes="13,000"))
    assert "already has a margin in votes for this candidate" in again.content.decode()


def test_data_entry_enters_margins_but_does_not_delete_them(client):
    clerk = User.objects.create_user("clerk", password="x", is_staff=True)
    clerk.groups.add(Group.objects.get(name=DATA_ENTRY))
    assert clerk.has_perms(["people.add_margin", "people.change_margin", "people.view_margin"])
    assert not clerk.has_perm("people.delete_margin")
    client.force_login(clerk)
    assert client.get(reverse("admin:people_margin_add")).status_code == 200


def test_the_disagreement_check_reads_the_pending_figures_index():
    """The query ``flag_disagreements`` runs, as it runs it, is answered from the partial
    index on the stored ``fact``, not by reading every suggestion, on both databases (on
    PostgreSQL with sequential scans off, as on a large table). The rows go in as an import
    writes them (COPY on PostgreSQL): the database fills the generated column."""
    from articles.ingest import bulk

    story = f.ArticleFactory()
    bulk.create(
        Suggestion,
        [
            Suggestion(
                article=story, kind="figure", key=f"figure:votes:{n}", span_start=0, span_end=1,
                matched_text="1", sentence="1", sentence_offset=0, created=timezone.now(),
                payload={"kind": "votes", "value": "1", "fact": f"votes:{n}:2024-10-01"},
            )
            for n in range(3000)
        ],
    )  # fmt: skip
    assert Suggestion.objects.get(key="figure:votes:7").fact == "votes:7:2024-10-01"
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_suggestion")
    with CaptureQueriesContext(connection) as queries:
        flag_disagreements({"votes:7:2024-10-01", "votes:8:2024-10-01"})
    (select,) = [q["sql"] for q in queries if q["sql"].startswith("SELECT")]
    assert '"articles_suggestion"."fact" IN' in select, select
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {select}")
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {select}")
        plan = "\n".join(str(row[-1]) for row in cursor.fetchall())
    assert "suggestion_pending_fact_idx" in plan, plan

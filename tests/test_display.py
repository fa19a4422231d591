"""Figures and times as editors read them: the newsroom's time zone in the admin, counts with
thousands separators in boxes wide enough for them, shares as precise as their source, and
every dossier row with its note and other source."""

import csv
import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from core.numbers import as_given, decimal_places, grouped
from people.models import Poll, PollResult, ResultLine, ResultSnapshot
from tests import factories as f
from tests.test_admin import management_form
from tests.test_public_pages import story  # noqa: F401  (a published story with mentions)

pytestmark = pytest.mark.django_db


def between(html, start, end):
    match = re.search(re.escape(start) + r"(.*?)" + re.escape(end), html, re.S)
    assert match, f"no {start}…{end} in the page"
    return match.group(1)


# Times in the newsroom's time zone ------------------------------------------------------------


@pytest.fixture
def late_count(settings):
    settings.TIME_ZONE = "America/Los_Angeles"
    race = f.RaceFactory(name="2020 Primary for DA")
    # 11 p.m. on 3 March in Los Angeles is 07:00 on 4 March in UTC.
    as_of = timezone.make_aware(dt.datetime(2020, 3, 3, 23, 0))
    assert as_of.astimezone(dt.UTC).day == 4
    return f.ResultSnapshotFactory(race=race, as_of=as_of)


def test_a_count_at_11_pm_on_3_march_reads_as_3_march_in_the_admin(admin_client, late_count):
    pk = late_count.pk
    change = admin_client.get(reverse("admin:people_resultsnapshot_change", args=[pk]))
    html = change.content.decode()
    title = between(html, "<title>", "</title>")
    crumbs = between(html, '<ol class="breadcrumbs">', "</ol>")
    for shown in (title, crumbs):
        assert "2020-03-03 23:00 PST" in shown and "2020-03-04" not in shown
    late_count.as_of = late_count.as_of + dt.timedelta(minutes=30)  # a corrected time
    late_count.save()
    history = admin_client.get(reverse("admin:people_resultsnapshot_history", args=[pk]))
    html = history.content.decode()
    assert "2020-03-03 23:30 PST" in between(html, "<title>", "</title>")
    assert "2020-03-03 23:30 PST" in between(html, '<ol class="breadcrumbs">', "</ol>")
    # The change itself, in the newsroom's time, not "2020-03-04 07:00:00+00:00".
    assert "March 3, 2020, 11 p.m." in html and "March 3, 2020, 11:30 p.m." in html
    assert "2020-03-04" not in html
    listing = admin_client.get(reverse("admin:people_resultsnapshot_changelist"))
    assert "March 3, 2020, 11:30 p.m." in listing.content.decode()


def test_exports_give_count_times_with_the_newsrooms_offset(admin_client, late_count):
    f.ResultLineFactory(snapshot=late_count, votes=10, percent=None)
    url = reverse("archive:race-export", args=[late_count.race.slug, "counts", "csv"])
    rows = list(csv.reader(io.StringIO(admin_client.get(url).content.decode())))
    assert rows[1][0] == "2020-03-03T23:00:00-08:00"


# Counts with separators ----------------------------------------------------------------------


def test_grouping_helpers():
    assert grouped(1234567) == "1,234,567"
    assert grouped(Decimal("4000000.5"), 2) == "4,000,000.50"
    assert decimal_places("53.8") == 1 and decimal_places(53.8) == 1
    assert decimal_places(Decimal("53.80")) == 2 and decimal_places(55) == 0
    assert str(as_given(Decimal("53.80"), 1)) == "53.8"
    assert str(as_given(Decimal("53.80"), None)) == "53.8"
    assert str(as_given(Decimal("100.00"), None)) == "100"


def count_data(race, candidacy, votes, percent=""):
    return (
        {"race": race.pk, "as_of_0": "2024-11-05", "as_of_1": "21:00:00", "status": "early"}
        | management_form("lines", total=1)
        | {"lines-0-candidacy": candidacy.pk, "lines-0-votes": votes, "lines-0-percent": percent}
    )


@pytest.mark.parametrize("typed", ["12,345,678", "12345678", "12 345 678"])
def test_votes_are_typed_with_or_without_separators(admin_client, typed):
    candidacy = f.CandidacyFactory()
    response = admin_client.post(
        reverse("admin:people_resultsnapshot_add"), count_data(candidacy.race, candidacy, typed)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert ResultLine.objects.get().votes == 12_345_678


def test_votes_that_are_not_a_number_are_a_form_error(admin_client):
    candidacy = f.CandidacyFactory()
    response = admin_client.post(
        reverse("admin:people_resultsnapshot_add"), count_data(candidacy.race, candidacy, "12,3x")
    )
    assert response.status_code == 200
    assert "Enter a whole number." in response.content.decode()
    assert not ResultSnapshot.objects.exists()


def test_counts_and_amounts_show_their_separators_in_forms_and_lists(admin_client):
    line = f.ResultLineFactory(votes=12_345_678)
    html = admin_client.get(
        reverse("admin:people_resultsnapshot_change", args=[line.snapshot.pk])
    ).content.decode()
    box = re.search(r'<input[^>]*name="lines-0-votes"[^>]*>', html).group(0)
    assert 'value="12,345,678"' in box and 'inputmode="numeric"' in box
    assert "grouped-number" in box and "admin-numbers.css" in html

    poll = f.PollFactory(sample_size=1_234_567)
    html = admin_client.get(reverse("admin:people_poll_change", args=[poll.pk])).content.decode()
    assert re.search(
        r'name="sample_size"[^>]*value="1,234,567"|value="1,234,567"[^>]*name="sample_size"', html
    )
    listing = admin_client.get(reverse("admin:people_poll_changelist")).content.decode()
    assert "1,234,567" in listing

    total = f.FundraisingTotalFactory(amount=Decimal("12345678.50"))
    html = admin_client.get(
        reverse("admin:people_fundraisingtotal_change", args=[total.pk])
    ).content.decode()
    assert 'value="12,345,678.50"' in html
    assert (
        "12,345,678.50"
        in admin_client.get(reverse("admin:people_fundraisingtotal_changelist")).content.decode()
    )
    posted = admin_client.post(
        reverse("admin:people_fundraisingtotal_add"),
        {
            "race": total.race.pk,
            "candidacy": total.candidacy.pk,
            "as_of": "2024-11-01",
            "qualifier": "exact",
            "amount": "2,500,000",
        },
    )
    assert posted.status_code == 302
    assert total.race.fundraising_totals.get(as_of=dt.date(2024, 11, 1)).amount == 2_500_000


# Shares as precise as entered ---------------------------------------------------------------


@pytest.mark.parametrize("typed,shown", [("53.8", "53.8"), ("53.80", "53.80"), ("54", "54")])
def test_a_share_is_shown_as_precise_as_it_was_entered(admin_client, typed, shown):
    candidacy = f.CandidacyFactory()
    response = admin_client.post(
        reverse("admin:people_resultsnapshot_add"),
        count_data(candidacy.race, candidacy, "1,000", typed),
    )
    assert response.status_code == 302
    line = ResultLine.objects.get()
    assert str(line.percent) == shown and line.percent == Decimal(typed)

    change = admin_client.get(
        reverse("admin:people_resultsnapshot_change", args=[line.snapshot.pk])
    ).content.decode()
    assert re.search(rf'name="lines-0-percent"[^>]*value="{re.escape(shown)}"', change) or (
        f'value="{shown}"' in change
    )
    dossier = admin_client.get(reverse("archive:race", args=[candidacy.race.slug])).content
    assert f"{shown}%" in dossier.decode()
    person = admin_client.get(reverse("archive:person", args=[candidacy.person.slug])).content
    assert f"({shown}%)" in person.decode()
    api = admin_client.get("/api/v1/results/", {"race": candidacy.race.slug}).json()
    assert [line["percent"] for s in api["results"] for line in s["lines"]] == [shown]
    export = admin_client.get(
        reverse("archive:race-export", args=[candidacy.race.slug, "counts", "json"])
    ).json()
    assert shown in str(export)


def test_a_resave_keeps_the_places_and_a_bulk_row_is_shown_without_trailing_zeros():
    line = f.ResultLineFactory(percent="53.8")
    line = ResultLine.objects.get(pk=line.pk)
    line.votes = 5
    line.save()
    assert str(ResultLine.objects.get(pk=line.pk).percent) == "53.8"
    ResultLine.objects.filter(pk=line.pk).update(percent_places=None)
    assert str(ResultLine.objects.get(pk=line.pk).percent) == "53.8"
    assert str(line) == f"{line.candidacy.person}: 5 votes, 53.8%"


def test_poll_shares_keep_their_places_in_admin_dossier_and_public_page(
    admin_client,
    client,
    story,  # noqa: F811
):
    race = story.mentions.get(race__isnull=False).race
    person = story.mentions.get(person__isnull=False).person
    candidacy = f.CandidacyFactory(race=race, person=person)
    poll = f.PollFactory(race=race, source_article=story, sample_size=1200)
    f.MentionFactory(
        article=story, person=None, organization=poll.pollster
    )  # named publicly only with coverage
    f.PollResultFactory(poll=poll, candidacy=candidacy, percent="41.5")
    f.PollResultFactory(poll=poll, candidacy=None, choice="Undecided", percent="12")
    assert {str(r.percent) for r in PollResult.objects.all()} == {"41.5", "12"}
    dossier = admin_client.get(reverse("archive:race", args=[race.slug])).content.decode()
    assert f"{person.name} 41.5%" in dossier and "Undecided 12%" in dossier
    assert "1,200" in dossier
    public = client.get(race.get_absolute_url()).content.decode()
    assert f"{person.name} 41.5%" in public and "41.50" not in public
    api = admin_client.get("/api/v1/polls/", {"race": race.slug}).json()
    assert sorted(r["percent"] for p in api["results"] for r in p["results"]) == ["12", "41.5"]
    assert Poll.objects.get().results.count() == 2


def test_a_share_from_a_reviewed_figure_keeps_its_places():
    line = f.ResultLineFactory(percent=None, votes=10)
    line = ResultLine.objects.get(pk=line.pk)
    line.percent = Decimal("48.1")
    line.save(update_fields=["percent"])
    assert ResultLine.objects.filter(pk=line.pk).values_list("percent_places", flat=True)[0] == 1


# Notes and other sources on every dossier row ----------------------------------------------


def noted(n):
    return {"source_note": f"Registrar, bulletin {n}", "source_article": f.ArticleFactory()}


def test_every_dossier_row_shows_its_note_and_other_source(admin_client):
    person = f.PersonFactory(name="Ana Ortiz")
    org = f.OrganizationFactory(name="Bar Association")
    race = f.RaceFactory(name="2024 DA general")
    candidacy = f.CandidacyFactory(race=race, person=person, note="Filed late", **noted(1))
    snapshot = f.ResultSnapshotFactory(race=race, note="Count note", **noted(2))
    f.ResultLineFactory(snapshot=snapshot, candidacy=candidacy)
    f.PollFactory(race=race, pollster=org, note="Poll note", **noted(3))
    f.FundraisingTotalFactory(candidacy=candidacy, race=race, note="Money note", **noted(4))
    f.ContributionFactory(
        recipient_candidacy=candidacy,
        contributor_person=None,
        contributor_organization=org,
        note="Gift note",
        **noted(5),
    )
    f.EndorsementFactory(
        candidacy=candidacy, endorser_person=None, endorser_organization=org,
        note="Endorsement note", **noted(6),
    )  # fmt: skip
    term = f.TermFactory(person=person, **noted(7))
    f.AffiliationFactory(person=person, organization=org, **noted(8))
    quote = f.QuoteFactory(speaker=person, context="After early returns")

    pages = {
        "race": reverse("archive:race", args=[race.slug]),
        "person": reverse("archive:person", args=[person.slug]),
        "organization": reverse("archive:organization", args=[org.slug]),
        "office": reverse("archive:office", args=[term.office.slug]),
    }
    html = {name: admin_client.get(url).content.decode() for name, url in pages.items()}
    expected = {
        "race": [(1, "Filed late"), (2, "Count note"), (3, "Poll note"), (4, "Money note"),
                 (5, "Gift note"), (6, "Endorsement note")],
        "person": [(1, "Filed late"), (6, "Endorsement note"), (7, None), (8, None)],
        "organization": [(3, None), (5, "Gift note"), (6, "Endorsement note"), (8, None)],
        "office": [(7, None)],
    }  # fmt: skip
    for page, rows in expected.items():
        for n, note in rows:
            assert f"Other source: Registrar, bulletin {n}" in html[page], (page, n)
            if note:
                assert f"Note: {note}" in html[page], (page, note)
    assert quote.article.headline in html["person"] and "After early returns" in html["person"]

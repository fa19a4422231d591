"""A count reported only by its day is stored and shown without a time, and still known by
that day's end."""

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from core.dates import TimePrecision, last_moment
from people.asof import RaceOnDay
from people.models import ResultSnapshot
from tests import factories as f
from tests.test_admin import management_form

pytestmark = pytest.mark.django_db

NOV_4 = dt.date(2020, 11, 4)


def local(*args):
    return timezone.make_aware(dt.datetime(*args))


def count_data(race, candidacy, day, time="", precision="", status="early"):
    return (
        {
            "race": race.pk,
            "as_of_0": day,
            "as_of_1": time,
            "as_of_precision": precision,
            "status": status,
        }
        | management_form("lines", total=1)
        | {"lines-0-candidacy": candidacy.pk, "lines-0-votes": "1000"}
    )


@pytest.fixture
def race_and_candidate():
    race = f.RaceFactory()
    return race, f.CandidacyFactory(race=race)


def test_a_count_typed_without_a_time_is_a_day_only_count(admin_client, race_and_candidate):
    race, candidacy = race_and_candidate
    url = reverse("admin:people_resultsnapshot_add")
    response = admin_client.post(url, count_data(race, candidacy, "2020-11-04"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    count = ResultSnapshot.objects.get()
    assert count.as_of_precision == TimePrecision.DAY
    assert count.as_of == last_moment(NOV_4)
    assert timezone.localtime(count.as_of).date() == NOV_4
    assert count.as_of_text == "November 4, 2020, time not reported"
    assert count.as_of_iso == "2020-11-04"
    change = admin_client.get(reverse("admin:people_resultsnapshot_change", args=[count.pk]))
    assert change.context["adminform"].form["as_of"].value() == [NOV_4, None]  # no time shown
    html = change.content.decode()
    assert "time not reported" in html  # the title and breadcrumbs
    listing = admin_client.get(reverse("admin:people_resultsnapshot_changelist"))
    assert "November 4, 2020, time not reported" in listing.content.decode()


def test_a_count_typed_with_a_time_is_exact(admin_client, race_and_candidate):
    race, candidacy = race_and_candidate
    url = reverse("admin:people_resultsnapshot_add")
    assert (
        admin_client.post(url, count_data(race, candidacy, "2020-11-03", "20:15")).status_code
        == 302
    )
    count = ResultSnapshot.objects.get()
    assert (count.as_of, count.as_of_precision) == (local(2020, 11, 3, 20, 15), TimePrecision.TIME)
    assert count.as_of_text == "November 3, 2020, 8:15 p.m. PST"


def test_on_or_before_a_day(admin_client, race_and_candidate):
    race, candidacy = race_and_candidate
    url = reverse("admin:people_resultsnapshot_add")
    data = count_data(race, candidacy, "2020-11-05", precision="on_or_before")
    assert admin_client.post(url, data).status_code == 302
    count = ResultSnapshot.objects.get()
    assert count.as_of_precision == TimePrecision.ON_OR_BEFORE
    assert count.as_of_text == "by November 5, 2020, time not reported"


@pytest.mark.parametrize(
    "time, precision, message",
    [
        ("20:00", "day", "clear the time"),
        ("20:00", "on_or_before", "clear the time"),
        ("", "time", "Type the time"),
        ("8 in the evening", "", "Enter the time as 21:00"),
    ],
)
def test_contradictions_are_refused_in_words(
    admin_client, race_and_candidate, time, precision, message
):
    race, candidacy = race_and_candidate
    url = reverse("admin:people_resultsnapshot_add")
    response = admin_client.post(url, count_data(race, candidacy, "2020-11-04", time, precision))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["as_of"]
    assert any(message in e for e in errors), errors
    assert not ResultSnapshot.objects.exists()


def test_two_day_only_counts_on_one_day_are_refused_beside_the_field(
    admin_client, race_and_candidate
):
    race, candidacy = race_and_candidate
    f.ResultSnapshotFactory(race=race, as_of=last_moment(NOV_4), as_of_precision="day")
    url = reverse("admin:people_resultsnapshot_add")
    response = admin_client.post(url, count_data(race, candidacy, "2020-11-04"))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["as_of"]
    assert "Give each count of the same day its time." in errors[0]
    assert "Constraint" not in response.content.decode()
    timed = admin_client.post(url, count_data(race, candidacy, "2020-11-04", "21:00"))
    assert timed.status_code == 302  # a timed count on the same day is another count


def test_the_race_form_inline_takes_a_day_only_count(admin_client):
    race = f.RaceFactory()
    data = {
        "name": race.name,
        "slug": race.slug,
        "election": race.election_id,
        "office": race.office_id,
        "is_nonpartisan": "on",
        "summary": "",
        "decided_on": "",
        "base_version": race.version,
        **management_form("candidacies"),
        **management_form("snapshots", total=1),
        "snapshots-0-as_of_0": "2020-11-04",
        "snapshots-0-as_of_1": "",
        "snapshots-0-as_of_precision": "",
        "snapshots-0-status": "update",
    }
    response = admin_client.post(reverse("admin:people_race_change", args=[race.pk]), data)
    assert response.status_code == 302, [
        fs.formset.errors for fs in response.context["inline_admin_formsets"]
    ]
    count = race.snapshots.get()
    assert (count.as_of, count.as_of_precision) == (last_moment(NOV_4), TimePrecision.DAY)


def test_a_day_only_count_is_known_by_its_day_and_sorts_after_its_timed_counts():
    race = f.RaceFactory()
    day_only = f.ResultSnapshotFactory(race=race, as_of=last_moment(NOV_4), as_of_precision="day")
    evening = f.ResultSnapshotFactory(race=race, as_of=local(2020, 11, 4, 22, 0))
    assert set(ResultSnapshot.objects.known_by(NOV_4)) == {day_only, evening}
    assert not ResultSnapshot.objects.known_by(dt.date(2020, 11, 3)).exists()
    assert RaceOnDay(race, NOV_4).latest_snapshot == day_only
    # At a moment within the day it is not yet certain: never taken as known earlier.
    assert ResultSnapshot.objects.latest_for(race, local(2020, 11, 4, 23, 0)) == evening


def test_shown_without_a_time_on_the_dossier_the_export_and_the_api(admin_client):
    race = f.RaceFactory()
    count = f.ResultSnapshotFactory(race=race, as_of=last_moment(NOV_4), as_of_precision="day")
    f.ResultLineFactory(snapshot=count, candidacy=f.CandidacyFactory(race=race), votes=1200)
    page = admin_client.get(reverse("archive:race", args=[race.slug])).content.decode()
    assert '<time datetime="2020-11-04">Nov 4, 2020, time not reported</time>' in page
    assert "11:59" not in page
    export = admin_client.get(f"/archive/races/{race.slug}/counts.csv").content.decode()
    assert "2020-11-04,day," in export and "23:59" not in export
    api = admin_client.get(f"/api/v1/results/{count.pk}/")
    body = json.loads(api.content)
    assert (body["as_of"], body["as_of_precision"]) == ("2020-11-04", "day")

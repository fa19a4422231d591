"""Data entry that cannot corrupt the record: facts checked against their race on every form,
and no lost edits (a stale save is refused, the input kept) on every record data entry edits."""

import datetime as dt

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.forms import MultiWidget
from django.urls import reverse
from django.utils import timezone

from people.models import (
    Affiliation,
    Candidacy,
    Contribution,
    Election,
    Endorsement,
    FundraisingTotal,
    Margin,
    Office,
    Organization,
    Person,
    Poll,
    ResultLine,
    ResultSnapshot,
    Term,
)
from tests import factories as f
from tests.test_admin import management_form

pytestmark = pytest.mark.django_db

# model: (its factory, a field a user types into, what they type)
EDITS = {
    Person: (f.PersonFactory, "bio", "A new biography typed in the second tab."),
    Organization: (f.OrganizationFactory, "description", "Typed in the second tab."),
    Office: (f.OfficeFactory, "description", "Typed in the second tab."),
    Election: (f.ElectionFactory, "jurisdiction", "Typed in the second tab"),
    Term: (f.TermFactory, "source_note", "Typed in the second tab"),
    Affiliation: (f.AffiliationFactory, "title", "Typed in the second tab"),
    Candidacy: (f.CandidacyFactory, "note", "Typed in the second tab"),
    ResultSnapshot: (f.ResultSnapshotFactory, "note", "Typed in the second tab"),
    Margin: (f.MarginFactory, "note", "Typed in the second tab"),
    Endorsement: (f.EndorsementFactory, "note", "Typed in the second tab"),
    Poll: (f.PollFactory, "note", "Typed in the second tab"),
    FundraisingTotal: (f.FundraisingTotalFactory, "note", "Typed in the second tab"),
    Contribution: (f.ContributionFactory, "note", "Typed in the second tab"),
}


def posted(form):
    """What the browser would send back for an unbound admin form, as it was rendered."""
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        widget = getattr(field.widget, "widget", field.widget)  # inside the related wrapper
        if isinstance(widget, MultiWidget):
            parts = value if isinstance(value, (list, tuple)) else widget.decompress(value)
            for i, part in enumerate(parts):
                data[f"{name}_{i}"] = "" if part is None else part
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = value
    return data


@pytest.mark.parametrize("model", list(EDITS), ids=lambda m: m.__name__)
def test_a_stale_save_is_refused_and_the_input_kept(model, rf):
    make, field, typed = EDITS[model]
    record = make()
    user = User.objects.create_superuser("chief", "chief@example.org", "pw")
    request = rf.get("/")
    request.user = user
    model_admin = admin.site._registry[model]
    form_class = model_admin.get_form(request, record, change=True)
    data = posted(form_class(instance=record))
    assert data["base_version"] == record.version

    # Someone else saves the record after the first user opened it.
    other = model.objects.get(pk=record.pk)
    setattr(other, field, "Saved first, in another tab")
    other.save()

    stale = form_class(data=data | {field: typed}, instance=model.objects.get(pk=record.pk))
    assert not stale.is_valid()
    assert "Your changes have not been saved" in str(stale.non_field_errors())
    assert stale[field].value() == typed  # the refused input is still in the form
    assert getattr(model.objects.get(pk=record.pk), field) == "Saved first, in another tab"

    # Reopened on the latest version, the same input saves.
    fresh = model.objects.get(pk=record.pk)
    again = form_class(data=posted(form_class(instance=fresh)) | {field: typed}, instance=fresh)
    assert again.is_valid(), again.errors
    again.save()
    assert getattr(model.objects.get(pk=record.pk), field) == typed


def test_a_stale_person_save_through_the_admin_keeps_the_new_bio(admin_client):
    person = f.PersonFactory(bio="Original biography.")
    url = reverse("admin:people_person_change", args=[person.pk])
    data = {
        "name": person.name,
        "slug": person.slug,
        "sort_name": person.sort_name,
        "description": "",
        "base_version": person.version,
    }
    for prefix in ["other_names", "terms", "affiliations", "party_memberships"]:
        data |= management_form(prefix)
    assert admin_client.post(url, data | {"bio": "New biography from tab one."}).status_code == 302
    stale = admin_client.post(url, data | {"bio": "Other text from tab two."})
    assert stale.status_code == 200
    assert "have not been saved" in stale.content.decode()
    assert "Other text from tab two." in stale.content.decode()
    person.refresh_from_db()
    assert person.bio == "New biography from tab one."


# Facts checked against their race -----------------------------------------------------------


def snapshot_add_data(race, candidacy):
    return (
        {
            "race": race.pk,
            "as_of_0": "2024-11-05",
            "as_of_1": "21:00:00",
            "status": "early",
        }
        | management_form("lines", total=1)
        | {
            "lines-0-candidacy": candidacy.pk,
            "lines-0-votes": "1000",
        }
    )


def test_a_count_line_from_another_race_is_refused_on_the_add_form(admin_client):
    race = f.RaceFactory()
    stranger = f.CandidacyFactory()  # a candidate in another race
    response = admin_client.post(
        reverse("admin:people_resultsnapshot_add"), snapshot_add_data(race, stranger)
    )
    assert response.status_code == 200
    assert f"{stranger.person} is a candidate in {stranger.race}, not in this count" in (
        response.content.decode()
    )
    assert not ResultSnapshot.objects.exists() and not ResultLine.objects.exists()
    own = f.CandidacyFactory(race=race)
    saved = admin_client.post(
        reverse("admin:people_resultsnapshot_add"), snapshot_add_data(race, own)
    )
    assert saved.status_code == 302
    assert ResultLine.objects.get().candidacy == own


def test_a_poll_line_or_leader_from_another_race_is_refused(admin_client):
    race = f.RaceFactory()
    stranger = f.CandidacyFactory()
    pollster = f.OrganizationFactory(kind=Organization.Kind.UNIVERSITY)
    data = (
        {
            "race": race.pk,
            "pollster": pollster.pk,
            "released_on": "2024-10-08",
            "leader": stranger.pk,
            "lead": "4",
        }
        | management_form("results", total=1)
        | {
            "results-0-candidacy": stranger.pk,
            "results-0-percent": "40",
        }
    )
    response = admin_client.post(reverse("admin:people_poll_add"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count(f"{stranger.person} is a candidate in {stranger.race}") == 2
    assert not Poll.objects.exists()


def test_a_fundraising_total_for_another_races_candidate_is_refused(admin_client):
    race = f.RaceFactory()
    stranger = f.CandidacyFactory()
    data = {
        "race": race.pk,
        "candidacy": stranger.pk,
        "as_of": "2024-10-31",
        "qualifier": "exact",
        "amount": "1000",
    }
    response = admin_client.post(reverse("admin:people_fundraisingtotal_add"), data)
    assert response.status_code == 200
    assert "not in this total" in response.content.decode()
    assert not FundraisingTotal.objects.exists()


def test_the_count_picker_offers_only_the_races_candidates_with_the_race_named(admin_client):
    snapshot = f.ResultSnapshotFactory(as_of=timezone.make_aware(dt.datetime(2024, 11, 5, 21)))
    own = f.CandidacyFactory(race=snapshot.race)
    other = f.CandidacyFactory()
    response = admin_client.get(reverse("admin:people_resultsnapshot_change", args=[snapshot.pk]))
    field = response.context["inline_admin_formsets"][0].formset.forms[0].fields["candidacy"]
    assert list(field.queryset) == [own]
    assert other not in field.queryset
    assert field.label_from_instance(own) == f"{own.race.name}: {own.person.name}"
    add = admin_client.get(reverse("admin:people_resultsnapshot_add"))
    choices = add.context["inline_admin_formsets"][0].formset.forms[0].fields["candidacy"]
    assert {own, other} <= set(choices.queryset)


def test_endorsement_admin_still_saves_with_a_version(admin_client):
    candidacy = f.CandidacyFactory()
    endorser = f.PersonFactory(name="Ada Endorser", slug="ada-endorser")
    data = {
        "endorser_person": endorser.pk,
        "candidacy": candidacy.pk,
        "announced_on": "2024-06-01",
        "announced_precision": "day",
        "withdrawn_precision": "day",
    }
    assert admin_client.post(reverse("admin:people_endorsement_add"), data).status_code == 302
    assert Endorsement.objects.get().version == 1


# Messages for people ------------------------------------------------------------------------


def test_constraint_messages_are_in_words_beside_the_field(admin_client):
    snapshot = f.ResultSnapshotFactory(status="certified")
    candidacy = f.CandidacyFactory(race=snapshot.race)
    data = (
        {
            "race": snapshot.race_id,
            "as_of_0": "2024-11-20",
            "as_of_1": "17:00:00",
            "status": "certified",
        }
        | management_form("lines", total=1)
        | {
            "lines-0-candidacy": candidacy.pk,
            "lines-0-percent": "140",
        }
    )
    response = admin_client.post(reverse("admin:people_resultsnapshot_add"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Constraint" not in html
    assert "This race already has a certified count" in html
    assert "Enter a share between 0 and 100." in html
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.forms[0].errors["percent"] == ["Enter a share between 0 and 100."]
    assert response.context["adminform"].form.errors["status"]


def term_data(person, office, start, end="", how="elected"):
    return {
        "person": person.pk,
        "office": office.pk,
        "how": how,
        "start": start,
        "start_precision": "day",
        "end": end,
        "end_precision": "day",
    }


def test_term_messages_and_overlaps(admin_client):
    office = f.OfficeFactory()
    lacey = f.TermFactory(office=office, start=dt.date(2012, 12, 3), end=dt.date(2020, 12, 7))
    gascon = f.PersonFactory(name="George Gascón", slug="george-gascon")
    url = reverse("admin:people_term_add")
    backwards = admin_client.post(url, term_data(gascon, office, "2020-12-07", "2020-01-01"))
    assert backwards.context["adminform"].form.errors["end"] == [
        "The end cannot be before the start."
    ]
    overlap = admin_client.post(url, term_data(gascon, office, "2019-01-01"))
    assert overlap.status_code == 200
    assert f"{lacey.person} held this office then" in overlap.content.decode()
    acting = admin_client.post(
        url, term_data(gascon, office, "2019-01-01", "2019-02-01", "interim")
    )
    assert acting.status_code == 302
    handover = admin_client.post(url, term_data(gascon, office, "2020-12-07"))
    assert handover.status_code == 302  # the end day is the next holder's first: no overlap
    assert Term.objects.filter(office=office).count() == 3

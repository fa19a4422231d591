"""Dates as the sources give them: typed text read into a date and its precision, "between"
two days, and each shown no more exactly than it is known."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.dates import (
    DatePrecision,
    PreciseDate,
    describe,
    latest_possible,
    parse,
    with_precision,
)
from people.models import Endorsement, Term
from tests import factories as f
from tests.test_admin import management_form

D = dt.date
DAY, MONTH, YEAR = DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR
BEFORE, BETWEEN = DatePrecision.ON_OR_BEFORE, DatePrecision.BETWEEN


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("2019", PreciseDate(D(2019, 1, 1), YEAR)),
        (" 2019 ", PreciseDate(D(2019, 1, 1), YEAR)),
        ("March 2020", PreciseDate(D(2020, 3, 1), MONTH)),
        ("Mar 2020", PreciseDate(D(2020, 3, 1), MONTH)),
        ("mar. 2020", PreciseDate(D(2020, 3, 1), MONTH)),
        ("Sept 2020", PreciseDate(D(2020, 9, 1), MONTH)),
        ("2020-03", PreciseDate(D(2020, 3, 1), MONTH)),
        ("early 2019", PreciseDate(D(2019, 4, 30), BETWEEN, D(2019, 1, 1))),
        ("mid-2019", PreciseDate(D(2019, 8, 31), BETWEEN, D(2019, 5, 1))),
        ("Late 2019", PreciseDate(D(2019, 12, 31), BETWEEN, D(2019, 9, 1))),
        ("early in 2019", PreciseDate(D(2019, 4, 30), BETWEEN, D(2019, 1, 1))),
        ("early March 2020", PreciseDate(D(2020, 3, 10), BETWEEN, D(2020, 3, 1))),
        ("late February 2020", PreciseDate(D(2020, 2, 29), BETWEEN, D(2020, 2, 21))),
        ("by Nov 1, 2020", PreciseDate(D(2020, 11, 1), BEFORE)),
        ("on or before 2020-11-01", PreciseDate(D(2020, 11, 1), BEFORE)),
        ("no later than November 1, 2020", PreciseDate(D(2020, 11, 1), BEFORE)),
        ("by March 2020", PreciseDate(D(2020, 3, 31), BEFORE)),
        ("2020-03-03", PreciseDate(D(2020, 3, 3), DAY)),
        ("March 3, 2020", PreciseDate(D(2020, 3, 3), DAY)),
        ("march 3 2020", PreciseDate(D(2020, 3, 3), DAY)),
        ("3 March 2020", PreciseDate(D(2020, 3, 3), DAY)),
        ("Nov. 1st, 2020", PreciseDate(D(2020, 11, 1), DAY)),
        ("3/3/2020", PreciseDate(D(2020, 3, 3), DAY)),
        ("11/4/2020", PreciseDate(D(2020, 11, 4), DAY)),
        ("March 3–10, 2020", PreciseDate(D(2020, 3, 10), BETWEEN, D(2020, 3, 3))),
        ("March 3-10, 2020", PreciseDate(D(2020, 3, 10), BETWEEN, D(2020, 3, 3))),
        ("March 3 — 10, 2020", PreciseDate(D(2020, 3, 10), BETWEEN, D(2020, 3, 3))),
        ("March 3 – April 2, 2020", PreciseDate(D(2020, 4, 2), BETWEEN, D(2020, 3, 3))),
        (
            "between March 3 and March 10, 2020",
            PreciseDate(D(2020, 3, 10), BETWEEN, D(2020, 3, 3)),
        ),
        (
            "Dec 28, 2019 - Jan 4, 2020",
            PreciseDate(D(2020, 1, 4), BETWEEN, D(2019, 12, 28)),
        ),
        ("2020-03-03 to 2020-03-10", PreciseDate(D(2020, 3, 10), BETWEEN, D(2020, 3, 3))),
        ("March–May 2020", PreciseDate(D(2020, 5, 31), BETWEEN, D(2020, 3, 1))),
        ("2019–2020", PreciseDate(D(2020, 12, 31), BETWEEN, D(2019, 1, 1))),
        ("March 3–3, 2020", PreciseDate(D(2020, 3, 3), DAY)),  # one day is a day
    ],
)
def test_what_a_person_types(typed, expected):
    assert parse(typed) == expected


@pytest.mark.parametrize(
    "typed",
    ["", "soon", "March 3", "13/1/2020", "2020-13-01", "10 2020", "circa 2019", "3", "early"],
)
def test_what_cannot_be_read_is_refused_with_examples(typed):
    with pytest.raises(ValidationError) as error:
        parse(typed)
    message = error.value.messages[0]
    assert "is not a date we can read" in message
    assert "“March 2020”" in message and "“early 2019”" in message
    assert "Enter a valid date" not in message


def test_impossible_days_and_reversed_ranges_are_refused_in_words():
    with pytest.raises(ValidationError, match="February 2020 has no day 30"):
        parse("Feb 30, 2020")
    with pytest.raises(ValidationError, match=r"The first day \(March 10, 2020\) is after"):
        parse("March 10–3, 2020")


@pytest.mark.parametrize(
    "value",
    [
        PreciseDate(D(2019, 1, 1), YEAR),
        PreciseDate(D(2020, 3, 1), MONTH),
        PreciseDate(D(2020, 11, 1), BEFORE),
        PreciseDate(D(2020, 3, 3), DAY),
        PreciseDate(D(2020, 3, 10), BETWEEN, D(2020, 3, 3)),
        PreciseDate(D(2020, 1, 4), BETWEEN, D(2019, 12, 28)),
    ],
)
def test_what_is_shown_reads_back_as_it_was_stored(value):
    """A change form shows the stored date as text: saving it unchanged changes nothing."""
    assert parse(value.describe()) == value


def test_describe_between():
    assert describe(D(2020, 3, 10), BETWEEN, D(2020, 3, 3)) == "between March 3 and March 10, 2020"
    assert (
        describe(D(2020, 1, 4), BETWEEN, D(2019, 12, 28))
        == "between December 28, 2019 and January 4, 2020"
    )
    assert latest_possible(D(2020, 3, 10), BETWEEN) == D(2020, 3, 10)


def test_a_precision_chosen_beside_the_text_never_claims_more_than_was_typed():
    day = parse("March 3, 2020")
    assert with_precision(day, "") == day
    assert with_precision(day, BEFORE) == PreciseDate(D(2020, 3, 3), BEFORE)
    assert with_precision(day, MONTH) == PreciseDate(D(2020, 3, 1), MONTH)
    assert with_precision(day, YEAR) == PreciseDate(D(2020, 1, 1), YEAR)
    assert with_precision(parse("March 2020"), YEAR) == PreciseDate(D(2020, 1, 1), YEAR)
    with pytest.raises(ValidationError, match="is not known to the exact day"):
        with_precision(parse("March 2020"), DAY)
    with pytest.raises(ValidationError, match="type both"):
        with_precision(day, BETWEEN)
    with pytest.raises(ValidationError):
        with_precision(parse("early 2019"), DAY)


# As of a day ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_between_counts_from_its_latest_day_only():
    e = f.EndorsementFactory(
        announced_on=D(2020, 3, 10),
        announced_precision=BETWEEN,
        announced_earliest=D(2020, 3, 3),
    )
    for day, expected in [(D(2020, 3, 3), False), (D(2020, 3, 9), False), (D(2020, 3, 10), True)]:
        assert Endorsement.objects.in_force_on(day).filter(pk=e.pk).exists() is expected, day
        assert e.is_in_force_on(day) is expected
    assert Endorsement.objects.reported_after(D(2020, 3, 9)).filter(pk=e.pk).exists()
    term = f.TermFactory(
        start=D(2019, 4, 30), start_precision=BETWEEN, start_earliest=D(2019, 1, 1)
    )
    assert not Term.objects.held_on(D(2019, 2, 1)).filter(pk=term.pk).exists()
    assert Term.objects.held_on(D(2019, 4, 30)).filter(pk=term.pk).exists()


@pytest.mark.django_db
def test_a_between_date_needs_its_first_day_in_order():
    e = f.EndorsementFactory.build(
        candidacy=f.CandidacyFactory(),
        endorser_person=f.PersonFactory(),
        announced_on=D(2020, 3, 3),
        announced_precision=BETWEEN,
        announced_earliest=D(2020, 3, 10),
    )
    with pytest.raises(ValidationError) as error:
        e.full_clean()
    assert error.value.message_dict["announced_on"] == [
        "The first possible day is after the last. Type the earlier day first."
    ]
    e.announced_earliest = None
    with pytest.raises(ValidationError, match="needs the first day too"):
        e.full_clean()


# Typed in the admin ------------------------------------------------------------------------


def endorsement_data(candidacy, endorser, announced, precision="", withdrawn=""):
    return {
        "endorser_person": endorser.pk,
        "candidacy": candidacy.pk,
        "announced_on": announced,
        "announced_precision": precision,
        "withdrawn_on": withdrawn,
        "withdrawn_precision": "",
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "typed, precision, stored",
    [
        ("early 2019", "", (D(2019, 4, 30), BETWEEN, D(2019, 1, 1))),
        ("March 3–10, 2020", "", (D(2020, 3, 10), BETWEEN, D(2020, 3, 3))),
        ("2019", "", (D(2019, 1, 1), YEAR, None)),
        ("Mar 2020", "", (D(2020, 3, 1), MONTH, None)),
        ("by Nov 1, 2020", "", (D(2020, 11, 1), BEFORE, None)),
        ("3/3/2020", "", (D(2020, 3, 3), DAY, None)),
        ("2020-11-01", "on_or_before", (D(2020, 11, 1), BEFORE, None)),
        ("2020-03-01", "month", (D(2020, 3, 1), MONTH, None)),
        ("2020-06-01", "day", (D(2020, 6, 1), DAY, None)),
    ],
)
def test_the_endorsement_form_takes_a_date_as_typed(admin_client, typed, precision, stored):
    candidacy = f.CandidacyFactory()
    endorser = f.PersonFactory(name="Ada Endorser", slug="ada-endorser")
    response = admin_client.post(
        reverse("admin:people_endorsement_add"),
        endorsement_data(candidacy, endorser, typed, precision),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    e = Endorsement.objects.get()
    assert (e.announced_on, e.announced_precision, e.announced_earliest) == stored
    change = admin_client.get(reverse("admin:people_endorsement_change", args=[e.pk]))
    shown = change.context["adminform"].form["announced_on"].value()
    assert shown == describe(*stored)
    assert parse(shown) == PreciseDate(*stored)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "typed, precision, message",
    [
        ("soon", "", "“soon” is not a date we can read."),
        ("March 10–3, 2020", "", "The first day (March 10, 2020) is after the last"),
        ("March 2020", "day", "“March 2020” is not known to the exact day"),
        ("2020-03-03", "between", "type both"),
        ("", "", "Enter the date as the source gives it"),
    ],
)
def test_the_endorsement_form_refuses_in_words(admin_client, typed, precision, message):
    candidacy = f.CandidacyFactory()
    endorser = f.PersonFactory(name="Ada Endorser", slug="ada-endorser")
    response = admin_client.post(
        reverse("admin:people_endorsement_add"),
        endorsement_data(candidacy, endorser, typed, precision),
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["announced_on"]
    assert any(message in e for e in errors), errors
    assert not any("Enter a valid date" in e for e in errors)
    assert "Constraint" not in response.content.decode()
    assert not Endorsement.objects.exists()


@pytest.mark.django_db
def test_a_term_typed_on_the_person_form_inline(admin_client):
    person = f.PersonFactory()
    office = f.OfficeFactory()
    data = {
        "name": person.name,
        "slug": person.slug,
        "sort_name": person.sort_name,
        "description": person.description,
        "bio": person.bio,
        "base_version": person.version,
        **management_form("other_names"),
        **management_form("terms", total=1),
        **management_form("affiliations"),
        **management_form("party_memberships"),
        "terms-0-office": office.pk,
        "terms-0-start": "late 2011",
        "terms-0-start_precision": "",
        "terms-0-end": "December 7, 2020",
        "terms-0-end_precision": "",
        "terms-0-how": "elected",
    }
    url = reverse("admin:people_person_change", args=[person.pk])
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context and [
        fs.formset.errors for fs in response.context["inline_admin_formsets"]
    ]
    term = Term.objects.get(person=person)
    assert (term.start, term.start_precision, term.start_earliest) == (
        D(2011, 12, 31),
        BETWEEN,
        D(2011, 9, 1),
    )
    assert (term.end, term.end_precision) == (D(2020, 12, 7), DAY)


@pytest.mark.django_db
def test_between_is_shown_on_the_archive_race_dossier(admin_client):
    e = f.EndorsementFactory(
        announced_on=D(2020, 3, 10), announced_precision=BETWEEN, announced_earliest=D(2020, 3, 3)
    )
    page = admin_client.get(reverse("archive:race", args=[e.candidacy.race.slug]))
    assert "between March 3 and March 10, 2020" in page.content.decode()


@pytest.mark.django_db
def test_the_endorsement_list_shows_dates_as_known(admin_client):
    f.EndorsementFactory(
        announced_on=D(2020, 3, 10), announced_precision=BETWEEN, announced_earliest=D(2020, 3, 3)
    )
    html = admin_client.get(reverse("admin:people_endorsement_changelist")).content.decode()
    assert "between March 3 and March 10, 2020" in html

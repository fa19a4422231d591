"""The demo loader's one write path: records by natural key, saved only when something differs."""

import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from devtools.demo.loader import DemoLoader
from devtools.demo.upsert import DemoDataError, UnknownRecord, upsert
from people.models import Candidacy, Endorsement, Person, Poll, Race, Term
from tests import factories as f

pytestmark = pytest.mark.django_db


def writes(queries):
    return [q["sql"] for q in queries if q["sql"].split()[0] in {"INSERT", "UPDATE", "DELETE"}]


def test_creates_a_record_naming_related_records_by_natural_key():
    candidacy = f.CandidacyFactory(race__slug="2024-da-general", person__slug="nathan-hochman")
    f.PersonFactory(slug="maria-ramirez")

    record, action, _ = upsert(
        Endorsement,
        {
            "endorser_person": "maria-ramirez",
            "candidacy": {"race": "2024-da-general", "person": "nathan-hochman"},
            "announced_on": dt.date(2024, 11, 5),
        },
        {"announced_precision": "on_or_before", "note": "After the primary."},
    )

    assert action == "created"
    record.refresh_from_db()
    assert record.candidacy == candidacy
    assert record.endorser_person.slug == "maria-ramirez"
    assert record.announced_precision == "on_or_before"
    assert record.history.count() == 1


def test_updates_only_the_fields_that_differ():
    person = f.PersonFactory(slug="stu-pfeiffer", name="Stu Pfeiffer", description="Spokesman")
    before = person.history.count()

    record, action, changed = upsert(
        Person,
        {"slug": "stu-pfeiffer"},
        {"name": "Stu Pfeiffer", "description": "Campaign spokesman"},
    )

    assert (action, changed) == ("updated", ["description"])
    assert Person.objects.get(pk=person.pk).description == "Campaign spokesman"
    assert record.history.count() == before + 1


def test_an_identical_record_is_not_saved_and_gets_no_history_row():
    term = f.TermFactory(office__slug="la-county-da", start=dt.date(2012, 12, 3))
    term_history = term.history.count()

    with CaptureQueriesContext(connection) as queries:
        _, action, changed = upsert(
            Term,
            {"office": "la-county-da", "start": dt.date(2012, 12, 3)},
            {"person": term.person.slug, "end": None, "how": term.how},
        )

    assert (action, changed) == (None, [])
    assert writes(queries) == []
    assert term.history.count() == term_history


def test_many_to_many_by_natural_key_and_a_change_of_them_is_an_update():
    poll = f.PollFactory(released_on=dt.date(2024, 8, 18))
    f.MediaFactory(slug="los-angeles-times")
    f.OrganizationFactory(slug="uc-berkeley")
    key = {"race": poll.race.slug, "pollster": poll.pollster.slug, "released_on": poll.released_on}

    _, action, changed = upsert(Poll, key, {"sponsors": ["los-angeles-times", "uc-berkeley"]})
    assert (action, changed) == ("updated", ["sponsors"])
    assert set(poll.sponsors.values_list("slug", flat=True)) == {"los-angeles-times", "uc-berkeley"}

    _, action, _ = upsert(Poll, key, {"sponsors": ["uc-berkeley", "los-angeles-times"]})
    assert action is None


def test_numbers_compare_by_value_not_by_how_they_are_written():
    poll = f.PollFactory(lead=Decimal("25.00"))
    key = {"race": poll.race.slug, "pollster": poll.pollster.slug, "released_on": poll.released_on}

    assert upsert(Poll, key, {"lead": 25}).action is None
    assert upsert(Poll, key, {"lead": Decimal("30")}).changed == ["lead"]


def test_a_versioned_record_goes_up_one_version_per_real_change():
    race = f.RaceFactory(summary="")
    story = f.ArticleFactory(dek="")

    upsert(Race, {"slug": race.slug}, {"summary": "Hochman won."})
    upsert(Race, {"slug": race.slug}, {"summary": "Hochman won."})
    upsert(Article, {"slug": story.slug}, {"dek": "Early returns."})

    assert Race.objects.get(pk=race.pk).version == race.version + 1
    assert Article.objects.get(pk=story.pk).version == story.version + 1


def test_create_only_values_never_overwrite_a_later_edit():
    story = f.ArticleFactory(body="The full text.")

    _, action, _ = upsert(
        Article, {"slug": story.slug}, {"headline": story.headline}, create_only={"body": "Ours."}
    )

    assert action is None
    assert Article.objects.get(pk=story.pk).body == "The full text."


def test_an_unknown_natural_key_is_reported_by_name():
    race = f.RaceFactory(slug="2024-da-general")

    with pytest.raises(UnknownRecord, match="No person with slug 'nathan-hochmann'"):
        upsert(Candidacy, {"race": race.slug, "person": "nathan-hochmann"})
    with pytest.raises(UnknownRecord, match="No race with slug '2042-da-general'"):
        upsert(Candidacy, {"race": "2042-da-general", "person": "anyone"})
    assert not Candidacy.objects.exists()


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (
            {"outcome": "triumphed"},
            "Candidacy outcome 'triumphed': Value 'triumphed' is not a valid choice",
        ),
        ({"outcom": "won"}, "Candidacy has no field 'outcom'"),
        ({"endorsements": []}, "Candidacy 'endorsements' is a list of other records"),
    ],
)
def test_a_field_or_value_the_model_refuses_is_reported(values, message):
    candidacy = f.CandidacyFactory()
    key = {"race": candidacy.race.slug, "person": candidacy.person.slug}

    with pytest.raises(DemoDataError, match=message):
        upsert(Candidacy, key, values)


def test_a_required_field_left_out_is_refused():
    race = f.RaceFactory()

    with pytest.raises(DemoDataError, match="Person slug is missing: it cannot be left out"):
        upsert(Person, {"slug": None}, {"name": "Nobody"})
    with pytest.raises(DemoDataError, match="Candidacy person is missing"):
        upsert(Candidacy, {"race": race.slug, "person": None})
    assert not Person.objects.exists() and not Candidacy.objects.exists()


def test_a_field_the_archive_keeps_itself_is_refused():
    story = f.ArticleFactory()

    with pytest.raises(DemoDataError, match="Article 'version' is kept by the archive itself"):
        upsert(Article, {"slug": story.slug}, {"version": 7})


def write_data(folder, text):
    folder.mkdir(exist_ok=True)
    (folder / "demo.toml").write_text(text, encoding="utf-8")
    return folder


def sheriff(person="lee-baca", terms=""):
    return f"""
[[person]]
slug = "lee-baca"
name = "Lee Baca"

[[office]]
slug = "la-county-sheriff"
name = "Los Angeles County Sheriff"
jurisdiction = "Los Angeles County"

[[term]]
person = "{person}"
office = "la-county-sheriff"
start = 1998-12-01
start_precision = "month"
{terms}
"""


def test_a_field_left_out_of_a_record_gets_the_model_default_again(tmp_path):
    data = tmp_path / "data"
    DemoLoader(data=write_data(data, sheriff(terms="end = 2014-01-01"))).run()
    assert Term.objects.get().end == dt.date(2014, 1, 1)

    # The first term leaves `end` out while a second names it: the kind keeps `end`, so the
    # first term's end goes back to the default (none).
    second = '[[term]]\nperson = "lee-baca"\noffice = "la-county-sheriff"\nstart = 2020-01-01\n'
    stats = DemoLoader(data=write_data(data, sheriff(terms=second + "end = 2021-01-01"))).run()

    assert Term.objects.get(start=dt.date(1998, 12, 1)).end is None
    assert stats == {("terms", "updated"): 1, ("terms", "created"): 1}


def test_a_typo_in_a_data_file_names_the_file_and_record(tmp_path):
    data = write_data(tmp_path / "data", sheriff(person="lee-bacca"))

    with pytest.raises(DemoDataError) as error:
        DemoLoader(data=data).run()

    assert str(error.value) == (
        "demo.toml, [[term]] number 1: No person with slug 'lee-bacca' "
        "(add it first, or check the spelling)."
    )


def test_an_unknown_kind_of_record_is_refused(tmp_path):
    data = write_data(tmp_path / "data", '[[endorsment]]\nnote = ""\n')

    with pytest.raises(DemoDataError, match=r"\[\[endorsment\]\] is not a kind of demo record"):
        DemoLoader(data=data).run()


def test_load_demo_reports_bad_data_and_loads_nothing(monkeypatch, tmp_path):
    monkeypatch.setattr(
        "devtools.demo.loader.DATA", write_data(tmp_path / "data", sheriff(person="lee-bacca"))
    )

    with pytest.raises(CommandError, match=r"No person with slug 'lee-bacca'.*Nothing was loaded"):
        call_command("load_demo", stdout=StringIO(), stderr=StringIO())

    assert not Person.objects.exists()

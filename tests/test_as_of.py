"""One as-of rule: on day D only what was known by the end of D (people.asof, known_by)."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.utils import timezone

from articles.models import Article
from core.dates import DatePrecision, certainly_by, latest_possible
from core.roles import EDITORS
from people.asof import RaceOnDay
from people.models import (
    Endorsement,
    FundraisingTotal,
    Race,
    ResultSnapshot,
    Term,
)
from tests import factories as f

pytestmark = pytest.mark.django_db

GENERAL_2020 = "/archive/races/2020-la-county-da-general/"


@pytest.fixture
def editor(client):
    user = User.objects.create_user("ed", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(user)
    return client


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0)


def local(*args):
    return timezone.make_aware(dt.datetime(*args))


class TestDemoRace:
    def test_no_outcome_and_no_later_withdrawal_before_election_night(self, editor, demo):
        for day in ["2020-05-15", "2020-09-15"]:
            response = editor.get(GENERAL_2020, {"as_of": day})
            html = response.content.decode()
            assert response.status_code == 200
            outcomes = [row.outcome for row in response.context["day"].standing]
            assert outcomes and set(outcomes) == {""}, day
            assert ">Won<" not in html and ">Lost<" not in html
            assert "Outcome not known by then" in html
        # The withdrawals are known only as "between the March primary and the story's day":
        # a page for a day before that last day must not print them.
        withdrawn = "withdrawn between March 3 and November 1, 2020"
        for day in ["2020-05-15", "2020-10-31"]:
            assert withdrawn not in editor.get(GENERAL_2020, {"as_of": day}).content.decode()
        # Now, everything: the outcome and the withdrawals.
        now = editor.get(GENERAL_2020).content.decode()
        assert withdrawn in now and "Won" in now

    def test_undated_endorsements_are_reported_later_not_absent(self, editor, demo):
        response = editor.get(GENERAL_2020, {"as_of": "2020-10-01"})
        lacey = next(
            row
            for row in response.context["day"].standing
            if row.candidacy.person.slug == "jackie-lacey"
        )
        assert lacey.in_force == []
        # Feinstein, Breed, the supervisors, and Schiff's and Garcetti's earlier support, all
        # reported by the story's day without a date of their own.
        assert len(lacey.reported_later_undated) == 5
        html = response.content.decode()
        assert "None known by that day; 5 reported later without an exact date" in html
        assert "by November 1, 2020" in html

    @pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "1700-01-01"])
    def test_out_of_range_days_are_a_clear_400(self, editor, demo, day):
        for url in [
            GENERAL_2020,
            "/archive/people/george-gascon/",
            "/archive/offices/la-county-district-attorney/",
            "/archive/organizations/la-county-board-of-supervisors/",
        ]:
            response = editor.get(url, {"as_of": day})
            assert response.status_code == 400, url
            assert "Choose a day between January 1, 1850 and December 31, 2199" in (
                response.content.decode()
            )

    def test_person_dossier_as_of(self, editor, demo):
        may = editor.get("/archive/people/george-gascon/", {"as_of": "2020-05-15"})
        assert may.status_code == 200
        assert all(
            c.known_outcome == "" for c in may.context["candidacies"] if c.race.date.year == 2020
        )
        assert "Not known by then" in may.content.decode()
        assert all(e.announced_on <= dt.date(2020, 5, 15) for e in may.context["received"])
        now = editor.get("/archive/people/george-gascon/")
        assert len(now.context["received"]) > len(may.context["received"])

    def test_organization_dossier_as_of(self, editor, demo):
        org = Endorsement.objects.filter(endorser_organization__isnull=False).first()
        slug = org.endorser_organization.slug
        day = org.announced_on - dt.timedelta(days=1)
        before = editor.get(f"/archive/organizations/{slug}/", {"as_of": day.isoformat()})
        assert before.status_code == 200
        assert org not in list(before.context["endorsements"])
        assert org in list(editor.get(f"/archive/organizations/{slug}/").context["endorsements"])


class TestRules:
    def test_month_and_year_count_from_their_last_day(self):
        assert latest_possible(dt.date(2020, 2, 1), DatePrecision.MONTH) == dt.date(2020, 2, 29)
        assert latest_possible(dt.date(2019, 1, 1), DatePrecision.YEAR) == dt.date(2019, 12, 31)
        march = f.EndorsementFactory(
            announced_on=dt.date(2020, 3, 1), announced_precision=DatePrecision.MONTH
        )
        for day, expected in [
            (dt.date(2020, 3, 1), False),
            (dt.date(2020, 3, 30), False),
            (dt.date(2020, 3, 31), True),
        ]:
            in_db = Endorsement.objects.in_force_on(day).filter(pk=march.pk).exists()
            assert in_db is expected, day
            assert march.is_in_force_on(day) is expected  # the Python twin agrees
            assert march.known_on(day) is expected
        year = f.TermFactory(start=dt.date(2019, 1, 1), start_precision=DatePrecision.YEAR)
        assert not Term.objects.held_on(dt.date(2019, 6, 1)).filter(pk=year.pk).exists()
        assert Term.objects.held_on(dt.date(2019, 12, 31)).filter(pk=year.pk).exists()
        assert Endorsement.objects.filter(
            certainly_by("announced_on", "announced_precision", dt.date(2020, 4, 1))
        ).exists()

    def test_a_withdrawal_after_the_day_is_not_there(self):
        e = f.EndorsementFactory(announced_on=dt.date(2024, 3, 1), withdrawn_on=dt.date(2024, 7, 1))
        known = Endorsement.objects.known_by(dt.date(2024, 5, 1)).get(pk=e.pk)
        assert known.shown_withdrawn_on is None
        assert Endorsement.objects.in_force_on(dt.date(2024, 5, 1)).filter(pk=e.pk).exists()
        after = Endorsement.objects.known_by(dt.date(2024, 7, 1)).get(pk=e.pk)
        assert after.shown_withdrawn_on == dt.date(2024, 7, 1)
        assert not Endorsement.objects.in_force_on(dt.date(2024, 7, 1)).filter(pk=e.pk).exists()
        assert Endorsement.objects.get(pk=e.pk).shown_withdrawn_on == dt.date(2024, 7, 1)

    def test_an_outcome_is_known_from_a_final_count_or_the_day_it_was_called(self):
        winner = f.CandidacyFactory(outcome="won")
        race = winner.race
        f.ResultSnapshotFactory(race=race, as_of=local(2024, 11, 5, 21), status="semi_official")
        assert not RaceOnDay(race, dt.date(2024, 11, 6)).outcome_known
        assert RaceOnDay(race, dt.date(2024, 11, 6)).standing[0].outcome == ""
        f.ResultSnapshotFactory(race=race, as_of=local(2024, 11, 20, 17), status="final")
        assert ResultSnapshot.objects.get(status="final").get_status_display() == (
            "Final (certification not confirmed)"
        )
        assert not RaceOnDay(race, dt.date(2024, 11, 19)).outcome_known
        assert RaceOnDay(race, dt.date(2024, 11, 20)).standing[0].outcome == "Won"
        Race.objects.filter(pk=race.pk).update(decided_on=dt.date(2024, 11, 6))
        race.refresh_from_db()
        assert RaceOnDay(race, dt.date(2024, 11, 6)).outcome_known
        assert RaceOnDay(race, None).outcome_known

    def test_a_count_belongs_to_the_day_of_the_newsrooms_clock(self):
        race = f.RaceFactory()
        # 11 p.m. on March 3 in Los Angeles is March 4 in UTC: it is known by the end of March 3.
        late = f.ResultSnapshotFactory(race=race, as_of=local(2020, 3, 3, 23))
        assert list(ResultSnapshot.objects.known_by(dt.date(2020, 3, 3))) == [late]
        assert not ResultSnapshot.objects.known_by(dt.date(2020, 3, 2)).exists()

    def test_a_total_is_known_once_its_source_is_out(self):
        story = f.ArticleFactory(published_at=local(2020, 8, 10, 9))
        total = f.FundraisingTotalFactory(as_of=dt.date(2020, 6, 30), source_article=story)
        assert not FundraisingTotal.objects.known_by(dt.date(2020, 7, 15)).exists()
        assert list(FundraisingTotal.objects.known_by(dt.date(2020, 8, 10))) == [total]

    def test_a_total_from_a_draft_is_never_known_and_one_withdrawn_since_was(self):
        draft = f.ArticleFactory(status=Article.Status.DRAFT, published_at=local(2020, 8, 10, 9))
        f.FundraisingTotalFactory(as_of=dt.date(2020, 6, 30), source_article=draft)
        assert not FundraisingTotal.objects.known_by(dt.date(2020, 9, 1)).exists()
        draft.status = Article.Status.WITHDRAWN
        draft.save()
        assert FundraisingTotal.objects.known_by(dt.date(2020, 9, 1)).count() == 1


class TestOffice:
    URL = "/archive/offices/los-angeles-county-district-attorney/"

    def test_who_held_the_office_on_a_day(self, editor):
        office = f.OfficeFactory()
        lacey = f.TermFactory(office=office, start=dt.date(2012, 12, 3), end=dt.date(2020, 12, 7))
        gascon = f.TermFactory(office=office, start=dt.date(2020, 12, 7))
        on_the_last_day = editor.get(self.URL, {"as_of": "2020-12-06"})
        assert on_the_last_day.context["holders"] == [lacey]
        handover = editor.get(self.URL, {"as_of": "2020-12-07"})
        assert handover.context["holders"] == [gascon]
        html = handover.content.decode()
        assert "Held on December 7, 2020" in html
        assert "its end date is the day the next holder took over, and is not counted" in html
        # As of 2015 Lacey's end had not happened: not printed.
        early = editor.get(self.URL, {"as_of": "2015-01-01"})
        assert [t.shown_end for t in early.context["terms"]] == [None]
        assert "still serving then" in early.content.decode()
        assert editor.get(self.URL, {"as_of": "2010-01-01"}).context["holders"] == []

"""The data model: the database enforces integrity, and the newsroom's questions are one query each."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from articles.models import Article, Mention
from core.text import fold
from core.versioning import StaleVersionError
from people.models import (
    Endorsement,
    Person,
    PollResult,
    ResultLine,
    ResultSnapshot,
    Term,
)
from tests import factories as f

pytestmark = pytest.mark.django_db


def rejected(model, **fields):
    """Try to insert a row; return True if the database refused it and nothing was written."""
    before = model.objects.count()
    try:
        with transaction.atomic():
            model.objects.create(**fields)
    except IntegrityError:
        assert model.objects.count() == before
        return True
    return False


class TestConstraints:
    def test_votes_cannot_be_negative(self):
        snapshot = f.ResultSnapshotFactory()
        candidacy = f.CandidacyFactory(race=snapshot.race)
        assert rejected(ResultLine, snapshot=snapshot, candidacy=candidacy, votes=-1)
        assert not rejected(ResultLine, snapshot=snapshot, candidacy=candidacy, votes=0)

    @pytest.mark.parametrize("percent", [Decimal("-0.01"), Decimal("100.01"), Decimal("140")])
    def test_result_percent_between_0_and_100(self, percent):
        snapshot = f.ResultSnapshotFactory()
        candidacy = f.CandidacyFactory(race=snapshot.race)
        assert rejected(
            ResultLine, snapshot=snapshot, candidacy=candidacy, votes=10, percent=percent
        )
        assert not rejected(
            ResultLine, snapshot=snapshot, candidacy=candidacy, votes=10, percent=Decimal(100)
        )

    def test_result_line_needs_a_figure(self):
        snapshot = f.ResultSnapshotFactory()
        assert rejected(
            ResultLine, snapshot=snapshot, candidacy=f.CandidacyFactory(race=snapshot.race)
        )

    def test_poll_percent_between_0_and_100(self):
        poll = f.PollFactory()
        assert rejected(PollResult, poll=poll, choice="Undecided", percent=Decimal("101"))

    def test_poll_line_is_a_candidate_or_a_choice(self):
        poll = f.PollFactory()
        candidacy = f.CandidacyFactory(race=poll.race)
        assert rejected(PollResult, poll=poll, percent=10)
        assert rejected(PollResult, poll=poll, candidacy=candidacy, choice="Undecided", percent=10)
        assert not rejected(PollResult, poll=poll, choice="Undecided", percent=10)

    def test_term_end_not_before_start(self):
        assert rejected(
            Term,
            person=f.PersonFactory(),
            office=f.OfficeFactory(),
            start=dt.date(2020, 12, 7),
            end=dt.date(2020, 1, 1),
        )

    def test_endorsement_has_exactly_one_endorser(self):
        candidacy = f.CandidacyFactory()
        day = dt.date(2020, 6, 1)
        assert rejected(Endorsement, candidacy=candidacy, announced_on=day)
        assert rejected(
            Endorsement,
            candidacy=candidacy,
            announced_on=day,
            endorser_person=f.PersonFactory(),
            endorser_organization=f.OrganizationFactory(),
        )
        assert not rejected(
            Endorsement, candidacy=candidacy, announced_on=day, endorser_person=f.PersonFactory()
        )

    def test_endorsement_not_withdrawn_before_announced(self):
        assert rejected(
            Endorsement,
            candidacy=f.CandidacyFactory(),
            endorser_person=f.PersonFactory(),
            announced_on=dt.date(2020, 6, 1),
            withdrawn_on=dt.date(2020, 5, 1),
        )

    def test_only_one_certified_count_per_race(self):
        race = f.RaceFactory()
        f.ResultSnapshotFactory(race=race, status=ResultSnapshot.Status.CERTIFIED)
        assert rejected(
            ResultSnapshot,
            race=race,
            status=ResultSnapshot.Status.CERTIFIED,
            as_of=timezone.now(),
        )

    def test_a_mention_links_exactly_one_target(self):
        article = f.ArticleFactory()
        assert rejected(Mention, article=article)
        assert rejected(Mention, article=article, person=f.PersonFactory(), race=f.RaceFactory())

    def test_public_story_needs_a_publish_time(self):
        section, publication = f.SectionFactory(), f.MediaFactory()
        assert rejected(
            Article,
            headline="x",
            slug="x",
            section=section,
            publication=publication,
            status=Article.Status.PUBLISHED,
            published_at=None,
        )
        assert not rejected(
            Article, headline="y", slug="y", section=section, publication=publication
        )

    def test_contribution_has_one_contributor_and_a_recipient(self):
        from people.models import Contribution

        assert rejected(Contribution, recipient_candidacy=f.CandidacyFactory(), amount=5)
        assert rejected(Contribution, contributor_person=f.PersonFactory(), amount=5)
        assert rejected(
            Contribution,
            contributor_person=f.PersonFactory(),
            recipient_candidacy=f.CandidacyFactory(),
            amount=-5,
        )

    def test_deleting_a_cited_story_is_refused(self):
        article = f.ArticleFactory()
        f.EndorsementFactory(source_article=article)
        with pytest.raises(ProtectedError):
            article.delete()
        assert Article.objects.filter(pk=article.pk).exists()

    def test_deleting_a_person_with_a_term_is_refused(self):
        term = f.TermFactory()
        with pytest.raises(ProtectedError):
            term.person.delete()


class TestNames:
    def test_fold_treats_accents_and_case_alike(self):
        assert fold("  George   Gascón ") == fold("george gascon") == "george gascon"

    def test_person_found_by_any_spelling(self):
        gascon = f.PersonFactory(name="George Gascón", slug="george-gascon")
        f.PersonNameFactory(person=gascon, name="Gascon")
        f.PersonFactory(name="Jackie Lacey", slug="jackie-lacey")
        assert list(Person.objects.named("GEORGE GASCON")) == [gascon]
        assert list(Person.objects.named("gascón")) == [gascon]
        assert Person.objects.named("Nobody").count() == 0

    def test_the_same_folded_name_twice_for_one_person_is_refused(self):
        from people.models import PersonName

        person = f.PersonFactory()
        PersonName.objects.create(person=person, name="Gascón")
        assert rejected(PersonName, person=person, name="GASCON")


class TestNewsroomQuestions:
    def test_who_held_an_office_on_a_date(self, django_assert_num_queries):
        office = f.OfficeFactory()
        lacey = f.TermFactory(
            office=office, start=dt.date(2012, 12, 3), end=dt.date(2020, 12, 7)
        ).person
        gascon = f.TermFactory(
            office=office, start=dt.date(2020, 12, 7), end=dt.date(2024, 12, 2)
        ).person
        with django_assert_num_queries(1):
            assert [
                t.person
                for t in Term.objects.held_on(dt.date(2020, 11, 30))
                .filter(office=office)
                .select_related("person")
            ] == [lacey]
        assert Term.objects.held_on(dt.date(2020, 12, 7)).get(office=office).person == gascon
        assert not Term.objects.held_on(dt.date(2010, 1, 1)).filter(office=office).exists()

    def test_who_had_endorsed_as_of_a_date_respects_withdrawals(self, django_assert_num_queries):
        lacey = f.CandidacyFactory()
        gascon = f.CandidacyFactory(race=lacey.race)
        schiff = f.PersonFactory(name="Adam Schiff", slug="adam-schiff")
        feinstein = f.PersonFactory(name="Dianne Feinstein", slug="dianne-feinstein")
        Endorsement.objects.create(
            endorser_person=schiff,
            candidacy=lacey,
            announced_on=dt.date(2020, 2, 1),
            withdrawn_on=dt.date(2020, 6, 1),
        )
        Endorsement.objects.create(
            endorser_person=schiff, candidacy=gascon, announced_on=dt.date(2020, 6, 1)
        )
        Endorsement.objects.create(
            endorser_person=feinstein, candidacy=lacey, announced_on=dt.date(2020, 3, 1)
        )

        def endorsers(candidacy, day):
            return {
                e.endorser_person.name
                for e in Endorsement.objects.in_force_on(day)
                .filter(candidacy=candidacy)
                .for_display()
            }

        with django_assert_num_queries(1):
            assert endorsers(lacey, dt.date(2020, 5, 1)) == {"Adam Schiff", "Dianne Feinstein"}
        assert endorsers(lacey, dt.date(2020, 10, 1)) == {"Dianne Feinstein"}
        assert endorsers(gascon, dt.date(2020, 5, 1)) == set()
        assert endorsers(gascon, dt.date(2020, 10, 1)) == {"Adam Schiff"}
        assert endorsers(lacey, dt.date(2020, 1, 1)) == set()

    def test_latest_and_certified_counts(self, django_assert_num_queries):
        race = f.RaceFactory()
        night = dt.datetime(2024, 11, 6, 5, 0, tzinfo=dt.UTC)
        early = f.ResultSnapshotFactory(race=race, as_of=night, status=ResultSnapshot.Status.EARLY)
        later = f.ResultSnapshotFactory(
            race=race, as_of=night + dt.timedelta(days=3), status=ResultSnapshot.Status.UPDATE
        )
        certified = f.ResultSnapshotFactory(
            race=race, as_of=night + dt.timedelta(days=30), status=ResultSnapshot.Status.CERTIFIED
        )
        f.ResultLineFactory(snapshot=early, votes=847_896, percent=Decimal("59.5"))
        expected = [early.lines.get().candidacy.person.name]
        with django_assert_num_queries(4):  # the snapshot, then its lines, candidacies and people
            on_the_night = ResultSnapshot.objects.latest_for(
                race, as_of=night + dt.timedelta(days=1)
            )
            assert [line.candidacy.person.name for line in on_the_night.lines.all()] == expected
        latest = ResultSnapshot.objects.latest_for(race)
        assert latest == certified
        assert ResultSnapshot.objects.latest_for(race, as_of=night + dt.timedelta(days=1)) == early
        assert ResultSnapshot.objects.latest_for(race, as_of=night + dt.timedelta(days=10)) == later
        assert ResultSnapshot.objects.certified_for(race) == certified
        # the early count is still there, unchanged
        assert early.lines.get().votes == 847_896

    def test_a_persons_coverage_per_month(self, django_assert_num_queries):
        person = f.PersonFactory()
        tz = dt.UTC
        for day in (
            dt.datetime(2024, 8, 3, 12, tzinfo=tz),
            dt.datetime(2024, 8, 20, 12, tzinfo=tz),
            dt.datetime(2024, 10, 1, 12, tzinfo=tz),
        ):
            f.MentionFactory(person=person, article=f.ArticleFactory(published_at=day))
        f.MentionFactory(
            person=person, article=f.ArticleFactory(status=Article.Status.DRAFT, published_at=None)
        )
        f.ArticleFactory(
            published_at=dt.datetime(2024, 8, 5, 12, tzinfo=tz)
        )  # someone else's story
        with django_assert_num_queries(1):
            rows = list(Article.objects.published().mentioning(person=person).per_month())
        assert [(row["month"].date().isoformat()[:7], row["stories"]) for row in rows] == [
            ("2024-08", 2),
            ("2024-10", 1),
        ]


class TestVisibility:
    def test_published_is_the_one_rule(self):
        now = timezone.now()
        visible = f.ArticleFactory(published_at=now - dt.timedelta(hours=1))
        due = f.ArticleFactory(
            status=Article.Status.SCHEDULED, published_at=now - dt.timedelta(minutes=1)
        )
        f.ArticleFactory(status=Article.Status.SCHEDULED, published_at=now + dt.timedelta(hours=1))
        f.ArticleFactory(status=Article.Status.DRAFT, published_at=None)
        f.ArticleFactory(status=Article.Status.WITHDRAWN, published_at=now - dt.timedelta(days=2))
        f.ArticleFactory(
            published_at=now + dt.timedelta(days=1)
        )  # published, but embargoed until tomorrow
        assert set(Article.objects.published()) == {visible, due}

    def test_facts_sourced_only_from_unpublished_stories_are_not_public(self):
        draft = f.ArticleFactory(status=Article.Status.DRAFT, published_at=None)
        published = f.ArticleFactory()
        from_draft = f.EndorsementFactory(source_article=draft)
        from_story = f.EndorsementFactory(source_article=published)
        unsourced = f.EndorsementFactory(source_note="Campaign press release")
        assert set(Endorsement.objects.publicly_sourced()) == {from_story, unsourced}
        assert from_draft not in Endorsement.objects.publicly_sourced()


class TestVersioning:
    def test_a_stale_copy_cannot_overwrite(self):
        article = f.ArticleFactory(headline="First")
        tab_one, tab_two = Article.objects.get(pk=article.pk), Article.objects.get(pk=article.pk)
        tab_one.headline = "Saved first"
        tab_one.save()
        tab_two.headline = "Saved second"
        with pytest.raises(StaleVersionError):
            tab_two.save()
        article.refresh_from_db()
        assert (article.headline, article.version) == ("Saved first", 2)

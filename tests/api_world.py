"""A small civic graph for the API tests: one public story, one draft, facts from each."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from articles.models import Article
from people.models import ResultSnapshot
from tests import factories as f


def build():
    section = f.SectionFactory(name="Elections", slug="elections")
    story = f.ArticleFactory(headline="Hochman wins", slug="hochman-wins", section=section)
    draft = f.ArticleFactory(
        headline="Draft about Dora",
        slug="draft-about-dora",
        section=section,
        status=Article.Status.DRAFT,
        published_at=None,
    )
    election = f.ElectionFactory()
    office = f.OfficeFactory(name="District Attorney of Los Angeles County", slug="la-da")
    race = f.RaceFactory(
        name="2024 DA general", slug="2024-da-general", election=election, office=office
    )
    hochman = f.PersonFactory(name="Nathan Hochman", slug="nathan-hochman")
    gascon = f.PersonFactory(name="George Gascon", slug="george-gascon")
    dora = f.PersonFactory(name="Dora Draftonly", slug="dora-draftonly")
    pollster = f.OrganizationFactory(name="Berkeley IGS", slug="berkeley-igs")
    for target in (hochman, gascon):
        f.MentionFactory(article=story, person=target)
    f.MentionFactory(article=story, person=None, race=race)
    f.MentionFactory(article=story, person=None, organization=pollster)
    f.MentionFactory(article=draft, person=dora)
    won = f.CandidacyFactory(race=race, person=hochman, source_article=story, outcome="won")
    lost = f.CandidacyFactory(race=race, person=gascon, source_article=story, outcome="lost")
    dora_run = f.CandidacyFactory(race=race, person=dora, source_article=draft)
    f.TermFactory(person=hochman, office=office, start=dt.date(2024, 12, 2), source_article=story)
    count = f.ResultSnapshotFactory(
        race=race, source_article=story, status=ResultSnapshot.Status.CERTIFIED
    )
    f.ResultLineFactory(snapshot=count, candidacy=won, votes=2_000_000, percent=Decimal("60"))
    f.ResultLineFactory(snapshot=count, candidacy=lost, votes=1_300_000, percent=Decimal("39"))
    f.ResultLineFactory(snapshot=count, candidacy=dora_run, votes=1, percent=Decimal("0.01"))
    f.MarginFactory(race=race, leader=won, trailer=lost, votes=700_000, source_article=story)
    f.MarginFactory(
        race=race, leader=dora_run, votes=424_242, source_article=draft,
        reported_on=dt.date(2024, 11, 7),
    )  # fmt: skip
    poll = f.PollFactory(race=race, pollster=pollster, source_article=story)
    f.PollResultFactory(poll=poll, candidacy=won, percent=Decimal("51"))
    f.PollResultFactory(poll=poll, candidacy=dora_run, percent=Decimal("2"))
    f.EndorsementFactory(endorser_person=gascon, candidacy=won, source_article=story)
    f.EndorsementFactory(endorser_person=dora, candidacy=won, source_article=None)
    f.FundraisingTotalFactory(
        race=race, candidacy=won, amount=Decimal("4000000"), source_article=story
    )
    f.FundraisingTotalFactory(
        race=race,
        candidacy=dora_run,
        amount=Decimal("999999"),
        source_article=draft,
        as_of=dt.date(2024, 9, 1),
    )
    f.ContributionFactory(contributor_person=gascon, recipient_candidacy=lost, source_article=story)
    f.ContributionFactory(contributor_person=dora, recipient_candidacy=won, source_article=None)
    f.QuoteFactory(article=story, speaker=hochman, text="The voters have spoken")
    f.QuoteFactory(article=draft, speaker=hochman, text="Secret remark")
    story.published_at = timezone.now() - dt.timedelta(days=1)
    story.save()
    return {"story": story, "draft": draft, "race": race, "dora": dora, "pollster": pollster}


# What must never reach an anonymous caller.
SECRETS = [
    "Dora Draftonly",
    "dora-draftonly",
    "Draft about Dora",
    "draft-about-dora",
    "999999",
    "424242",
    "Secret remark",
]

"""factory_boy factories for the archive's models: small, valid records by default."""

import datetime as dt
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import slugify

from articles.models import (
    Article,
    ArticleRevision,
    Byline,
    Correction,
    Mention,
    Photo,
    Quote,
    Section,
    Suggestion,
)
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
    PersonName,
    Poll,
    PollResult,
    Race,
    ResultLine,
    ResultSnapshot,
    Term,
)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person Number{n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class PersonNameFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PersonName

    person = factory.SubFactory(PersonFactory)
    name = factory.Sequence(lambda n: f"Other Name{n}")


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Organization {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = Organization.Kind.ADVOCACY


class MediaFactory(OrganizationFactory):
    name = factory.Sequence(lambda n: f"The Daily {n}")
    kind = Organization.Kind.MEDIA


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section
        django_get_or_create = ("slug",)

    name = "Politics"
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published story by default; pass status/published_at for other states."""

    class Meta:
        model = Article

    headline = factory.Sequence(lambda n: f"County prosecutor story {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.headline))
    dek = "A short summary of the story."
    body = "First paragraph of the story.\n\nSecond paragraph of the story."
    section = factory.SubFactory(SectionFactory)
    publication = factory.SubFactory(MediaFactory)
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))


class BylineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Byline

    article = factory.SubFactory(ArticleFactory)
    person = factory.SubFactory(PersonFactory)


class MentionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mention

    article = factory.SubFactory(ArticleFactory)
    person = factory.SubFactory(PersonFactory)
    role = Mention.Role.MENTIONED


class PhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Photo

    article = factory.SubFactory(ArticleFactory)
    caption = "A candidate speaks at a news conference."
    credit = "Staff photographer"


class QuoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quote

    article = factory.SubFactory(ArticleFactory)
    speaker = factory.SubFactory(PersonFactory)
    text = "We will keep the community safe."
    paragraph = 3


class CorrectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Correction

    article = factory.SubFactory(ArticleFactory)
    date = dt.date(2024, 11, 6)
    text = "An earlier version misstated a vote total."


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office
        django_get_or_create = ("slug",)

    name = "Los Angeles County District Attorney"
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    jurisdiction = "Los Angeles County"


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Term

    person = factory.SubFactory(PersonFactory)
    office = factory.SubFactory(OfficeFactory)
    start = dt.date(2012, 12, 3)


class AffiliationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Affiliation

    person = factory.SubFactory(PersonFactory)
    organization = factory.SubFactory(OrganizationFactory)
    title = "Spokesperson"


class ElectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Election
        django_get_or_create = ("slug",)

    name = "General election, November 5, 2024"
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    date = dt.date(2024, 11, 5)
    kind = Election.Kind.GENERAL
    jurisdiction = "California"


class RaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Race

    name = factory.Sequence(lambda n: f"District attorney race {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    election = factory.SubFactory(ElectionFactory)
    # One race per office and election: each generated race gets its own office.
    office = factory.SubFactory(
        OfficeFactory, name=factory.Sequence(lambda n: f"District Attorney of County {n}")
    )


class CandidacyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Candidacy

    race = factory.SubFactory(RaceFactory)
    person = factory.SubFactory(PersonFactory)


class ResultSnapshotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResultSnapshot

    race = factory.SubFactory(RaceFactory)
    as_of = factory.LazyFunction(lambda: dt.datetime(2024, 11, 5, 21, 0, tzinfo=dt.UTC))
    status = ResultSnapshot.Status.EARLY


class ResultLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResultLine

    snapshot = factory.SubFactory(ResultSnapshotFactory)
    candidacy = factory.SubFactory(CandidacyFactory, race=factory.SelfAttribute("..snapshot.race"))
    votes = 1000
    percent = Decimal("50.00")


class MarginFactory(factory.django.DjangoModelFactory):
    """A lead in the count as a story reported it: 12,000 votes, nobody named behind."""

    class Meta:
        model = Margin

    leader = factory.SubFactory(CandidacyFactory)
    race = factory.SelfAttribute("leader.race")
    votes = 12_000
    reported_on = dt.date(2024, 11, 6)


class EndorsementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Endorsement

    endorser_person = factory.SubFactory(PersonFactory)
    candidacy = factory.SubFactory(CandidacyFactory)
    announced_on = dt.date(2024, 6, 1)


class PollFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Poll

    race = factory.SubFactory(RaceFactory)
    pollster = factory.SubFactory(OrganizationFactory, kind=Organization.Kind.UNIVERSITY)
    released_on = dt.date(2024, 10, 8)


class PollResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PollResult

    poll = factory.SubFactory(PollFactory)
    candidacy = factory.SubFactory(CandidacyFactory, race=factory.SelfAttribute("..poll.race"))
    percent = Decimal("40.00")


class FundraisingTotalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundraisingTotal

    candidacy = factory.SubFactory(CandidacyFactory)
    race = factory.SelfAttribute("candidacy.race")
    as_of = dt.date(2024, 10, 31)
    amount = Decimal("1000000")


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contribution

    contributor_person = factory.SubFactory(PersonFactory)
    recipient_candidacy = factory.SubFactory(CandidacyFactory)
    amount = Decimal("5000")


class SuggestionFactory(factory.django.DjangoModelFactory):
    """A person the linker found in a story, waiting for review."""

    class Meta:
        model = Suggestion

    article = factory.SubFactory(ArticleFactory)
    person = factory.SubFactory(PersonFactory)
    kind = Suggestion.Kind.PERSON
    key = factory.LazyAttribute(lambda o: f"person:{o.person.slug}")
    span_start = 0
    span_end = factory.LazyAttribute(lambda o: len(o.person.name))
    matched_text = factory.LazyAttribute(lambda o: o.person.name)
    sentence = factory.LazyAttribute(lambda o: f"{o.person.name} spoke <b>first</b>.")
    sentence_offset = 0
    payload = factory.LazyFunction(lambda: {"role": "subject", "count": 1, "spans": [[0, 5]]})


class ArticleRevisionFactory(factory.django.DjangoModelFactory):
    """A pending revision of a published story's headline by a staff account."""

    class Meta:
        model = ArticleRevision

    article = factory.SubFactory(ArticleFactory)
    headline = factory.LazyAttribute(lambda o: f"{o.article.headline}, revised")
    slug = factory.LazyAttribute(lambda o: o.article.slug)
    dek = factory.LazyAttribute(lambda o: o.article.dek)
    body = factory.LazyAttribute(lambda o: o.article.body)
    section = factory.LazyAttribute(lambda o: o.article.section)
    publication = factory.LazyAttribute(lambda o: o.article.publication)
    changed_fields = factory.LazyFunction(lambda: ["headline"])
    base_version = factory.LazyAttribute(lambda o: o.article.version)
    author = factory.LazyFunction(
        lambda: get_user_model().objects.create_user(
            f"proposer{get_user_model().objects.count()}", password="pw", is_staff=True
        )
    )

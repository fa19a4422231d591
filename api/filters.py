"""The API's list filters, named as in the archive: person, race, organization, a date range,
``as_of`` on facts (what was known, or in force, by the end of that day) and ``q`` on stories.

A bad value is a 400 with the field's error in JSON (django-filter's form errors through DRF).
"""

import django_filters as filters
from django.db.models import Q
from rest_framework.exceptions import ValidationError

from articles.models import Article, Quote
from articles.search import StorySearch
from core.dates import check_day
from people.models import (
    Candidacy,
    Contribution,
    Endorsement,
    FundraisingTotal,
    Margin,
    Person,
    Poll,
    Race,
    ResultSnapshot,
)

DATE_HELP = "A day, YYYY-MM-DD."


def as_of_filter(help_text):
    """``as_of`` on a kind of fact: the one as-of rule, that kind's ``known_by`` (or
    ``in_force_on`` for endorsements), with the dossiers' bounds on the day."""
    return filters.DateFilter(
        method="as_of_day", help_text=f"{help_text} {DATE_HELP}", validators=[check_day]
    )


class KnownByMixin:
    def as_of_day(self, queryset, name, value):
        return queryset.known_by(value)


def date_range(field):
    return (
        filters.DateFilter(
            field_name=field, lookup_expr="gte", help_text=f"From this day. {DATE_HELP}"
        ),
        filters.DateFilter(
            field_name=field, lookup_expr="lte", help_text=f"To this day. {DATE_HELP}"
        ),
    )


def slug_filter(field, what):
    return filters.CharFilter(field_name=field, help_text=f"The {what}'s slug.")


class PersonFilter(filters.FilterSet):
    name = filters.CharFilter(
        field_name="name", lookup_expr="icontains", help_text="Part of the name."
    )
    race = slug_filter("candidacies__race__slug", "race (its candidates)")

    class Meta:
        model = Person
        fields = ["name", "race"]


class RaceFilter(filters.FilterSet):
    election = slug_filter("election__slug", "election")
    office = slug_filter("office__slug", "office")
    person = slug_filter("candidacies__person__slug", "candidate")
    date_from, date_to = date_range("election__date")

    class Meta:
        model = Race
        fields = ["election", "office", "person", "date_from", "date_to"]


class CandidacyFilter(filters.FilterSet):
    race = slug_filter("race__slug", "race")
    person = slug_filter("person__slug", "person")

    class Meta:
        model = Candidacy
        fields = ["race", "person"]


class ResultFilter(KnownByMixin, filters.FilterSet):
    race = slug_filter("race__slug", "race")
    status = filters.ChoiceFilter(choices=ResultSnapshot.Status.choices)
    date_from, date_to = date_range("as_of__date")
    as_of = as_of_filter("Counts reported by the end of this day.")

    class Meta:
        model = ResultSnapshot
        fields = ["race", "status", "date_from", "date_to", "as_of"]


class PollFilter(KnownByMixin, filters.FilterSet):
    race = slug_filter("race__slug", "race")
    organization = filters.CharFilter(
        method="by_organization", help_text="The pollster's or a sponsor's slug."
    )
    date_from, date_to = date_range("released_on")
    as_of = as_of_filter("Polls released by the end of this day.")

    class Meta:
        model = Poll
        fields = ["race", "organization", "date_from", "date_to", "as_of"]

    def by_organization(self, queryset, name, value):
        return queryset.filter(Q(pollster__slug=value) | Q(sponsors__slug=value)).distinct()


class EndorsementFilter(filters.FilterSet):
    race = slug_filter("candidacy__race__slug", "race")
    person = filters.CharFilter(
        method="by_person", help_text="The endorsee's or the endorsing person's slug."
    )
    organization = slug_filter("endorser_organization__slug", "endorsing organization")
    date_from, date_to = date_range("announced_on")
    as_of = as_of_filter("Endorsements in force on that day, as known by then.")

    class Meta:
        model = Endorsement
        fields = ["race", "person", "organization", "date_from", "date_to", "as_of"]

    def by_person(self, queryset, name, value):
        return queryset.filter(Q(candidacy__person__slug=value) | Q(endorser_person__slug=value))

    def as_of_day(self, queryset, name, value):
        return queryset.in_force_on(value)


class MarginFilter(KnownByMixin, filters.FilterSet):
    race = slug_filter("race__slug", "race")
    person = filters.CharFilter(
        method="by_person", help_text="The slug of the candidate ahead or behind."
    )
    date_from, date_to = date_range("reported_on")
    as_of = as_of_filter("Margins reported by the end of this day.")

    class Meta:
        model = Margin
        fields = ["race", "person", "date_from", "date_to", "as_of"]

    def by_person(self, queryset, name, value):
        return queryset.filter(Q(leader__person__slug=value) | Q(trailer__person__slug=value))


class FundraisingFilter(KnownByMixin, filters.FilterSet):
    race = slug_filter("race__slug", "race")
    person = slug_filter("candidacy__person__slug", "candidate")
    date_from, date_to = date_range("as_of")
    as_of = as_of_filter("Figures known by the end of this day.")

    class Meta:
        model = FundraisingTotal
        fields = ["race", "person", "date_from", "date_to", "as_of"]


class ContributionFilter(filters.FilterSet):
    race = slug_filter("recipient_candidacy__race__slug", "race")
    person = filters.CharFilter(
        method="by_person", help_text="The contributor's or recipient's slug."
    )
    organization = filters.CharFilter(
        method="by_organization", help_text="The contributing organization's or committee's slug."
    )

    class Meta:
        model = Contribution
        fields = ["race", "person", "organization"]

    def by_person(self, queryset, name, value):
        return queryset.filter(
            Q(contributor_person__slug=value) | Q(recipient_candidacy__person__slug=value)
        )

    def by_organization(self, queryset, name, value):
        return queryset.filter(
            Q(contributor_organization__slug=value) | Q(recipient_committee__slug=value)
        )


class QuoteFilter(filters.FilterSet):
    person = slug_filter("speaker__slug", "speaker")
    date_from, date_to = date_range("article__published_at__date")

    class Meta:
        model = Quote
        fields = ["person", "date_from", "date_to"]


class StoryFilter(filters.FilterSet):
    person = slug_filter("mentions__person__slug", "person mentioned")
    race = slug_filter("mentions__race__slug", "race mentioned")
    organization = slug_filter("mentions__organization__slug", "organization mentioned")
    date_from, date_to = date_range("published_at__date")
    q = filters.CharFilter(method="search", help_text="Words to search for, as on the site.")

    class Meta:
        model = Article
        fields = ["person", "race", "organization", "date_from", "date_to", "q"]

    def search(self, queryset, name, value):
        story_search = StorySearch(value)
        if story_search.problem:
            raise ValidationError({"q": [story_search.problem]})
        return story_search.filter(queryset)

    def filter_queryset(self, queryset):
        # A story mentioning a person twice over (two filters) is still one story.
        return super().filter_queryset(queryset).distinct()

"""The read-only API: one viewset per kind of record, all under the one visibility rule.

Anonymous callers (and signed-in accounts outside the newsroom) get ``articles.facts.public``;
newsroom staff (session or token) get everything, each row's ``public`` telling whether readers
see it. Every answer carries an ETag (a 304 for a matching If-None-Match) and a Last-Modified:
the archive's latest change (``articles.changes.latest_change``), taken before the answer is
read, so an If-Modified-Since from then on is a 304 without reading anything else.
"""

from django.db.models import BooleanField, Case, Prefetch, Value, When
from django.utils.cache import get_conditional_response
from django.utils.decorators import method_decorator
from django.utils.http import http_date
from django.views.decorators.http import conditional_page
from rest_framework import viewsets

from articles.changes import latest_change
from articles.facts import fact_condition, public
from articles.models import Article, Quote
from core.access import is_newsroom_staff
from people.models import (
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
    PollResult,
    Race,
    ResultLine,
    ResultSnapshot,
    Term,
)

from . import filters, serializers
from .paging import mark_caching


def visible(queryset, staff):
    """``queryset`` as this caller may see it, each fact marked ``is_public``."""
    model = queryset.model
    if not staff:
        queryset = public(queryset)
        return queryset.annotate(is_public=Value(True)) if model is not Article else queryset
    if model is Article:
        return queryset
    return queryset.annotate(
        is_public=Case(
            When(fact_condition(model), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def names_visible(queryset, staff):
    """People, organizations, races, offices, elections: all for staff, else the public ones."""
    return queryset if staff else public(queryset)


@method_decorator(conditional_page, name="dispatch")
class ApiViewSet(viewsets.ReadOnlyModelViewSet):
    ordering = ("id",)

    @property
    def staff(self):
        return is_newsroom_staff(self.request.user)

    last_modified = None

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)  # who is asking, and the rate limit, first
        self.last_modified = latest_change()

    def unless_unchanged(self, answer, request, *args, **kwargs):
        """A 304 if the caller's copy is as new as the archive's latest change, else the answer.

        (An If-None-Match wins over If-Modified-Since: then the ETag decides, after reading.)"""
        if self.last_modified is not None:
            moment = int(self.last_modified.timestamp())
            if (unchanged := get_conditional_response(request, last_modified=moment)) is not None:
                return unchanged
        return answer(request, *args, **kwargs)

    def list(self, request, *args, **kwargs):
        return self.unless_unchanged(super().list, request, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        return self.unless_unchanged(super().retrieve, request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if self.last_modified is not None and response.status_code in {200, 304}:
            response["Last-Modified"] = http_date(self.last_modified.timestamp())
        return mark_caching(request, response, self.staff)


class PersonViewSet(ApiViewSet):
    """People with public coverage (for staff: everyone in the archive)."""

    serializer_class = serializers.PersonSerializer
    filterset_class = filters.PersonFilter
    lookup_field = "slug"

    def get_queryset(self):
        return names_visible(Person.objects.all(), self.staff)


class OrganizationViewSet(ApiViewSet):
    serializer_class = serializers.OrganizationSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return names_visible(Organization.objects.select_related("parent"), self.staff)


class OfficeViewSet(ApiViewSet):
    """Offices with every (visible) term, oldest first."""

    serializer_class = serializers.OfficeSerializer
    lookup_field = "slug"

    def get_queryset(self):
        terms = visible(Term.objects.select_related("person", "source_article"), self.staff)
        return names_visible(
            Office.objects.select_related("organization"), self.staff
        ).prefetch_related(
            Prefetch("terms", queryset=terms.order_by("start"), to_attr="visible_terms")
        )


class ElectionViewSet(ApiViewSet):
    serializer_class = serializers.ElectionSerializer
    lookup_field = "slug"

    def get_queryset(self):
        races = names_visible(Race.objects.order_by("name"), self.staff)
        return names_visible(Election.objects.all(), self.staff).prefetch_related(
            Prefetch("races", queryset=races, to_attr="visible_races")
        )


class RaceViewSet(ApiViewSet):
    """Races with their candidacies (outcome, incumbency, source)."""

    serializer_class = serializers.RaceSerializer
    filterset_class = filters.RaceFilter
    lookup_field = "slug"

    def get_queryset(self):
        candidacies = visible(
            Candidacy.objects.select_related("person", "party", "source_article"), self.staff
        )
        races = Race.objects.select_related("election", "office").distinct()
        return names_visible(races, self.staff).prefetch_related(
            Prefetch(
                "candidacies",
                queryset=candidacies.order_by("-is_incumbent", "person__sort_name"),
                to_attr="visible_candidacies",
            )
        )


class CandidacyViewSet(ApiViewSet):
    serializer_class = serializers.CandidacySerializer
    filterset_class = filters.CandidacyFilter

    def get_queryset(self):
        return visible(
            Candidacy.objects.select_related("person", "race", "party", "source_article"),
            self.staff,
        )


class ResultViewSet(ApiViewSet):
    """Counts as reported, each with its lines; a later count never overwrites an earlier one."""

    serializer_class = serializers.ResultSnapshotSerializer
    filterset_class = filters.ResultFilter
    ordering = ("as_of", "id")

    def get_queryset(self):
        lines = visible(ResultLine.objects.select_related("candidacy__person"), self.staff)
        return visible(
            ResultSnapshot.objects.select_related("race", "source_article"), self.staff
        ).prefetch_related(Prefetch("lines", queryset=lines, to_attr="visible_lines"))


class MarginViewSet(ApiViewSet):
    """Leads in the count as reported ("ahead by 12,000 votes"), each with its source."""

    serializer_class = serializers.MarginSerializer
    filterset_class = filters.MarginFilter
    ordering = ("reported_on", "id")

    def get_queryset(self):
        return visible(Margin.objects.select_related("race").for_display(), self.staff)


class PollViewSet(ApiViewSet):
    serializer_class = serializers.PollSerializer
    filterset_class = filters.PollFilter
    ordering = ("released_on", "id")

    def get_queryset(self):
        results = visible(PollResult.objects.select_related("candidacy__person"), self.staff)
        sponsors = names_visible(Organization.objects.all(), self.staff)
        return visible(
            Poll.objects.select_related("race", "pollster", "source_article"), self.staff
        ).prefetch_related(
            Prefetch("results", queryset=results, to_attr="visible_results"),
            Prefetch("sponsors", queryset=sponsors, to_attr="visible_sponsors"),
        )


class EndorsementViewSet(ApiViewSet):
    serializer_class = serializers.EndorsementSerializer
    filterset_class = filters.EndorsementFilter
    ordering = ("announced_on", "id")

    def get_queryset(self):
        return visible(Endorsement.objects.for_display(), self.staff)


class FundraisingViewSet(ApiViewSet):
    serializer_class = serializers.FundraisingTotalSerializer
    filterset_class = filters.FundraisingFilter
    ordering = ("as_of", "id")

    def get_queryset(self):
        return visible(
            FundraisingTotal.objects.select_related("race", "candidacy__person", "source_article"),
            self.staff,
        )


class ContributionViewSet(ApiViewSet):
    serializer_class = serializers.ContributionSerializer
    filterset_class = filters.ContributionFilter

    def get_queryset(self):
        return visible(
            Contribution.objects.select_related(
                "contributor_person",
                "contributor_organization",
                "recipient_candidacy__person",
                "recipient_committee",
                "source_article",
            ),
            self.staff,
        )


class QuoteViewSet(ApiViewSet):
    serializer_class = serializers.QuoteSerializer
    filterset_class = filters.QuoteFilter

    def get_queryset(self):
        return visible(Quote.objects.select_related("speaker", "article"), self.staff)


class StoryViewSet(ApiViewSet):
    """Published stories (for staff: every story, ``public`` false until readers may read it)."""

    serializer_class = serializers.StorySerializer
    filterset_class = filters.StoryFilter
    lookup_field = "slug"
    ordering = ("-published_at", "-id")

    def get_queryset(self):
        return visible(Article.objects.select_related("section"), self.staff)

"""The editors' dossiers (a person, a race as of any day, an organization, an office) and lists."""

import datetime as dt

from django import forms
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from articles.models import Article
from core.access import NewsroomStaffRequiredMixin
from core.charts import Marker, coverage_chart, poll_trend_svg
from people.merging import redirect_if_merged
from people.models import (
    Affiliation,
    Candidacy,
    Contribution,
    Endorsement,
    FundraisingTotal,
    Office,
    Organization,
    PartyMembership,
    Person,
    Poll,
    PollResult,
    Race,
    ResultLine,
    ResultSnapshot,
    Term,
)

LATEST_STORIES = 10


def coverage(stories, markers=(), title="Coverage over time", until=None):
    """A coverage chart and the latest stories for a dossier (editors see every status)."""
    first, last = stories.span()
    last = until or last
    chart = coverage_chart(stories, first, last, markers)
    latest = stories.select_related("section").order_by("-published_at", "-id")[:LATEST_STORIES]
    return {"chart": chart, "chart_svg": chart.svg(title=title), "latest": latest}


class DossierView(NewsroomStaffRequiredMixin, TemplateView):
    model = None
    url_name = None  # for a record that may have been merged: where the record kept lives

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            moved = self.url_name and redirect_if_merged(
                self.model,
                kwargs.get("slug"),
                lambda kept: reverse(self.url_name, args=[kept.slug]),
            )
            if not moved:
                raise
            return moved

    def get_object(self):
        return get_object_or_404(self.model, slug=self.kwargs["slug"])


class PersonDossierView(DossierView):
    template_name = "archive/person.html"
    model = Person
    url_name = "archive:person"

    def get_context_data(self, **kwargs):
        person = self.get_object()
        candidacies = list(
            Candidacy.objects.filter(person=person)
            .select_related("race__election")
            .order_by("-race__election__date")
        )
        # The latest reported line for each candidacy, from one query.
        latest_line = {}
        for line in (
            ResultLine.objects.filter(candidacy__in=candidacies)
            .select_related("snapshot")
            .order_by("snapshot__as_of")
        ):
            latest_line[line.candidacy_id] = line
        for candidacy in candidacies:
            candidacy.latest_line = latest_line.get(candidacy.pk)
        stories = Article.objects.mentioning(person=person)
        markers = [Marker(c.race.election.date, c.race.name) for c in candidacies]
        return super().get_context_data(
            person=person,
            other_names=person.other_names.all(),
            terms=Term.objects.filter(person=person).select_related("office").order_by("start"),
            candidacies=candidacies,
            received=Endorsement.objects.filter(candidacy__person=person)
            .for_display()
            .order_by("announced_on"),
            given=Endorsement.objects.filter(endorser_person=person)
            .for_display()
            .order_by("announced_on"),
            quotes=person.quotes.select_related("article").order_by(
                "-article__published_at", "paragraph"
            ),
            affiliations=Affiliation.objects.filter(person=person).select_related("organization"),
            parties=PartyMembership.objects.filter(person=person).select_related("party"),
            **coverage(stories, markers, title=f"Stories mentioning {person.name}"),
            **kwargs,
        )


class AsOfForm(forms.Form):
    as_of = forms.DateField(
        required=False,
        label="Show the race as it stood on",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Leave empty for everything known now.",
    )


class RaceDossierView(DossierView):
    template_name = "archive/race.html"
    model = Race

    def get_object(self):
        return get_object_or_404(
            Race.objects.select_related("election", "office"), slug=self.kwargs["slug"]
        )

    def as_of_form(self, request):
        return AsOfForm(request.GET)

    def get(self, request, *args, **kwargs):
        form = self.as_of_form(request)
        valid = form.is_valid()
        context = self.get_context_data(
            form=form, as_of=form.cleaned_data.get("as_of") if valid else None
        )
        return self.render_to_response(context, status=200 if valid else 400)

    def get_context_data(self, form=None, as_of=None, **kwargs):
        race = self.get_object()
        candidacies = list(
            race.candidacies.select_related("person").order_by("-is_incumbent", "person__sort_name")
        )
        snapshots = (
            ResultSnapshot.objects.filter(race=race)
            .select_related("source_article")
            .prefetch_related(
                Prefetch("lines", queryset=ResultLine.objects.select_related("candidacy__person"))
            )
            .order_by("as_of")
        )
        polls = (
            Poll.objects.filter(race=race)
            .select_related("pollster", "leader__person", "source_article")
            .prefetch_related(
                "sponsors",
                Prefetch(
                    "results", queryset=PollResult.objects.select_related("candidacy__person")
                ),
            )
            .order_by("released_on")
        )
        endorsements = (
            Endorsement.objects.filter(candidacy__race=race).for_display().order_by("announced_on")
        )
        totals = (
            FundraisingTotal.objects.filter(race=race)
            .select_related("candidacy__person", "source_article")
            .order_by("as_of")
        )
        contributions = (
            Contribution.objects.filter(recipient_candidacy__race=race)
            .select_related(
                "contributor_person",
                "contributor_organization",
                "recipient_candidacy__person",
                "source_article",
            )
            .order_by("-amount")
        )
        stories = Article.objects.mentioning(race=race)
        if as_of is not None:
            end_of_day = timezone.make_aware(
                dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time.min)
            )
            snapshots = snapshots.filter(as_of__lt=end_of_day)
            polls = polls.filter(released_on__lte=as_of)
            totals = totals.filter(as_of__lte=as_of)
            # Known by then: its period had begun, or (undated) the story reporting it was out.
            contributions = contributions.filter(
                Q(period_start__lte=as_of)
                | Q(period_start__isnull=True, source_article__published_at__lt=end_of_day)
                | Q(period_start__isnull=True, source_article__isnull=True)
            )
            stories = stories.filter(published_at__lt=end_of_day)
        snapshots, polls, endorsements = list(snapshots), list(polls), list(endorsements)
        day = as_of or timezone.localdate()
        standing = {c.pk: [] for c in candidacies}
        later = []
        for endorsement in endorsements:
            if endorsement.is_active_on(day):
                standing.setdefault(endorsement.candidacy_id, []).append(endorsement)
            elif endorsement.announced_on > day:
                later.append(endorsement)
        return super().get_context_data(
            race=race,
            form=form,
            as_of=as_of,
            candidacies=candidacies,
            snapshots=snapshots,
            latest_snapshot=snapshots[-1] if snapshots else None,
            polls=polls,
            poll_svg=poll_trend_svg(polls),
            endorsements=endorsements
            if as_of is None
            else [e for e in endorsements if e.announced_on <= day],
            standing=[(c, standing.get(c.pk, [])) for c in candidacies],
            reported_later=later,
            totals=totals,
            contributions=contributions,
            **coverage(
                stories,
                [Marker(race.election.date, race.name)],
                title=f"Stories on the {race.name}",
                until=as_of,
            ),
            **kwargs,
        )


class OrganizationDossierView(DossierView):
    template_name = "archive/organization.html"
    model = Organization
    url_name = "archive:organization"

    def get_context_data(self, **kwargs):
        org = get_object_or_404(
            Organization.objects.select_related("parent"), slug=self.kwargs["slug"]
        )
        return super().get_context_data(
            organization=org,
            other_names=org.other_names.all(),
            children=org.children.all(),
            endorsements=Endorsement.objects.filter(endorser_organization=org)
            .for_display()
            .order_by("announced_on"),
            contributions=Contribution.objects.filter(contributor_organization=org).select_related(
                "recipient_candidacy__person", "recipient_candidacy__race", "recipient_committee"
            ),
            affiliations=Affiliation.objects.filter(organization=org).select_related("person"),
            polls=Poll.objects.filter(pollster=org).select_related("race").order_by("released_on"),
            offices=org.offices.all(),
            **coverage(
                Article.objects.mentioning(organization=org), title=f"Stories mentioning {org.name}"
            ),
            **kwargs,
        )


class OfficeDossierView(DossierView):
    template_name = "archive/office.html"
    model = Office

    def get_context_data(self, **kwargs):
        office = get_object_or_404(
            Office.objects.select_related("organization"), slug=self.kwargs["slug"]
        )
        races = (
            office.races.select_related("election")
            .annotate(candidates=Count("candidacies"))
            .order_by("-election__date")
        )
        return super().get_context_data(
            office=office,
            terms=office.terms.select_related("person").order_by("start"),
            races=races,
            **kwargs,
        )

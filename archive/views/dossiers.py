"""The editors' dossiers (a person, a race, an organization, an office), each as of any day.

What "as of a day" means lives in the domain (``people.asof.RaceOnDay`` and each fact's
``known_by``); these views only read the day from the address and hand it down.
"""

from django import forms
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import TemplateView

from articles.coverage import Coverage
from core.access import NewsroomStaffRequiredMixin
from core.charts import Marker, poll_trend_svg
from core.dates import check_day, end_of_day
from core.publishing import appeared_before_condition
from people.asof import RaceOnDay
from people.merging import redirect_if_merged
from people.models import (
    Affiliation,
    Candidacy,
    Contribution,
    Endorsement,
    Office,
    Organization,
    PartyMembership,
    Person,
    Poll,
    Race,
    ResultLine,
    ResultSnapshot,
    Term,
)

LATEST_STORIES = 10


def coverage(obj, markers=(), title="Coverage over time", until=None):
    """A coverage chart and the latest stories for a dossier (editors see every status), from
    the coverage tallies and the newest mentions (``articles.coverage.Coverage``)."""
    stories = Coverage(obj, until=until)
    chart = stories.chart(markers, last=until)
    latest = stories.latest(LATEST_STORIES)
    return {"chart": chart, "chart_svg": chart.svg(title=title), "latest": latest}


class AsOfForm(forms.Form):
    as_of = forms.DateField(
        required=False,
        label="Show the record as it stood on",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Leave empty for everything known now.",
        validators=[check_day],
    )


def known(queryset, day):
    """``queryset.known_by(day)``, or everything when ``day`` is None."""
    return queryset if day is None else queryset.known_by(day)


class DossierView(NewsroomStaffRequiredMixin, TemplateView):
    """A dossier answers for any day: ``?as_of=YYYY-MM-DD``; a bad day is a 400 in words."""

    model = None
    as_of_label = AsOfForm.base_fields["as_of"].label
    url_name = None  # for a record that may have been merged: where the record kept lives

    def get_object(self):
        return get_object_or_404(self.model, slug=self.kwargs["slug"])

    def as_of_form(self, request):
        form = AsOfForm(request.GET)
        form.fields["as_of"].label = self.as_of_label
        return form

    def get(self, request, *args, **kwargs):
        form = self.as_of_form(request)
        valid = form.is_valid()
        try:
            context = self.get_context_data(
                form=form, as_of=form.cleaned_data.get("as_of") if valid else None
            )
        except Http404:
            moved = self.url_name and redirect_if_merged(
                self.model,
                kwargs.get("slug"),
                lambda kept: reverse(self.url_name, args=[kept.slug]),
            )
            if not moved:
                raise
            return moved
        return self.render_to_response(context, status=200 if valid else 400)


def known_quotes(person, day):
    """A person's quotes, from stories out by the end of ``day`` when there is one."""
    quotes = person.quotes.select_related("article").order_by("-article__published_at", "paragraph")
    if day is None:
        return quotes
    return quotes.filter(appeared_before_condition(end_of_day(day), "article__"))


class PersonDossierView(DossierView):
    template_name = "archive/person.html"
    model = Person
    url_name = "archive:person"

    def get_context_data(self, form=None, as_of=None, **kwargs):
        person = self.get_object()
        candidacies = list(
            Candidacy.objects.filter(person=person)
            .select_related("race__election", "source_article")
            .order_by("-race__election__date")
        )
        # The latest line reported by then for each candidacy, from one query.
        lines = ResultLine.objects.filter(candidacy__in=candidacies)
        if as_of is not None:
            lines = lines.filter(snapshot__in=ResultSnapshot.objects.known_by(as_of))
        latest_line = {}
        for line in lines.select_related("snapshot").order_by("snapshot__as_of"):
            latest_line[line.candidacy_id] = line
        for candidacy in candidacies:
            candidacy.latest_line = latest_line.get(candidacy.pk)
            snapshot = candidacy.latest_line.snapshot if candidacy.latest_line else None
            candidacy.known_outcome = (
                candidacy.get_outcome_display()
                if as_of is None
                or (snapshot and snapshot.is_final)
                or candidacy.race.outcome_known_by(as_of)
                else ""
            )
        endorsements = Endorsement.objects.for_display().order_by("announced_on")
        markers = [Marker(c.race.election.date, c.race.name) for c in candidacies]
        return super().get_context_data(
            person=person,
            form=form,
            as_of=as_of,
            other_names=person.other_names.all(),
            terms=known(Term.objects.filter(person=person), as_of)
            .select_related("office", "source_article")
            .order_by("start"),
            candidacies=candidacies,
            received=known(endorsements.filter(candidacy__person=person), as_of),
            given=known(endorsements.filter(endorser_person=person), as_of),
            quotes=known_quotes(person, as_of),
            affiliations=known(Affiliation.objects.filter(person=person), as_of).select_related(
                "organization", "source_article"
            ),
            parties=known(PartyMembership.objects.filter(person=person), as_of).select_related(
                "party", "source_article"
            ),
            **coverage(person, markers, title=f"Stories mentioning {person.name}", until=as_of),
            **kwargs,
        )


class RaceDossierView(DossierView):
    template_name = "archive/race.html"
    model = Race
    as_of_label = "Show the race as it stood on"

    def get_object(self):
        return get_object_or_404(
            Race.objects.select_related("election", "office"), slug=self.kwargs["slug"]
        )

    def get_context_data(self, form=None, as_of=None, **kwargs):
        race = self.get_object()
        day = RaceOnDay(race, as_of)
        return super().get_context_data(
            race=race,
            day=day,
            form=form,
            as_of=as_of,
            poll_svg=poll_trend_svg(day.polls),
            **coverage(
                race,
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

    def get_context_data(self, form=None, as_of=None, **kwargs):
        org = get_object_or_404(
            Organization.objects.select_related("parent"), slug=self.kwargs["slug"]
        )
        return super().get_context_data(
            organization=org,
            form=form,
            as_of=as_of,
            other_names=org.other_names.all(),
            children=org.children.all(),
            endorsements=known(Endorsement.objects.filter(endorser_organization=org), as_of)
            .for_display()
            .order_by("announced_on"),
            contributions=known(
                Contribution.objects.filter(contributor_organization=org), as_of
            ).select_related(
                "recipient_candidacy__person",
                "recipient_candidacy__race",
                "recipient_committee",
                "source_article",
            ),
            affiliations=known(Affiliation.objects.filter(organization=org), as_of).select_related(
                "person", "source_article"
            ),
            polls=known(Poll.objects.filter(pollster=org), as_of)
            .select_related("race", "source_article")
            .order_by("released_on"),
            offices=org.offices.all(),
            **coverage(
                org,
                title=f"Stories mentioning {org.name}",
                until=as_of,
            ),
            **kwargs,
        )


class OfficeDossierView(DossierView):
    """Every holder, and for a chosen day the holder then (start counted, end day not)."""

    template_name = "archive/office.html"
    model = Office
    as_of_label = "Who held the office on"

    def get_context_data(self, form=None, as_of=None, **kwargs):
        office = get_object_or_404(
            Office.objects.select_related("organization"), slug=self.kwargs["slug"]
        )
        races = (
            office.races.select_related("election")
            .annotate(candidates=Count("candidacies"))
            .order_by("-election__date")
        )
        terms = office.terms.select_related("person", "source_article").order_by("start")
        return super().get_context_data(
            office=office,
            form=form,
            as_of=as_of,
            terms=known(terms, as_of),
            holders=list(terms.held_on(as_of)) if as_of else None,
            races=races if as_of is None else races.filter(election__date__lte=as_of),
            **kwargs,
        )

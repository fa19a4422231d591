"""Public topic pages: a person's or a race's published coverage and public facts.

A topic page exists only once the topic appears in a published story, so a name that is
so far only in a draft never surfaces on the public site; each fact on it is one that
``articles.facts.public`` lets readers see, shown with its source.
"""

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from articles.coverage import (
    Coverage,
    ids_with_public_coverage,
    newest_public_stories,
    public_topic_or_404,
)
from articles.facts import public
from articles.models import Quote
from core.charts import Marker, poll_trend_svg, results_over_time_svg
from core.http import public_cache
from core.structured_data import json_ld
from people.models import (
    Candidacy,
    Contribution,
    Endorsement,
    FundraisingTotal,
    Margin,
    Organization,
    Person,
    Poll,
    PollResult,
    Race,
    ResultLine,
    ResultSnapshot,
    Term,
)

from .moved import redirect_if_merged_publicly

COVERAGE_PAGE_SIZE = 10
# A race page shows each candidate's first endorsements; the rest wait behind a <details>.
ENDORSEMENTS_SHOWN = 5


@require_safe
@public_cache
def person_topic(request, slug):
    try:
        person = public_topic_or_404(Person.objects.all(), slug)
    except Http404:
        if moved := redirect_if_merged_publicly(Person, slug, "public:person"):
            return moved
        raise
    coverage = Coverage(person, public=True)
    page = newest_public_stories(request, person, COVERAGE_PAGE_SIZE, coverage)
    terms = (
        public(Term.objects.filter(person=person))
        .select_related("office", "source_article")
        .order_by("start")
    )
    candidacies = (
        public(Candidacy.objects.filter(person=person))
        .select_related("race__election", "source_article")
        .order_by("-race__election__date")
    )
    received = public(Endorsement.objects.filter(candidacy__person=person)).for_display()
    given = public(Endorsement.objects.filter(endorser_person=person)).for_display()
    quotes = (
        public(Quote.objects.filter(speaker=person))
        .select_related("article")
        .order_by("-article__published_at", "paragraph")
    )
    received, given, candidacies = list(received), list(given), list(candidacies)
    linked = ids_with_public_coverage(
        [e.endorser_person for e in received] + [e.candidacy.person for e in given]
    )
    url = request.build_absolute_uri(person.get_absolute_url())
    data = {"@context": "https://schema.org", "@type": "Person", "name": person.name, "url": url}
    if person.description:
        data["description"] = person.description
    return render(
        request,
        "public/person.html",
        {
            "person": person,
            "page": page,
            "terms": terms,
            "candidacies": candidacies,
            "endorsements_received": received,
            "endorsements_given": given,
            "quotes": quotes,
            **coverage_of(person.name, coverage, [c.race for c in candidacies]),
            "linked": linked,
            "canonical_url": url,
            "json_ld": json_ld(data),
        },
    )


def race_facts(race):
    """Everything readers may see about ``race``, loaded in a fixed number of queries."""
    candidacies = list(
        public(Candidacy.objects.filter(race=race))
        .select_related("person", "source_article")
        .order_by("-is_incumbent", "person__sort_name")
    )
    snapshots = list(
        public(ResultSnapshot.objects.filter(race=race))
        .select_related("source_article")
        .order_by("as_of")
        .prefetch_related(
            Prefetch(
                "lines", queryset=public(ResultLine.objects.select_related("candidacy__person"))
            )
        )
    )
    margins = list(
        public(Margin.objects.filter(race=race)).for_display().order_by("reported_on", "pk")
    )
    polls = list(
        public(Poll.objects.filter(race=race))
        .select_related("pollster", "leader__person", "source_article")
        .prefetch_related(
            Prefetch("sponsors", queryset=public(Organization.objects.all())),
            Prefetch(
                "results", queryset=public(PollResult.objects.select_related("candidacy__person"))
            ),
        )
        .order_by("released_on")
    )
    endorsements = list(
        public(Endorsement.objects.filter(candidacy__race=race))
        .for_display()
        .order_by("announced_on")
    )
    totals = (
        public(FundraisingTotal.objects.filter(race=race))
        .select_related("candidacy__person", "source_article")
        .order_by("as_of")
    )
    contributions = (
        public(Contribution.objects.filter(recipient_candidacy__race=race))
        .select_related(
            "contributor_person",
            "contributor_organization",
            "recipient_candidacy__person",
            "recipient_committee",
            "source_article",
        )
        .order_by("-amount")
    )
    return {
        "candidacies": candidacies,
        "snapshots": snapshots,
        "margins": margins,
        "polls": polls,
        "endorsements": endorsements,
        "totals": totals,
        "contributions": contributions,
    }


def by_candidate(candidacies, endorsements):
    """[(candidacy, its endorsements oldest first)] for every candidate, endorsed or not."""
    grouped = {c.pk: [] for c in candidacies}
    for endorsement in endorsements:
        grouped.setdefault(endorsement.candidacy_id, []).append(endorsement)
    return [(c, grouped[c.pk]) for c in candidacies]


def featured_count(snapshots):
    """(the count shown first: the certified one, else the latest; every other count, in the
    order reported). The chart above them has every count."""
    if not snapshots:
        return None, []
    certified = [s for s in snapshots if s.status == ResultSnapshot.Status.CERTIFIED]
    featured = (certified or snapshots)[-1]
    return featured, [s for s in snapshots if s is not featured]


def race_json_ld(request, race):
    return json_ld(
        {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": race.name,
            "startDate": race.election.date.isoformat(),
            "eventStatus": "https://schema.org/EventScheduled",
            "location": {"@type": "Place", "name": race.office.jurisdiction},
            "url": request.build_absolute_uri(race.get_absolute_url()),
            **({"description": race.summary} if race.summary else {}),
        }
    )


def coverage_of(name, coverage, races):
    """The coverage chart of a person or race, from the coverage tallies, with the election
    day of each of ``races`` marked."""
    chart = coverage.chart([Marker(race.election.date, race.name) for race in races])
    return {"chart": chart, "chart_svg": chart.svg(title=f"Coverage of {name}")}


@require_safe
@public_cache
def race_topic(request, slug):
    race = public_topic_or_404(Race.objects.select_related("election", "office"), slug)
    coverage = Coverage(race, public=True)
    page = newest_public_stories(request, race, COVERAGE_PAGE_SIZE, coverage)
    facts = race_facts(race)
    linked = ids_with_public_coverage(
        [c.person for c in facts["candidacies"]]
        + [e.endorser_person for e in facts["endorsements"]]
    )
    featured, others = featured_count(facts["snapshots"])
    return render(
        request,
        "public/race.html",
        {
            "race": race,
            "page": page,
            **facts,
            "featured_count": featured,
            "other_counts": others,
            "endorsements_shown": f":{ENDORSEMENTS_SHOWN}",
            "endorsements_shown_count": ENDORSEMENTS_SHOWN,
            "endorsements_rest": f"{ENDORSEMENTS_SHOWN}:",
            "endorsements_by_candidate": by_candidate(facts["candidacies"], facts["endorsements"]),
            "results_svg": results_over_time_svg(facts["snapshots"]),
            "poll_svg": poll_trend_svg(facts["polls"]),
            **coverage_of(race.name, coverage, [race]),
            "linked": linked,
            "canonical_url": request.build_absolute_uri(race.get_absolute_url()),
            "json_ld": race_json_ld(request, race),
        },
    )

"""Public topic pages: a person's or a race's published coverage and publicly sourced facts.

A topic page exists only once the topic appears in a published story, so a name that is
so far only in a draft never surfaces on the public site.
"""

from django.db.models import Prefetch
from django.shortcuts import render
from django.views.decorators.http import require_safe

from articles.coverage import ids_with_public_coverage, public_topic_or_404
from articles.facts import public
from articles.models import Article, Quote
from core.http import paginate, public_cache
from people.models import (
    Candidacy,
    Contribution,
    Endorsement,
    FundraisingTotal,
    Organization,
    Person,
    Poll,
    PollResult,
    Race,
    ResultLine,
    ResultSnapshot,
    Term,
)

COVERAGE_PAGE_SIZE = 10


@require_safe
@public_cache
def person_topic(request, slug):
    person = public_topic_or_404(Person.objects.all(), slug)
    coverage = Article.objects.published().mentioning(person=person).for_archive_list()
    page = paginate(request, coverage, COVERAGE_PAGE_SIZE)
    terms = public(Term.objects.all()).filter(person=person).select_related("office")
    candidacies = (
        public(Candidacy.objects.filter(person=person))
        .select_related("race__election")
        .order_by("-race__election__date")
    )
    received = public(Endorsement.objects.filter(candidacy__person=person)).for_display()
    given = public(Endorsement.objects.filter(endorser_person=person)).for_display()
    quotes = (
        public(Quote.objects.filter(speaker=person))
        .select_related("article")
        .order_by("-article__published_at", "paragraph")
    )
    received, given = list(received), list(given)
    linked = ids_with_public_coverage(
        [e.endorser_person for e in received] + [e.candidacy.person for e in given]
    )
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
            "linked": linked,
        },
    )


@require_safe
@public_cache
def race_topic(request, slug):
    race = public_topic_or_404(Race.objects.select_related("election", "office"), slug)
    coverage = Article.objects.published().mentioning(race=race).for_archive_list()
    page = paginate(request, coverage, COVERAGE_PAGE_SIZE)
    candidacies = list(public(Candidacy.objects.filter(race=race)).select_related("person"))
    snapshots = (
        public(ResultSnapshot.objects.filter(race=race))
        .order_by("as_of")
        .prefetch_related(
            Prefetch(
                "lines", queryset=public(ResultLine.objects.select_related("candidacy__person"))
            )
        )
    )
    polls = (
        public(Poll.objects.filter(race=race))
        .select_related("pollster", "leader__person")
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
    linked = ids_with_public_coverage(
        [c.person for c in candidacies] + [e.endorser_person for e in endorsements]
    )
    return render(
        request,
        "public/race.html",
        {
            "race": race,
            "page": page,
            "candidacies": candidacies,
            "snapshots": snapshots,
            "polls": polls,
            "endorsements": endorsements,
            "totals": totals,
            "contributions": contributions,
            "linked": linked,
        },
    )

"""Public topic pages: a person's or a race's published coverage and publicly sourced facts.

A topic page exists only once the topic appears in a published story, so a name that is
so far only in a draft never surfaces on the public site.
"""

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from articles.coverage import (
    ids_with_public_coverage,
    public_topic_or_404,
    with_public_coverage,
)
from articles.models import Article, Quote
from core.http import paginate, public_cache
from people.merging import redirect_if_merged
from people.models import (
    Candidacy,
    Endorsement,
    Person,
    Poll,
    Race,
    ResultLine,
    ResultSnapshot,
    Term,
)

COVERAGE_PAGE_SIZE = 10


@require_safe
@public_cache
def person_topic(request, slug):
    try:
        person = public_topic_or_404(Person.objects.all(), slug)
    except Http404:
        # A duplicate merged into another record: its old address leads to the record kept,
        # provided readers may see that one.
        moved = redirect_if_merged(
            Person, slug, Person.get_absolute_url, with_public_coverage(Person.objects.all())
        )
        if moved is None:
            raise
        return moved
    coverage = Article.objects.published().mentioning(person=person).for_archive_list()
    page = paginate(request, coverage, COVERAGE_PAGE_SIZE)
    terms = Term.objects.publicly_sourced().filter(person=person).select_related("office")
    candidacies = (
        Candidacy.objects.publicly_sourced()
        .filter(person=person)
        .select_related("race__election")
        .order_by("-race__election__date")
    )
    received = Endorsement.objects.publicly_sourced().filter(candidacy__person=person).for_display()
    given = Endorsement.objects.publicly_sourced().filter(endorser_person=person).for_display()
    quotes = (
        Quote.objects.filter(speaker=person, article__in=Article.objects.published())
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
    candidacies = list(
        Candidacy.objects.publicly_sourced().filter(race=race).select_related("person")
    )
    snapshots = (
        ResultSnapshot.objects.publicly_sourced()
        .filter(race=race)
        .order_by("as_of")
        .prefetch_related(
            Prefetch("lines", queryset=ResultLine.objects.select_related("candidacy__person"))
        )
    )
    polls = (
        Poll.objects.publicly_sourced()
        .filter(race=race)
        .select_related("pollster", "leader__person")
        .prefetch_related("sponsors", "results__candidacy__person")
        .order_by("released_on")
    )
    endorsements = list(
        Endorsement.objects.publicly_sourced()
        .filter(candidacy__race=race)
        .for_display()
        .order_by("announced_on")
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
            "linked": linked,
        },
    )

"""Public topic pages: a person's or a race's published coverage and publicly sourced facts.

A topic page exists only once the topic appears in a published story, so a name that is
so far only in a draft never surfaces on the public site.
"""

from django.apps import apps
from django.db.models import Exists, OuterRef, Prefetch, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from newsroom.http import paginate, public_cache
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


def published_articles():
    return apps.get_model("articles", "Article").objects.published()


def with_public_pages(people):
    """The ids among ``people`` who have a public topic page (published coverage)."""
    # A LIMIT 1 subquery per person stops at their first published mention, however often
    # they are in the news (an EXISTS lets the planner hash all their mentions first).
    first_published_mention = (
        apps.get_model("articles", "Mention")
        .objects.filter(
            Exists(published_articles().filter(pk=OuterRef("article_id"))),
            person=OuterRef("pk"),
        )
        .order_by()  # any mention will do: no ordering to satisfy
        .values("pk")[:1]
    )
    return set(
        Person.objects.filter(pk__in=[p.pk for p in people if p])
        .annotate(first_published_mention=Subquery(first_published_mention))
        .filter(first_published_mention__isnull=False)
        .values_list("pk", flat=True)
    )


@require_safe
@public_cache
def person_topic(request, slug):
    person = get_object_or_404(Person, slug=slug)
    coverage = published_articles().mentioning(person=person).for_archive_list()
    page = paginate(request, coverage, COVERAGE_PAGE_SIZE)
    if not page.paginator.count:
        raise Http404("No published coverage of this person.")
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
        apps.get_model("articles", "Quote")
        .objects.filter(speaker=person, article__in=published_articles())
        .select_related("article")
        .order_by("-article__published_at", "paragraph")
    )
    received, given = list(received), list(given)
    linked = with_public_pages(
        [e.endorser_person for e in received] + [e.candidacy.person for e in given]
    )
    return render(
        request,
        "people/person_topic.html",
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
    race = get_object_or_404(Race.objects.select_related("election", "office"), slug=slug)
    coverage = published_articles().mentioning(race=race).for_archive_list()
    page = paginate(request, coverage, COVERAGE_PAGE_SIZE)
    if not page.paginator.count:
        raise Http404("No published coverage of this race.")
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
    linked = with_public_pages(
        [c.person for c in candidacies] + [e.endorser_person for e in endorsements]
    )
    return render(
        request,
        "people/race_topic.html",
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

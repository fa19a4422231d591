"""Public pages for organizations and offices: who they are, what the record says, the
coverage; each shown only once something about it is public (``articles.facts.public``)."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from articles.coverage import (
    ids_with_public_coverage,
    newest_public_stories,
    public_topic_or_404,
)
from articles.facts import public
from core.http import public_cache
from core.structured_data import json_ld
from people.models import (
    Affiliation,
    Contribution,
    Endorsement,
    Office,
    Organization,
    Poll,
    Race,
    Term,
)

from .moved import redirect_if_merged_publicly

COVERAGE_PAGE_SIZE = 10


@require_safe
@public_cache
def organization_topic(request, slug):
    try:
        organization = public_topic_or_404(Organization.objects.select_related("parent"), slug)
    except Http404:
        if moved := redirect_if_merged_publicly(Organization, slug, "public:organization"):
            return moved
        raise
    page = newest_public_stories(request, organization, COVERAGE_PAGE_SIZE)
    endorsements = list(
        public(Endorsement.objects.filter(endorser_organization=organization))
        .for_display()
        .order_by("announced_on")
    )
    affiliations = list(
        public(Affiliation.objects.filter(organization=organization))
        .select_related("person", "source_article")
        .order_by("start", "person__sort_name")
    )
    polls = (
        public(Poll.objects.filter(pollster=organization))
        .select_related("race", "source_article")
        .order_by("released_on")
    )
    contributions = (
        public(Contribution.objects.filter(contributor_organization=organization))
        .select_related("recipient_candidacy__person", "recipient_committee", "source_article")
        .order_by("-amount")
    )
    offices = public(Office.objects.filter(organization=organization))
    parent_is_public = bool(organization.parent and ids_with_public_coverage([organization.parent]))
    url = request.build_absolute_uri(request.path)
    kind = "GovernmentOrganization" if organization.kind == "government" else "Organization"
    data = {"@context": "https://schema.org", "@type": kind, "name": organization.name, "url": url}
    if organization.description:
        data["description"] = organization.description
    return render(
        request,
        "public/organization.html",
        {
            "organization": organization,
            "parent_is_public": parent_is_public,
            "page": page,
            "endorsements": endorsements,
            "affiliations": affiliations,
            "polls": polls,
            "contributions": contributions,
            "offices": offices,
            "linked": ids_with_public_coverage(
                [e.candidacy.person for e in endorsements] + [a.person for a in affiliations]
            ),
            "canonical_url": url,
            "json_ld": json_ld(data),
        },
    )


@require_safe
@public_cache
def office_topic(request, slug):
    office = get_object_or_404(public(Office.objects.select_related("organization")), slug=slug)
    terms = list(
        public(Term.objects.filter(office=office))
        .select_related("person", "source_article")
        .order_by("start")
    )
    races = public(Race.objects.filter(office=office)).select_related("election")
    url = request.build_absolute_uri(request.path)
    organization_is_public = bool(
        office.organization and ids_with_public_coverage([office.organization])
    )
    return render(
        request,
        "public/office.html",
        {
            "office": office,
            "terms": terms,
            "races": races.order_by("-election__date"),
            "organization_is_public": organization_is_public,
            "linked": ids_with_public_coverage([t.person for t in terms]),
            "canonical_url": url,
        },
    )

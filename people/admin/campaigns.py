"""Endorsements, polls and money."""

from django.contrib import admin

from core.admin_tools import ArchiveTabularInline
from people.admin.base import RaceCandidaciesInlineMixin, SourcedFactAdmin
from people.models import (
    Contribution,
    Endorsement,
    FundraisingTotal,
    Poll,
    PollResult,
)

# Endorsements, polls, money -------------------------------------------------------------------


@admin.register(Endorsement)
class EndorsementAdmin(SourcedFactAdmin):
    list_display = ["endorser", "candidacy", "announced_on", "announced_precision", "withdrawn_on"]
    list_filter = ["announced_precision", "candidacy__race"]
    list_select_related = [
        "endorser_person",
        "endorser_organization",
        "candidacy__person",
        "candidacy__race",
    ]
    search_fields = [
        "endorser_person__name",
        "endorser_organization__name",
        "candidacy__person__name",
    ]
    date_hierarchy = "announced_on"
    autocomplete_fields = [
        "endorser_person",
        "endorser_organization",
        "candidacy",
        "source_article",
    ]
    fieldsets = [
        (
            "Who endorsed whom",
            {
                "fields": [
                    "endorser_person",
                    "endorser_organization",
                    "endorser_detail",
                    "candidacy",
                ],
                "description": "Fill in one endorser. A switch of sides is two records: withdraw the old "
                "endorsement, then add the new one.",
            },
        ),
        (
            "When",
            {
                "fields": [
                    "announced_on",
                    "withdrawn_on",
                    "note",
                ]
            },
        ),
    ]


class PollResultInline(RaceCandidaciesInlineMixin, ArchiveTabularInline):
    model = PollResult
    extra = 3
    fields = ["candidacy", "choice", "percent"]


@admin.register(Poll)
class PollAdmin(SourcedFactAdmin):
    list_display = ["pollster", "race", "released_on", "sample_size", "margin_of_error"]
    list_filter = ["race", "population"]
    list_select_related = ["pollster", "race"]
    search_fields = ["pollster__name", "race__name", "note"]
    date_hierarchy = "released_on"
    autocomplete_fields = ["race", "pollster", "sponsors", "leader", "source_article"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "race",
                    "pollster",
                    "sponsors",
                    "released_on",
                    ("fieldwork_start", "fieldwork_end"),
                ]
            },
        ),
        ("Method", {"fields": ["sample_size", "population", "margin_of_error"]}),
        (
            "Reported margin only",
            {
                "fields": ["leader", "lead", "note"],
                "description": "Use when the source gives who led and by how much rather than each share.",
            },
        ),
    ]
    inlines = [PollResultInline]


@admin.register(FundraisingTotal)
class FundraisingTotalAdmin(SourcedFactAdmin):
    list_display = ["race", "candidacy", "as_of", "qualifier", "amount"]
    list_filter = ["race"]
    list_select_related = ["race", "candidacy__person"]
    search_fields = ["race__name", "candidacy__person__name"]
    date_hierarchy = "as_of"
    autocomplete_fields = ["race", "candidacy", "source_article"]
    fieldsets = [
        (None, {"fields": ["race", "candidacy", "as_of", "qualifier", "amount", "note"]}),
    ]


@admin.register(Contribution)
class ContributionAdmin(SourcedFactAdmin):
    list_display = ["__str__", "kind", "qualifier", "amount", "period_start", "period_end"]
    list_filter = ["kind"]
    list_select_related = [
        "contributor_person",
        "contributor_organization",
        "recipient_candidacy__person",
        "recipient_committee",
    ]
    search_fields = [
        "contributor_person__name",
        "contributor_organization__name",
        "recipient_candidacy__person__name",
    ]
    autocomplete_fields = [
        "contributor_person",
        "contributor_organization",
        "recipient_candidacy",
        "recipient_committee",
        "source_article",
    ]
    fieldsets = [
        ("Who gave", {"fields": ["contributor_person", "contributor_organization"]}),
        ("To whom", {"fields": ["recipient_candidacy", "recipient_committee", "kind"]}),
        (
            "How much, when",
            {"fields": ["qualifier", "amount", ("period_start", "period_end"), "note"]},
        ),
    ]

"""Data entry for the civic graph: people, organizations, offices, races and the facts about them."""

from django.contrib import admin

from core.admin_deletions import CoverageProtectedMixin
from core.admin_tools import ArchiveAdmin, ArchiveTabularInline, VersionedAdmin
from people.merging import MergeAdminMixin
from people.names import matching_names

from .models import (
    Affiliation,
    Candidacy,
    Contribution,
    Election,
    Endorsement,
    FundraisingTotal,
    Office,
    Organization,
    OrganizationName,
    PartyMembership,
    Person,
    PersonName,
    Poll,
    PollResult,
    Race,
    ResultLine,
    ResultSnapshot,
    Term,
)

SOURCE_FIELDSET = (
    "Source",
    {
        "fields": ["source_article", "source_note"],
        "description": "Where this fact was reported. Facts from unpublished stories stay off the public site.",
    },
)


class NameSearchMixin:
    """Admin search and autocomplete by name through the project's name look-up: accents and
    case ignored, other names included, small typos forgiven ("Hochmann"), closest first."""

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        return matching_names(queryset, search_term), False


# People ---------------------------------------------------------------------------------------


class PersonNameInline(ArchiveTabularInline):
    model = PersonName
    extra = 1
    fields = ["name", "kind", "note"]


class TermInline(ArchiveTabularInline):
    model = Term
    extra = 0
    fk_name = "person"
    autocomplete_fields = ["office", "source_article"]
    fields = ["office", "start", "start_precision", "end", "end_precision", "how", "source_article"]


class AffiliationInline(ArchiveTabularInline):
    model = Affiliation
    extra = 0
    autocomplete_fields = ["organization", "source_article"]
    fields = [
        "organization",
        "title",
        "start",
        "start_precision",
        "end",
        "end_precision",
        "source_article",
    ]


class PartyMembershipInline(ArchiveTabularInline):
    model = PartyMembership
    extra = 0
    autocomplete_fields = ["party", "source_article"]
    fields = ["party", "start", "start_precision", "end", "end_precision", "note", "source_article"]


@admin.register(Person)
class PersonAdmin(MergeAdminMixin, CoverageProtectedMixin, NameSearchMixin, ArchiveAdmin):
    list_display = ["name", "description", "updated"]
    search_fields = ["name", "sort_name", "other_names__name"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created", "updated"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "sort_name", "description", "bio"]}),
        ("Record", {"fields": ["created", "updated"], "classes": ["collapse"]}),
    ]
    inlines = [PersonNameInline, TermInline, AffiliationInline, PartyMembershipInline]


# Organizations and offices --------------------------------------------------------------------


class OrganizationNameInline(ArchiveTabularInline):
    model = OrganizationName
    extra = 1


@admin.register(Organization)
class OrganizationAdmin(MergeAdminMixin, CoverageProtectedMixin, NameSearchMixin, ArchiveAdmin):
    list_display = ["name", "kind", "parent"]
    list_filter = ["kind"]
    list_select_related = ["parent"]
    search_fields = ["name", "other_names__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    fields = ["name", "slug", "kind", "parent", "description"]
    inlines = [OrganizationNameInline]


@admin.register(Office)
class OfficeAdmin(ArchiveAdmin):
    list_display = ["name", "jurisdiction", "organization"]
    list_select_related = ["organization"]
    search_fields = ["name", "jurisdiction"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["organization"]


@admin.register(Term)
class TermAdmin(ArchiveAdmin):
    list_display = ["person", "office", "start", "end", "how"]
    list_filter = ["office", "how"]
    list_select_related = ["person", "office"]
    search_fields = ["person__name", "office__name"]
    date_hierarchy = "start"
    autocomplete_fields = ["person", "office", "source_article"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "person",
                    "office",
                    "how",
                    ("start", "start_precision"),
                    ("end", "end_precision"),
                ]
            },
        ),
        SOURCE_FIELDSET,
    ]


@admin.register(Affiliation)
class AffiliationAdmin(ArchiveAdmin):
    list_display = ["person", "title", "organization", "start", "end"]
    list_select_related = ["person", "organization"]
    search_fields = ["person__name", "organization__name", "title"]
    autocomplete_fields = ["person", "organization", "source_article"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "person",
                    "organization",
                    "title",
                    ("start", "start_precision"),
                    ("end", "end_precision"),
                ]
            },
        ),
        SOURCE_FIELDSET,
    ]


# Elections, races, results --------------------------------------------------------------------


@admin.register(Election)
class ElectionAdmin(ArchiveAdmin):
    list_display = ["name", "date", "kind", "jurisdiction"]
    list_filter = ["kind"]
    search_fields = ["name", "jurisdiction"]
    date_hierarchy = "date"
    prepopulated_fields = {"slug": ["name"]}


class CandidacyInline(ArchiveTabularInline):
    model = Candidacy
    extra = 0
    autocomplete_fields = ["person", "party", "source_article"]
    fields = [
        "person",
        "is_incumbent",
        "ballot_designation",
        "party",
        "status",
        "outcome",
        "source_article",
    ]


class ResultSnapshotInline(ArchiveTabularInline):
    model = ResultSnapshot
    extra = 0
    show_change_link = True
    fields = ["as_of", "status", "precincts_reporting", "source_article", "source_note"]
    autocomplete_fields = ["source_article"]
    verbose_name_plural = "Counts (open one to enter its lines)"


@admin.register(Race)
class RaceAdmin(VersionedAdmin):
    list_display = ["name", "election", "office"]
    list_filter = ["election__kind", "office"]
    list_select_related = ["election", "office"]
    search_fields = ["name", "office__name", "election__name"]
    date_hierarchy = "election__date"
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["election", "office"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "election", "office", "is_nonpartisan", "summary"]}),
        ("Record", {"fields": ["version", "created", "updated"], "classes": ["collapse"]}),
    ]
    inlines = [CandidacyInline, ResultSnapshotInline]


@admin.register(Candidacy)
class CandidacyAdmin(ArchiveAdmin):
    list_display = ["person", "race", "is_incumbent", "status", "outcome"]
    list_filter = ["outcome", "status", "race__election__kind"]
    list_select_related = ["person", "race"]
    search_fields = ["person__name", "person__other_names__name", "race__name"]
    autocomplete_fields = ["race", "person", "party", "source_article"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "race",
                    "person",
                    "is_incumbent",
                    "ballot_designation",
                    "party",
                    "status",
                    "outcome",
                    "note",
                ]
            },
        ),
        SOURCE_FIELDSET,
    ]


class ResultLineInline(ArchiveTabularInline):
    model = ResultLine
    extra = 2
    autocomplete_fields = ["candidacy"]
    fields = ["candidacy", "votes", "percent"]


@admin.register(ResultSnapshot)
class ResultSnapshotAdmin(ArchiveAdmin):
    list_display = ["race", "as_of", "status"]
    list_filter = ["status", "race"]
    list_select_related = ["race"]
    search_fields = ["race__name", "note"]
    date_hierarchy = "as_of"
    autocomplete_fields = ["race", "source_article"]
    fieldsets = [
        (
            None,
            {
                "fields": ["race", "as_of", "status", "precincts_reporting", "note"],
                "description": "Each reported count is its own record: add a new one for a later count "
                "instead of changing an earlier one.",
            },
        ),
        SOURCE_FIELDSET,
    ]
    inlines = [ResultLineInline]


# Endorsements, polls, money -------------------------------------------------------------------


@admin.register(Endorsement)
class EndorsementAdmin(ArchiveAdmin):
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
                    ("announced_on", "announced_precision"),
                    ("withdrawn_on", "withdrawn_precision"),
                    "note",
                ]
            },
        ),
        SOURCE_FIELDSET,
    ]


class PollResultInline(ArchiveTabularInline):
    model = PollResult
    extra = 3
    autocomplete_fields = ["candidacy"]
    fields = ["candidacy", "choice", "percent"]


@admin.register(Poll)
class PollAdmin(ArchiveAdmin):
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
        SOURCE_FIELDSET,
    ]
    inlines = [PollResultInline]


@admin.register(FundraisingTotal)
class FundraisingTotalAdmin(ArchiveAdmin):
    list_display = ["race", "candidacy", "as_of", "qualifier", "amount"]
    list_filter = ["race"]
    list_select_related = ["race", "candidacy__person"]
    search_fields = ["race__name", "candidacy__person__name"]
    date_hierarchy = "as_of"
    autocomplete_fields = ["race", "candidacy", "source_article"]
    fieldsets = [
        (None, {"fields": ["race", "candidacy", "as_of", "qualifier", "amount", "note"]}),
        SOURCE_FIELDSET,
    ]


@admin.register(Contribution)
class ContributionAdmin(ArchiveAdmin):
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
        SOURCE_FIELDSET,
    ]

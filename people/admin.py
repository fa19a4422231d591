"""Data entry for the civic graph: people, organizations, offices, races and the facts about them."""

from django import forms
from django.contrib import admin

from core.admin_deletions import CoverageProtectedMixin
from core.admin_tools import ArchiveTabularInline, VersionedAdmin, VersionedRecordAdmin
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


class CandidacyChoiceField(forms.ModelChoiceField):
    """Candidates labelled so the race is readable: "2024 LA County DA general: Nathan Hochman"."""

    def label_from_instance(self, obj):
        return f"{obj.race.name}: {obj.person.name}"


class RaceCandidaciesInlineMixin:
    """Inline rows whose candidate must be in the parent's race: on the change form the picker
    offers only that race's candidates; on the add form, every candidate with the race's name
    first (the model's clean refuses another race's candidate either way)."""

    candidacy_fields = ("candidacy",)

    def parent_race_id(self, request):
        object_id = (
            request.resolver_match.kwargs.get("object_id") if request.resolver_match else None
        )
        if not object_id or not str(object_id).isdigit():
            return None
        return (
            self.parent_model._base_manager.filter(pk=object_id)
            .values_list("race_id", flat=True)
            .first()
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.candidacy_fields:
            choices = Candidacy.objects.select_related("race", "person").order_by(
                "-race__election__date", "race__name", "person__sort_name"
            )
            race_id = self.parent_race_id(request)
            if race_id is not None:
                choices = choices.filter(race_id=race_id)
            return CandidacyChoiceField(
                queryset=choices,
                required=not db_field.blank,
                label=db_field.verbose_name.capitalize(),
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


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
class PersonAdmin(CoverageProtectedMixin, NameSearchMixin, VersionedAdmin):
    list_display = ["name", "description", "updated"]
    search_fields = ["name", "sort_name", "other_names__name"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "sort_name", "description", "bio"]}),
        ("Record", {"fields": ["version", "created", "updated"], "classes": ["collapse"]}),
    ]
    inlines = [PersonNameInline, TermInline, AffiliationInline, PartyMembershipInline]


# Organizations and offices --------------------------------------------------------------------


class OrganizationNameInline(ArchiveTabularInline):
    model = OrganizationName
    extra = 1


@admin.register(Organization)
class OrganizationAdmin(CoverageProtectedMixin, NameSearchMixin, VersionedAdmin):
    list_display = ["name", "kind", "parent"]
    list_filter = ["kind"]
    list_select_related = ["parent"]
    search_fields = ["name", "other_names__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    fields = ["name", "slug", "kind", "parent", "description"]
    inlines = [OrganizationNameInline]


@admin.register(Office)
class OfficeAdmin(VersionedRecordAdmin):
    list_display = ["name", "jurisdiction", "organization"]
    list_select_related = ["organization"]
    search_fields = ["name", "jurisdiction"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["organization"]


@admin.register(Term)
class TermAdmin(VersionedRecordAdmin):
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
class AffiliationAdmin(VersionedRecordAdmin):
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
class ElectionAdmin(VersionedRecordAdmin):
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
class CandidacyAdmin(VersionedRecordAdmin):
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


class ResultLineInline(RaceCandidaciesInlineMixin, ArchiveTabularInline):
    model = ResultLine
    extra = 2
    fields = ["candidacy", "votes", "percent"]


@admin.register(ResultSnapshot)
class ResultSnapshotAdmin(VersionedRecordAdmin):
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
class EndorsementAdmin(VersionedRecordAdmin):
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


class PollResultInline(RaceCandidaciesInlineMixin, ArchiveTabularInline):
    model = PollResult
    extra = 3
    fields = ["candidacy", "choice", "percent"]


@admin.register(Poll)
class PollAdmin(VersionedRecordAdmin):
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
class FundraisingTotalAdmin(VersionedRecordAdmin):
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
class ContributionAdmin(VersionedRecordAdmin):
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

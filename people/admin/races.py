"""Elections, races, candidacies and counts."""

from django.contrib import admin

from core.admin_tools import ArchiveTabularInline, VersionedAdmin, VersionedRecordAdmin
from core.dates import describe_moment
from people.admin.base import (
    PreciseDatesAdminMixin,
    RaceCandidaciesInlineMixin,
    SourcedFactAdmin,
)
from people.models import (
    Candidacy,
    Election,
    Margin,
    Race,
    ResultLine,
    ResultSnapshot,
)

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


class ResultSnapshotInline(PreciseDatesAdminMixin, ArchiveTabularInline):
    model = ResultSnapshot
    extra = 0
    show_change_link = True
    fields = [
        "as_of",
        "as_of_precision",
        "status",
        "precincts_reporting",
        "source_article",
        "source_note",
    ]
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
class CandidacyAdmin(SourcedFactAdmin):
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
    ]


class ResultLineInline(RaceCandidaciesInlineMixin, ArchiveTabularInline):
    model = ResultLine
    extra = 2
    fields = ["candidacy", "votes", "percent"]


@admin.register(ResultSnapshot)
class ResultSnapshotAdmin(SourcedFactAdmin):
    list_display = ["race", "reported", "status"]
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
    ]
    inlines = [ResultLineInline]

    @admin.display(description="reported", ordering="as_of")
    def reported(self, obj):
        return describe_moment(obj.as_of, obj.as_of_precision, "F j, Y, g:i a")


@admin.register(Margin)
class MarginAdmin(SourcedFactAdmin):
    list_display = ["race", "leader", "trailer", "shown_value", "reported_on"]
    list_filter = ["reported_precision", "race"]
    list_select_related = ["race", "leader__person", "trailer__person"]
    search_fields = ["race__name", "leader__person__name", "trailer__person__name", "note"]
    date_hierarchy = "reported_on"
    autocomplete_fields = ["race", "leader", "trailer", "source_article"]
    fieldsets = [
        (
            None,
            {
                "fields": ["race", "leader", "trailer", "votes", "points", "reported_on", "note"],
                "description": "A lead in the count as the source reports it. Fill in the votes "
                "or the points, and the one behind only if the source names them. A poll's "
                "lead belongs on the poll.",
            },
        ),
    ]

    @admin.display(description="margin", ordering="votes")
    def shown_value(self, obj):
        return obj.value_text

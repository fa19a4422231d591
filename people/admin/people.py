"""People: names, terms, affiliations and party history inline."""

from django.contrib import admin

from core.admin_deletions import CoverageProtectedMixin
from core.admin_tools import ArchiveTabularInline, VersionedAdmin
from people.admin.base import NameSearchMixin, PreciseDatesAdminMixin
from people.merging import MergeAdminMixin
from people.models import (
    Affiliation,
    PartyMembership,
    Person,
    PersonName,
    Term,
)

# People ---------------------------------------------------------------------------------------


class PersonNameInline(ArchiveTabularInline):
    model = PersonName
    extra = 1
    fields = ["name", "kind", "note"]


class TermInline(PreciseDatesAdminMixin, ArchiveTabularInline):
    model = Term
    extra = 0
    fk_name = "person"
    autocomplete_fields = ["office", "source_article"]
    fields = ["office", "start", "start_precision", "end", "end_precision", "how", "source_article"]


class AffiliationInline(PreciseDatesAdminMixin, ArchiveTabularInline):
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


class PartyMembershipInline(PreciseDatesAdminMixin, ArchiveTabularInline):
    model = PartyMembership
    extra = 0
    autocomplete_fields = ["party", "source_article"]
    fields = ["party", "start", "start_precision", "end", "end_precision", "note", "source_article"]


@admin.register(Person)
class PersonAdmin(MergeAdminMixin, CoverageProtectedMixin, NameSearchMixin, VersionedAdmin):
    list_display = ["name", "description", "updated"]
    search_fields = ["name", "sort_name", "other_names__name"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "sort_name", "description", "bio"]}),
        ("Record", {"fields": ["version", "created", "updated"], "classes": ["collapse"]}),
    ]
    inlines = [PersonNameInline, TermInline, AffiliationInline, PartyMembershipInline]

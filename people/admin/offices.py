"""Organizations, offices, terms and affiliations."""

from django.contrib import admin

from core.admin_deletions import CoverageProtectedMixin
from core.admin_tools import ArchiveTabularInline, VersionedAdmin, VersionedRecordAdmin
from people.admin.base import NameSearchMixin, SourcedFactAdmin
from people.merging import MergeAdminMixin
from people.models import (
    Affiliation,
    Office,
    Organization,
    OrganizationName,
    Term,
)

# Organizations and offices --------------------------------------------------------------------


class OrganizationNameInline(ArchiveTabularInline):
    model = OrganizationName
    extra = 1


@admin.register(Organization)
class OrganizationAdmin(MergeAdminMixin, CoverageProtectedMixin, NameSearchMixin, VersionedAdmin):
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
class TermAdmin(SourcedFactAdmin):
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
                    "start",
                    "end",
                ]
            },
        ),
    ]


@admin.register(Affiliation)
class AffiliationAdmin(SourcedFactAdmin):
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
                    "start",
                    "end",
                ]
            },
        ),
    ]

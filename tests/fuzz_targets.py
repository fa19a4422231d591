"""Every public, editor and admin address with the query parameters it reads, for the fuzz test.

Built from the URL configuration, the admin registry and the filter sets, so a new page, model
or filter is fuzzed without anyone adding it here.
"""

from django.contrib import admin
from django.db import models
from django.urls import reverse

from archive.filters import EndorsementFilter, PersonFilter, RaceFilter, StoryFilter
from articles.models import Article
from people.models import Office, Organization, Person, Race

# Parameters Django's changelist itself reads (page, sort, show all, facets, popups, errors)
# and the keyword arguments a Q object would take as options if passed straight through.
CHANGELIST_PARAMS = ["q", "o", "p", "e", "all", "_facets", "_popup", "_to_field"]
CHANGELIST_PARAMS += ["_changelist_filters", "_connector", "_negated"]
FIELD_LOOKUPS = ["exact", "regex", "iregex", "in", "gte", "lt", "isnull", "contains", "year"]
UNKNOWN = ["nosuchfield", "nosuchfield__regex", "id__nosuchlookup", "pk__in"]
# Placeholders that a drawn path segment fills: an id, a history id, a slug, a date part.
SEGMENT = "{segment}"


def public_targets():
    story = Article.objects.published().first()
    hidden = Article.objects.exclude(pk__in=Article.objects.published()).first()
    person, race = Person.objects.first(), Race.objects.first()
    section = story.section.slug
    targets = [
        ("/", ["page"]),
        (story.get_absolute_url(), ["page", "preview"]),
        (hidden.get_absolute_url(), ["page"]),
        (f"/sections/{section}/", ["page"]),
        (f"/people/{person.slug}/", ["page"]),
        (f"/races/{race.slug}/", ["page"]),
        ("/search/", ["q", "sort", "page"]),
        ("/sitemap.xml", ["p"]),
        ("/sitemap-news.xml", []),
        ("/robots.txt", []),
        ("/healthz", []),
        (f"/stories/2024/{SEGMENT}/05/{story.slug}/", []),
        (f"/stories/{SEGMENT}/11/05/x/", []),
        (f"/sections/{SEGMENT}/", ["page"]),
        (f"/people/{SEGMENT}/", ["page"]),
        (f"/races/{SEGMENT}/", ["page"]),
    ]
    for name, kwargs in [
        ("feed-rss", {}),
        ("feed-atom", {}),
        ("section-feed", {"slug": section}),
        ("person-feed", {"slug": person.slug}),
        ("race-feed-atom", {"slug": race.slug}),
    ]:
        targets.append((reverse(f"public:{name}", kwargs=kwargs), []))
    return targets


def archive_targets():
    person, race = Person.objects.first(), Race.objects.first()
    organization, office = Organization.objects.first(), Office.objects.first()
    return [
        ("/archive/", [*StoryFilter.base_filters, "page", "format"]),
        ("/archive/people/", [*PersonFilter.base_filters, "page"]),
        ("/archive/races/", [*RaceFilter.base_filters, "page"]),
        ("/archive/endorsements/", [*EndorsementFilter.base_filters, "page"]),
        (f"/archive/people/{person.slug}/", ["as_of", "page"]),
        (f"/archive/races/{race.slug}/", ["as_of"]),
        (f"/archive/organizations/{organization.slug}/", ["as_of", "page"]),
        (f"/archive/offices/{office.slug}/", ["as_of"]),
        (f"/archive/races/{SEGMENT}/", ["as_of"]),
    ]


def changelist_params(model, model_admin):
    names = list(CHANGELIST_PARAMS) + UNKNOWN
    if model_admin.date_hierarchy:
        names += [f"{model_admin.date_hierarchy}__{part}" for part in ("year", "month", "day")]
    for entry in model_admin.list_filter:
        if isinstance(entry, str):
            names += [f"{entry}__exact", f"{entry}__id__exact", f"{entry}__isnull"]
    for field in model._meta.concrete_fields:
        names += [f"{field.name}__{lookup}" for lookup in FIELD_LOOKUPS]
        if isinstance(field, models.ForeignKey):
            names += [f"{field.name}__id__exact", f"{field.name}__name__regex"]
    return names


def admin_targets():
    targets = [("/admin/", []), ("/admin/login/", ["next"])]
    fields = []
    for model, model_admin in admin.site._registry.items():
        info = model._meta.app_label, model._meta.model_name
        targets.append(
            (reverse("admin:{}_{}_changelist".format(*info)), changelist_params(model, model_admin))
        )
        targets.append(
            (
                reverse("admin:{}_{}_add".format(*info)),
                ["_popup", "_to_field", "_changelist_filters"],
            )
        )
        obj = model._default_manager.order_by("pk").first()
        ids = [SEGMENT] + ([str(obj.pk)] if obj is not None else [])
        for pk in ids:
            for view in ("change", "history", "delete"):
                path = reverse(f"admin:{info[0]}_{info[1]}_{view}", args=["0"]).replace(
                    "/0/", f"/{pk}/", 1
                )
                targets.append((path, ["_changelist_filters", "_popup", "_to_field"]))
            if hasattr(model, "history"):
                targets.append((f"/admin/{info[0]}/{info[1]}/{pk}/history/{SEGMENT}/", []))
        for name in getattr(model_admin, "autocomplete_fields", []):
            fields.append((*info, name))
    targets.append(
        ("/admin/autocomplete/", ["app_label", "model_name", "field_name", "term", "page"])
    )
    return targets, fields

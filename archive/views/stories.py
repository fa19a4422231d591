"""The editors' story archive: filters, facets, a coverage chart and exports of the same set."""

import csv
import datetime as dt
import json

from django.conf import settings
from django.db.models import Count, F, Prefetch
from django.http import QueryDict, StreamingHttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.generic import TemplateView

from archive.filters import StoryFilter
from articles.models import Article, Byline, Mention
from core.access import NewsroomStaffRequiredMixin
from core.charts import Marker, coverage_chart, next_start
from core.http import paginate, without_empty_params
from core.spreadsheets import inert_cells
from people.models import Race

EXPORT_COLUMNS = [
    "id",
    "headline",
    "published_at",
    "url",
    "section",
    "bylines",
    "people",
    "organizations",
    "races",
    "status",
]
EXPORT_CHUNK = 2000
FACET_SIZE = 12
FACET_TITLES = [
    ("People", "person"),
    ("Races", "race"),
    ("Organizations", "organization"),
    ("Sections", "section"),
    ("Months", "month"),
]


def archive_queryset():
    return Article.objects.select_related("section").prefetch_related(
        Prefetch("byline_entries", queryset=Byline.objects.select_related("person"))
    )


class StoryArchiveView(NewsroomStaffRequiredMixin, TemplateView):
    template_name = "archive/stories.html"

    def get(self, request, *args, **kwargs):
        if short := without_empty_params(request):
            return redirect(short)
        self.filterset = StoryFilter(request.GET, queryset=archive_queryset(), request=request)
        valid = self.filterset.is_valid()
        self.stories = self.filterset.qs if valid else Article.objects.none()
        export = request.GET.get("format")
        if export in {"csv", "json"} and valid:
            return export_response(request, self.stories, export)
        context = self.get_context_data(valid=valid)
        return self.render_to_response(context, status=200 if valid else 400)

    def get_context_data(self, valid=True, **kwargs):
        context = super().get_context_data(**kwargs)
        page = paginate(self.request, self.stories, settings.ARCHIVE_PAGE_SIZE)
        context.update(filter=self.filterset, page=page, valid=valid, chosen=self.chosen(valid))
        context["facet_titles"] = FACET_TITLES
        if valid:
            search = self.filterset.form.cleaned_data.get("q")
            context["search_notes"] = search.notes if search else []
            matching = self.stories.order_by().values("pk")
            context["facets"] = facets(self.request.GET, matching)
            context["chart"] = chart = self.chart(matching)
            context["chart_svg"] = chart.svg(title="Stories matching these filters")
        return context

    def chosen(self, valid):
        """The people, organizations, races and bylines in the filter, each with a link to drop it."""
        data = self.filterset.form.cleaned_data if valid else {}
        chosen = {}
        for key in ("person", "organization", "race", "byline"):
            raw = [value for value in self.request.GET.getlist(key) if value.strip()]
            objects = list(data.get(key) or [])
            names = [obj.name for obj in objects] if len(objects) == len(raw) else raw
            chosen[key] = [
                {"name": name, "remove_url": toggle_url(self.request.GET, key, value)}
                for name, value in zip(names, raw, strict=True)
            ]
        return chosen

    def chart(self, matching):
        data = self.filterset.form.cleaned_data
        first, last = Article.objects.filter(pk__in=matching).span()
        first = data.get("published_after") or first
        last = data.get("published_before") or last
        races = (
            Race.objects.filter(mentions__article__in=matching)
            .select_related("election")
            .distinct()
        )
        markers = [Marker(race.election.date, race.name) for race in races]
        return coverage_chart(Article.objects.filter(pk__in=matching), first, last, markers)


def toggle_url(params, key, value):
    """The current filter with ``value`` added to or removed from ``key``; always back to page 1."""
    query = params.copy()
    query.pop("page", None)
    values = query.getlist(key)
    if value in values:
        values.remove(value)
    elif key in {"section", "published_after"}:
        values = [value]
    else:
        values.append(value)
    query.setlist(key, values)
    return "?" + query.urlencode()


def facets(params, matching):
    """Counts per person, race, organization, section and month: one grouped query each."""
    params = params.copy() if isinstance(params, QueryDict) else QueryDict(mutable=True)
    mentions = Mention.objects.filter(article__in=matching)
    result = {}
    for key, field in [("person", "person"), ("race", "race"), ("organization", "organization")]:
        rows = (
            mentions.filter(**{f"{field}__isnull": False})
            .values(key=F(f"{field}__slug"), name=F(f"{field}__name"))
            .annotate(n=Count("article", distinct=True))
            .order_by("-n", "name")[:FACET_SIZE]
        )
        active = set(params.getlist(key))
        result[key] = [
            {**row, "active": row["key"] in active, "url": toggle_url(params, key, row["key"])}
            for row in rows
        ]
    sections = (
        Article.objects.filter(pk__in=matching)
        .values(key=F("section__slug"), name=F("section__name"))
        .annotate(n=Count("id"))
        .order_by("-n", "name")
    )
    result["section"] = [
        {
            **row,
            "active": params.get("section") == row["key"],
            "url": toggle_url(params, "section", row["key"]),
        }
        for row in sections
    ]
    months = Article.objects.filter(pk__in=matching).per_month()
    result["month"] = []
    for row in months:
        if row["month"] is None:
            continue
        start = (
            timezone.localtime(row["month"]).date()
            if timezone.is_aware(row["month"])
            else row["month"].date()
        )
        end = next_start(start, "month") - dt.timedelta(days=1)
        query = params.copy()
        query.pop("page", None)
        active = (
            query.get("published_after") == start.isoformat()
            and query.get("published_before") == end.isoformat()
        )
        if active:
            query.pop("published_after"), query.pop("published_before")
        else:
            query["published_after"], query["published_before"] = start.isoformat(), end.isoformat()
        result["month"].append(
            {
                "name": start.strftime("%B %Y"),
                "n": row["stories"],
                "active": active,
                "url": "?" + query.urlencode(),
            }
        )
    return result


# Exports --------------------------------------------------------------------------------------


def export_rows(request, stories):
    """One dict per story with the stable export columns.

    Rows are read as plain values a chunk at a time, and each chunk's bylines and mentions
    come in two more queries, so memory stays flat however many stories match.
    """
    base = request.build_absolute_uri("/").rstrip("/")
    columns = ("pk", "headline", "published_at", "slug", "section__name", "status")
    chunk = []
    for values in stories.values_list(*columns).iterator(chunk_size=EXPORT_CHUNK):
        chunk.append(values)
        if len(chunk) == EXPORT_CHUNK:
            yield from export_chunk(base, chunk)
            chunk = []
    if chunk:
        yield from export_chunk(base, chunk)


def export_chunk(base, chunk):
    ids = [values[0] for values in chunk]
    bylines, people, organizations, races = ({pk: [] for pk in ids} for _ in range(4))
    for article_id, name in (
        Byline.objects.filter(article_id__in=ids)
        .order_by("position")
        .values_list("article_id", "person__name")
    ):
        bylines[article_id].append(name)
    mentions = Mention.objects.filter(article_id__in=ids).order_by("id")
    for article_id, person, organization, race in mentions.values_list(
        "article_id", "person__name", "organization__name", "race__name"
    ):
        for names, name in ((people, person), (organizations, organization), (races, race)):
            if name is not None:
                names[article_id].append(name)
    for pk, headline, published_at, slug, section, status in chunk:
        yield {
            "id": pk,
            "headline": headline,
            "published_at": published_at.isoformat() if published_at else None,
            "url": base + story_path(published_at, slug) if published_at else None,
            "section": section,
            "bylines": bylines[pk],
            "people": people[pk],
            "organizations": organizations[pk],
            "races": races[pk],
            "status": status,
        }


def story_path(published_at, slug):
    return Article(slug=slug, published_at=published_at).get_absolute_url()


class Echo:
    """A file-like object whose write() hands back what it was given, for csv.writer streaming."""

    def write(self, value):
        return value


def stream_csv(rows):
    writer = csv.writer(Echo())
    yield "\ufeff" + writer.writerow(EXPORT_COLUMNS)  # the BOM lets spreadsheet apps read UTF-8
    for row in rows:
        yield writer.writerow(
            inert_cells(
                "; ".join(value) if isinstance(value, list) else ("" if value is None else value)
                for value in row.values()
            )
        )


def stream_json(rows, count):
    yield f'{{"count": {count}, "results": ['
    for i, row in enumerate(rows):
        yield ("," if i else "") + "\n" + json.dumps(row, ensure_ascii=False)
    yield "\n]}\n"


def export_response(request, stories, kind):
    stamp = timezone.localdate().isoformat()
    rows = export_rows(request, stories)
    if kind == "csv":
        response = StreamingHttpResponse(stream_csv(rows), content_type="text/csv; charset=utf-8")
    else:
        response = StreamingHttpResponse(
            stream_json(rows, stories.count()), content_type="application/json"
        )
    response["Content-Disposition"] = f'attachment; filename="stories-{stamp}.{kind}"'
    response["Cache-Control"] = "private, no-store"
    return response

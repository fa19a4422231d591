"""The editors' story archive: filters, facets, a coverage chart and exports of the same set."""

import csv
import json

from django.conf import settings
from django.db.models import Prefetch
from django.http import StreamingHttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from archive.filters import StoryFilter
from archive.views import summary
from articles.models import Article, Byline, Mention
from core.access import NewsroomStaffRequiredMixin
from core.http import without_empty_params
from core.paging import keyset_page
from core.spreadsheets import inert_cells

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
STREAM_BLOCK = 200  # rows sent as one piece of a streamed export
FACET_TITLES = [
    ("People", "person"),
    ("Races", "race"),
    ("Organizations", "organization"),
    ("Sections", "section"),
    ("Months", "month"),
]


def archive_queryset():
    # Sections by a query of their own, not a join: joined, the planner may loop over the few
    # sections outside a selective filter and run the filter once per section.
    return Article.objects.prefetch_related(
        "section", Prefetch("byline_entries", queryset=Byline.objects.select_related("person"))
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
        data = self.filterset.form.cleaned_data if valid else {}
        page = self.page(data)
        context.update(filter=self.filterset, page=page, valid=valid, chosen=self.chosen(valid))
        context["facet_titles"] = FACET_TITLES
        if valid:
            search = data.get("q")
            context["search_notes"] = search.notes if search else []
            context["summary"] = found = summary.summarize(data, self.stories)
            page.count, page.count_is_estimate = found.count, found.count_is_estimate
            context["facets"] = summary.facets(self.request.GET, found, toggle_url)
            context["chart"] = chart = summary.chart(found)
            context["chart_svg"] = chart.svg(title="Stories matching these filters")
        return context

    def page(self, data):
        size = settings.ARCHIVE_PAGE_SIZE
        sort = data.get("sort") or "newest"
        if sort == "relevance" and data.get("q"):
            return keyset_page(self.request, self.stories, size, keyset=False)
        return keyset_page(self.request, self.stories, size, descending=sort != "oldest")

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


def toggle_url(params, key, value):
    """The current filter with ``value`` added to or removed from ``key``; always back to page 1."""
    query = params.copy()
    for position in ("page", "after", "until"):
        query.pop(position, None)
    values = query.getlist(key)
    if value in values:
        values.remove(value)
    elif key in {"section", "published_after"}:
        values = [value]
    else:
        values.append(value)
    query.setlist(key, values)
    return "?" + query.urlencode()


# Exports --------------------------------------------------------------------------------------


def export_rows(request, stories):
    """One dict per story with the stable export columns.

    Rows are read as plain values a chunk at a time (a server-side cursor on PostgreSQL), and
    each chunk's bylines and mentions come in two more queries, so memory stays flat however
    many stories match; nothing per row but building the row.
    """
    base = request.build_absolute_uri("/").rstrip("/")
    path = story_path_template()
    columns = ("pk", "headline", "published_at", "slug", "section__name", "status")
    chunk = []
    for values in stories.values_list(*columns).iterator(chunk_size=EXPORT_CHUNK):
        chunk.append(values)
        if len(chunk) == EXPORT_CHUNK:
            yield from export_chunk(base, path, chunk)
            chunk = []
    if chunk:
        yield from export_chunk(base, path, chunk)


def export_chunk(base, path, chunk):
    ids = [values[0] for values in chunk]
    bylines, people, organizations, races = ({pk: [] for pk in ids} for _ in range(4))
    for article_id, name in (
        Byline.objects.filter(article_id__one_of=ids)
        .order_by("position")
        .values_list("article_id", "person__name")
    ):
        bylines[article_id].append(name)
    mentions = Mention.objects.filter(article_id__one_of=ids).order_by("id")
    for article_id, person, organization, race in mentions.values_list(
        "article_id", "person__name", "organization__name", "race__name"
    ):
        for names, name in ((people, person), (organizations, organization), (races, race)):
            if name is not None:
                names[article_id].append(name)
    zone = timezone.get_current_timezone()
    for pk, headline, published_at, slug, section, status in chunk:
        if published_at:
            day = published_at.astimezone(zone)
            url = base + path.format(year=day.year, month=day.month, day=day.day, slug=slug)
        yield {
            "id": pk,
            "headline": headline,
            "published_at": published_at.isoformat() if published_at else None,
            "url": url if published_at else None,
            "section": section,
            "bylines": bylines[pk],
            "people": people[pk],
            "organizations": organizations[pk],
            "races": races[pk],
            "status": status,
        }


def story_path_template():
    """The public story address as a format string (one ``reverse()`` per export, not one per
    row): ``{year}``, ``{month}`` and ``{day}`` of the publish time in the newsroom's zone, as
    numbers, and ``{slug}``."""
    sample = reverse(
        "public:story", kwargs={"year": 1111, "month": "22", "day": "33", "slug": "slug-0"}
    )
    sample = sample.replace("{", "{{").replace("}", "}}")
    return (
        sample.replace("1111", "{year:04d}", 1)
        .replace("22", "{month:02d}", 1)
        .replace("33", "{day:02d}", 1)
        .replace("slug-0", "{slug}", 1)
    )


class Echo:
    """A file-like object whose write() hands back what it was given, for csv.writer streaming."""

    def write(self, value):
        return value


def in_pieces(texts, size=STREAM_BLOCK):
    """``texts`` joined ``size`` at a time: a streamed response's own work is per piece."""
    piece = []
    for text in texts:
        piece.append(text)
        if len(piece) == size:
            yield "".join(piece)
            piece = []
    if piece:
        yield "".join(piece)


def stream_csv(rows):
    writer = csv.writer(Echo())
    yield "\ufeff" + writer.writerow(EXPORT_COLUMNS)  # the BOM lets spreadsheet apps read UTF-8
    lists = ("bylines", "people", "organizations", "races")

    def lines():
        for row in rows:
            for key in lists:
                row[key] = "; ".join(row[key])
            yield writer.writerow(inert_cells("" if v is None else v for v in row.values()))

    yield from in_pieces(lines())


def stream_json(rows, count):
    yield f'{{"count": {count}, "results": ['
    yield from in_pieces(
        ("," if i else "") + "\n" + json.dumps(row, ensure_ascii=False)
        for i, row in enumerate(rows)
    )
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

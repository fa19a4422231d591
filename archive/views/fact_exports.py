"""A race's facts as CSV or JSON, from its dossier: counts, margins, polls, endorsements and
money.

The same rows the dossier shows (``as_of`` included), each with its source and whether
readers see it; CSV cells are made inert for spreadsheets (``core.spreadsheets``).
"""

import csv
import io

from django.http import Http404, HttpResponse, JsonResponse

from core.spreadsheets import inert_cells

from .dossiers import RaceDossierView

SOURCE = ["source_headline", "source_url", "source_status", "source_note"]


def source(request, fact):
    story = fact.source_article
    if story is None:
        return ["", "", "", fact.source_note]
    url = request.build_absolute_uri(story.get_absolute_url())
    return [story.headline, url, story.status, fact.source_note]


def count_rows(request, context):
    for s in context["day"].snapshots:
        for line in s.lines.all():
            yield [
                s.as_of_iso,
                s.as_of_precision,
                s.status,
                line.candidacy.person.name,
                line.votes,
                line.percent,
                *source(request, s),
            ]


def margin_rows(request, context):
    for m in context["day"].margins:
        yield [
            m.reported_on,
            m.reported_precision,
            m.reported_earliest,
            m.leader.person.name,
            m.trailer.person.name if m.trailer else "",
            m.votes,
            m.points,
            *source(request, m),
        ]


def poll_rows(request, context):
    for poll in context["day"].polls:
        base = [poll.released_on, poll.pollster.name, poll.sample_size, poll.margin_of_error]
        results = list(poll.results.all())
        for r in results:
            yield [*base, r.label, r.percent, "", "", *source(request, poll)]
        if not results and poll.leader_id:
            yield [*base, "", "", poll.leader.person.name, poll.lead, *source(request, poll)]


def endorsement_rows(request, context):
    for e in context["day"].endorsements:
        yield [
            e.announced_on,
            e.announced_precision,
            e.announced_earliest,
            str(e.endorser),
            e.candidacy.person.name,
            e.shown_withdrawn_on,
            *source(request, e),
        ]


def money_rows(request, context):
    for t in context["day"].totals:
        who = t.candidacy.person.name if t.candidacy else "Whole race"
        yield ["total", t.as_of, "", who, t.amount, t.qualifier, *source(request, t)]
    for c in context["day"].contributions:
        giver = c.contributor_person or c.contributor_organization
        to = c.recipient_candidacy.person.name if c.recipient_candidacy else ""
        yield [
            "contribution",
            c.period_end or c.period_start,
            str(giver),
            to,
            c.amount,
            c.qualifier,
            *source(request, c),
        ]


TABLES = {
    "counts": (
        ["as_of", "as_of_precision", "status", "candidate", "votes", "percent"],
        count_rows,
    ),
    "margins": (
        [
            "reported_on",
            "reported_precision",
            "reported_earliest",
            "leader",
            "trailer",
            "votes",
            "points",
        ],
        margin_rows,
    ),
    "polls": (
        [
            "released_on",
            "pollster",
            "sample_size",
            "margin_of_error",
            "choice",
            "percent",
            "leader",
            "lead",
        ],
        poll_rows,
    ),
    "endorsements": (
        [
            "announced_on",
            "announced_precision",
            "announced_earliest",
            "endorser",
            "endorsee",
            "withdrawn_on",
        ],
        endorsement_rows,
    ),
    "money": (["kind", "as_of", "from", "to", "amount", "qualifier"], money_rows),
}


def plain(value):
    return "" if value is None else str(value)


class RaceFactExportView(RaceDossierView):
    """/archive/races/<slug>/<table>.<csv|json>, with the dossier's own ``as_of``."""

    def get(self, request, *args, **kwargs):
        table, fmt = kwargs["table"], kwargs["fmt"]
        if table not in TABLES or fmt not in {"csv", "json"}:
            raise Http404(
                "A race's exports: counts, margins, polls, endorsements or money, as csv or json."
            )
        form = self.as_of_form(request)
        if not form.is_valid():
            return JsonResponse({"errors": form.errors}, status=400)
        context = self.get_context_data(form=form, as_of=form.cleaned_data.get("as_of"))
        header, rows = TABLES[table]
        header = header + SOURCE
        rows = [[plain(cell) for cell in row] for row in rows(request, context)]
        name = f"{context['race'].slug}-{table}"
        if fmt == "json":
            response = JsonResponse(
                {
                    "race": context["race"].slug,
                    table: [dict(zip(header, r, strict=True)) for r in rows],
                }
            )
        else:
            out = io.StringIO()
            writer = csv.writer(out)
            writer.writerow(header)
            writer.writerows(inert_cells(r) for r in rows)
            response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
        return response

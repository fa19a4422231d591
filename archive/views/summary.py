"""How many stories match, their facets and their coverage chart, without reading every match.

A filter the database's tallies split by (dates, section, status: ``articles.tallies``) is
counted, charted and faceted by section and month from the tallies, exactly. Any other filter
reads the newest ``SAMPLE`` matches (one indexed walk, newest first): when that is all of
them, every figure is exact; when there are more, the total is the database's estimate
("about 41,000") and the chart and facets say they cover the newest matches, since the day
they reach back to. People, races and organizations are always counted among the newest
``SAMPLE`` matches. docs/performance.md explains the choice and its figures.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.utils import timezone

from articles import tallies
from articles.models import Mention, Section
from articles.search.backends import backend_for
from core.charts import Marker, chart_from_days, chart_from_months, choose_period, next_start
from people.models import Organization, Person, Race

SAMPLE = 1000
FACET_SIZE = 12
KINDS = {"person": Person, "race": Race, "organization": Organization}


@dataclass
class Summary:
    count: int
    count_is_estimate: bool = False
    sampled: bool = False  # people, races, organizations: among the newest SAMPLE only
    since: dt.date | None = None  # chart, sections and months cover the matches since this day
    # Stories per day, or per month ({first day: stories}) when ``by_month``: all a chart
    # drawn by month or year needs. ``first`` and ``last``: the days the chart spans.
    per_day: dict = field(default_factory=dict)
    by_month: bool = False
    first: dt.date | None = None
    last: dt.date | None = None
    sections: list = field(default_factory=list)  # [(section id, stories)]
    # The newest SAMPLE matches' ids, sent to the facets' and the chart's queries as one
    # parameter (``__one_of``): not the filter again, and not a thousand placeholders.
    sample_ids: list = field(default_factory=list)

    @property
    def sample_size(self):
        return SAMPLE


def local_day(moment):
    return timezone.localdate(moment) if timezone.is_aware(moment) else moment.date()


def summarize(data, stories):
    """The Summary of ``stories`` (the filtered queryset) for the filter's cleaned ``data``."""
    newest = stories.order_by("-published_at", "-id")
    sample = list(newest.values_list("pk", "published_at", "section_id")[: SAMPLE + 1])
    ids = [pk for pk, _, _ in sample[:SAMPLE]]
    cells = tallies.cells(data)
    if cells is not None:
        first, last = data.get("published_after"), data.get("published_before")
        if first is None or last is None:
            stored_first, stored_last = tallies.span(cells)
            first, last = first or stored_first, last or stored_last
        by_month = choose_period(first, last) != "week"
        count, counted, sections = tallies.read(cells, by_month=by_month)
        return Summary(
            count=count,
            sampled=len(sample) > SAMPLE,
            per_day=counted,
            by_month=by_month,
            first=first,
            last=last,
            sections=sections,
            sample_ids=ids,
        )
    whole = len(sample) <= SAMPLE
    per_day, sections = {}, {}
    dated = [(local_day(when), section) for _, when, section in sample[:SAMPLE] if when]
    since = None
    if not whole and dated:
        since = dated[-1][0] + dt.timedelta(days=1)  # the oldest day may be only partly read
        dated = [(day, section) for day, section in dated if day >= since]
    for day, section in dated:
        per_day[day] = per_day.get(day, 0) + 1
        sections[section] = sections.get(section, 0) + 1
    if whole:
        count, estimate = len(sample), False
        for _, when, section in sample:
            if when is None:
                sections[section] = sections.get(section, 0) + 1
    else:
        count = backend_for(stories.db).estimate(stories.order_by())
        count, estimate = (
            (stories.order_by().count(), False) if count is None else (max(count, SAMPLE + 1), True)
        )
    days = sorted(per_day)
    return Summary(
        count=count,
        count_is_estimate=estimate,
        sampled=not whole,
        since=since,
        per_day=per_day,
        first=data.get("published_after") or since or (days[0] if days else None),
        last=data.get("published_before") or (days[-1] if days else None),
        sections=sorted(sections.items(), key=lambda item: (-item[1], item[0])),
        sample_ids=ids,
    )


def facets(params, summary, toggle_url):
    """Counts per person, race, organization, section and month, with links to toggle them."""
    tallied = {key: Counter() for key in KINDS}
    for row in (
        Mention.objects.filter(article_id__one_of=summary.sample_ids)
        .order_by()
        .values_list("article_id", *(f"{key}_id" for key in KINDS))
    ):
        for key, target in zip(KINDS, row[1:], strict=True):
            if target is not None:
                tallied[key][target] += 1  # one mention per story and target (unique)
    result = {}
    for key, model in KINDS.items():
        top = tallied[key].most_common()
        objects = model.objects.in_bulk([pk for pk, _ in top[: FACET_SIZE * 2]])
        rows = sorted(
            (
                {"key": objects[pk].slug, "name": objects[pk].name, "n": n}
                for pk, n in top[: FACET_SIZE * 2]
                if pk in objects
            ),
            key=lambda row: (-row["n"], row["name"]),
        )[:FACET_SIZE]
        active = set(params.getlist(key))
        result[key] = [
            {**row, "active": row["key"] in active, "url": toggle_url(params, key, row["key"])}
            for row in rows
        ]
    names = Section.objects.in_bulk([pk for pk, _ in summary.sections])
    result["section"] = [
        {
            "key": names[pk].slug,
            "name": names[pk].name,
            "n": n,
            "active": params.get("section") == names[pk].slug,
            "url": toggle_url(params, "section", names[pk].slug),
        }
        for pk, n in summary.sections
        if pk in names
    ]
    result["month"] = month_facet(params, summary.per_day)
    return result


def month_facet(params, counts):
    """One row per month, from stories counted per day or per month (first day as key)."""
    months = {}
    for day, n in counts.items():
        months[day.replace(day=1)] = months.get(day.replace(day=1), 0) + n
    # The filter without its position or dates, copied once: a long archive has hundreds of months.
    base = params.copy()
    for name in ("page", "after", "until"):
        base.pop(name, None)
    chosen = (base.pop("published_after", [None])[-1], base.pop("published_before", [None])[-1])
    rest = base.urlencode()
    rows = []
    for start in sorted(months):
        end = next_start(start, "month") - dt.timedelta(days=1)
        active = chosen == (start.isoformat(), end.isoformat())
        dates = (
            ""
            if active
            else f"published_after={start.isoformat()}&published_before={end.isoformat()}"
        )
        query = "&".join(part for part in (rest, dates) if part)
        rows.append(
            {
                "name": start.strftime("%B %Y"),
                "n": months[start],
                "active": active,
                "url": "?" + query,
            }
        )
    return rows


def chart(summary):
    races = (
        Race.objects.filter(mentions__article_id__one_of=summary.sample_ids)
        .select_related("election")
        .distinct()
    )
    markers = [Marker(race.election.date, race.name) for race in races]
    draw = chart_from_months if summary.by_month else chart_from_days
    return draw(summary.per_day, summary.first, summary.last, markers)

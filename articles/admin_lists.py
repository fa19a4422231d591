"""The admin's story list counted and dated from the story tallies (``articles.tallies``).

Filtered only by status, section and its publication-date links, the list's count is the sum
of a few tally cells, exact; any other filter or a search gets the bounded count of every
admin list (``core.admin_counts``). The date links (years, then months, then days that have
stories) come from the tally days under the same status and section filters, never from a
grouped scan of the stories; with another filter on, a link may lead to an empty list.
"""

import copy
import datetime as dt

from django.contrib.admin.templatetags.admin_list import date_hierarchy
from django.db.models import DateField, Max, Min
from django.db.models.functions import Trunc
from django.utils import timezone

from . import tallies
from .models.tallies import NO_DAY

# The list's own parameters: paging, ordering, its error flag, the popup and facet switches.
LIST_PARAMETERS = {"p", "o", "e", "all", "_to_field", "_popup", "_facets", "_changelist_filters"}
FIELD = "published_at"


DATE_PARTS = ("year", "month", "day")


def _cleaned(params, strict=True):
    """The list's parameters as a tally filter's data. A parameter the tallies do not split by
    (a search, the publication filter) makes it None, or is passed over when not ``strict``."""
    data = {}
    for key, value in params.items():
        if key in LIST_PARAMETERS:
            continue
        if key == "status__exact":
            data["status"] = value
        elif key == "section__id__exact":
            data["section"] = value
        elif key not in {f"{FIELD}__{part}" for part in DATE_PARTS} and strict:
            return None
    try:
        year, month, day = (int(params.get(f"{FIELD}__{part}") or 0) for part in DATE_PARTS)
        if year:
            data["published_after"], data["published_before"] = _span(year, month, day)
    except (TypeError, ValueError):
        return None
    return data


def _span(year, month, day):
    if day:
        first = last = dt.date(year, month, day)
    elif month:
        first = dt.date(year, month, 1)
        last = (first + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)
    else:
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return first, last


def exact_count(params):
    """The number of stories the list shows, from the tallies, or None."""
    data = _cleaned(params)
    if data is None:
        return None
    rows = tallies.cells(data)
    return None if rows is None else tallies.total(rows)


class TallyDates:
    """What Django's date hierarchy asks of the list's queryset, answered from tally days."""

    def __init__(self, rows):
        self.rows = rows.exclude(day=NO_DAY)

    def aggregate(self, first, last):
        span = self.rows.aggregate(first=Min("day"), last=Max("day"))
        return {key: day and _midnight(day) for key, day in span.items()}

    def datetimes(self, field_name, kind):
        # Truncated and made distinct by the database: the top level reads one row a year,
        # not one a tally day (some 9,000 over 26 years).
        starts = (
            self.rows.annotate(start=Trunc("day", kind, output_field=DateField()))
            .values_list("start", flat=True)
            .distinct()
            .order_by("start")
        )
        return [_midnight(day) for day in starts]


def _midnight(day):
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def tally_date_hierarchy(cl):
    """Django's date hierarchy for the story list, its dates read from the tallies."""
    data = _cleaned(cl.params, strict=False)
    if data is None:  # a date link no calendar has: the list itself answers it with a 400
        return date_hierarchy(cl)
    rows = tallies.cells(data)
    tallied = copy.copy(cl)
    tallied.queryset = TallyDates(rows)
    return date_hierarchy(tallied)

"""How well a date is known: sources often give only a month, a year, or "by then".

The as-of rule's date arithmetic lives here too: the end of a day in the newsroom's time
zone, the latest day a date of some precision may stand for, and the ``Q`` that asks "was
this certainly so by the end of D" of a date field stored with its precision.
"""

import calendar
import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

# The days an as-of view accepts. Anything outside is a 400 in words, never a date overflow.
EARLIEST_DAY = dt.date(1850, 1, 1)
LATEST_DAY = dt.date(2199, 12, 31)


class DatePrecision(models.TextChoices):
    DAY = "day", "Exact day"
    MONTH = "month", "Month only (stored as the 1st)"
    YEAR = "year", "Year only (stored as 1 January)"
    ON_OR_BEFORE = "on_or_before", "On or before this date (first reported then)"


def describe(value, precision):
    """A date as a reader should see it, no more exact than it is known."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{value:%Y}"
    if precision == DatePrecision.MONTH:
        return f"{value:%B %Y}"
    text = f"{value:%B} {value.day}, {value:%Y}"
    return f"by {text}" if precision == DatePrecision.ON_OR_BEFORE else text


def is_undated(precision):
    """Whether a date stands for a span of days rather than one known day."""
    return precision != DatePrecision.DAY


def latest_possible(value, precision):
    """The last day ``value`` may stand for: the month's or year's end, or the day itself
    ("on or before" is stored as the day it was first reported, its latest possible day)."""
    if precision == DatePrecision.MONTH:
        return value.replace(day=calendar.monthrange(value.year, value.month)[1])
    if precision == DatePrecision.YEAR:
        return value.replace(month=12, day=31)
    return value


def end_of_day(day):
    """The first instant after ``day`` in the newsroom's time zone (exclusive bound)."""
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))


def certainly_by(field, precision_field, day):
    """A ``Q``: the date in ``field`` (stored with ``precision_field``) is certainly on or
    before ``day``, i.e. its latest possible day is. "March 2020" counts from March 31."""
    following = day + dt.timedelta(days=1)
    exact = [DatePrecision.DAY, DatePrecision.ON_OR_BEFORE]
    return (
        Q(**{f"{precision_field}__in": exact, f"{field}__lte": day})
        | Q(**{precision_field: DatePrecision.MONTH, f"{field}__lt": following.replace(day=1)})
        | Q(
            **{
                precision_field: DatePrecision.YEAR,
                f"{field}__lt": following.replace(month=1, day=1),
            }
        )
    )


def check_day(day):
    """A form's check that an as-of day is one the archive can answer for."""
    if day is not None and not EARLIEST_DAY <= day <= LATEST_DAY:
        raise ValidationError(
            f"Choose a day between {describe(EARLIEST_DAY, DatePrecision.DAY)} and "
            f"{describe(LATEST_DAY, DatePrecision.DAY)}.",
            code="out_of_range",
        )

"""How well a date is known: sources often give only a month, a year, or "by then".

The as-of rule's date arithmetic lives here too: the end of a day in the newsroom's time
zone, the latest day a date of some precision may stand for, and the ``Q`` that asks "was
this certainly so by the end of D" of a date field stored with its precision.
"""

import calendar
import datetime as dt
import re
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format

# The days an as-of view accepts. Anything outside is a 400 in words, never a date overflow.
EARLIEST_DAY = dt.date(1850, 1, 1)
LATEST_DAY = dt.date(2199, 12, 31)


class DatePrecision(models.TextChoices):
    DAY = "day", "Exact day"
    MONTH = "month", "Month only (stored as the 1st)"
    YEAR = "year", "Year only (stored as 1 January)"
    ON_OR_BEFORE = "on_or_before", "On or before this date (first reported then)"
    BETWEEN = "between", "Between two dates (stored as the latest)"


def _day_text(value):
    return f"{value:%B} {value.day}, {value:%Y}"


def describe(value, precision, earliest=None):
    """A date as a reader should see it, no more exact than it is known. A date "between"
    two days is stored as the latest, with ``earliest`` beside it: "between March 3 and
    March 10, 2020"."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{value:%Y}"
    if precision == DatePrecision.MONTH:
        return f"{value:%B %Y}"
    if precision == DatePrecision.BETWEEN and earliest is not None and earliest < value:
        first = (
            f"{earliest:%B} {earliest.day}" if earliest.year == value.year else _day_text(earliest)
        )
        return f"between {first} and {_day_text(value)}"
    text = _day_text(value)
    return f"by {text}" if precision == DatePrecision.ON_OR_BEFORE else text


def is_undated(precision):
    """Whether a date stands for a span of days rather than one known day."""
    return precision != DatePrecision.DAY


def latest_possible(value, precision):
    """The last day ``value`` may stand for: the month's or year's end, or the day itself
    ("on or before" is stored as the day it was first reported, "between" as the later of its
    two days: each is its latest possible day)."""
    if precision == DatePrecision.MONTH:
        return value.replace(day=calendar.monthrange(value.year, value.month)[1])
    if precision == DatePrecision.YEAR:
        return value.replace(month=12, day=31)
    return value


class TimePrecision(models.TextChoices):
    """How well the moment of a report (a count's time) is known."""

    TIME = "time", "Exact time"
    DAY = "day", "Day only (time not reported)"
    ON_OR_BEFORE = "on_or_before", "On or before this day (time not reported)"


def last_moment(day):
    """Where a report known only to the day is stored: the last instant of that day in the
    newsroom's time zone, its latest possible moment. It is known by the end of that day,
    sorts after the day's timed reports, and is never taken as known earlier in the day."""
    return end_of_day(day) - dt.timedelta(microseconds=1)


def moment_day(value):
    """The day, in the newsroom's time zone, of a stored moment."""
    return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()


def describe_moment(value, precision, time_format="F j, Y, g:i a T"):
    """A reported moment as a reader should see it: "November 4, 2020, 9:00 p.m. PST", or
    without a time when none was reported: "November 4, 2020, time not reported"."""
    if value is None:
        return ""
    if precision == TimePrecision.TIME:
        return date_format(timezone.localtime(value), time_format)
    day = date_format(moment_day(value), "M j, Y" if "M" in time_format else "F j, Y")
    prefix = "by " if precision == TimePrecision.ON_OR_BEFORE else ""
    return f"{prefix}{day}, time not reported"


def moment_iso(value, precision):
    """A reported moment in ISO 8601: to the second, or the day alone when no time is known."""
    if value is None:
        return ""
    if precision != TimePrecision.TIME:
        return moment_day(value).isoformat()
    return timezone.localtime(value).isoformat(timespec="seconds")


def end_of_day(day):
    """The first instant after ``day`` in the newsroom's time zone (exclusive bound)."""
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))


def certainly_by(field, precision_field, day):
    """A ``Q``: the date in ``field`` (stored with ``precision_field``) is certainly on or
    before ``day``, i.e. its latest possible day is. "March 2020" counts from March 31,
    "between March 3 and 10" from March 10."""
    following = day + dt.timedelta(days=1)
    exact = [DatePrecision.DAY, DatePrecision.ON_OR_BEFORE, DatePrecision.BETWEEN]
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


# What a person types ---------------------------------------------------------------------------


class PreciseDate(NamedTuple):
    """A date as stored: the day (the 1st for a month, 1 January for a year, the latest day
    for "on or before" and "between"), its precision, and for "between" the earliest day."""

    day: dt.date
    precision: str
    earliest: dt.date | None = None

    def describe(self):
        return describe(self.day, self.precision, self.earliest)


# "early", "mid" and "late" split a year into thirds of four months and a month into thirds
# of about ten days: "early 2019" is January 1 to April 30, "mid 2019" May 1 to August 31,
# "late 2019" September 1 to December 31; "early March 2020" is March 1-10, "mid" 11-20,
# "late" the 21st to the month's end.
PART_MONTHS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
PART_DAYS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}

MONTHS = {
    name: number
    for number in range(1, 13)
    for name in {
        calendar.month_name[number].lower(),
        calendar.month_abbr[number].lower(),
        *(["sept"] if number == 9 else []),
    }
}

ON_OR_BEFORE_WORDS = ("on or before ", "no later than ", "by ")

EXAMPLES = (
    "Type a day (“March 3, 2020”, “2020-03-03” or “3/3/2020”), a month (“March 2020”), a "
    "year (“2019”), part of a year (“early 2019”), “by Nov 1, 2020” for a date on or before "
    "a day, or two days (“March 3–10, 2020”, “between March 3 and April 2, 2020”)."
)


class _Parts(NamedTuple):
    year: int | None
    month: int | None
    day: int | None


def _unreadable(text):
    return ValidationError(f"“{text}” is not a date we can read. {EXAMPLES}", code="unreadable")


def _parts(text):
    """Year, month and day named in one side of what was typed (any of them may be missing)."""
    text = text.strip(" ,")
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?", text):
        return _Parts(int(m[1]), int(m[2]), int(m[3]) if m[3] else None)
    if m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text):  # US order: month/day/year
        return _Parts(int(m[3]), int(m[1]), int(m[2]))
    year = month = day = None
    for token in re.split(r"[\s,]+", text):
        token = token.rstrip(".")
        if not token or token == "of":
            continue
        if token in MONTHS and month is None:
            month = MONTHS[token]
        elif re.fullmatch(r"\d{4}", token) and year is None:
            year = int(token)
        elif (m := re.fullmatch(r"(\d{1,2})(st|nd|rd|th)?", token)) and day is None:
            day = int(m[1])
        else:
            return None
    if year is None and month is None and day is None:
        return None
    return _Parts(year, month, day)


def _span(parts, text):
    """The first and last day ``parts`` may stand for, and the precision it is known to."""
    if parts.year is None or (parts.month is None and parts.day is not None):
        raise _unreadable(text)
    if parts.month is None:
        return dt.date(parts.year, 1, 1), dt.date(parts.year, 12, 31), DatePrecision.YEAR
    if not 1 <= parts.month <= 12:
        raise _unreadable(text)
    last = calendar.monthrange(parts.year, parts.month)[1]
    if parts.day is None:
        first = dt.date(parts.year, parts.month, 1)
        return first, first.replace(day=last), DatePrecision.MONTH
    if not 1 <= parts.day <= last:
        raise ValidationError(
            f"{calendar.month_name[parts.month]} {parts.year} has no day {parts.day}. {EXAMPLES}",
            code="no_such_day",
        )
    day = dt.date(parts.year, parts.month, parts.day)
    return day, day, DatePrecision.DAY


def _part_of(word, rest, text):
    """ "early 2019", "mid-2019", "late March 2020": a third of a year or of a month."""
    parts = _parts(rest)
    if parts is None or parts.day is not None:
        raise _unreadable(text)
    first, last, precision = _span(parts, text)
    if precision == DatePrecision.YEAR:
        start, end = PART_MONTHS[word]
        first = first.replace(month=start)
        last = last.replace(month=end, day=calendar.monthrange(first.year, end)[1])
    else:
        start, end = PART_DAYS[word]
        first = first.replace(day=start)
        last = last.replace(day=min(end, last.day))
    return PreciseDate(last, DatePrecision.BETWEEN, first)


def _between(left, right, text):
    """Two sides of a range, each completed from the other: "March 3–10, 2020" (the month
    and year from the other side), "between March 3 and April 2, 2020"."""
    a, b = _parts(left), _parts(right)
    if a is None or b is None:
        raise _unreadable(text)
    if b.month is None and b.day is not None:  # "March 3–10, 2020": "10, 2020" is in March
        b = b._replace(month=a.month)
    if a.year is None:
        a = a._replace(year=b.year)
    if a.month is None and a.day is not None:
        a = a._replace(month=b.month)
    first = _span(a, text)[0]
    last = _span(b, text)[1]
    if first > last:
        raise ValidationError(
            f"The first day ({describe(first, DatePrecision.DAY)}) is after the last "
            f"({describe(last, DatePrecision.DAY)}). Type the earlier day first.",
            code="reversed",
        )
    if first == last:
        return PreciseDate(last, DatePrecision.DAY)
    return PreciseDate(last, DatePrecision.BETWEEN, first)


def parse(text):
    """What a person typed, as a date with its precision; a ``ValidationError`` in words,
    with examples, when it cannot be read. Reads back everything ``describe`` writes."""
    original = " ".join(str(text).split())
    text = original.lower().replace("—", "–")
    if not text:
        raise _unreadable(original)
    if m := re.fullmatch(r"(early|mid|late)(?:\s+in)?[\s-]+(.+)", text):
        return _part_of(m[1], m[2], original)
    for words in ON_OR_BEFORE_WORDS:
        if text.startswith(words):
            parts = _parts(text.removeprefix(words))
            if parts is None:
                raise _unreadable(original)
            return PreciseDate(_span(parts, original)[1], DatePrecision.ON_OR_BEFORE)
    if m := re.fullmatch(r"(?:between|from)\s+(.+?)\s+(?:and|to|until)\s+(.+)", text):
        return _between(m[1], m[2], original)
    for dash in ("–", " - ", " to ", " until "):
        if dash in text:
            left, right = text.split(dash, 1)
            return _between(left, right, original)
    if m := re.fullmatch(r"([a-z]+\.?\s+\d{1,2})-(\d{1,2},?\s+\d{4})", text):  # March 3-10, 2020
        return _between(m[1], m[2], original)
    parts = _parts(text)
    if parts is None:
        raise _unreadable(original)
    first, _last, precision = _span(parts, original)
    return PreciseDate(first, precision)


def with_precision(value, precision):
    """``value`` (parsed) recorded at a precision chosen explicitly beside it: a typed day may
    be kept as "on or before" it, or as its month or year; a month as its year. A choice that
    would claim more than was typed, or a range without both ends, is refused in words."""
    if not precision or precision == value.precision:
        return value
    if value.precision == DatePrecision.DAY and precision == DatePrecision.ON_OR_BEFORE:
        return PreciseDate(value.day, precision)
    if value.precision == DatePrecision.DAY and precision == DatePrecision.MONTH:
        return PreciseDate(value.day.replace(day=1), precision)
    if value.precision in (DatePrecision.DAY, DatePrecision.MONTH) and (
        precision == DatePrecision.YEAR
    ):
        return PreciseDate(value.day.replace(month=1, day=1), precision)
    if precision == DatePrecision.BETWEEN:
        message = "For a date between two days, type both (“March 3–10, 2020”)."
    else:
        message = (
            f"“{value.describe()}” is not known to the {DatePrecision(precision).label.lower()}: "
            "type the date as exactly as the source gives it, or leave the precision "
            "“as typed”."
        )
    raise ValidationError(message, code="precision_mismatch")


def check_between(earliest, latest, precision, field):
    """A model's check that a date "between" two days has its first day, not after the last."""
    if precision == DatePrecision.BETWEEN:
        if earliest is None:
            raise ValidationError(
                {field: "A date between two days needs the first day too (“March 3–10, 2020”)."},
                code="between_without_start",
            )
        if latest is not None and earliest > latest:
            raise ValidationError(
                {field: "The first possible day is after the last. Type the earlier day first."},
                code="between_reversed",
            )


def earliest_field():
    """The first possible day of a date "between" two days (the date field holds the last).
    Set from what is typed (``core.forms.PreciseDatesFormMixin``), never entered on its own."""
    return models.DateField(
        null=True,
        blank=True,
        editable=False,
        help_text='The first possible day, for a date "between" two days; else empty.',
    )


def between_constraint(name, field):
    """The database's check that ``<field>_earliest`` is not after ``field``."""
    stem = field.removesuffix("_on")
    return models.CheckConstraint(
        condition=Q(**{f"{stem}_earliest__isnull": True})
        | Q(**{f"{stem}_earliest__lte": models.F(field)}),
        name=name,
        violation_error_message="The first possible day is after the last. Type the earlier day first.",
    )


def precise_date_fields(model):
    """{date field: (its precision field, its earliest-day field or None)} for each date
    ``model`` stores with a ``DatePrecision`` ("start", "start_precision", "start_earliest";
    "announced_on", "announced_precision", "announced_earliest")."""
    fields = {f.name: f for f in model._meta.get_fields()}
    pairs = {}
    for name, field in fields.items():
        if not name.endswith("_precision") or getattr(field, "choices", None) != (
            DatePrecision.choices
        ):
            continue
        stem = name.removesuffix("_precision")
        date = stem if stem in fields else f"{stem}_on"
        if date in fields:
            earliest = f"{stem}_earliest"
            pairs[date] = (name, earliest if earliest in fields else None)
    return pairs


def precise_moment_fields(model):
    """{moment field: its precision field} for each moment ``model`` stores with a
    ``TimePrecision`` (a count's "as_of" and "as_of_precision")."""
    fields = {f.name: f for f in model._meta.get_fields()}
    return {
        name.removesuffix("_precision"): name
        for name, field in fields.items()
        if name.endswith("_precision")
        and getattr(field, "choices", None) == TimePrecision.choices
        and name.removesuffix("_precision") in fields
    }

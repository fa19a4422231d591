"""How well a date is known: sources often give only a month, a year, or "by then"."""

from django.db import models


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

"""Template helpers available in every template (registered as builtins in settings)."""

from django import template
from django.utils import timezone

from core.access import is_newsroom_staff
from core.dates import describe, describe_moment
from core.text import paragraphs

register = template.Library()


@register.filter
def iso(value):
    """ISO 8601 to the second, as the HTML <time datetime> attribute accepts it."""
    if not value:
        return ""
    if hasattr(value, "hour") and timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.isoformat(timespec="seconds") if hasattr(value, "hour") else value.isoformat()


@register.simple_tag
def known_date(value, precision, earliest=None):
    """A date shown no more exactly than it is known ("June 2020", "by November 1, 2020",
    "between March 3 and March 10, 2020")."""
    return describe(value, precision, earliest)


@register.simple_tag
def known_time(value, precision, time_format="F j, Y, g:i a T"):
    """A reported moment with its time only when the time was reported ("November 4, 2020,
    time not reported")."""
    return describe_moment(value, precision, time_format)


@register.filter
def as_paragraphs(text):
    return paragraphs(text)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def newsroom_staff(user):
    """Whether to show the newsroom's header and tools (core.access)."""
    return is_newsroom_staff(user)

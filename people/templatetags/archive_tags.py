from django import template

from newsroom.dates import describe
from newsroom.text import paragraphs

register = template.Library()


@register.simple_tag
def known_date(value, precision):
    """A date shown no more exactly than it is known ("June 2020", "by November 1, 2020")."""
    return describe(value, precision)


@register.filter
def as_paragraphs(text):
    return paragraphs(text)

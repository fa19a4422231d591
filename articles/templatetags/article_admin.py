"""The story list's date links, read from the tallies (``articles.admin_lists``)."""

from django import template
from django.contrib.admin.templatetags.base import InclusionAdminNode

from articles.admin_lists import tally_date_hierarchy

register = template.Library()


@register.tag(name="tally_date_hierarchy")
def tally_date_hierarchy_tag(parser, token):
    return InclusionAdminNode(
        "tally_date_hierarchy",
        parser,
        token,
        func=tally_date_hierarchy,
        template_name="date_hierarchy.html",
        takes_context=False,
    )

"""Story lists paged without counting every match or skipping rows one by one.

``KeysetPage`` reads one page plus one row (so it knows whether another follows) and links
the next and previous pages by position: ``?page=41&before=2024-11-05T18:00:00+00:00~123``
means "page 41: the stories after this one in this order". The links stay bookmarkable
(the same address shows the same stories, however many are added later), and reaching page
1000 that way costs what page 1 costs. A ``page`` number without a position (typed by hand)
still works, by offset.

The total is whatever the caller knows cheaply (``count``, with ``count_is_estimate``).
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Q
from django.http import Http404, QueryDict

SEPARATOR = "~"
NULL = "none"


def parse_position(text):
    """("2024-11-05T18:00:00+00:00~123") -> (datetime or None, 123); 404 for anything else."""
    when, _, pk = (text or "").rpartition(SEPARATOR)
    try:
        pk = int(pk)
        when = None if when == NULL else dt.datetime.fromisoformat(when)
    except ValueError as error:
        raise Http404("No such page.") from error
    if when is not None and when.tzinfo is None:
        raise Http404("No such page.")
    return when, pk


STORY_KEY = ("published_at", "pk")


def format_position(row, key=STORY_KEY):
    moment, pk = (getattr(row, name) for name in key)
    when = moment.isoformat() if moment else NULL
    return f"{when}{SEPARATOR}{pk}"


def after_condition(when, pk, descending, key=STORY_KEY):
    """Rows after (when, pk) in ``published_at, id`` order (both descending or ascending),
    with the database's own place for stories without a publish time. ``key`` names the two
    fields when they are not the story's own (a mention's copy of its story's time and the
    story's id)."""
    at, id_ = key
    nulls_largest = connection.features.nulls_order_largest
    nulls_first = nulls_largest == descending  # where NULL sorts in this direction
    later = "lt" if descending else "gt"
    if when is None:
        same = Q(**{f"{at}__isnull": True, f"{id_}__{later}": pk})
        return same | Q(**{f"{at}__isnull": False}) if nulls_first else same
    dated = Q(**{f"{at}__{later}": when}) | Q(**{at: when, f"{id_}__{later}": pk})
    return dated if nulls_first else dated | Q(**{f"{at}__isnull": True})


def before_condition(when, pk, descending, key=STORY_KEY):
    """Rows before (when, pk): the same test in the opposite direction."""
    return after_condition(when, pk, not descending, key)


@dataclass
class KeysetPage:
    object_list: list
    number: int
    has_next: bool
    params: QueryDict
    per_page: int = 25
    count: int = 0
    count_is_estimate: bool = False
    links: dict = field(default_factory=dict)

    @property
    def paginator(self):
        return self  # templates read page.paginator.count, as with Django's pages

    @property
    def num_pages(self):
        return -(-self.count // self.per_page) if self.count else 0

    @property
    def has_previous(self):
        return self.number > 1

    def has_other_pages(self):
        return self.has_next or self.has_previous

    @property
    def next_url(self):
        return self.links.get("next")

    @property
    def previous_url(self):
        return self.links.get("previous")


DEFERRED_FROM = 200  # rows to skip past which a page by offset skips ids only


def _offset_rows(queryset, offset, limit):
    """``queryset[offset:offset + limit]``. Deep in the list the rows skipped are read as ids
    only (an index-only scan of the order's index), then the page's rows by id: skipping
    20,000 whole stories reads 20,000 rows of the table, skipping their ids reads the index."""
    if offset < DEFERRED_FROM:
        return list(queryset[offset : offset + limit])
    ids = list(queryset.values_list("pk", flat=True)[offset : offset + limit])
    found = {row.pk: row for row in queryset.filter(pk__in=ids)}
    return [found[pk] for pk in ids if pk in found]


def keyset_page(request, queryset, per_page, descending=True, keyset=True, key=STORY_KEY):
    """One page of ``queryset`` (ordered by published_at and id, newest or oldest first;
    ``keyset=False`` for any other order: pages by offset only; ``key``: see
    ``after_condition``)."""
    params = request.GET
    number = params.get("page") or "1"
    if not number.isdigit() or int(number) < 1 or len(number) > 7:
        raise Http404("No such page.")
    number = int(number)
    if not keyset:
        params = params.copy()
        params.pop("after", None), params.pop("until", None)
    if before := params.get("after"):  # "after" this story in reading order
        when, pk = parse_position(before)
        rows = list(queryset.filter(after_condition(when, pk, descending, key))[: per_page + 1])
    elif previous := params.get("until"):  # the page ending just before this story
        when, pk = parse_position(previous)
        backwards = queryset.filter(before_condition(when, pk, descending, key)).reverse()
        rows = [*list(backwards[:per_page])[::-1], None]  # the story we came from follows
    else:
        offset = (number - 1) * per_page
        rows = _offset_rows(queryset, offset, per_page + 1)
        if not rows and number > 1:
            raise Http404("No such page.")
    has_next = len(rows) > per_page
    stories = [row for row in rows[:per_page] if row is not None]
    page = KeysetPage(stories, number, has_next, params, per_page)
    page.links = page_links(params, stories, number, has_next, keyset, key)
    return page


def page_links(params, stories, number, has_next, keyset=True, key=STORY_KEY):
    links = {}
    if not keyset:
        for step, shown in (("next", has_next), ("previous", number > 1)):
            if shown:
                query = params.copy()
                query["page"] = str(number + 1 if step == "next" else number - 1)
                links[step] = "?" + query.urlencode()
        return links
    if has_next and stories:
        query = params.copy()
        query.pop("until", None)
        query["page"], query["after"] = str(number + 1), format_position(stories[-1], key)
        links["next"] = "?" + query.urlencode()
    if number > 1 and stories:
        query = params.copy()
        query.pop("after", None)
        if number == 2:
            query.pop("page", None)
            query.pop("until", None)
        else:
            query["page"], query["until"] = str(number - 1), format_position(stories[0], key)
        links["previous"] = "?" + query.urlencode()
    return links

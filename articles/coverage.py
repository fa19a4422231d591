"""Who has published coverage: the one rule behind public topic pages, their feeds, the
sitemap and every public link to a person, organization or race.

A topic exists for readers only once a published story mentions it, so a name that is so
far only in a draft, a scheduled or a withdrawn story never surfaces on the public site.
"""

import datetime as dt

from django.db.models import OuterRef, Q, Subquery, Sum, prefetch_related_objects
from django.db.models.expressions import RawSQL
from django.shortcuts import get_object_or_404
from django.utils import timezone

from core.charts import chart_from_days, chart_from_months, choose_period
from core.dates import end_of_day
from core.paging import keyset_page
from core.publishing import (
    APPEARED_STATUSES,
    PUBLIC_STATUSES,
    appeared_before_condition,
    published_condition,
)

from .models import Article, CoverageTally, Mention
from .models.tallies import NO_DAY


def _target_field(model):
    """The mention field that points at ``model`` ("person", "organization" or "race")."""
    for field in ("person", "organization", "race"):
        if Mention._meta.get_field(field).related_model is model:
            return field
    raise ValueError(f"Stories do not mention {model._meta.verbose_name_plural}.")


def _first_published_mention(model):
    # A LIMIT 1 subquery per row stops at the first published mention, however often the
    # topic is in the news (an EXISTS lets the planner hash all their mentions first); the
    # mention's own copy of its story's status and time answers it from the mention index.
    return (
        Mention.objects.filter(
            published_condition(prefix="story_"),
            **{_target_field(model): OuterRef("pk")},
        )
        .order_by()  # any mention will do: no ordering to satisfy
        .values("pk")[:1]
    )


def with_public_coverage(queryset):
    """The people, organizations or races of ``queryset`` that a published story mentions."""
    return queryset.annotate(
        first_published_mention=Subquery(_first_published_mention(queryset.model))
    ).filter(first_published_mention__isnull=False)


def public_coverage_ids(model):
    """A subquery of the ids of ``model`` that a published story mentions (for ``IN``)."""
    field = _target_field(model)
    return (
        Mention.objects.filter(
            article__in=Article.objects.published(), **{f"{field}__isnull": False}
        )
        .order_by()
        .values(f"{field}_id")
    )


def ids_with_public_coverage(objects):
    """The ids among ``objects`` (of one model; None entries ignored) with public coverage."""
    objects = [obj for obj in objects if obj is not None]
    if not objects:
        return set()
    model = type(objects[0])
    chosen = model._default_manager.filter(pk__in=[obj.pk for obj in objects])
    return set(with_public_coverage(chosen).values_list("pk", flat=True))


def has_public_coverage(obj):
    return bool(ids_with_public_coverage([obj]))


def public_topic_or_404(queryset, slug):
    """The person, organization or race of ``queryset`` at ``slug`` if readers may see it;
    else 404."""
    return get_object_or_404(with_public_coverage(queryset), slug=slug)


# Reading a topic's coverage without reading every story about it ---------------------------
#
# Counts and charts come from the coverage tallies (``articles.tallies``: stories per target,
# month and status), with only the month still under way read from the mentions; lists are
# one walk of the index on (target, story's publish time, story) that each mention carries,
# newest first, for as many rows as the page shows. docs/performance.md has the figures.

NEWEST_KEY = ("story_published_at", "article_id")  # a mention's position among its target's


def mentions_of(obj):
    """The mentions of ``obj`` (a person, organization or race)."""
    return Mention.objects.filter(**{_target_field(type(obj)): obj})


def public_mentions_of(obj, now=None):
    """The mentions of ``obj`` in stories readers may read (the one visibility rule, applied
    to each mention's copy of its story's status and publish time)."""
    return mentions_of(obj).filter(published_condition(prefix="story_", now=now))


# Stands for the target's id in a pool's SQL, compiled once per kind of target: no row has it.
_EACH_TARGET = -1


def newest_public_story_ids(targets, count, *, excluding=None, now=None):
    """The ids of the newest ``count`` published stories of each of ``targets`` (people,
    organizations or races), for ``pk__in``: one bounded walk of the mention index per target,
    however often it is in the news, in a single statement.

    Each walk is a pool of mentions, ordered and limited; a compound statement cannot order or
    limit its parts on SQLite, so each is wrapped as a derived table. The pool's SQL comes from
    the ORM (the visibility rule's one home) once per kind of target, not once per target: only
    the target's id differs between the pools of one kind, and building each apart cost more
    than the statement took to run."""
    now = now or timezone.now()
    compiled, parts, params = {}, [], []
    for target in targets:
        kind = _target_field(type(target))
        if kind not in compiled:
            pool = Mention.objects.filter(
                published_condition(prefix="story_", now=now), **{f"{kind}_id": _EACH_TARGET}
            )
            if excluding is not None:
                pool = pool.exclude(article=excluding)
            pool = pool.order_by(*(f"-{field}" for field in NEWEST_KEY))
            sql, pool_params = pool.values_list("article_id")[:count].query.sql_with_params()
            compiled[kind] = (sql, tuple(pool_params), pool_params.index(_EACH_TARGET))
        sql, pool_params, slot = compiled[kind]
        parts.append(f"SELECT pool_{len(parts)}.article_id FROM ({sql}) pool_{len(parts)}")
        params += [*pool_params[:slot], target.pk, *pool_params[slot + 1 :]]
    return RawSQL(" UNION ALL ".join(parts) or "SELECT NULL WHERE 1 = 0", params)


def _local_month(moment):
    return timezone.localtime(moment).date().replace(day=1)


class Coverage:
    """The stories mentioning ``obj``: counted per month, charted, the newest listed.

    ``public=True``: what readers may read now. ``until=D``: what had come out by the end of
    day D (an editors' as-of page). Neither: every story, whatever its status (editors).
    """

    def __init__(self, obj, *, public=False, until=None, now=None):
        self.obj = obj
        self.kind = _target_field(type(obj))
        if public:
            self.cutoff = now or timezone.now()
            self.statuses = PUBLIC_STATUSES
            self.condition = published_condition(prefix="story_", now=self.cutoff)
        elif until is not None:
            self.cutoff = end_of_day(until)
            self.statuses = APPEARED_STATUSES
            self.condition = appeared_before_condition(self.cutoff, prefix="story_")
        else:
            self.cutoff, self.statuses, self.condition = None, None, Q()
        self._per_month = None

    def mentions(self):
        return mentions_of(self.obj).filter(self.condition)

    def dated(self):
        return self.mentions().filter(story_published_at__isnull=False)

    def per_month(self):
        """{first day of month: stories}: whole months from the tallies; the month of the
        cut-off (now, or the as-of day) read from the mentions themselves."""
        if self._per_month is not None:
            return self._per_month
        cells = CoverageTally.objects.filter(kind=self.kind, target_id=self.obj.pk).exclude(
            month=NO_DAY
        )
        if self.statuses is not None:
            cells = cells.filter(status__in=self.statuses)
        counts, recent = {}, []
        if self.cutoff is not None:
            month = _local_month(self.cutoff - dt.timedelta(microseconds=1))
            cells = cells.filter(month__lt=month)
            start = timezone.make_aware(dt.datetime.combine(month, dt.time.min))
            recent = self.dated().filter(story_published_at__gte=start)
            recent = recent.values_list("story_published_at", flat=True)
        grouped = cells.values("month").annotate(n=Sum("stories")).order_by()
        for row in grouped:
            if row["n"]:
                counts[row["month"]] = row["n"]
        for moment in recent:
            key = _local_month(moment)
            counts[key] = counts.get(key, 0) + 1
        self._per_month = counts
        return counts

    @property
    def total(self):
        """Stories with a publish time (a draft without one is in no month)."""
        return sum(self.per_month().values())

    def span(self):
        """(first, last) publication days in the newsroom's time zone, or (None, None): the
        two ends of the index."""
        ordered = self.dated().values_list("story_published_at", flat=True)
        first = ordered.order_by("story_published_at").first()
        last = ordered.order_by("-story_published_at").first()
        return tuple(moment and timezone.localdate(moment) for moment in (first, last))

    def chart(self, markers=(), last=None):
        """The coverage chart (``core.charts``); by week only for a span under three months,
        whose stories are then read (by day) from the mentions."""
        first, newest = self.span()
        last = last or newest
        if choose_period(first, last) != "week":
            return chart_from_months(self.per_month(), first, last, markers)
        per_day = {}
        for moment in self.dated().values_list("story_published_at", flat=True):
            day = timezone.localdate(moment)
            per_day[day] = per_day.get(day, 0) + 1
        return chart_from_days(per_day, first, last, markers)

    def latest(self, count):
        """The newest ``count`` stories (editors' order: without a publish time where the
        database sorts them), read from the index."""
        newest = (
            self.mentions()
            .order_by("-story_published_at", "-article_id")
            .values("article_id")[:count]
        )
        return (
            Article.objects.filter(pk__in=newest)
            .select_related("section")
            .order_by("-published_at", "-id")
        )


def newest_public_stories(request, obj, per_page, coverage=None):
    """A page (``core.paging.KeysetPage``) of the published stories about ``obj``, newest
    first, linked by position; its count from the tallies (``coverage``: the page's
    ``Coverage(obj, public=True)`` if it has one already)."""
    coverage = coverage or Coverage(obj, public=True)
    now = coverage.cutoff
    mentions = (
        public_mentions_of(obj, now)
        .select_related("article__section", "article__publication")
        .order_by("-story_published_at", "-article_id")
    )
    page = keyset_page(request, mentions, per_page, key=NEWEST_KEY)
    page.object_list = [mention.article for mention in page.object_list]
    prefetch_related_objects(page.object_list, "bylines")
    page.count = coverage.total
    return page

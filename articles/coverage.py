"""Who has published coverage: the one rule behind public topic pages, their feeds, the
sitemap and every public link to a person, organization or race.

A topic exists for readers only once a published story mentions it, so a name that is so
far only in a draft, a scheduled or a withdrawn story never surfaces on the public site.
"""

from django.db.models import Exists, OuterRef, Subquery
from django.shortcuts import get_object_or_404

from .models import Article, Mention


def _target_field(model):
    """The mention field that points at ``model`` ("person", "organization" or "race")."""
    for field in ("person", "organization", "race"):
        if Mention._meta.get_field(field).related_model is model:
            return field
    raise ValueError(f"Stories do not mention {model._meta.verbose_name_plural}.")


def _first_published_mention(model):
    # A LIMIT 1 subquery per row stops at the first published mention, however often the
    # topic is in the news (an EXISTS lets the planner hash all their mentions first).
    return (
        Mention.objects.filter(
            Exists(Article.objects.published().filter(pk=OuterRef("article_id"))),
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

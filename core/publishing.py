"""When a story is public: the one visibility rule, in terms every layer can apply.

``Article.objects.published()`` applies it to stories; facts apply it to the story they cite
through ``published_condition("source_article__")`` (``articles.facts.public()``, the whole
rule for facts, and ``Sourced.publicly_sourced()`` for the source alone).
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SCHEDULED = "scheduled", "Scheduled"
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn"


# A scheduled story is public once its publish time has come; nobody needs to flip it.
PUBLIC_STATUSES = (PublicationStatus.PUBLISHED, PublicationStatus.SCHEDULED)


def published_condition(prefix="", now=None):
    """Stories (reached through ``prefix``, e.g. ``"source_article__"``) the public may read."""
    return Q(
        **{
            f"{prefix}status__in": PUBLIC_STATUSES,
            f"{prefix}published_at__lte": now or timezone.now(),
        }
    )


# Stories that came out stay "out by then" for an as-of page even if withdrawn since.
APPEARED_STATUSES = (*PUBLIC_STATUSES, PublicationStatus.WITHDRAWN)


def appeared_before_condition(moment, prefix=""):
    """Stories that had come out before ``moment`` (a draft never has, whatever its date)."""
    return Q(**{f"{prefix}status__in": APPEARED_STATUSES, f"{prefix}published_at__lt": moment})

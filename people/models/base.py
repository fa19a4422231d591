"""What every sourced fact shares: the story (or other source) it came from."""

from django.db import models
from django.db.models import Q

from core.publishing import published_condition


class SourcedQuerySet(models.QuerySet):
    def publicly_sourced(self):
        """Facts whose source story, if any, is published: the source half of the rule.

        Readers see a fact only under the whole rule, ``articles.facts.public()``, which also
        asks that everyone the fact names has public coverage (it needs the stories' models).
        """
        return self.filter(Q(source_article__isnull=True) | published_condition("source_article__"))


class Sourced(models.Model):
    source_article = models.ForeignKey(
        "articles.Article",
        # A story that is cited as evidence cannot be deleted; withdraw it instead.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="source story",
        help_text="The story this fact was reported in. A fact whose source story is not "
        "published never shows on the public site.",
    )
    source_note = models.CharField(
        "other source",
        max_length=300,
        blank=True,
        help_text='Where else it comes from, e.g. "LA County Registrar-Recorder, 12/7/2020".',
    )

    objects = SourcedQuerySet.as_manager()

    class Meta:
        abstract = True

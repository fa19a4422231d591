"""What every sourced fact shares: the story (or other source) it came from."""

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.db.models import Case, F, Q, When

from core.dates import certainly_by, check_between, end_of_day, precise_date_fields
from core.publishing import appeared_before_condition, published_condition
from core.versioning import VersionedModel


class SourcedQuerySet(models.QuerySet):
    def publicly_sourced(self):
        """Facts whose source story, if any, is published: the source half of the rule.

        Readers see a fact only under the whole rule, ``articles.facts.public()``, which also
        asks that everyone the fact names has public coverage (it needs the stories' models).
        """
        return self.filter(Q(source_article__isnull=True) | published_condition("source_article__"))


class SpanQuerySet(SourcedQuerySet):
    """Facts that hold from ``start`` to ``end``, each stored with its precision (terms,
    affiliations, party memberships). The end day is exclusive. An unknown (empty) start is
    "date unknown": such a fact is listed as known but never counted as held on a day."""

    def _begun(self, day):
        return certainly_by("start", "start_precision", day)

    def _ended(self, day):
        return Q(end__isnull=False) & certainly_by("end", "end_precision", day)

    def known_by(self, day):
        """Facts begun by the end of ``day`` (or of unknown start), each with ``end_by_day``:
        the end if it was certain by then, else None (a later end is not shown)."""
        return self.filter(Q(start__isnull=True) | self._begun(day)).annotate(
            end_by_day=Case(When(self._ended(day), then=F("end")), default=None)
        )

    def held_on(self, day):
        """Facts in force on ``day``: certainly begun by then and not certainly ended."""
        return self.filter(self._begun(day)).exclude(self._ended(day))


def source_out_by(day):
    """No source story, or one that had come out by the end of ``day``."""
    return Q(source_article__isnull=True) | appeared_before_condition(
        end_of_day(day), "source_article__"
    )


def related_or_none(instance, name):
    """``instance.<name>`` if set, even on an unsaved parent (an admin add form's inline rows
    point at a parent that has no id yet), else None."""
    try:
        return getattr(instance, name)
    except ObjectDoesNotExist:
        return None


def check_same_race(race_id, candidacy, field, noun):
    """Refuse a candidacy from another race, with the message beside ``field``."""
    if race_id is not None and candidacy is not None and candidacy.race_id != race_id:
        raise ValidationError(
            {
                field: f"{candidacy.person} is a candidate in {candidacy.race}, not in this "
                f"{noun}'s race. Choose one of this race's candidates."
            },
            code="wrong_race",
        )


class Sourced(VersionedModel):
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

    def clean(self):
        super().clean()
        for date, (precision, earliest) in precise_date_fields(type(self)).items():
            if earliest is not None:  # a date "between" two days has both, in order
                check_between(
                    getattr(self, earliest), getattr(self, date), getattr(self, precision), date
                )

    @property
    def shown_end(self):
        """The end a page may show: on an as-of page (``known_by``), only one known by then."""
        return getattr(self, "end_by_day", getattr(self, "end", None))

from django.db import models
from django.db.models import Case, F, Q, When
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.dates import (
    DatePrecision,
    between_constraint,
    certainly_by,
    earliest_field,
    is_undated,
    latest_possible,
)
from core.validation import FieldMessagesMixin

from .base import Sourced, SourcedQuerySet


class EndorsementQuerySet(SourcedQuerySet):
    def known_by(self, day):
        """Endorsements certainly announced by the end of ``day``, each carrying
        ``withdrawn_by_day``: its withdrawal date if that too was certain by then, else None.

        A date known only to the month or year counts from its latest possible day; "on or
        before" counts from the day it was first reported. A withdrawal after ``day`` is not
        there: pages show ``shown_withdrawn_on``, which reads the annotation.
        """
        withdrawn = certainly_by("withdrawn_on", "withdrawn_precision", day)
        return self.filter(certainly_by("announced_on", "announced_precision", day)).annotate(
            withdrawn_by_day=Case(When(withdrawn, then=F("withdrawn_on")), default=None)
        )

    def in_force_on(self, day):
        """Endorsements known by the end of ``day`` and not known to be withdrawn by then."""
        return self.known_by(day).filter(withdrawn_by_day__isnull=True)

    def reported_after(self, day):
        """Endorsements not certainly announced by ``day`` (dated later, or undated and
        first reported later)."""
        return self.exclude(certainly_by("announced_on", "announced_precision", day))

    def for_display(self):
        """With endorser, endorsee and race loaded for lists."""
        return self.select_related(
            "endorser_person",
            "endorser_organization",
            "candidacy__person",
            "candidacy__race",
            "source_article",
        )


class Endorsement(FieldMessagesMixin, Sourced):
    """An endorsement is an event: announced on a day, perhaps withdrawn on a later one.

    A switch of sides is a withdrawal of one endorsement plus a new one for the other candidate.
    """

    field_messages = {
        "endorsement_withdrawn_after_announced": (
            "withdrawn_on",
            "An endorsement cannot be withdrawn before it was announced.",
        ),
    }

    endorser_person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,  # the endorsement record needs its endorser
        null=True,
        blank=True,
        related_name="endorsements_given",
        help_text="Fill in exactly one: a person or an organization.",
    )
    endorser_organization = models.ForeignKey(
        "people.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="endorsements_given",
        help_text="Fill in exactly one: a person or an organization.",
    )
    endorser_detail = models.CharField(
        max_length=200,
        blank=True,
        help_text='Who exactly, when it is part of a body: "several members of the board".',
    )
    candidacy = models.ForeignKey(
        "people.Candidacy",
        on_delete=models.PROTECT,  # endorsements are part of the race's record
        related_name="endorsements",
        verbose_name="endorsee",
        help_text="The candidate, in one race, who is endorsed.",
    )
    announced_on = models.DateField(
        help_text="The day it was announced. If the source gives no date, enter the source's date and "
        'choose "On or before".'
    )
    announced_precision = models.CharField(
        max_length=20, choices=DatePrecision, default=DatePrecision.DAY
    )
    announced_earliest = earliest_field()
    withdrawn_on = models.DateField(
        null=True, blank=True, help_text="Empty while the endorsement stands."
    )
    withdrawn_precision = models.CharField(
        max_length=20, choices=DatePrecision, default=DatePrecision.DAY
    )
    withdrawn_earliest = earliest_field()
    note = models.CharField(max_length=300, blank=True)

    objects = EndorsementQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["candidacy", "announced_on"]
        indexes = [
            models.Index(
                fields=["candidacy", "announced_on", "withdrawn_on"], name="endorsement_asof_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(endorser_person__isnull=False, endorser_organization__isnull=True)
                    | Q(endorser_person__isnull=True, endorser_organization__isnull=False)
                ),
                name="endorsement_exactly_one_endorser",
                violation_error_message="Choose exactly one endorser: a person or an organization.",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True)
                | Q(withdrawn_on__gte=models.F("announced_on")),
                name="endorsement_withdrawn_after_announced",
                violation_error_message="An endorsement cannot be withdrawn before it was announced.",
            ),
            between_constraint("endorsement_announced_between", "announced_on"),
            between_constraint("endorsement_withdrawn_between", "withdrawn_on"),
            models.UniqueConstraint(
                fields=["endorser_person", "candidacy", "announced_on"],
                name="endorsement_unique_person_event",
            ),
            models.UniqueConstraint(
                fields=["endorser_organization", "candidacy", "announced_on"],
                name="endorsement_unique_org_event",
            ),
        ]

    def __str__(self):
        return f"{self.endorser} → {self.candidacy.person} ({self.candidacy.race})"

    def get_absolute_url(self):
        return reverse("public:race", kwargs={"slug": self.candidacy.race.slug})

    @property
    def endorser(self):
        return self.endorser_person or self.endorser_organization

    @property
    def shown_withdrawn_on(self):
        """The withdrawal a page may show: on an as-of page (``known_by``), only one known by
        that day."""
        return getattr(self, "withdrawn_by_day", self.withdrawn_on)

    @property
    def is_undated(self):
        return is_undated(self.announced_precision)

    def known_on(self, day):
        """``known_by`` for one loaded endorsement, without a query: whether it was certainly
        announced by ``day``; if so, sets ``withdrawn_by_day`` as the queryset does."""
        if latest_possible(self.announced_on, self.announced_precision) > day:
            return False
        withdrawn = self.withdrawn_on is not None and (
            latest_possible(self.withdrawn_on, self.withdrawn_precision) <= day
        )
        self.withdrawn_by_day = self.withdrawn_on if withdrawn else None
        return True

    def is_in_force_on(self, day):
        """``in_force_on`` for one loaded endorsement (same rule, no query)."""
        if latest_possible(self.announced_on, self.announced_precision) > day:
            return False
        return self.withdrawn_on is None or (
            latest_possible(self.withdrawn_on, self.withdrawn_precision) > day
        )

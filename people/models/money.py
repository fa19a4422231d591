from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from core.validation import FieldMessagesMixin

from .base import Sourced, SourcedQuerySet, check_same_race, related_or_none, source_out_by


class FundraisingTotalQuerySet(SourcedQuerySet):
    def known_by(self, day):
        """Totals for a date up to ``day`` whose source story (if any) was out by then: a
        figure "as of June 30" reported in August is not known in July."""
        return self.filter(Q(as_of__lte=day), source_out_by(day))


class ContributionQuerySet(SourcedQuerySet):
    def known_by(self, day):
        """Contributions whose period had begun by ``day`` and whose source was out by then;
        an undated one, once its source story was out."""
        return self.filter(Q(period_start__isnull=True) | Q(period_start__lte=day)).filter(
            source_out_by(day)
        )


class Qualifier(models.TextChoices):
    EXACT = "exact", "Exactly"
    ABOUT = "about", "About / roughly"
    MORE_THAN = "more_than", "More than"
    LESS_THAN = "less_than", "Less than"


class FundraisingTotal(FieldMessagesMixin, Sourced):
    """Money raised by one candidate (or poured into the whole race) as of a date."""

    field_messages = {
        "fundraisingtotal_amount_not_negative": ("amount", "Enter an amount of zero or more."),
    }

    race = models.ForeignKey(
        "people.Race", on_delete=models.PROTECT, related_name="fundraising_totals"
    )
    candidacy = models.ForeignKey(
        "people.Candidacy",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="fundraising_totals",
        help_text="Leave empty for a figure about the whole race.",
    )
    as_of = models.DateField(help_text="The date the figure describes (or was reported).")
    amount = models.DecimalField(max_digits=14, decimal_places=2, help_text="US dollars.")
    qualifier = models.CharField(max_length=20, choices=Qualifier, default=Qualifier.EXACT)
    note = models.CharField(max_length=300, blank=True)

    objects = FundraisingTotalQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["race", "as_of"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="fundraisingtotal_amount_not_negative"
            ),
            models.UniqueConstraint(
                fields=["candidacy", "as_of"],
                condition=Q(candidacy__isnull=False),
                name="fundraisingtotal_unique_candidacy_day",
            ),
            models.UniqueConstraint(
                fields=["race", "as_of"],
                condition=Q(candidacy__isnull=True),
                name="fundraisingtotal_unique_race_day",
            ),
        ]

    def clean(self):
        super().clean()
        check_same_race(self.race_id, related_or_none(self, "candidacy"), "candidacy", "total")

    def __str__(self):
        who = self.candidacy.person if self.candidacy else "whole race"
        return f"{who}: ${self.amount:,.0f} as of {self.as_of}"


class Contribution(FieldMessagesMixin, Sourced):
    """A notable contribution: who gave, to which candidate (or committee), how much, when."""

    field_messages = {
        "contribution_amount_not_negative": ("amount", "Enter an amount of zero or more."),
        "contribution_period_end_after_start": (
            "period_end",
            "The period cannot end before it starts.",
        ),
    }

    class Kind(models.TextChoices):
        DIRECT = "direct", "Direct contribution"
        INDEPENDENT = "independent", "Independent expenditure / outside spending"

    contributor_person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contributions_made",
        help_text="Fill in exactly one contributor: a person or an organization.",
    )
    contributor_organization = models.ForeignKey(
        "people.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contributions_made",
    )
    recipient_candidacy = models.ForeignKey(
        "people.Candidacy",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contributions",
        help_text="The candidate supported, or…",
    )
    recipient_committee = models.ForeignKey(
        "people.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contributions_received",
        help_text="…the committee that received it.",
    )
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.DIRECT)
    amount = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="US dollars; empty if not reported.",
    )
    qualifier = models.CharField(max_length=20, choices=Qualifier, default=Qualifier.EXACT)
    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)

    objects = ContributionQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["-amount"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(contributor_person__isnull=False, contributor_organization__isnull=True)
                    | Q(contributor_person__isnull=True, contributor_organization__isnull=False)
                ),
                name="contribution_exactly_one_contributor",
                violation_error_message="Choose exactly one contributor: a person or an organization.",
            ),
            models.CheckConstraint(
                condition=Q(recipient_candidacy__isnull=False)
                | Q(recipient_committee__isnull=False),
                name="contribution_has_recipient",
                violation_error_message="Choose the candidate or committee that received it.",
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="contribution_amount_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(period_end__isnull=True)
                | Q(period_start__isnull=True)
                | Q(period_end__gte=models.F("period_start")),
                name="contribution_period_end_after_start",
            ),
        ]

    def __str__(self):
        giver = self.contributor_person or self.contributor_organization
        to = (
            self.recipient_candidacy.person
            if self.recipient_candidacy
            else self.recipient_committee
        )
        return f"{giver} → {to}"

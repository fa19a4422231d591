from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from core.numbers import ShareAsGivenMixin
from core.validation import FieldMessagesMixin

from .base import Sourced, SourcedQuerySet, check_same_race, related_or_none


class PollQuerySet(SourcedQuerySet):
    def known_by(self, day):
        """Polls released by the end of ``day``."""
        return self.filter(released_on__lte=day)


class Poll(FieldMessagesMixin, Sourced):
    field_messages = {
        "poll_fieldwork_end_after_start": (
            "fieldwork_end",
            "Fieldwork cannot end before it starts.",
        ),
        "poll_moe_0_100": ("margin_of_error", "Enter a margin between 0 and 100 points."),
        "poll_lead_0_100": ("lead", "Enter a lead between 0 and 100 points."),
    }

    class Population(models.TextChoices):
        LIKELY = "lv", "Likely voters"
        REGISTERED = "rv", "Registered voters"
        ADULTS = "a", "Adults"

    race = models.ForeignKey(
        "people.Race", on_delete=models.PROTECT, related_name="polls"
    )  # polls are part of the race's record
    pollster = models.ForeignKey(
        "people.Organization",
        on_delete=models.PROTECT,  # a pollster's record of polls must stay whole
        related_name="polls_conducted",
    )
    sponsors = models.ManyToManyField(
        "people.Organization",
        blank=True,
        related_name="polls_sponsored",
        help_text="Who paid for or co-sponsored it.",
    )
    fieldwork_start = models.DateField(null=True, blank=True)
    fieldwork_end = models.DateField(null=True, blank=True)
    released_on = models.DateField(help_text="The day the results were published.")
    sample_size = models.PositiveIntegerField(null=True, blank=True)
    population = models.CharField(max_length=4, choices=Population, blank=True)
    margin_of_error = models.DecimalField(
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Plus or minus, in percentage points.",
    )
    leader = models.ForeignKey(
        "people.Candidacy",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="polls_led",
        help_text="When a source reports only who led and by how much, the leader…",
    )
    lead = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="…and the lead, in percentage points.",
    )
    note = models.CharField(max_length=300, blank=True)

    objects = PollQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["race", "released_on"]
        indexes = [models.Index(fields=["race", "released_on"], name="poll_race_released_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(fieldwork_end__isnull=True)
                | Q(fieldwork_start__isnull=True)
                | Q(fieldwork_end__gte=models.F("fieldwork_start")),
                name="poll_fieldwork_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(margin_of_error__gte=0, margin_of_error__lte=100), name="poll_moe_0_100"
            ),
            models.CheckConstraint(condition=Q(lead__gte=0, lead__lte=100), name="poll_lead_0_100"),
        ]

    def clean(self):
        super().clean()
        check_same_race(self.race_id, related_or_none(self, "leader"), "leader", "poll")

    def __str__(self):
        return f"{self.pollster}, {self.released_on:%b %-d, %Y} ({self.race})"


class PollResult(FieldMessagesMixin, ShareAsGivenMixin, models.Model):
    field_messages = {
        "pollresult_percent_0_100": ("percent", "Enter a share between 0 and 100."),
    }

    poll = models.ForeignKey(
        Poll, on_delete=models.CASCADE, related_name="results"
    )  # part of the poll
    candidacy = models.ForeignKey(
        "people.Candidacy",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="poll_results",
        help_text="Leave empty for a line that is not a candidate (undecided, other).",
    )
    choice = models.CharField(
        max_length=100, blank=True, help_text='For lines without a candidate: "Undecided".'
    )
    percent = models.DecimalField(max_digits=5, decimal_places=2)

    history = HistoricalRecords()

    class Meta:
        ordering = ["poll", "-percent"]
        constraints = [
            models.CheckConstraint(
                condition=Q(percent__gte=0, percent__lte=100), name="pollresult_percent_0_100"
            ),
            models.CheckConstraint(
                condition=(Q(candidacy__isnull=False) & Q(choice=""))
                | (Q(candidacy__isnull=True) & ~Q(choice="")),
                name="pollresult_candidate_or_choice",
                violation_error_message='Give either a candidate or a choice such as "Undecided", not both.',
            ),
            models.UniqueConstraint(
                fields=["poll", "candidacy"], name="pollresult_unique_candidacy"
            ),
            models.UniqueConstraint(
                fields=["poll", "choice"], condition=~Q(choice=""), name="pollresult_unique_choice"
            ),
        ]

    def __str__(self):
        return f"{self.candidacy.person if self.candidacy else self.choice}: {self.percent}%"

    def clean(self):
        super().clean()
        poll = related_or_none(self, "poll")
        check_same_race(
            poll.race_id if poll else None, related_or_none(self, "candidacy"), "candidacy", "poll"
        )

    @property
    def label(self):
        return str(self.candidacy.person) if self.candidacy else self.choice

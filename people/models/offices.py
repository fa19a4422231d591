from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.dates import DatePrecision, between_constraint, earliest_field
from core.validation import FieldMessagesMixin
from core.versioning import VersionedModel

from .base import Sourced, SpanQuerySet


class Office(VersionedModel):
    """A post that one person holds at a time ("Los Angeles County District Attorney")."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    jurisdiction = models.CharField(max_length=200, help_text='e.g. "Los Angeles County".')
    organization = models.ForeignKey(
        "people.Organization",
        on_delete=models.PROTECT,  # offices and their history hang off the body
        null=True,
        blank=True,
        related_name="offices",
        help_text="The body the office belongs to, if any.",
    )
    description = models.CharField(max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("archive:office", kwargs={"slug": self.slug})


class Term(FieldMessagesMixin, Sourced):
    field_messages = {
        "term_end_after_start": ("end", "The end cannot be before the start."),
        "term_unique_start_per_office": (
            "start",
            "Another term of this office starts on this day.",
        ),
    }

    class How(models.TextChoices):
        ELECTED = "elected", "Elected"
        APPOINTED = "appointed", "Appointed"
        INTERIM = "interim", "Interim / acting"

    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,  # an office's history must not lose its holders
        related_name="terms",
    )
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="terms")
    start = models.DateField(help_text="The day the term began (sworn in).")
    start_precision = models.CharField(
        max_length=20, choices=DatePrecision, default=DatePrecision.DAY
    )
    start_earliest = earliest_field()
    end = models.DateField(
        null=True,
        blank=True,
        help_text="The day the next holder took over (not counted in this term). Empty while serving.",
    )
    end_precision = models.CharField(
        max_length=20, choices=DatePrecision, default=DatePrecision.DAY
    )
    end_earliest = earliest_field()
    how = models.CharField(max_length=20, choices=How, default=How.ELECTED)

    objects = SpanQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["office", "start"]
        indexes = [models.Index(fields=["office", "start", "end"], name="term_office_dates_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="term_end_after_start",
            ),
            models.UniqueConstraint(
                fields=["office", "start"], name="term_unique_start_per_office"
            ),
            between_constraint("term_start_between", "start"),
            between_constraint("term_end_between", "end"),
        ]

    def clean(self):
        super().clean()
        office = self.office if self.office_id else None
        if office is None or self.start is None or self.how == self.How.INTERIM:
            return
        others = Term.objects.filter(office=office).exclude(how=self.How.INTERIM)
        if self.pk is not None:
            others = others.exclude(pk=self.pk)
        overlapping = others.filter(Q(end__isnull=True) | Q(end__gt=self.start))
        if self.end is not None:
            overlapping = overlapping.filter(start__lt=self.end)
        clash = overlapping.select_related("person").first()
        if clash is not None:
            raise ValidationError(
                {
                    "start": f"{clash.person} held this office then ({clash}). One person holds "
                    'it at a time: end that term first, or mark this one "Interim / acting".'
                },
                code="overlapping_term",
            )

    def __str__(self):
        return (
            f"{self.person}, {self.office} ({self.start:%Y}–{self.end:%Y})"
            if self.end
            else (f"{self.person}, {self.office} (since {self.start:%Y})")
        )

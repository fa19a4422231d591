from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.dates import DatePrecision, between_constraint, earliest_field
from core.text import fold
from core.validation import FieldMessagesMixin
from core.versioning import VersionedModel

from .base import Sourced, SpanQuerySet


class OrganizationQuerySet(models.QuerySet):
    def named(self, text):
        """Organizations whose name or any other name folds to the same key as ``text``."""
        key = fold(text)
        return self.filter(Q(folded_name=key) | Q(other_names__folded=key)).distinct()


class Organization(VersionedModel):
    class Kind(models.TextChoices):
        GOVERNMENT = "government", "Government body"
        PARTY = "party", "Political party"
        UNION = "union", "Union"
        PAC = "pac", "Political action committee"
        CAMPAIGN = "campaign", "Campaign committee"
        MEDIA = "media", "News organization"
        UNIVERSITY = "university", "University or school"
        BUSINESS = "business", "Business"
        ADVOCACY = "advocacy", "Advocacy group"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    folded_name = models.CharField(max_length=200, editable=False, db_index=True)
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.OTHER)
    parent = models.ForeignKey(
        "self",
        # Deleting a parent must not silently orphan or delete its units.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text="e.g. the Institute of Governmental Studies' parent is UC Berkeley.",
    )
    description = models.CharField(max_length=300, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = OrganizationQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["kind", "name"], name="organization_kind_idx")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.folded_name = fold(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("archive:organization", kwargs={"slug": self.slug})


class OrganizationName(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="other_names"
    )  # a name means nothing without its organization
    name = models.CharField(max_length=200, help_text='e.g. "ADDA", "LAPPL".')
    folded = models.CharField(max_length=200, editable=False, db_index=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = "other name"
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "folded"], name="organizationname_unique_per_org"
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.folded = fold(self.name)
        super().save(*args, **kwargs)


class Affiliation(FieldMessagesMixin, Sourced):
    """A person's role in an organization for a time: a spokesman, a co-president, a deputy DA."""

    field_messages = {
        "affiliation_end_after_start": ("end", "The end cannot be before the start."),
    }

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="affiliations"
    )  # the role is part of the person's record
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,  # people's histories point at it
        related_name="affiliations",
    )
    title = models.CharField(max_length=200, blank=True, help_text='e.g. "Campaign spokesman".')
    start = models.DateField(null=True, blank=True, help_text="Leave empty when unknown.")
    start_precision = models.CharField(
        max_length=20, choices=DatePrecision, default=DatePrecision.DAY
    )
    start_earliest = earliest_field()
    end = models.DateField(null=True, blank=True, help_text="Empty while current, or unknown.")
    end_precision = models.CharField(
        max_length=20, choices=DatePrecision, default=DatePrecision.DAY
    )
    end_earliest = earliest_field()

    objects = SpanQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["person", "start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True)
                | Q(start__isnull=True)
                | Q(end__gte=models.F("start")),
                name="affiliation_end_after_start",
            ),
            between_constraint("affiliation_start_between", "start"),
            between_constraint("affiliation_end_between", "end"),
        ]

    def __str__(self):
        role = f"{self.title}, " if self.title else ""
        return f"{self.person}: {role}{self.organization}"

from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.dates import DatePrecision, between_constraint, earliest_field
from core.text import fold
from core.validation import FieldMessagesMixin
from core.versioning import VersionedModel

from .base import Sourced, SpanQuerySet


class PersonQuerySet(models.QuerySet):
    def named(self, text):
        """People whose name or any other name folds to the same key as ``text``."""
        key = fold(text)
        return self.filter(Q(folded_name=key) | Q(other_names__folded=key)).distinct()


class Person(VersionedModel):
    name = models.CharField(max_length=200, help_text='As the paper prints it: "George Gascón".')
    slug = models.SlugField(
        max_length=200, unique=True, help_text="The person's address on the site."
    )
    sort_name = models.CharField(
        max_length=200, blank=True, help_text='For alphabetical lists: "Gascón, George".'
    )
    folded_name = models.CharField(max_length=200, editable=False, db_index=True)
    description = models.CharField(
        max_length=300,
        blank=True,
        help_text='One line: "Former federal prosecutor and defense attorney".',
    )
    bio = models.TextField(blank=True, help_text="A short biography in plain paragraphs.")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = PersonQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["sort_name", "name"]
        verbose_name_plural = "people"
        indexes = [models.Index(fields=["sort_name", "name"], name="person_sort_idx")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.sort_name:
            first, _, last = self.name.rpartition(" ")
            self.sort_name = f"{last}, {first}" if first else self.name
        self.folded_name = fold(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("public:person", kwargs={"slug": self.slug})


class PersonName(models.Model):
    class Kind(models.TextChoices):
        ALTERNATE = "alternate", "Other name"
        SPELLING = "spelling", "Other spelling"
        FORMAL = "formal", "Formal or legal name"
        SHORT = "short", "Short form / nickname"
        FORMER = "former", "Former name"

    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,  # a name means nothing without its person
        related_name="other_names",
    )
    name = models.CharField(max_length=200, help_text='e.g. "Gascon", "Jacquelyn Lacey".')
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.ALTERNATE)
    folded = models.CharField(
        max_length=200,
        editable=False,
        db_index=True,
        help_text="Accent-free, lower-case form used for matching.",
    )
    note = models.CharField(max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = "other name"
        constraints = [
            models.UniqueConstraint(
                fields=["person", "folded"], name="personname_unique_per_person"
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.folded = fold(self.name)
        super().save(*args, **kwargs)


class PartyMembership(FieldMessagesMixin, Sourced):
    """Party history is a fact with dates, not one field on the person."""

    field_messages = {
        "partymembership_end_after_start": ("end", "The end cannot be before the start."),
    }

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="party_memberships"
    )  # party history belongs to the person
    party = models.ForeignKey(
        "people.Organization",
        on_delete=models.PROTECT,  # a party referenced by people's histories must stay
        related_name="party_members",
        limit_choices_to={"kind": "party"},
    )
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
    note = models.CharField(max_length=300, blank=True)

    objects = SpanQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["person", "start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True)
                | Q(start__isnull=True)
                | Q(end__gte=models.F("start")),
                name="partymembership_end_after_start",
            ),
            between_constraint("partymembership_start_between", "start"),
            between_constraint("partymembership_end_between", "end"),
        ]

    def __str__(self):
        return f"{self.person} — {self.party}"

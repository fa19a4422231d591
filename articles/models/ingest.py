"""What the importer remembers: where each story came from, and the linker's suggestions."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.fields.json import KeyTextTransform


class ImportedStory(models.Model):
    """One story's import key and what it last looked like, so a re-import can tell.

    ``key`` is the story's URL, else its source id, else a hash of its text. ``content_hash``
    is of the record as last imported; ``version`` is the story's version right after that
    import: a story whose version moved on since was changed by an editor and is not
    overwritten.
    """

    article = models.OneToOneField(
        "articles.Article", on_delete=models.CASCADE, related_name="import_record"
    )
    key = models.CharField(max_length=600, unique=True)
    content_hash = models.CharField(max_length=64)
    version = models.PositiveIntegerField()
    source = models.CharField(max_length=500, blank=True, help_text="File and line it came from.")
    imported = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "imported stories"

    def __str__(self):
        return self.key


class Suggestion(models.Model):
    """Something the linker read in a story, waiting for an editor's yes or no."""

    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        ORGANIZATION = "organization", "Organization"
        NEW_PERSON = "new_person", "New person"
        QUOTE = "quote", "Quote"
        FIGURE = "figure", "Figure"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for review"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="suggestions"
    )
    kind = models.CharField(max_length=20, choices=Kind)
    key = models.CharField(
        max_length=300, help_text="What it suggests, the same across re-imports of the story."
    )
    paragraph = models.PositiveSmallIntegerField(null=True, blank=True)
    span_start = models.PositiveIntegerField(help_text="Character offset in the story's body.")
    span_end = models.PositiveIntegerField()
    matched_text = models.TextField()
    sentence = models.TextField(help_text="The sentence it was read in, as printed.")
    sentence_offset = models.PositiveIntegerField(
        help_text="Where the sentence starts in the body."
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    organization = models.ForeignKey(
        "people.Organization", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    payload = models.JSONField(default=dict, blank=True)
    conflict = models.TextField(
        blank=True, help_text="A different value already on record, with its source."
    )
    status = models.CharField(max_length=20, choices=Status, default=Status.PENDING, db_index=True)
    outcome = models.CharField(max_length=300, blank=True, help_text="What accepting created.")
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    # The fact a figure gives a value of (``payload.fact``), kept by the database so the
    # disagreement check between stories reads an index instead of every suggestion. (A
    # figure with no fact holds NULL on PostgreSQL and the text "null" on SQLite; no fact
    # key is ever "null", so the check finds neither.)
    fact = models.GeneratedField(
        expression=KeyTextTransform("fact", "payload"),
        output_field=models.TextField(null=True),
        db_persist=True,
        help_text="For a figure: what it is a value of (one candidate's votes on one day…).",
    )

    class Meta:
        ordering = ["-created", "article", "span_start"]
        indexes = [
            models.Index(fields=["status", "-created"], name="suggestion_queue_idx"),
            # flag_disagreements: pending figures about a set of facts.
            models.Index(
                fields=["fact"],
                condition=Q(kind="figure", status="pending"),
                name="suggestion_pending_fact_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["article", "key"], name="suggestion_unique_key"),
            models.CheckConstraint(
                condition=Q(span_end__gte=models.F("span_start")), name="suggestion_span_ordered"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.matched_text[:60]}"

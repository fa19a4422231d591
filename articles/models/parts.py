"""What hangs off a story: photos, mentions, quotes, corrections."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords


class Photo(models.Model):
    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(
        upload_to="photos/%Y/%m/", blank=True, help_text="Optional: the image file."
    )
    alt_text = models.CharField(
        max_length=300, blank=True, help_text="What the image shows, for readers who cannot see it."
    )
    caption = models.TextField(help_text="As printed under the photo, without the credit.")
    photographer = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,  # keep credits intact
        null=True,
        blank=True,
        related_name="photos_taken",
    )
    credit = models.CharField(
        max_length=200, blank=True, help_text='The credit line, e.g. "Los Angeles Times".'
    )
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["article", "position"]

    def __str__(self):
        return self.caption[:80]

    @property
    def credit_line(self):
        return " / ".join(part for part in (str(self.photographer or ""), self.credit) if part)


class Mention(models.Model):
    """A story's link to a person, organization or race, entered by staff or suggested by the linker."""

    class Role(models.TextChoices):
        SUBJECT = "subject", "Subject"
        QUOTED = "quoted", "Quoted"
        MENTIONED = "mentioned", "Mentioned"

    class Origin(models.TextChoices):
        ENTERED = "entered", "Entered by staff"
        SUGGESTED = "suggested", "Suggested by the linker"
        CONFIRMED = "confirmed", "Suggested, then confirmed"

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="mentions"
    )
    # A person or organization that stories mention is not deleted (anywhere: admin, shell,
    # scripts): the mentions would go with it. Merge a duplicate instead (people.merging).
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="mentions"
    )
    organization = models.ForeignKey(
        "people.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mentions",
    )
    race = models.ForeignKey(
        "people.Race", on_delete=models.CASCADE, null=True, blank=True, related_name="mentions"
    )
    role = models.CharField(max_length=20, choices=Role, default=Role.MENTIONED)
    origin = models.CharField(max_length=20, choices=Origin, default=Origin.ENTERED)
    matched_text = models.CharField(
        max_length=200, blank=True, help_text="For suggestions: the text that matched."
    )
    span_start = models.PositiveIntegerField(
        null=True, blank=True, help_text="Character offset in the body."
    )
    span_end = models.PositiveIntegerField(null=True, blank=True)
    # Copies of the story's publish time and status, kept by database triggers whatever
    # writes the story or the mention (articles.tallies): a person's newest stories are one
    # index range read, and the coverage tallies count mentions by them.
    story_published_at = models.DateTimeField(null=True, editable=False)
    story_status = models.CharField(max_length=20, null=True, editable=False)  # noqa: DJ001

    history = HistoricalRecords(excluded_fields=["story_published_at", "story_status"])

    class Meta:
        ordering = ["article", "role", "id"]
        indexes = [
            models.Index(fields=["person", "article"], name="mention_person_idx"),
            models.Index(fields=["organization", "article"], name="mention_org_idx"),
            models.Index(fields=["race", "article"], name="mention_race_idx"),
            *(
                models.Index(
                    fields=[target, "-story_published_at", "-article", "story_status"],
                    condition=Q(**{f"{target}__isnull": False}),
                    name=f"mention_{short}_newest_idx",
                )
                for target, short in (
                    ("person", "person"),
                    ("organization", "org"),
                    ("race", "race"),
                )
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(person__isnull=False, organization__isnull=True, race__isnull=True)
                    | Q(person__isnull=True, organization__isnull=False, race__isnull=True)
                    | Q(person__isnull=True, organization__isnull=True, race__isnull=False)
                ),
                name="mention_exactly_one_target",
                violation_error_message="A mention links to exactly one person, organization or race.",
            ),
            models.CheckConstraint(
                condition=Q(span_end__isnull=True)
                | Q(span_start__isnull=True)
                | Q(span_end__gt=models.F("span_start")),
                name="mention_span_ordered",
            ),
            models.UniqueConstraint(
                fields=["article", "person"],
                condition=Q(person__isnull=False),
                name="mention_unique_person",
            ),
            models.UniqueConstraint(
                fields=["article", "organization"],
                condition=Q(organization__isnull=False),
                name="mention_unique_organization",
            ),
            models.UniqueConstraint(
                fields=["article", "race"],
                condition=Q(race__isnull=False),
                name="mention_unique_race",
            ),
        ]

    def __str__(self):
        return f"{self.target} ({self.get_role_display()})"

    @property
    def target(self):
        return self.person or self.organization or self.race


class Quote(models.Model):
    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="quotes")
    speaker = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,  # a quote without its speaker is useless
        related_name="quotes",
    )
    text = models.TextField(help_text="The words quoted, without quotation marks.")
    paragraph = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Which paragraph of the story it appears in (1 = first)."
    )
    context = models.CharField(
        max_length=300, blank=True, help_text='When and where: "After early returns".'
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["article", "paragraph", "id"]

    def __str__(self):
        return f"{self.speaker}: “{self.text[:60]}”"


class Correction(models.Model):
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="corrections"
    )
    date = models.DateField()
    text = models.TextField(help_text="The correction as readers will see it.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["article", "date"]

    def __str__(self):
        return f"{self.date}: {self.text[:60]}"

    def clean(self):
        if not self.text.strip():
            raise ValidationError({"text": "Write the correction."})

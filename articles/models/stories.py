from django.db import models
from django.db.models import Count, Max, Min, Q
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from core.publishing import PUBLIC_STATUSES, PublicationStatus, published_condition
from core.text import paragraphs
from core.versioning import VersionedModel


class Section(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.CharField(max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Lower numbers come first in menus."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """Stories the public may read: published (or scheduled) with a publish time now or past.

        The one visibility rule: every public page, feed, sitemap, search and fact uses it.
        """
        return self.filter(published_condition(now=now))

    def for_archive_list(self):
        """With what a list row shows loaded in a fixed number of queries. Sections and
        publications by queries of their own, not joined: SQLite plans a joined, filtered
        list by sorting every match instead of walking the date index (2.7 s for a section
        of 100k stories)."""
        return self.prefetch_related("section", "publication", "bylines")

    def mentioning(self, *, person=None, organization=None, race=None):
        """Stories with a mention of the given person, organization or race."""
        conditions = {}
        if person is not None:
            conditions["mentions__person"] = person
        if organization is not None:
            conditions["mentions__organization"] = organization
        if race is not None:
            conditions["mentions__race"] = race
        return self.filter(**conditions).distinct()

    def span(self):
        """(first, last) publication days in the newsroom's time zone, or (None, None)."""
        span = self.aggregate(first=Min("published_at"), last=Max("published_at"))
        return tuple(day and timezone.localdate(day) for day in (span["first"], span["last"]))

    def per_month(self):
        """Story counts by month of publication, in one grouped query."""
        return (
            self.order_by()
            .annotate(month=TruncMonth("published_at"))
            .values("month")
            .annotate(stories=Count("id", distinct=True))
            .order_by("month")
        )


class Article(VersionedModel):
    Status = PublicationStatus

    headline = models.CharField(max_length=300)
    slug = models.SlugField(
        max_length=200,
        unique=True,
        help_text="Part of the story's address: /stories/YYYY/MM/DD/slug/. Changing it after "
        "publication keeps the old address working through a redirect.",
    )
    dek = models.TextField(
        "summary (dek)", blank=True, help_text="One or two sentences under the headline."
    )
    body = models.TextField(
        blank=True,
        help_text="Plain text. Separate paragraphs with a blank line. HTML is shown as typed, never run.",
    )
    section = models.ForeignKey(
        Section,
        on_delete=models.PROTECT,  # a section with stories in it cannot vanish
        related_name="articles",
    )
    bylines = models.ManyToManyField(
        "people.Person", through="Byline", related_name="bylined_articles", blank=True
    )
    publication = models.ForeignKey(
        "people.Organization",
        on_delete=models.PROTECT,  # stories must keep their publisher
        related_name="published_articles",
        limit_choices_to={"kind": "media"},
        help_text="The paper or site that published the story.",
    )
    original_url = models.URLField(
        max_length=500, blank=True, help_text="Where the story first ran, if elsewhere."
    )
    status = models.CharField(max_length=20, choices=Status, default=Status.DRAFT, db_index=True)
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When it goes (or went) public. Required to publish or schedule.",
    )
    is_synthetic = models.BooleanField(
        default=False, editable=False, help_text="Generated test data, not journalism."
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_at", "-id"]
        get_latest_by = "published_at"
        indexes = [
            models.Index(fields=["-published_at", "-id"], name="article_newest_idx"),
            models.Index(fields=["status", "-published_at"], name="article_status_date_idx"),
            models.Index(fields=["section", "-published_at"], name="article_section_date_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "withdrawn"]) | Q(published_at__isnull=False),
                name="article_public_needs_publish_time",
                violation_error_message="A published or scheduled story needs a publish time.",
            ),
        ]
        permissions = [
            ("publish_article", "Can publish, schedule and withdraw stories"),
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        previous_slug = None
        if self.pk is not None and not self._state.adding:
            previous_slug = (
                type(self)._base_manager.filter(pk=self.pk).values_list("slug", flat=True).first()
            )
        super().save(*args, **kwargs)
        if previous_slug == self.slug:
            return
        # A slug in use by a story is no longer anyone's alias...
        ArticleAlias.objects.filter(slug=self.slug).delete()
        if previous_slug:
            # ...and readers' bookmarks of the old slug keep working: it redirects here.
            ArticleAlias.objects.update_or_create(slug=previous_slug, defaults={"article": self})

    def get_absolute_url(self):
        day = timezone.localdate(self.published_at) if self.published_at else timezone.localdate()
        return reverse(
            "public:story",
            kwargs={
                "year": day.year,
                "month": f"{day.month:02d}",
                "day": f"{day.day:02d}",
                "slug": self.slug,
            },
        )

    def paragraphs(self):
        return paragraphs(self.body)

    @property
    def is_public(self):
        """The row-level form of ``published()``: readers may read it now."""
        return (
            self.status in PUBLIC_STATUSES
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )


class ArticleAlias(models.Model):
    """A slug a story was once published under; its old URLs redirect to the current one."""

    slug = models.SlugField(max_length=200, unique=True)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="aliases")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "article aliases"

    def __str__(self):
        return f"{self.slug} → {self.article.slug}"


class Byline(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="byline_entries")
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,  # deleting a reporter would strip their stories' credits
        related_name="byline_entries",
    )
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["article", "position"]
        constraints = [
            models.UniqueConstraint(fields=["article", "person"], name="byline_unique_person")
        ]

    def __str__(self):
        return str(self.person)

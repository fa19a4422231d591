"""A change to a public story's copy by someone who may not publish, kept for an editor.

The live story (``Article``) is what readers see; a pending ``ArticleRevision`` holds the
proposed values of the fields readers see until an editor publishes it (the values go to the
story through its normal save) or rejects it. ``articles.revisions`` holds the workflow.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

# The story's own fields that readers see: the page, its address, the API and feeds.
REVIEWED_FIELDS = ("headline", "slug", "dek", "body", "section", "publication")


class RevisionQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=ArticleRevision.Status.PENDING)


class ArticleRevision(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for an editor"
        PUBLISHED = "published", "Published"
        REJECTED = "rejected", "Rejected"
        WITHDRAWN = "withdrawn", "Withdrawn by its author"

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="revisions"
    )
    # The proposed values of every reviewed field; ``changed_fields`` names those that
    # differed from the live story when proposed, and only those are applied on publishing.
    headline = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200)
    dek = models.TextField("summary (dek)", blank=True)
    body = models.TextField(blank=True)
    section = models.ForeignKey(
        "articles.Section", on_delete=models.PROTECT, related_name="proposed_revisions"
    )
    publication = models.ForeignKey(
        "people.Organization", on_delete=models.PROTECT, related_name="proposed_revisions"
    )
    changed_fields = models.JSONField(default=list)
    base_version = models.PositiveIntegerField(
        help_text="The story's version when this was proposed; another version since means "
        "the live story changed after the proposal."
    )
    status = models.CharField(max_length=20, choices=Status, default=Status.PENDING)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="proposed_revisions"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decided_revisions",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True, help_text="Why it was rejected, for its author.")

    objects = RevisionQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = "story revision"
        constraints = [
            # A second edit by the same person replaces their pending revision.
            models.UniqueConstraint(
                fields=["article", "author"],
                condition=Q(status="pending"),
                name="revision_one_pending_per_author",
                violation_error_message="You already have a revision of this story waiting.",
            ),
            models.CheckConstraint(
                condition=Q(status="pending", decided_at__isnull=True)
                | (~Q(status="pending") & Q(decided_at__isnull=False)),
                name="revision_decided_has_time",
                violation_error_message="A decided revision needs the time it was decided.",
            ),
        ]
        indexes = [models.Index(fields=["status", "-created"], name="revision_status_idx")]

    def __str__(self):
        return f"Revision #{self.pk} of “{self.article}” by {self.author}"

    @property
    def is_pending(self):
        return self.status == self.Status.PENDING

    @property
    def is_stale(self):
        """The live story was saved after this was proposed (by anyone, for any reason)."""
        return self.article.version != self.base_version

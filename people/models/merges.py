from django.conf import settings
from django.db import models
from django.db.models import Q


class MergedRecord(models.Model):
    """A duplicate person or organization merged into the record kept.

    The duplicate itself is gone (everything that referred to it now refers to the record
    kept); this row keeps its old address, so that address redirects, and says who merged
    what, when, and what moved.
    """

    person = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,  # the old address means nothing once the record kept is gone
        null=True,
        blank=True,
        related_name="merged_records",
    )
    organization = models.ForeignKey(
        "people.Organization",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="merged_records",
    )
    slug = models.SlugField(max_length=200, help_text="The merged record's old address.")
    name = models.CharField(max_length=200, help_text="The merged record's name.")
    merged_id = models.PositiveBigIntegerField(help_text="The merged record's old id.")
    merged_at = models.DateTimeField(auto_now_add=True)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,  # the record of the merge outlives the account
        null=True,
        blank=True,
        related_name="+",
    )
    moved = models.TextField(blank=True, help_text="What moved to the record kept.")

    class Meta:
        ordering = ["-merged_at"]
        verbose_name = "merged record"
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, organization__isnull=True)
                | Q(person__isnull=True, organization__isnull=False),
                name="mergedrecord_exactly_one_kept",
            ),
            models.UniqueConstraint(
                fields=["slug"],
                condition=Q(person__isnull=False),
                name="mergedrecord_unique_person_slug",
            ),
            models.UniqueConstraint(
                fields=["slug"],
                condition=Q(organization__isnull=False),
                name="mergedrecord_unique_organization_slug",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.slug}) → {self.person or self.organization}"

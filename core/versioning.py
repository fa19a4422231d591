"""Optimistic locking: a save based on a stale copy is refused instead of overwriting."""

from django.db import models
from django.db.models import F


class StaleVersionError(Exception):
    """Someone else saved this record after the copy being saved was read."""


class VersionedModel(models.Model):
    version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text="Goes up by one on every save; a save from an older copy is refused.",
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            # The compare-and-increment is one UPDATE, so two concurrent saves cannot both win.
            claimed = (
                type(self)
                ._base_manager.filter(pk=self.pk, version=self.version)
                .update(version=F("version") + 1)
            )
            if not claimed:
                raise StaleVersionError(
                    f"{self._meta.verbose_name} {self.pk} changed since it was read."
                )
            self.version += 1
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "version"}
        super().save(*args, **kwargs)

"""Counts the database keeps: stories per publication day, section and status; stories per
person, organization or race, month and status.

The rows are written by triggers on ``articles_article`` (``articles.tallies``), never by
Python, so every write path (the admin, imports, bulk loads, raw SQL) keeps them exact.
"""

import datetime as dt

from django.db import models

NO_DAY = dt.date(1, 1, 1)  # the day of stories without a publish time (drafts)


class StoryTally(models.Model):
    day = models.DateField(help_text="Publication day in the newsroom's time zone.")
    section = models.ForeignKey(
        "articles.Section", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    status = models.CharField(max_length=20)
    stories = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "section", "status"], name="storytally_unique_cell"
            )
        ]

    def __str__(self):
        return f"{self.day} {self.section_id} {self.status}: {self.stories}"


class CoverageTally(models.Model):
    """Stories mentioning one person, organization or race, per publication month (the first
    day of the month in the newsroom's time zone; ``NO_DAY`` without a publish time) and
    status. Written by triggers on ``articles_mention`` (``articles.tallies``)."""

    kind = models.CharField(max_length=12, help_text='"person", "organization" or "race".')
    target_id = models.BigIntegerField()
    month = models.DateField()
    status = models.CharField(max_length=20)
    stories = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "target_id", "month", "status"], name="coveragetally_unique_cell"
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.target_id} {self.month} {self.status}: {self.stories}"

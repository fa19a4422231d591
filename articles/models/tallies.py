"""Counts the database keeps: stories per publication day, section and status.

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

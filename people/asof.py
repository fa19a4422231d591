"""A race as it stood at the end of a day: the one object every as-of page reads.

The rule (docs/architecture.md, "As of a day"): on day D a page shows only what was known
by the end of D in the newsroom's time zone. Each kind of fact answers that through its
queryset's ``known_by(day)``; this object puts them together for one race, including the
outcome (known from ``Race.decided_on`` or a final or certified count reported by then) and
the endorsements in force (an undated one counts only from its latest possible day).
``day=None`` means "everything known now".
"""

from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Prefetch

from .models import (
    Candidacy,
    Contribution,
    Endorsement,
    FundraisingTotal,
    Margin,
    Poll,
    PollResult,
    Race,
    ResultLine,
    ResultSnapshot,
)


@dataclass
class Standing:
    """One candidate on the day: the outcome if known by then, endorsements in force, and
    those reported later whose date is not exact (counted as unknown, not absent)."""

    candidacy: Candidacy
    outcome: str  # "" while the outcome was not known by then
    in_force: list = field(default_factory=list)
    reported_later_undated: list = field(default_factory=list)


class RaceOnDay:
    def __init__(self, race: Race, day=None):
        self.race = race
        self.day = day

    def _known(self, queryset):
        return queryset if self.day is None else queryset.known_by(self.day)

    @cached_property
    def candidacies(self):
        return list(
            self.race.candidacies.select_related("person", "source_article").order_by(
                "-is_incumbent", "person__sort_name"
            )
        )

    @cached_property
    def snapshots(self):
        """Counts reported by then, oldest first, lines and candidates loaded."""
        lines = ResultLine.objects.select_related("candidacy__person")
        return list(
            self._known(ResultSnapshot.objects.filter(race=self.race))
            .select_related("source_article")
            .prefetch_related(Prefetch("lines", queryset=lines))
            .order_by("as_of")
        )

    @property
    def latest_snapshot(self):
        return self.snapshots[-1] if self.snapshots else None

    @cached_property
    def outcome_known(self):
        return self.race.outcome_known_by(self.day, self.latest_snapshot)

    @cached_property
    def margins(self):
        """Leads in the count as reported by then (a story's "ahead by 12,000 votes"), in the
        order reported."""
        return list(
            self._known(Margin.objects.filter(race=self.race))
            .for_display()
            .order_by("reported_on", "pk")
        )

    @cached_property
    def polls(self):
        results = PollResult.objects.select_related("candidacy__person")
        return list(
            self._known(Poll.objects.filter(race=self.race))
            .select_related("pollster", "leader__person", "source_article")
            .prefetch_related("sponsors", Prefetch("results", queryset=results))
            .order_by("released_on")
        )

    @cached_property
    def _all_endorsements(self):
        """Every endorsement of the race, from one query, each marked with ``known_on``
        (the Python twin of ``EndorsementQuerySet.known_by``)."""
        rows = list(
            Endorsement.objects.filter(candidacy__race=self.race)
            .for_display()
            .order_by("announced_on")
        )
        return [(row, self.day is None or row.known_on(self.day)) for row in rows]

    @property
    def endorsements(self):
        """The timeline: endorsements announced by then; a withdrawal after the day is not
        there (``shown_withdrawn_on``)."""
        return [row for row, known in self._all_endorsements if known]

    @property
    def reported_later(self):
        """Endorsements of this race not known by the day (empty for "now")."""
        return [row for row, known in self._all_endorsements if not known]

    @cached_property
    def standing(self):
        rows = {
            c.pk: Standing(c, c.get_outcome_display() if self.outcome_known else "")
            for c in self.candidacies
        }
        for endorsement in self.endorsements:
            if endorsement.shown_withdrawn_on is None and endorsement.candidacy_id in rows:
                rows[endorsement.candidacy_id].in_force.append(endorsement)
        for endorsement in self.reported_later:
            if endorsement.is_undated and endorsement.candidacy_id in rows:
                rows[endorsement.candidacy_id].reported_later_undated.append(endorsement)
        return list(rows.values())

    @cached_property
    def totals(self):
        return list(
            self._known(FundraisingTotal.objects.filter(race=self.race))
            .select_related("candidacy__person", "source_article")
            .order_by("as_of")
        )

    @cached_property
    def contributions(self):
        return list(
            self._known(Contribution.objects.filter(recipient_candidacy__race=self.race))
            .select_related(
                "contributor_person",
                "contributor_organization",
                "recipient_candidacy__person",
                "source_article",
            )
            .order_by("-amount")
        )

from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.dates import (
    DatePrecision,
    TimePrecision,
    between_constraint,
    certainly_by,
    describe,
    describe_moment,
    earliest_field,
    end_of_day,
    moment_day,
    moment_iso,
)
from core.numbers import ShareAsGivenMixin, grouped
from core.validation import FieldMessagesMixin
from core.versioning import VersionedModel

from .base import Sourced, SourcedQuerySet, check_same_race, related_or_none, source_out_by

NOT_LOADED = object()


class Election(VersionedModel):
    class Kind(models.TextChoices):
        PRIMARY = "primary", "Primary"
        GENERAL = "general", "General"
        RECALL = "recall", "Recall"
        SPECIAL = "special", "Special"

    name = models.CharField(max_length=200, help_text='e.g. "California primary, March 3, 2020".')
    slug = models.SlugField(max_length=200, unique=True)
    date = models.DateField(help_text="Election day.")
    kind = models.CharField(max_length=20, choices=Kind)
    jurisdiction = models.CharField(max_length=200, help_text='e.g. "California".')

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["date", "kind", "jurisdiction"], name="election_unique_day_kind"
            ),
        ]

    def __str__(self):
        return self.name


class Race(VersionedModel):
    """One contest: an election for one office ("2024 LA County DA general")."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200, unique=True, help_text="The race's address on the site."
    )
    election = models.ForeignKey(
        Election,
        on_delete=models.PROTECT,  # races, results and coverage hang off the election
        related_name="races",
    )
    office = models.ForeignKey(
        "people.Office",
        on_delete=models.PROTECT,  # the office's history lists its races
        related_name="races",
    )
    is_nonpartisan = models.BooleanField(
        default=True, help_text="Candidates appear without party labels (as for county DA)."
    )
    summary = models.TextField(blank=True, help_text="A short note for editors and readers.")
    decided_on = models.DateField(
        "outcome known on",
        null=True,
        blank=True,
        help_text="The day the outcome was known (called on election night, or a concession), "
        "if a source says so. Empty: the outcome counts as known from the first final or "
        "certified count; as-of pages show no outcome before then.",
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-election__date", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "office"], name="race_unique_office_per_election"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("public:race", kwargs={"slug": self.slug})

    @property
    def date(self):
        return self.election.date

    def outcome_known_by(self, day, latest_snapshot=NOT_LOADED):
        """Whether the outcome was known by the end of ``day`` (None: now). ``latest_snapshot``
        is the latest count reported by then (None if none), when the caller has it."""
        if day is None:
            return True
        if self.decided_on is not None and self.decided_on <= day:
            return True
        if latest_snapshot is NOT_LOADED:
            latest_snapshot = ResultSnapshot.objects.filter(race=self).known_by(day).last()
        return latest_snapshot is not None and latest_snapshot.is_final


class Candidacy(Sourced):
    class Status(models.TextChoices):
        DECLARED = "declared", "Declared"
        FILED = "filed", "Filed"
        QUALIFIED = "qualified", "Qualified for the ballot"
        WITHDRAWN = "withdrawn", "Withdrawn"

    class Outcome(models.TextChoices):
        PENDING = "pending", "Not yet decided"
        WON = "won", "Won"
        LOST = "lost", "Lost"
        RUNOFF = "runoff", "Advanced to runoff"

    race = models.ForeignKey(
        Race, on_delete=models.CASCADE, related_name="candidacies"
    )  # part of the race
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,  # a person's candidacies are part of the record
        related_name="candidacies",
    )
    is_incumbent = models.BooleanField("incumbent", default=False)
    ballot_designation = models.CharField(
        max_length=200,
        blank=True,
        help_text='As printed on the ballot, e.g. "Los Angeles County District Attorney".',
    )
    party = models.ForeignKey(
        "people.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="candidacies",
        limit_choices_to={"kind": "party"},
        help_text="Leave empty in nonpartisan races.",
    )
    status = models.CharField(max_length=20, choices=Status, default=Status.QUALIFIED)
    outcome = models.CharField(max_length=20, choices=Outcome, default=Outcome.PENDING)
    note = models.CharField(max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["race", "person__sort_name"]
        verbose_name_plural = "candidacies"
        constraints = [
            models.UniqueConstraint(
                fields=["race", "person"], name="candidacy_unique_person_per_race"
            ),
        ]

    def __str__(self):
        return f"{self.person} in {self.race}"


class ResultSnapshotQuerySet(SourcedQuerySet):
    def known_by(self, day):
        """Counts reported by the end of ``day`` in the newsroom's time zone. A count reported
        without a time is stored at the last instant of its day: known by that day's end."""
        return self.filter(as_of__lt=end_of_day(day))

    def latest_for(self, race, as_of=None):
        """The most recent count of ``race`` reported by ``as_of`` (a datetime), or None."""
        snapshots = self.filter(race=race)
        if as_of is not None:
            snapshots = snapshots.filter(as_of__lte=as_of)
        return snapshots.order_by("-as_of").prefetch_related("lines__candidacy__person").first()

    def certified_for(self, race):
        """The certified count of ``race``, or None while it is not certified."""
        return (
            self.filter(race=race, status=ResultSnapshot.Status.CERTIFIED)
            .order_by("-as_of")
            .prefetch_related("lines__candidacy__person")
            .first()
        )


class ResultSnapshot(FieldMessagesMixin, Sourced):
    """One reported count. A later count is a new snapshot: earlier ones are never overwritten."""

    field_messages = {
        "resultsnapshot_one_certified": (
            "status",
            "This race already has a certified count. Mark this one as another status, or change the other first.",
        ),
        "resultsnapshot_unique_time": (
            "as_of",
            "This race already has a count reported at this time (or, for a count without a "
            "time, on this day). Give each count of the same day its time.",
        ),
    }

    class Status(models.TextChoices):
        EARLY = "early", "Early returns"
        UPDATE = "update", "Updated count"
        SEMI_OFFICIAL = "semi_official", "Semi-official"
        FINAL = "final", "Final (certification not confirmed)"
        CERTIFIED = "certified", "Certified"

    race = models.ForeignKey(
        Race,
        on_delete=models.PROTECT,  # counts are historical record; remove them deliberately first
        related_name="snapshots",
    )
    as_of = models.DateTimeField(
        help_text="When this count was reported. Leave the time empty when the source gives "
        "only the day: it is then stored as the day's last moment and shown without a time."
    )
    as_of_precision = models.CharField(
        "time precision",
        max_length=20,
        choices=TimePrecision,
        default=TimePrecision.TIME,
        help_text="Whether the time of the count is known.",
    )
    status = models.CharField(max_length=20, choices=Status)
    precincts_reporting = models.CharField(
        max_length=100, blank=True, help_text="As reported, if given."
    )
    note = models.CharField(max_length=300, blank=True)

    objects = ResultSnapshotQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["race", "as_of"]
        get_latest_by = "as_of"
        constraints = [
            models.UniqueConstraint(fields=["race", "as_of"], name="resultsnapshot_unique_time"),
            models.UniqueConstraint(
                fields=["race"],
                condition=Q(status="certified"),
                name="resultsnapshot_one_certified",
            ),
        ]

    @property
    def is_final(self):
        """A count that settles the outcome: final or certified."""
        return self.status in {self.Status.FINAL, self.Status.CERTIFIED}

    @property
    def time_known(self):
        return self.as_of_precision == TimePrecision.TIME

    @property
    def reported_on(self):
        """The day (newsroom time zone) the count was reported."""
        return moment_day(self.as_of) if self.as_of else None

    @property
    def as_of_text(self):
        """ "November 4, 2020, 9:00 p.m. PST", or "November 4, 2020, time not reported"."""
        return describe_moment(self.as_of, self.as_of_precision)

    @property
    def as_of_iso(self):
        return moment_iso(self.as_of, self.as_of_precision)

    def __str__(self):
        # In the newsroom's time zone: a count at 11 p.m. on 3 March is not "4 March".
        when = describe_moment(self.as_of, self.as_of_precision, "Y-m-d H:i T")
        return f"{self.race}: {self.get_status_display()} ({when})"


class ResultLine(FieldMessagesMixin, ShareAsGivenMixin, models.Model):
    field_messages = {
        "resultline_percent_0_100": ("percent", "Enter a share between 0 and 100."),
        "resultline_has_a_figure": ("votes", "Enter the votes, the share, or both."),
        "resultline_unique_candidacy": (
            "candidacy",
            "This candidate already has a line in this count.",
        ),
    }

    snapshot = models.ForeignKey(
        ResultSnapshot, on_delete=models.CASCADE, related_name="lines"
    )  # part of it
    candidacy = models.ForeignKey(Candidacy, on_delete=models.PROTECT, related_name="result_lines")
    votes = models.PositiveIntegerField(
        null=True, blank=True, help_text="Leave empty if only a share was reported."
    )
    percent = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Share of the vote, 0 to 100.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["snapshot", "-votes", "-percent"]
        constraints = [
            models.UniqueConstraint(
                fields=["snapshot", "candidacy"], name="resultline_unique_candidacy"
            ),
            models.CheckConstraint(condition=Q(votes__gte=0), name="resultline_votes_not_negative"),
            models.CheckConstraint(
                condition=Q(percent__gte=0, percent__lte=100), name="resultline_percent_0_100"
            ),
            models.CheckConstraint(
                condition=Q(votes__isnull=False) | Q(percent__isnull=False),
                name="resultline_has_a_figure",
            ),
        ]

    def __str__(self):
        figures = [f"{grouped(self.votes)} votes" if self.votes is not None else "",
                   f"{self.percent}%" if self.percent is not None else ""]  # fmt: skip
        return f"{self.candidacy.person}: {', '.join(f for f in figures if f)}"

    def clean(self):
        super().clean()
        snapshot = related_or_none(self, "snapshot")
        check_same_race(
            snapshot.race_id if snapshot else None,
            related_or_none(self, "candidacy"),
            "candidacy",
            "count",
        )


class MarginQuerySet(SourcedQuerySet):
    def known_by(self, day):
        """Margins reported by the end of ``day`` (a date known only to the month counts from
        its last day) whose source story, if any, had come out by then."""
        return self.filter(
            certainly_by("reported_on", "reported_precision", day), source_out_by(day)
        )

    def for_display(self):
        """With the candidates and the source story loaded for lists."""
        return self.select_related("leader__person", "trailer__person", "source_article")


class Margin(FieldMessagesMixin, Sourced):
    """A lead in the count as a source reported it ("Hochman led Gascón by 12,000 votes"),
    on its own: no count's lines are derived from it, and it derives from none."""

    field_messages = {
        "margin_votes_or_points": ("votes", "Enter the margin in votes or in points, not both."),
        "margin_votes_positive": ("votes", "Enter a margin of at least one vote."),
        "margin_points_0_100": ("points", "Enter a margin above 0 and at most 100 points."),
        "margin_leader_not_trailer": (
            "trailer",
            "The one behind cannot be the one ahead. Choose another candidate, or leave it "
            "empty if the source names nobody behind.",
        ),
        "margin_unique_votes_day": (
            "votes",
            "This race already has a margin in votes for this candidate reported on this day. "
            "Open that one, or check the day.",
        ),
        "margin_unique_points_day": (
            "points",
            "This race already has a margin in points for this candidate reported on this day. "
            "Open that one, or check the day.",
        ),
    }

    class Unit(models.TextChoices):
        VOTES = "votes", "votes"
        POINTS = "points", "percentage points"

    race = models.ForeignKey(
        Race,
        on_delete=models.PROTECT,  # margins are part of the race's record, like its counts
        related_name="margins",
    )
    leader = models.ForeignKey(
        Candidacy,
        on_delete=models.PROTECT,  # a reported lead needs the one who led
        related_name="margins_led",
        verbose_name="ahead",
        help_text="The candidate who was ahead.",
    )
    trailer = models.ForeignKey(
        Candidacy,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="margins_trailed",
        verbose_name="behind",
        help_text="The candidate behind, only if the source names one.",
    )
    votes = models.PositiveIntegerField(
        null=True, blank=True, help_text="The lead in votes, as reported; or…"
    )
    points = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="…the lead in percentage points of the count (not a poll's: enter that on "
        "the poll).",
    )
    reported_on = models.DateField(
        "as reported on",
        help_text="The day the source reported the margin (a story's day of publication). "
        "The source gives the margin, not the time of the count it comes from.",
    )
    reported_precision = models.CharField(
        max_length=20, choices=DatePrecision, default=DatePrecision.DAY
    )
    reported_earliest = earliest_field()
    note = models.CharField(max_length=300, blank=True)

    objects = MarginQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["race", "reported_on"]
        indexes = [models.Index(fields=["race", "reported_on"], name="margin_race_reported_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(votes__isnull=False, points__isnull=True)
                | Q(votes__isnull=True, points__isnull=False),
                name="margin_votes_or_points",
                violation_error_message="Enter the margin in votes or in points, not both.",
            ),
            models.CheckConstraint(condition=Q(votes__gte=1), name="margin_votes_positive"),
            models.CheckConstraint(
                condition=Q(points__gt=0, points__lte=100), name="margin_points_0_100"
            ),
            models.CheckConstraint(
                condition=Q(trailer__isnull=True) | ~Q(trailer=models.F("leader")),
                name="margin_leader_not_trailer",
            ),
            between_constraint("margin_reported_between", "reported_on"),
            models.UniqueConstraint(
                fields=["race", "leader", "reported_on"],
                condition=Q(votes__isnull=False),
                name="margin_unique_votes_day",
            ),
            models.UniqueConstraint(
                fields=["race", "leader", "reported_on"],
                condition=Q(points__isnull=False),
                name="margin_unique_points_day",
            ),
        ]

    def __str__(self):
        behind = f" of {self.trailer.person}" if self.trailer_id else ""
        return f"{self.leader.person} ahead{behind} by {self.value_text} ({self.reported_text})"

    def get_absolute_url(self):
        return reverse("public:race", kwargs={"slug": self.race.slug})

    def clean(self):
        super().clean()
        for field in ("leader", "trailer"):
            check_same_race(self.race_id, related_or_none(self, field), field, "margin")

    @property
    def unit(self):
        return self.Unit.VOTES if self.votes is not None else self.Unit.POINTS

    @property
    def value(self):
        return self.votes if self.votes is not None else self.points

    @property
    def value_text(self):
        """ "12,000 votes", "1 vote", "3.5 points"."""
        if self.votes is not None:
            return f"{grouped(self.votes)} vote{'' if self.votes == 1 else 's'}"
        if self.points is None:
            return ""
        return f"{self.points.normalize():f} point{'' if self.points == 1 else 's'}"

    @property
    def reported_text(self):
        """ "on October 1, 2024", "by October 1, 2024", "in October 2024", "between …"."""
        text = describe(self.reported_on, self.reported_precision, self.reported_earliest)
        if self.reported_precision == DatePrecision.DAY:
            return f"on {text}"
        if self.reported_precision in (DatePrecision.MONTH, DatePrecision.YEAR):
            return f"in {text}"
        return text

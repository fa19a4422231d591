"""Small server-rendered SVG charts: readable without JavaScript, styled only through classes."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count
from django.db.models.functions import TruncMonth, TruncWeek, TruncYear
from django.utils import timezone
from django.utils.html import format_html, format_html_join

WIDTH, HEIGHT = 720, 220
LEFT, RIGHT, TOP, BOTTOM = 40, 10, 14, 40
SPAN_W, SPAN_H = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM


@dataclass
class Bucket:
    start: dt.date
    count: int
    label: str


@dataclass
class Marker:
    day: dt.date
    label: str


@dataclass
class CoverageChart:
    period: str  # "week", "month" or "year"
    buckets: list = field(default_factory=list)
    markers: list = field(default_factory=list)

    @property
    def total(self):
        return sum(b.count for b in self.buckets)

    def svg(self, title_id="coverage-chart-title", title="Stories over time"):
        if not self.buckets:
            return ""
        peak = max(b.count for b in self.buckets) or 1
        slot = SPAN_W / len(self.buckets)
        return _frame(
            title_id,
            f"{title}: {self.total} stories, per {self.period}",
            "coverage",
            peak,
            WIDTH - RIGHT,
            self._bars(slot, peak),
            self._labels(slot),
            self._markers(),
        )

    def _bars(self, slot, peak):
        bar_w = min(max(slot * 0.8, 1), 48)
        bars = []
        for i, bucket in enumerate(self.buckets):
            h = SPAN_H * bucket.count / peak
            x = LEFT + i * slot + (slot - bar_w) / 2
            bars.append(
                (
                    f"{x:.1f}",
                    f"{TOP + SPAN_H - h:.1f}",
                    f"{bar_w:.1f}",
                    f"{h:.1f}",
                    bucket.label,
                    bucket.count,
                )
            )
        return format_html_join(
            "",
            '<rect class="bar" x="{}" y="{}" width="{}" height="{}"><title>{}: {}</title></rect>',
            bars,
        )

    def _labels(self, slot):
        """About eight period labels under the bars, whatever the number of bars."""
        every = max(1, len(self.buckets) // 8)
        # In a group of their own: on a phone the site's CSS shows every other one, larger.
        return format_html(
            '<g class="ticks">{}</g>',
            format_html_join(
                "",
                '<text x="{}" y="{}" text-anchor="middle">{}</text>',
                (
                    (f"{LEFT + i * slot + slot / 2:.1f}", HEIGHT - BOTTOM + 16, b.label)
                    for i, b in enumerate(self.buckets)
                    if i % every == 0
                ),
            ),
        )

    def _markers(self):
        """A triangle under each election day within the chart's span, named in its title."""
        first, last = self.buckets[0].start, next_start(self.buckets[-1].start, self.period)
        days = max((last - first).days, 1)

        def x_of(day):
            return LEFT + SPAN_W * (day - first).days / days

        return format_html_join(
            "",
            '<g class="election"><line class="election" x1="{0}" x2="{0}" y1="{1}" y2="{2}"></line>'
            '<text x="{0}" y="{3}" text-anchor="middle">{4}</text><title>{5}</title></g>',
            (
                (
                    f"{x_of(m.day):.1f}",
                    TOP,
                    TOP + SPAN_H,
                    HEIGHT - 6,
                    "▲",
                    f"{m.label}, {m.day:%b %-d, %Y}",
                )
                for m in self.markers
                if first <= m.day < last
            ),
        )


def _frame(title_id, title, kind, top_label, axis_right, *body):
    """The chart's frame: its accessible title, the base line, the top and zero labels.
    ``kind`` is the svg's class (the site's CSS sizes each kind's text for a phone)."""
    return format_html(
        '<svg class="{kind}" viewBox="0 0 {w} {h}" role="img" aria-labelledby="{tid}"'
        ' focusable="false">'
        '<title id="{tid}">{title}</title>'
        '<line class="axis" x1="{l}" x2="{r}" y1="{base}" y2="{base}"></line>'
        '<text x="{lx}" y="{ty}" text-anchor="end">{top}</text>'
        '<text x="{lx}" y="{base}" text-anchor="end">0</text>'
        "{body}</svg>",
        kind=kind,
        w=WIDTH,
        h=HEIGHT,
        tid=title_id,
        title=title,
        l=LEFT,
        r=axis_right,
        base=TOP + SPAN_H,
        lx=LEFT - 6,
        ty=TOP + 8,
        top=top_label,
        body=format_html_join("", "{}", ((part,) for part in body)),
    )


def _series(n, coords, label_at, name):
    """One line of a line chart, a dot at each point, and its name at ``label_at``."""
    return format_html(
        '<g class="series-{n}"><polyline class="line series-{n}" points="{path}"></polyline>'
        '{dots}<text x="{x}" y="{y}">{name}</text></g>',
        n=n % 4,
        path=" ".join(f"{x:.1f},{y:.1f}" for x, y in coords),
        dots=format_html_join(
            "",
            '<circle cx="{}" cy="{}" r="3.5"></circle>',
            ((f"{x:.1f}", f"{y:.1f}") for x, y in coords),
        ),
        x=label_at[0],
        y=label_at[1],
        name=name,
    )


TRUNC = {"week": TruncWeek, "month": TruncMonth, "year": TruncYear}
LABEL = {"week": "%b %-d, %Y", "month": "%b %Y", "year": "%Y"}


def choose_period(first, last):
    """Weeks for a short range, years for a very long one, months otherwise."""
    if first is None or last is None:
        return "month"
    days = (last - first).days
    if days < 92:
        return "week"
    if days > 6 * 366:
        return "year"
    return "month"


def period_start(day, period):
    if period == "year":
        return day.replace(month=1, day=1)
    if period == "month":
        return day.replace(day=1)
    return day - dt.timedelta(days=day.weekday())


def next_start(day, period):
    if period == "year":
        return day.replace(year=day.year + 1)
    if period == "month":
        return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return day + dt.timedelta(days=7)


def coverage_chart(articles, first=None, last=None, markers=()):
    """Stories per week, month or year in one grouped query, with empty periods filled in."""
    period = choose_period(first, last)
    rows = (
        articles.order_by()
        .annotate(bucket=TRUNC[period]("published_at"))
        .values("bucket")
        .annotate(n=Count("id", distinct=True))
        .order_by("bucket")
    )
    counts = {}
    for row in rows:
        if row["bucket"] is None:
            continue
        day = row["bucket"]
        if isinstance(day, dt.datetime):
            day = timezone.localtime(day).date() if timezone.is_aware(day) else day.date()
        counts[period_start(day, period)] = row["n"]
    return _chart(period, counts, first, last, markers)


def chart_from_days(per_day, first=None, last=None, markers=()):
    """The same chart from stories counted per day already (``{date: stories}``)."""
    period = choose_period(first, last)
    counts = {}
    for day, n in per_day.items():
        if (first is None or day >= first) and (last is None or day <= last):
            start = period_start(day, period)
            counts[start] = counts.get(start, 0) + n
    return _chart(period, counts, first, last, markers)


def chart_from_months(per_month, first, last, markers=()):
    """The same chart from stories counted per month (``{first day of month: stories}``), for
    a span long enough to be drawn by month or year (``choose_period``)."""
    period = choose_period(first, last)
    if period == "week":
        raise ValueError("A span drawn by week needs stories counted per day.")
    counts = {}
    for month, n in per_month.items():
        start = period_start(month, period)
        counts[start] = counts.get(start, 0) + n
    return _chart(period, counts, first, last, markers)


def _chart(period, counts, first, last, markers):
    if not counts:
        return CoverageChart(period)
    start = period_start(first, period) if first else min(counts)
    end = period_start(last, period) if last else max(counts)
    start, end = min(start, min(counts)), max(end, max(counts))
    buckets, day = [], start
    while day <= end and len(buckets) < 520:
        buckets.append(Bucket(day, counts.get(day, 0), day.strftime(LABEL[period])))
        day = next_start(day, period)
    return CoverageChart(period, buckets, list(markers))


def _poll_series(polls):
    """{name: [(day, share)]} across polls; where only leads were reported, the lead."""
    series, lead_points = {}, []
    for poll in polls:
        results = [r for r in poll.results.all() if r.candidacy_id]
        for r in results:
            series.setdefault(r.candidacy.person.name, []).append(
                (poll.released_on, float(r.percent))
            )
        if not results and poll.leader_id and poll.lead is not None:
            lead_points.append((poll.released_on, float(poll.lead)))
    if not series and lead_points:
        name = polls[0].leader.person.name if polls and polls[0].leader_id else "Leader"
        series = {f"{name}'s lead (points)": lead_points}
    return series


def poll_trend_svg(polls, title_id="poll-trend-title"):
    """Each candidate's share across polls as a line; where only leads were reported, the lead."""
    series = _poll_series(polls)
    points = [p for values in series.values() for p in values]
    if len(points) < 2:
        return ""
    days = [d for d, _ in points]
    first, last = min(days), max(days)
    span = max((last - first).days, 1)
    top = max(100.0, max(v for _, v in points)) if any(v > 60 for _, v in points) else 60.0

    def xy(day, value):
        return (LEFT + SPAN_W * (day - first).days / span, TOP + SPAN_H * (1 - value / top))

    lines = [
        _series(i, [xy(d, v) for d, v in sorted(values)], (LEFT + 8, TOP + 14 + 16 * i), name)
        for i, (name, values) in enumerate(series.items())
    ]
    ticks = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="middle">{}</text>',
        (
            (f"{xy(d, 0)[0]:.1f}", HEIGHT - BOTTOM + 16, d.strftime("%b %-d"))
            for d in sorted(set(days))
        ),
    )
    return _frame(
        title_id, "Poll results over time", "trend", int(top), LEFT + SPAN_W, *lines, ticks
    )


def _count_ticks(snapshots, x_of):
    """A date under each count; "Certified" (a line lower) under the certified one."""
    return format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="middle">{}</text>',
        (
            (
                f"{x_of(i):.1f}",
                HEIGHT - BOTTOM + 16 + (14 if s.status == "certified" else 0),
                "Certified"
                if s.status == "certified"
                else timezone.localtime(s.as_of).strftime("%b %-d"),
            )
            for i, s in enumerate(snapshots)
        ),
    )


def _shares(snapshots):
    """{candidacy id: [(count index, share)]} and {candidacy id: name} over ``snapshots``."""
    series, names = {}, {}
    for i, snapshot in enumerate(snapshots):
        lines = list(snapshot.lines.all())
        total = sum(line.votes or 0 for line in lines)
        for line in lines:
            share = (
                float(line.percent)
                if line.percent is not None
                else (100 * line.votes / total if total else None)
            )
            if share is not None:
                series.setdefault(line.candidacy_id, []).append((i, share))
                names[line.candidacy_id] = line.candidacy.person.name
    return series, names


def results_over_time_svg(snapshots, title_id="results-trend-title"):
    """Each candidate's share in every count as reported, election night to certified.

    A line's share is the reported percentage, or its votes over the count's total when
    only votes were reported. The certified count, if any, is ringed and labelled.
    """
    snapshots = [s for s in snapshots if s.lines.all()]
    if not snapshots:
        return ""
    series, names = _shares(snapshots)
    top = 100.0 if any(v > 60 for values in series.values() for _, v in values) else 60.0
    span_w, span_h = WIDTH - LEFT - RIGHT - 60, HEIGHT - TOP - BOTTOM
    step = span_w / max(len(snapshots) - 1, 1)

    def xy(i, value):
        x = LEFT + (step * i if len(snapshots) > 1 else span_w / 2)
        return x, TOP + span_h * (1 - value / top)

    lines = []
    for n, (candidacy_id, values) in enumerate(series.items()):
        coords = [xy(i, v) for i, v in values]
        last_x, last_y = coords[-1]
        label_at = (f"{last_x + 6:.1f}", f"{last_y + 4:.1f}")
        lines.append(_series(n, coords, label_at, names[candidacy_id].split()[-1]))
    ticks = _count_ticks(snapshots, lambda i: xy(i, 0)[0])
    title = f"Share of the vote in each count as reported, {len(snapshots)} counts"
    return _frame(title_id, title, "trend", f"{int(top)}%", LEFT + span_w, *lines, ticks)

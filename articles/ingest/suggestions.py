"""Turning one analysis of a story's body into Suggestion rows for the review queue."""

import hashlib
from decimal import Decimal

from django.utils import timezone

from core.text import fold
from people.models import FundraisingTotal, Margin, Poll, ResultLine

from ..models import Suggestion
from .gazetteer import ORGANIZATION, PERSON
from .text import locate

MAX_SPANS = 100


def _place(analysis, start, end):
    doc = analysis.doc
    sentence = locate(doc.sentences, start)
    low, high = (sentence.start, sentence.end) if sentence else (start, end)
    return {
        "paragraph": doc.paragraph_of(start),
        "span_start": start,
        "span_end": end,
        "matched_text": doc.text[start:end],
        "sentence": doc.text[low:high],
        "sentence_offset": low,
    }


def _entities(analysis, quoted):
    gazetteer, grouped = analysis.gazetteer, {}
    for mention in analysis.mentions:
        # One suggestion per known entity, however it was named; newcomers by their name.
        named = fold(mention.name) if mention.entity is None else ""
        grouped.setdefault((mention.kind, mention.entity, named), []).append(mention)
    first_paragraph = analysis.doc.paragraphs[0].end if analysis.doc.paragraphs else 0
    for (kind, index, folded), mentions in grouped.items():
        first = mentions[0]
        if index is None:
            yield Suggestion(
                kind=Suggestion.Kind.NEW_PERSON, key=f"new_person:{folded}",
                payload={"name": first.name, "role": first.role}, **_place(analysis, first.start, first.end),
            )  # fmt: skip
            continue
        entity = gazetteer.entities[index]
        if index in quoted:
            role = "quoted"
        elif len(mentions) >= 3 or first.start < first_paragraph:
            role = "subject"
        else:
            role = "mentioned"
        yield Suggestion(
            kind=Suggestion.Kind.PERSON if kind == PERSON else Suggestion.Kind.ORGANIZATION,
            key=f"{kind}:{entity.slug}",
            person_id=entity.pk if kind == PERSON else None,
            organization_id=entity.pk if kind == ORGANIZATION else None,
            payload={
                "role": role,
                "count": len(mentions),
                "spans": [[m.start, m.end] for m in mentions[:MAX_SPANS]],
                "found_by": sorted({m.how for m in mentions}),
            },
            **_place(analysis, first.start, first.end),
        )


def _quotes(analysis):
    gazetteer = analysis.gazetteer
    for quote in analysis.quotes:
        speaker = gazetteer.entities[quote.speaker] if quote.speaker is not None else None
        who = speaker.slug if speaker else fold(quote.speaker_name)
        digest = hashlib.sha1(fold(quote.text).encode()).hexdigest()[:16]
        yield Suggestion(
            kind=Suggestion.Kind.QUOTE, key=f"quote:{who}:{digest}",
            person_id=speaker.pk if speaker else None,
            payload={"speaker": speaker.slug if speaker else None, "speaker_name": quote.speaker_name,
                     "text": quote.text},
            **_place(analysis, quote.start, quote.end),
        )  # fmt: skip


def figure_conflict(
    kind, value, candidacy, day, poll=False, pollster=None, unit=None, recorded=None
):
    """A different value already recorded for the same candidacy and day, with its source
    (for a margin in the count: one in the same unit, the candidacy as the one ahead).
    ``recorded`` (a ``Recorded``, read once for a bulk import) answers "nothing on record"
    without a query for a candidacy with no figure of that kind at all."""
    if candidacy is None or day is None:
        return ""
    if recorded is not None and not recorded.may_disagree(kind, candidacy, poll):
        return ""
    if kind in {"votes", "percent"}:
        lines = ResultLine.objects.filter(
            candidacy_id=candidacy, snapshot__as_of__date=day
        ).select_related("snapshot__source_article")
        for line in lines:
            recorded = line.votes if kind == "votes" else line.percent
            if (
                recorded is not None
                and str(recorded) != str(value)
                and float(recorded) != float(value)
            ):
                source = (
                    line.snapshot.source_article or line.snapshot.source_note or "no source given"
                )
                return f"Recorded: {recorded} {kind} (source: {source})."
    if kind == "margin" and poll and pollster:
        poll = (
            Poll.objects.filter(leader_id=candidacy, pollster_id=pollster, released_on=day)
            .exclude(lead=None)
            .first()
        )
        if poll and float(poll.lead) != float(value):
            source = poll.source_article or poll.source_note or "no source given"
            return f"Recorded: a lead of {poll.lead} points in {poll} (source: {source})."
    if kind == "margin" and not poll:
        margin = _recorded_margin(candidacy, day, unit)
        if margin and margin.value != Decimal(value):
            source = margin.source_article or margin.source_note or "no source given"
            return f"Recorded: a margin of {margin.value_text} (source: {source})."
    if kind == "money":
        total = FundraisingTotal.objects.filter(candidacy_id=candidacy, as_of=day).first()
        if total and float(total.amount) != float(value):
            source = total.source_article or total.source_note or "no source given"
            return f"Recorded: ${total.amount:,.0f} (source: {source})."
    return ""


def payload_conflict(payload, day, recorded=None):
    """``figure_conflict`` for a figure suggestion's payload."""
    return figure_conflict(
        payload["kind"], payload["value"], payload.get("candidacy"), day,
        payload.get("poll", False), payload.get("pollster"), payload.get("unit"), recorded,
    )  # fmt: skip


class Recorded:
    """The candidacies with figures on record, read once for a whole import (see
    ``figure_conflict``). Accepting a figure checks the record again, so one recorded in the
    meantime is still caught."""

    def __init__(self):
        self.results = set(ResultLine.objects.values_list("candidacy_id", flat=True).distinct())
        self.leads = set(
            Poll.objects.exclude(lead=None).values_list("leader_id", flat=True).distinct()
        )
        self.money = set(
            FundraisingTotal.objects.exclude(candidacy=None)
            .values_list("candidacy_id", flat=True)
            .distinct()
        )
        self.margins = set(Margin.objects.values_list("leader_id", flat=True).distinct())

    def may_disagree(self, kind, candidacy, poll=False):
        if kind in {"votes", "percent"}:
            return candidacy in self.results
        if kind == "margin":
            return candidacy in (self.leads if poll else self.margins)
        return kind == "money" and candidacy in self.money


def _recorded_margin(candidacy, day, unit):
    """The margin in ``unit`` on file for ``candidacy`` as the one ahead, reported that day."""
    if unit not in {"votes", "points"}:
        return None
    return (
        Margin.objects.filter(leader_id=candidacy, reported_on=day, **{f"{unit}__isnull": False})
        .select_related("source_article")
        .first()
    )


def fact_key(kind, candidacy, day, pollster=None, unit=None, poll=False):
    """What a figure is a value of: one candidacy's votes, share or money on one day, its
    lead in one pollster's poll released that day (the same poll), or its lead in the count
    in votes or in points as reported that day."""
    if candidacy is None or day is None:
        return None
    if kind == "margin" and poll:
        return f"poll-lead:{pollster}:{candidacy}:{day.isoformat()}" if pollster else None
    if kind == "margin":
        return (
            f"margin:{unit}:{candidacy}:{day.isoformat()}" if unit in {"votes", "points"} else None
        )
    if kind not in {"votes", "percent", "money"}:
        return None
    return f"{kind}:{candidacy}:{day.isoformat()}"


PENDING_MARK = "Another story waiting for review says"


def _shown(payload):
    kind, number = payload["kind"], Decimal(payload["value"])
    if kind == "money":
        return f"${number:,.0f}"
    if kind == "percent":
        return f"{number.normalize():f}%"
    if kind == "margin" and payload.get("unit") == "votes":
        return f"a lead of {number:,.0f} votes"
    if kind == "margin":
        return f"a lead of {number.normalize():f} points"
    return f"{number:,.0f} {kind}"


def flag_disagreements(facts, recheck=False):
    """Pending figures about one fact (``fact_key``) from different stories that disagree:
    each is flagged with the other values and their stories; nothing is written elsewhere.

    Run after an import for the facts it suggested (one query), and after a review of one of
    them (``recheck``: the values on record are compared again too, since an accepted
    figure is now one); a flag that no longer holds is cleared the same way.
    """
    facts = {fact for fact in facts if fact}
    if not facts:
        return 0
    rows = list(
        Suggestion.objects.filter(
            kind=Suggestion.Kind.FIGURE, status=Suggestion.Status.PENDING, fact__in=facts
        )
        .select_related("article")
        # The queue's order without its join for sorting: a handful of rows, read by index.
        .order_by("-created", "article_id", "span_start")
    )
    groups = {}
    for row in rows:
        groups.setdefault(row.fact, []).append(row)
    changed = []
    for group in groups.values():
        for row in group:
            others = [
                other
                for other in group
                if other.article_id != row.article_id
                and Decimal(other.payload["value"]) != Decimal(row.payload["value"])
            ]
            kept = [
                line
                for line in row.conflict.split("\n")
                if line and not line.startswith(PENDING_MARK)
            ]
            if recheck:
                payload = row.payload
                when = row.article.published_at
                day = timezone.localdate(when) if when else None
                recorded = payload_conflict(payload, day)
                kept = [recorded] if recorded else []
            for other in others:
                when = other.article.published_at
                kept.append(
                    f"{PENDING_MARK} {_shown(other.payload)} "
                    f"(source: “{other.article.headline}”"
                    f"{f', {timezone.localdate(when):%Y-%m-%d}' if when else ''}); this one says "
                    f"{_shown(row.payload)}."
                )
            conflict = "\n".join(kept)[:4000]
            if conflict != row.conflict:
                row.conflict = conflict
                changed.append(row)
    Suggestion.objects.bulk_update(changed, ["conflict"])
    return len(changed)


def _margin_parts(analysis, figure):
    """(race, candidacy of the one ahead, that person's entity, extra payload) of a margin.
    The one behind (``trailer``) is there only when the sentence names them."""
    gazetteer = analysis.gazetteer
    leader = analysis.leader(figure)
    race = analysis.race_for(figure.about or figure.trailer)
    candidacy = analysis.candidacy_of(leader, race)
    behind = figure.trailer and figure.trailer.entity
    trailer = analysis.candidacy_of(behind, race) if behind != leader else None
    pollster = figure.pollster and gazetteer.entities[figure.pollster.entity]
    extra = {
        "poll": figure.poll,
        "pollster": pollster.pk if pollster else None,
        "pollster_slug": pollster.slug if pollster else None,
        "trailer": trailer,
        "trailer_slug": gazetteer.entities[behind].slug if trailer else None,
    }
    return race, candidacy, gazetteer.entities[leader] if leader is not None else None, extra


def _figures(analysis, day):
    for figure in analysis.figures:
        extra = {}
        if figure.kind == "margin":
            race, candidacy, about, extra = _margin_parts(analysis, figure)
        else:
            race = analysis.race_for(figure.about)
            candidacy = analysis.candidacy_for(figure.about, race)
            about = figure.about and analysis.gazetteer.entities[figure.about.entity]
        value = str(figure.value)
        yield Suggestion(
            kind=Suggestion.Kind.FIGURE,
            key=f"figure:{figure.kind}:{value}:{about.slug if about else '-'}",
            person_id=about.pk if about and about.kind == PERSON else None,
            organization_id=about.pk if about and about.kind == ORGANIZATION else None,
            payload={
                "kind": figure.kind, "value": value, "unit": figure.unit,
                "qualifier": figure.qualifier, "about": about.slug if about else None,
                "race": race, "race_slug": analysis.race_slug(race), "candidacy": candidacy,
                "fact": fact_key(
                    figure.kind, candidacy, day, extra.get("pollster"), figure.unit, figure.poll
                ),
                **extra,
            },
            **_place(analysis, figure.start, figure.end),
        )  # fmt: skip


# How a suggestion for a person the source system tagged says so (``found_by``).
SOURCE_TAGS = ["source tags"]


def _tagged(analysis, names):
    """People the source system tagged that the text does not name (or names past reading)."""
    gazetteer = analysis.gazetteer
    found = {m.entity for m in analysis.mentions}
    for name in names:
        entries = {index for index, full in gazetteer.names.get(fold(name), []) if full}
        if len(entries) != 1 or entries & found:
            continue
        (index,) = entries
        found.add(index)
        entity = gazetteer.entities[index]
        yield Suggestion(
            kind=Suggestion.Kind.PERSON, key=f"person:{entity.slug}",
            person_id=entity.pk if entity.kind == PERSON else None,
            organization_id=entity.pk if entity.kind == ORGANIZATION else None,
            payload={"role": "mentioned", "count": 0, "spans": [], "found_by": SOURCE_TAGS},
            paragraph=None, span_start=0, span_end=0, matched_text=name,
            sentence=f"Tagged by the source: {name}", sentence_offset=0,
        )  # fmt: skip


def build(analysis, day, tagged=()):
    """The suggestions of one story, not yet tied to it: built where the story was read (in
    a worker process, for a bulk import), with no database at hand. ``check_record`` flags
    the figures that disagree with the record, where the story is written."""
    quoted = {quote.speaker for quote in analysis.quotes}
    yield from _entities(analysis, quoted)
    yield from _tagged(analysis, tagged)
    yield from _quotes(analysis)
    yield from _figures(analysis, day)


def check_record(made, day, recorded=None):
    """Set the conflict of each figure among ``made`` that disagrees with the record."""
    for suggestion in made:
        if suggestion.kind == Suggestion.Kind.FIGURE:
            suggestion.conflict = payload_conflict(suggestion.payload, day, recorded)


PLACE = ("paragraph", "span_start", "span_end", "matched_text", "sentence", "sentence_offset")
# What a re-reading may change in a suggestion still waiting: the same key keeps its row
# (and names the same person or organization).
READ = (*PLACE, "payload", "conflict")
LINKS = (Suggestion.Kind.PERSON, Suggestion.Kind.ORGANIZATION)


def _target(row):
    """Whom a suggestion or a mention links: ``(kind, pk)``."""
    if row.person_id:
        return (Suggestion.Kind.PERSON, row.person_id)
    return (Suggestion.Kind.ORGANIZATION, row.organization_id)


def _follow_the_text(article, made):
    """Move the story's links to where its new text names them. Returns the keys of its
    reviewed suggestions and the people and organizations it links with a place in the new
    text (nothing left to suggest of them).

    The reader's links come from the mentions' spans and the accepted suggestions'
    (``articles.body``): offsets into the body, which an edit or an updated import shifts. A
    reviewed person or organization suggestion, and a mention with a span, take the places
    ``made`` (the new text's suggestions) gives the same person or organization. One the text
    no longer names loses its place: left there, it could cover someone else of the same
    surname.
    """
    found = {_target(s): s for s in made if s.kind in LINKS and s.paragraph is not None}
    reviewed = list(
        Suggestion.objects.filter(article=article).exclude(status=Suggestion.Status.PENDING)
    )
    moved = []
    for row in reviewed:
        if row.kind not in LINKS:
            continue
        new = found.get(_target(row))
        spans = new.payload["spans"] if new else []
        if spans != row.payload.get("spans"):
            if new:
                for name in PLACE:
                    setattr(row, name, getattr(new, name))
            else:
                row.paragraph, row.span_start, row.span_end = None, 0, 0
            row.payload = {**row.payload, "count": len(spans), "spans": spans}
            moved.append(row)
    Suggestion.objects.bulk_update(moved, [*PLACE, "payload"])
    placed = set()
    for mention in article.mentions.filter(race=None).exclude(span_end=None):
        new = found.get(_target(mention))
        place = (new.span_start, new.span_end) if new else (None, None)
        if new:
            placed.add(_target(mention))
        if (mention.span_start, mention.span_end) != place:
            mention.span_start, mention.span_end = place
            if new:
                mention.matched_text = new.matched_text[:200]
            mention._change_reason = (
                "Moved to where the edited text names them"
                if new
                else "No longer named in the edited text: not linked in it"
            )
            mention.save(update_fields=["span_start", "span_end", "matched_text"])
    return {row.key for row in reviewed}, placed


def unique(suggestions):
    """One suggestion per key, all stamped with one creation time."""
    now, seen = timezone.now(), set()
    for suggestion in suggestions:
        if suggestion.key not in seen:
            seen.add(suggestion.key)
            suggestion.created = now
            yield suggestion


def replace_pending(article, suggestions, facts):
    """Bring ``article``'s waiting suggestions to ``suggestions`` (those of its text now).

    Reviewed suggestions stay, so a rejection is remembered, and the story's links follow the
    text (``_follow_the_text``). A waiting suggestion read again keeps its row (its id, its
    place in the queue), brought up to date; one no longer read goes; a person or
    organization the story already links in the text is not suggested. The facts of the
    figures that came or went are added to ``facts``, to be checked across stories
    (``flag_disagreements``) once the caller is done.
    """
    made = list(unique(suggestions))
    reviewed, placed = _follow_the_text(article, made)
    waiting = {
        row.key: row
        for row in Suggestion.objects.filter(article=article, status=Suggestion.Status.PENDING)
    }
    facts.update(row.fact for row in waiting.values() if row.kind == Suggestion.Kind.FIGURE)
    kept, new = [], []
    for suggestion in made:
        if suggestion.key in reviewed or (
            suggestion.kind in LINKS and _target(suggestion) in placed
        ):
            continue
        row = waiting.pop(suggestion.key, None)
        if row is None:
            suggestion.article = article
            new.append(suggestion)
        else:
            for name in READ:
                setattr(row, name, getattr(suggestion, name))
            kept.append(row)
        if suggestion.kind == Suggestion.Kind.FIGURE:
            facts.add(suggestion.payload.get("fact"))
    Suggestion.objects.filter(pk__in=[row.pk for row in waiting.values()]).delete()
    Suggestion.objects.bulk_update(kept, list(READ))
    Suggestion.objects.bulk_create(new)
    return kept + new

"""Accepting or rejecting a suggestion: accepting creates the real record, citing the story.

Nothing already recorded is overwritten: a figure that disagrees with one on record for the
same candidacy and day is flagged on the suggestion (both values, their sources) and stays
waiting.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from core.dates import DatePrecision, TimePrecision, last_moment
from people.models import (
    Candidacy,
    FundraisingTotal,
    Margin,
    Person,
    Poll,
    ResultLine,
    ResultSnapshot,
)

from ..models import Mention, Quote, Suggestion
from .suggestions import flag_disagreements, payload_conflict


class ReviewError(Exception):
    """Why a suggestion cannot be accepted as it stands, in the newsroom's words."""


def _mention(suggestion, **target):
    place = {
        "matched_text": suggestion.matched_text[:200],
        "span_start": suggestion.span_start,
        "span_end": suggestion.span_end,
    }
    mention, created = Mention.objects.get_or_create(
        article=suggestion.article,
        **target,
        defaults={
            "role": suggestion.payload.get("role", Mention.Role.MENTIONED),
            "origin": Mention.Origin.CONFIRMED,
            **place,
        },
    )
    if not created and mention.span_end is None and suggestion.paragraph is not None:
        # Linked without a place in the text (entered by hand, or by a quote): now it has one.
        for name, value in place.items():
            setattr(mention, name, value)
        mention.save(update_fields=list(place))
        return f"Linked in the text: {mention.target}"
    return f"{'Linked' if created else 'Already linked'}: {mention.target}"


def _new_person(suggestion):
    name = suggestion.payload.get("name") or suggestion.matched_text
    existing = list(Person.objects.named(name)[:2])
    if len(existing) == 1:
        person = existing[0]
    else:
        base, number = slugify(name)[:180] or "person", 1
        slug = base
        while Person.objects.filter(slug=slug).exists():
            number += 1
            slug = f"{base}-{number}"
        person = Person.objects.create(
            name=name, slug=slug, description=suggestion.payload.get("role", "")[:300]
        )
    suggestion.person = person
    return _mention(suggestion, person=person)


def _quote(suggestion):
    if suggestion.person_id is None:
        raise ReviewError("The speaker is not on file; add the person first.")
    quote, created = Quote.objects.get_or_create(
        article=suggestion.article,
        speaker_id=suggestion.person_id,
        text=suggestion.payload["text"],
        defaults={"paragraph": suggestion.paragraph},
    )
    Mention.objects.get_or_create(
        article=suggestion.article,
        person_id=suggestion.person_id,
        defaults={"role": Mention.Role.QUOTED, "origin": Mention.Origin.CONFIRMED},
    )
    return f"{'Quote added' if created else 'Quote already on file'}: {quote}"


def _result_line(suggestion, payload, candidacy, value):
    article = suggestion.article
    # A story gives its count's day, not the count's time: a count of that race known on or
    # before the story's day, kept where every day-only count of that day is.
    snapshot, _ = ResultSnapshot.objects.get_or_create(
        race_id=candidacy.race_id,
        as_of=last_moment(timezone.localdate(article.published_at)),
        defaults={
            "status": ResultSnapshot.Status.UPDATE,
            "as_of_precision": TimePrecision.ON_OR_BEFORE,
            "source_article": article,
        },
    )
    field = "votes" if payload["kind"] == "votes" else "percent"
    number = int(value) if field == "votes" else value
    line = ResultLine.objects.filter(snapshot=snapshot, candidacy=candidacy).first()
    if line is None:
        ResultLine.objects.create(snapshot=snapshot, candidacy=candidacy, **{field: number})
        return f"Result added: {candidacy.person} {value} {field} ({snapshot})"
    recorded = getattr(line, field)
    if recorded is None:
        setattr(line, field, number)
        line.save(update_fields=[field])
        return f"Result completed: {candidacy.person} {value} {field}"
    if Decimal(recorded) != value:
        raise ReviewError(f"Conflict: {recorded} {field} already recorded in {snapshot}.")
    return "Result already on file"


def _money(suggestion, payload, candidacy, value):
    article = suggestion.article
    day = timezone.localdate(article.published_at)
    race_id = candidacy.race_id if candidacy else payload.get("race")
    if race_id is None:
        raise ReviewError("No race on the story's date for this amount; enter it by hand.")
    total = FundraisingTotal.objects.filter(race_id=race_id, candidacy=candidacy, as_of=day).first()
    if total is None:
        FundraisingTotal.objects.create(
            race_id=race_id, candidacy=candidacy, as_of=day, amount=value,
            qualifier=payload.get("qualifier", "exact"), source_article=article,
        )  # fmt: skip
        return f"Fundraising total added: ${value:,.0f} ({candidacy or 'whole race'})"
    if total.amount != value:
        raise ReviewError(f"Conflict: ${total.amount:,.0f} already recorded for {day}.")
    return "Fundraising total already on file"


def _figure(suggestion):
    payload, article = suggestion.payload, suggestion.article
    if article.published_at is None:
        raise ReviewError("The story has no publish time, so the figure has no date.")
    value = Decimal(payload["value"])
    candidacy = None
    if payload.get("candidacy"):
        candidacy = Candidacy.objects.select_related("person").get(pk=payload["candidacy"])
    conflict = payload_conflict(payload, timezone.localdate(article.published_at))
    if conflict:
        raise ReviewError(f"Conflict: {conflict} This story says {payload['value']}.")
    if payload["kind"] in {"votes", "percent"}:
        if candidacy is None:
            raise ReviewError("No candidacy on the story's date for this figure; enter it by hand.")
        return _result_line(suggestion, payload, candidacy, value)
    if payload["kind"] == "money":
        return _money(suggestion, payload, candidacy, value)
    if payload["kind"] == "margin" and payload.get("poll"):
        return _poll_lead(suggestion, payload, candidacy, value)
    if payload["kind"] == "margin":
        return _margin(suggestion, payload, candidacy, value)
    raise ReviewError("This kind of figure is not recorded automatically; enter it by hand.")


def _margin(suggestion, payload, candidacy, value):
    """A lead in the count as the story reports it: who was ahead, of whom if the sentence
    names them, by how many votes or points, reported on the story's day, citing the story.
    Nothing is derived from it; the same margin on file is left as it is, a different one is
    a conflict."""
    unit = payload.get("unit")
    if unit not in {"votes", "points"}:
        raise ReviewError("The margin's unit is not votes or points; enter it by hand.")
    if candidacy is None:
        raise ReviewError(
            "Nobody on the ballot on the story's date is named as ahead; enter the margin by hand."
        )
    trailer = None
    if payload.get("trailer"):
        trailer = Candidacy.objects.select_related("person").get(pk=payload["trailer"])
    number = int(value) if unit == "votes" else value
    day = timezone.localdate(suggestion.article.published_at)
    margin = (
        Margin.objects.filter(
            race_id=candidacy.race_id, leader=candidacy, reported_on=day,
            **{f"{unit}__isnull": False},
        ).select_related("trailer__person").first()
    )  # fmt: skip
    if margin is None:
        margin = Margin(
            race_id=candidacy.race_id, leader=candidacy, trailer=trailer, reported_on=day,
            reported_precision=DatePrecision.DAY, source_article=suggestion.article,
            **{unit: number},
        )  # fmt: skip
        try:
            margin.full_clean()
        except ValidationError as error:
            raise ReviewError(" ".join(error.messages)) from error
        margin.save()
        return f"Margin added: {margin}"
    if trailer is not None and margin.trailer_id not in (None, trailer.pk):
        raise ReviewError(
            f"Conflict: {margin} is on file, behind {margin.trailer.person}, not {trailer.person}."
        )
    if trailer is not None and margin.trailer_id is None:
        margin.trailer = trailer
        margin.save()
        return f"Margin completed: {margin}"
    return "Margin already on file"


def _poll_lead(suggestion, payload, candidacy, value):
    """A poll's lead as the story reports it: the poll (race, pollster, day released) with
    who led and by how many points, citing the story. An existing poll of that pollster in
    the race released that day gets the lead if it has none; a different lead is a conflict."""
    article = suggestion.article
    if candidacy is None:
        raise ReviewError(
            "Nobody on the ballot on the story's date is named as ahead; enter the poll by hand."
        )
    if not payload.get("pollster"):
        raise ReviewError("The sentence names no pollster; enter the poll by hand.")
    day = timezone.localdate(article.published_at)
    poll = Poll.objects.filter(
        race_id=candidacy.race_id, pollster_id=payload["pollster"], released_on=day
    ).first()
    if poll is None:
        poll = Poll.objects.create(
            race_id=candidacy.race_id, pollster_id=payload["pollster"], released_on=day,
            leader=candidacy, lead=value, source_article=article,
            note="Lead as reported; the shares are not given.",
        )  # fmt: skip
        return f"Poll added: {poll}, {candidacy.person} ahead by {value} points"
    if poll.lead is None:
        poll.leader, poll.lead = candidacy, value
        poll.save()
        return f"Poll completed: {candidacy.person} ahead by {value} points"
    if poll.lead != value or poll.leader_id != candidacy.pk:
        raise ReviewError(f"Conflict: {poll} already records a lead of {poll.lead} points.")
    return "Poll lead already on file"


HANDLERS = {
    Suggestion.Kind.PERSON: lambda s: _mention(s, person_id=s.person_id),
    Suggestion.Kind.ORGANIZATION: lambda s: _mention(s, organization_id=s.organization_id),
    Suggestion.Kind.NEW_PERSON: _new_person,
    Suggestion.Kind.QUOTE: _quote,
    Suggestion.Kind.FIGURE: _figure,
}


def accept(suggestion, user):
    """Create what the suggestion says; raise ReviewError (nothing written) when it cannot."""
    if suggestion.status != Suggestion.Status.PENDING:
        raise ReviewError(f"Already {suggestion.get_status_display().lower()}.")
    try:
        with transaction.atomic():
            outcome = HANDLERS[suggestion.kind](suggestion)
            _close(suggestion, Suggestion.Status.ACCEPTED, user, outcome)
            _recheck(suggestion)
    except ReviewError as error:
        if str(error).startswith("Conflict"):
            Suggestion.objects.filter(pk=suggestion.pk).update(conflict=str(error)[:1000])
        raise
    return outcome


def reject(suggestion, user):
    if suggestion.status != Suggestion.Status.PENDING:
        raise ReviewError(f"Already {suggestion.get_status_display().lower()}.")
    with transaction.atomic():
        _close(suggestion, Suggestion.Status.REJECTED, user, "Rejected; not suggested again")
        _recheck(suggestion)


def _recheck(suggestion):
    """The other stories' figures for the same fact: flagged against what is on record now."""
    fact = suggestion.payload.get("fact") if suggestion.kind == Suggestion.Kind.FIGURE else None
    if fact:
        flag_disagreements({fact}, recheck=True)


def _close(suggestion, status, user, outcome):
    suggestion.status, suggestion.outcome = status, outcome[:300]
    suggestion.reviewed_by = user if user and user.is_authenticated else None
    suggestion.reviewed_at = timezone.now()
    suggestion.save()

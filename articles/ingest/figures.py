"""Figures in a text: vote counts, shares, margins (in points or votes) and dollar amounts.

Each is tied to the person or organization named nearest to it in the same sentence (people
first for votes, shares and margins), and to the race of that person on the story's date.
"A% to B%" pairs go to the first two people of the sentence in order. A margin goes to the
one ahead: the first person named in its sentence ("Hochman ahead of Gascón by 18 points"),
or, after "trails" or "behind", the person named after that word ("finishing 20 points
behind Lacey"); a margin in a sentence about a poll or survey is a poll lead, with the
organization the sentence names as its pollster.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from .gazetteer import PERSON

NUMBER = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
QUALIFYING = r"(?:more than|over|about|roughly|nearly|almost|around|some|just|only) "
MONEY = re.compile(rf"\$(?P<n>{NUMBER})(?:\s*(?P<scale>million|billion|thousand)\b)?")
POINTS = re.compile(rf"\b(?P<n>{NUMBER})(?:-| )(?:percentage[- ])?points?\b")
PERCENT = re.compile(rf"\b(?P<n>{NUMBER})\s?(?:%|percent\b)(?![- ]?(?:percentage[- ])?points?\b)")
VOTES = re.compile(r"(?<![$\d,.])\b(?P<n>\d{1,3}(?:,\d{3})+)\b(?!\s*(?:million|billion))")
MARGIN_VOTES = re.compile(
    rf"\b(?:(?:margin|lead|edge) of|by|ahead by)\s+(?:{QUALIFYING})?(?P<n>{NUMBER})\s+votes?\b"
    rf"|\b(?P<m>\d{{1,3}}(?:,\d{{3}})+|\d+)-vote\s+(?:margin|lead|edge)\b"
)
TRAILING = re.compile(r"\b(?:trail(?:s|ed|ing)?|behind)\b", re.I)
POLL_WORDS = re.compile(r"\b(?:poll|polls|polling|survey|surveys)\b", re.I)
PAIR = re.compile(rf"\b(?P<a>{NUMBER})\s?%\s+to\s+(?P<b>{NUMBER})\s?%")
_DIGIT = re.compile(r"\d")
SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
QUALIFIERS = [
    (re.compile(r"(?:more than|over|above|at least)\s+$"), "more_than"),
    (re.compile(r"(?:less than|under|below)\s+$"), "less_than"),
    (re.compile(r"(?:about|roughly|nearly|almost|around|approximately|some)\s+$"), "about"),
]


@dataclass
class FoundFigure:
    kind: str  # votes, percent, money, margin
    start: int
    end: int
    value: Decimal
    about: object = None  # a linker Found, or None
    qualifier: str = "exact"
    unit: str = ""
    poll: bool = False  # a margin in a sentence about a poll: a poll lead
    pollster: object = None  # the organization the poll's sentence names (a Found)
    trailer: object = None  # for a margin: the one named as behind, if any


def _number(text):
    return Decimal(text.replace(",", ""))


def _qualifier(text, start):
    head = text[max(0, start - 20) : start]
    return next((name for pattern, name in QUALIFIERS if pattern.search(head)), "exact")


def _scan(doc, sentence):
    text, figures, taken = doc.text, [], []
    if not _DIGIT.search(text, sentence.start, sentence.end):
        return figures

    def add(kind, match, value, unit="", group=0):
        start, end = match.start(group), match.end()
        if any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        figures.append(FoundFigure(kind, start, end, value, None, _qualifier(text, start), unit))

    piece = slice(sentence.start, sentence.end)
    for match in MONEY.finditer(text, piece.start, piece.stop):
        value = _number(match.group("n")) * SCALES.get(match.group("scale") or "", 1)
        add("money", match, value.quantize(Decimal(1)), "USD")
    for match in MARGIN_VOTES.finditer(text, piece.start, piece.stop):
        group = "n" if match.group("n") else "m"
        add("margin", match, _number(match.group(group)), "votes", group)
    for match in POINTS.finditer(text, piece.start, piece.stop):
        add("margin", match, _number(match.group("n")), "points")
    for match in PERCENT.finditer(text, piece.start, piece.stop):
        add("percent", match, _number(match.group("n")), "percent")
    if "vote" in text[piece].lower():
        for match in VOTES.finditer(text, piece.start, piece.stop):
            add("votes", match, _number(match.group("n")), "votes")
    return sorted(figures, key=lambda figure: figure.start)


def _nearest(figure, mentions):
    people = [m for m in mentions if m.kind == PERSON]
    pool = people if people and figure.kind != "money" else mentions
    if not pool:
        return None

    def distance(mention):
        return (
            figure.start - mention.end
            if mention.end <= figure.start
            else mention.start - figure.end
        )

    return min(pool, key=distance)


def _with_digits(doc):
    """The sentences with a digit in them, in order: most have none and are not scanned."""
    text, place = doc.text, 0
    while match := _DIGIT.search(text, place):
        sentence = doc.sentence_of(match.start())
        if sentence is None:
            place = match.end()
            continue
        yield sentence
        place = sentence.end


def find_figures(doc, mentions):
    found = []
    for sentence in _with_digits(doc):
        figures = _scan(doc, sentence)
        if not figures:
            continue
        here = [
            m for m in mentions if sentence.start <= m.start < sentence.end and m.entity is not None
        ]
        people, seen = [], set()
        for mention in here:
            if mention.kind == PERSON and mention.entity not in seen:
                seen.add(mention.entity)
                people.append(mention)
        paired = {}
        for pair in PAIR.finditer(doc.text, sentence.start, sentence.end):
            if len(people) >= 2:
                paired[pair.start("a")] = people[0]
                paired[pair.start("b")] = people[1]
        for figure in figures:
            if figure.kind == "margin":
                _margin(doc, sentence, figure, here, people)
            else:
                figure.about = paired.get(figure.start) or _nearest(figure, here)
            found.append(figure)
    return found


def _margin(doc, sentence, figure, here, people):
    """Who is ahead by the margin, and whether it is a poll's lead (and whose poll)."""
    text = doc.text
    trailing = TRAILING.search(text, sentence.start, figure.end)
    if trailing:
        after = [m for m in people if m.start >= trailing.end()]
        behind = [m for m in here if m.kind == PERSON and m.start < trailing.start()]
        figure.about = after[0] if after else None
        figure.trailer = behind[-1] if behind else None
    else:
        before = [m for m in people if m.start < figure.start]
        figure.about = before[0] if before else (people[0] if people else None)
    figure.poll = figure.unit == "points" and bool(
        POLL_WORDS.search(text, sentence.start, sentence.end)
    )
    if figure.poll:
        figure.pollster = next((m for m in here if m.kind != PERSON), None)

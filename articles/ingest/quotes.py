"""Direct quotations and who said them.

A quotation is attributed when it is followed by "X said" or "said X", preceded by a named
speaker and a colon or "said,", or follows an attributed quotation in the same paragraph. A
pronoun ("he said") or role ("the spokesman said") means the person the text was last about:
the first person named in the nearest sentence before it.
"""

import re
from dataclasses import dataclass

from .gazetteer import PERSON
from .text import locate

QUOTATION = re.compile(r"“(?P<a>[^“”]+)”|\"(?P<b>[^\"\n]+)\"")
VERBS = r"(?:said|says|added|told|asked|wrote|recalled|explained|argued|noted|continued)"
AFTER_SPEAKER_FIRST = re.compile(rf"\s*(?P<who>[^,.;“”]{{1,60}}?)\s+{VERBS}\b")
AFTER_VERB_FIRST = re.compile(
    rf"\s*{VERBS}\s+(?P<who>[^,.;“”]{{1,60}}?)(?=[,.;]|\s+(?:in|at|on|after|before|during|when|of)\b|$)"
)
BEFORE = re.compile(rf"(?:{VERBS}|:)\s*,?\s*$")
LEAD_IN = re.compile(rf"^\s*(?:He|She|They)\b[^“”\"]*\b(?:{VERBS}|called|described)\b[^“”\"]*$")
PRONOUNS = {"he", "she", "they", "the spokesman", "the spokeswoman", "the candidate"}


@dataclass
class FoundQuote:
    speaker: int | None  # gazetteer index of the person
    speaker_name: str
    start: int
    end: int
    text: str


def _mention_at(mentions, start, end):
    """The person found inside [start, end), if the words there are that person's name."""
    for item in mentions:
        if item.kind == PERSON and item.entity is not None and start <= item.start < end:
            return item
    return None


def _subject_before(doc, mentions, offset):
    """The first person named in the nearest sentence before ``offset`` that names one."""
    current = locate(doc.sentences, offset)
    for sentence in reversed(doc.sentences):
        if sentence.start >= (current.start if current else offset):
            continue
        for item in mentions:
            if item.kind == PERSON and sentence.start <= item.start:
                if item.start < sentence.end:
                    return item
                break
    return None


def _attribution(doc, mentions, outer_start, outer_end):
    """(speaker mention or None, found) from the words around one quotation."""
    text = doc.text
    tail = text[outer_end : outer_end + 80].split("\n", 1)[0]
    for pattern in (AFTER_SPEAKER_FIRST, AFTER_VERB_FIRST):
        match = pattern.match(tail)
        if match:
            who = match.group("who").strip()
            start = outer_end + match.start("who")
            named = _mention_at(mentions, start, start + len(who) + 1)
            if named:
                return named, True
            if who.lower() in PRONOUNS:
                return _subject_before(doc, mentions, outer_start), True
    head = text[max(0, outer_start - 120) : outer_start]
    if BEFORE.search(head) and "\n" not in head[-3:]:
        sentence = locate(doc.sentences, max(0, outer_start - 2))
        low = sentence.start if sentence else outer_start - 120
        before = [m for m in mentions if m.kind == PERSON and low <= m.start < outer_start]
        if before and re.search(VERBS, text[before[-1].end : outer_start]):
            return before[-1], True
    sentence = locate(doc.sentences, outer_start)
    if sentence and LEAD_IN.match(text[sentence.start : outer_start]):
        return _subject_before(doc, mentions, sentence.start), True
    return None, False


def _full_name(mentions, speaker):
    """A newcomer quoted by surname is named in full, as first introduced."""
    if speaker.entity is not None:
        return speaker.name
    return next(
        (m.name for m in mentions if m.entity is None and m.name.endswith(speaker.name)),
        speaker.name,
    )


def find_quotes(doc, mentions):
    found, last = [], None  # last: (paragraph, speaker mention) of the previous quotation
    for match in QUOTATION.finditer(doc.text):
        group = "a" if match.group("a") is not None else "b"
        start, end = match.span(group)
        inner = doc.text[start:end]
        trimmed = inner.rstrip(" ,")
        end -= len(inner) - len(trimmed)
        speaker, attributed = _attribution(doc, mentions, match.start(), match.end())
        paragraph = doc.paragraph_of(start)
        if not attributed and last and last[0] == paragraph:
            speaker, attributed = last[1], True
        if not attributed or speaker is None or len(trimmed.split()) < 2:
            continue
        last = (paragraph, speaker)
        name = _full_name(mentions, speaker)
        found.append(FoundQuote(speaker.entity, name, start, end, trimmed))
    return found

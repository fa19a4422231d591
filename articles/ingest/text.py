"""Folded text with a map back to the original, sentences and paragraphs with their offsets."""

import re
import unicodedata
from dataclasses import dataclass

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})
_FOLD_CACHE = {}
_SENTENCE_END = re.compile(r"(?<=[.?!])[”\"’)]*\s+(?=[“\"‘(]?[A-Z0-9])")
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:Dist|Atty|Attys|Sen|Sens|Rep|Reps|Gov|Dr|Mr|Mrs|Ms|Jr|Sr|St|Lt|Gen|Sgt|Ky|Mass|Calif|"
    r"Aug|Sept|Oct|Nov|Dec|Jan|Feb|Mar|Apr|Jun|Jul|No|vs|Mt|Ft|Co|Corp|Inc|Ave|Blvd)|"
    r"\b[A-Z]|\b[A-Z]\.[A-Z]|\bU\.S)\.$"
)


def _fold_char(ch):
    folded = _FOLD_CACHE.get(ch)
    if folded is None:
        decomposed = unicodedata.normalize("NFKD", ch.translate(_APOSTROPHES))
        folded = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
        _FOLD_CACHE[ch] = folded
    return folded


def fold_mapped(text):
    """(folded text, map or None): ``map[i]`` is the original index of folded character i.

    Folding keeps the length for nearly every text (accents drop, case folds one to one), so
    the map is None and folded indices are the original ones; only a character that folds to
    several ("ß" to "ss") makes an explicit map.
    """
    if text.isascii():
        return text.lower(), None
    table = {}
    same_length = True
    for ch in set(text):
        folded = _fold_char(ch)
        table[ord(ch)] = folded
        same_length = same_length and len(folded) == 1
    if same_length:
        return text.translate(table), None
    out, mapping = [], []
    for index, ch in enumerate(text):
        folded = table[ord(ch)]
        out.append(folded)
        mapping.extend([index] * len(folded))
    return "".join(out), mapping


def original_span(mapping, start, end):
    if mapping is None:
        return start, end
    return mapping[start], mapping[end - 1] + 1


@dataclass(frozen=True)
class Block:
    start: int
    end: int
    number: int  # paragraphs count from 1, sentences from 0 within the text


def paragraph_blocks(text):
    """Paragraphs (separated by blank lines or single line breaks) with their offsets."""
    blocks = []
    for match in re.finditer(r"[^\n]+", text):
        chunk = match.group()
        stripped = chunk.strip()
        if stripped:
            start = match.start() + len(chunk) - len(chunk.lstrip())
            blocks.append(Block(start, start + len(stripped), len(blocks) + 1))
    return blocks


def sentence_blocks(text, paragraphs):
    """Sentences within each paragraph; an abbreviation such as "Dist." does not end one."""
    sentences = []
    for paragraph in paragraphs:
        start = paragraph.start
        for match in _SENTENCE_END.finditer(text, paragraph.start, paragraph.end):
            if _ends_with_abbreviation(text, start, match.start()):
                continue
            sentences.append(Block(start, match.start(), len(sentences)))
            start = match.end()
        if start < paragraph.end:
            sentences.append(Block(start, paragraph.end, len(sentences)))
    return sentences


def _ends_with_abbreviation(text, start, end):
    """Does the text before ``end`` (just past a period) end in an abbreviation?"""
    piece = text[max(start, end - 12) : end].rstrip('”"’)')
    return bool(_ABBREVIATIONS.search(piece))


def locate(blocks, offset):
    """The block holding ``offset`` (blocks sorted by start), or None."""
    low, high = 0, len(blocks) - 1
    while low <= high:
        middle = (low + high) // 2
        block = blocks[middle]
        if offset < block.start:
            high = middle - 1
        elif offset >= block.end:
            low = middle + 1
        else:
            return block
    return None

"""Folded text with a map back to the original, sentences and paragraphs with their offsets."""

import re
import unicodedata
from typing import NamedTuple

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})
_FOLD_CACHE = {}
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Words a period after them does not end a sentence with ("Dist.", "Sen.", "U.S."), and an
# initial ("J.", "D.A."). Case matters: "Dist." is a title, "dist." would be a sentence end.
ABBREVIATIONS = [
    "Dist", "Atty", "Attys", "Sen", "Sens", "Rep", "Reps", "Gov", "Dr", "Mr", "Mrs", "Ms", "Jr",
    "Sr", "St", "Lt", "Gen", "Sgt", "Ky", "Mass", "Calif", "Aug", "Sept", "Oct", "Nov", "Dec",
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "No", "vs", "Mt", "Ft", "Co", "Corp", "Inc", "Ave",
    "Blvd",
]  # fmt: skip
# A sentence ends at . ? or ! (then any closing quotes or brackets) before a capital or digit,
# unless the period closes one of those; group 1 is the gap between the sentences. The mark
# is matched first and only then looked behind from, so the regular expression engine jumps
# from mark to mark, and all of it runs in C.
_NOT_AFTER = "".join(
    [rf"(?<!\b{word}\.)" for word in ABBREVIATIONS]
    + [r"(?<!\b[A-Z]\.)", r"(?<!\b[A-Z]\.[A-Z]\.)", r"(?<!\bU\.S\.)"]
)
_SENTENCE_END = re.compile(rf"[.?!]{_NOT_AFTER}([”\"’)]*\s+)(?=[“\"‘(]?[A-Z0-9])")


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
    table = {ch: _fold_char(ch) for ch in set(_NON_ASCII.findall(text))}
    if all(len(folded) == 1 and folded.lower() == folded for folded in table.values()):
        # Only the few non-ASCII characters need the full fold; lower() does the rest.
        return _NON_ASCII.sub(lambda match: table[match.group()], text).lower(), None
    out, mapping = [], []
    for index, ch in enumerate(text):
        folded = table.get(ch) or ch.lower()
        out.append(folded)
        mapping.extend([index] * len(folded))
    return "".join(out), mapping


def original_span(mapping, start, end):
    if mapping is None:
        return start, end
    return mapping[start], mapping[end - 1] + 1


class Block(NamedTuple):
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
            sentences.append(Block(start, match.start(1), len(sentences)))
            start = match.end()
        if start < paragraph.end:
            sentences.append(Block(start, paragraph.end, len(sentences)))
    return sentences


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

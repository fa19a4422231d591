"""A word-level comparison of two texts for a person to read: unchanged words as they are,
removed words in ``<del>``, added words in ``<ins>``, everything escaped."""

import difflib
import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

# Words and the spaces between them; spaces never anchor a match (they would chop a changed
# phrase into pieces), but paragraph breaks survive in the output.
TOKENS = re.compile(r"\S+|\s+")


def tokens(text):
    return TOKENS.findall((text or "").replace("\r\n", "\n"))


def word_diff(old, new):
    """HTML (safe) showing how ``old`` became ``new``; the same text gives no ins or del."""
    before, after = tokens(old), tokens(new)
    parts = []
    matcher = difflib.SequenceMatcher(str.isspace, before, after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape("".join(before[a1:a2])))
            continue
        if op in {"delete", "replace"}:
            parts.append(f"<del>{escape(''.join(before[a1:a2]))}</del>")
        if op in {"insert", "replace"}:
            parts.append(f"<ins>{escape(''.join(after[b1:b2]))}</ins>")
    return mark_safe("".join(parts))  # every piece of text above went through escape()

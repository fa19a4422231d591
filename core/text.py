"""Text helpers shared by the importer, the linker and name look-ups."""

import re
import unicodedata

_SPACE = re.compile(r"\s+")


def fold(text):
    """Accent-folded, case-folded, single-spaced: "  Gascón " and "gascon" give one key."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACE.sub(" ", stripped.casefold()).strip()


def paragraphs(text):
    """Split plain text into paragraphs at blank lines (or single newlines), trimmed."""
    blocks = re.split(r"\n\s*\n|\r\n\s*\r\n|\n", (text or "").strip())
    return [block.strip() for block in blocks if block.strip()]

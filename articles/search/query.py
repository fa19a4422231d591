"""What the reader typed, read as web-search syntax, before any database sees it.

    gascon lacey            both words (in any form: "Gascón", "endorsed"/"endorsement")
    "tough on crime"        the words side by side
    lacey OR gascon         either
    gascon -recall          the first, not the second

Anything else is text: unbalanced quotes, stray operators, emoji and SQL are words or nothing,
never syntax errors. Each backend compiles the parsed form into its own query language.
"""

import re
from dataclasses import dataclass, field

MAX_QUERY_LENGTH = 500
MAX_TERMS = 24  # beyond this a query is a paste, not a search; the rest is ignored

_TOKEN = re.compile(r'(?P<minus>-?)"(?P<phrase>[^"]*)"|(?P<word>\S+)')
_PLAIN_WORD = re.compile(r"^[^\W_]+$")
_NAME_WORD = re.compile(r"^[^\W\d_]{4,}$")  # letters only, typo-correctable


def clean_query(text):
    """The query as the search can take it: no NUL or control characters, bounded length."""
    text = "".join(ch if ch.isprintable() else " " for ch in (text or ""))
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def _has_text(text):
    return any(ch.isalnum() for ch in text)


@dataclass(frozen=True)
class Term:
    text: str
    phrase: bool = False
    prefix: bool = False  # for type-ahead: the word as typed so far

    @property
    def correctable(self):
        return not (self.phrase or self.prefix) and bool(_NAME_WORD.match(self.text))


@dataclass
class ParsedQuery:
    text: str
    groups: list = field(default_factory=list)  # AND of groups; each group an OR of Terms
    excluded: list = field(default_factory=list)
    notes: list = field(default_factory=list)

    @property
    def is_empty(self):
        return not self.text

    @property
    def problem(self):
        """Why this query cannot run, in words for the person who typed it; None if it can."""
        if self.is_empty or self.groups:
            return None
        if self.excluded:
            return "Add a word to look for: a minus sign only leaves stories out."
        return "There are no words to search for in that query."

    def with_alternatives(self, alternatives):
        """A copy where each term with alternatives (a {Term: [Term]} map) matches either."""
        groups = [
            [*group, *(alt for term in group for alt in alternatives.get(term, ()))]
            for group in self.groups
        ]
        return ParsedQuery(self.text, groups, list(self.excluded), list(self.notes))


def parse(text, prefix_last=False):
    """The query's groups and exclusions; with ``prefix_last``, a last plain word matches as
    the start of a word (for autocomplete: "Gasc" finds "Gascón")."""
    cleaned = clean_query(text)
    parsed = ParsedQuery(cleaned)
    if len(" ".join((text or "").split())) > MAX_QUERY_LENGTH:
        parsed.notes.append(f"Only the first {MAX_QUERY_LENGTH} characters were searched for.")
    pending_or = False
    count = 0
    for token in _TOKEN.finditer(cleaned):
        if token["word"] is not None:
            word = token["word"]
            if word.upper() == "OR":
                pending_or = bool(parsed.groups)
                continue
            negated = word.startswith("-")
            term = Term(word.lstrip("-").replace('"', ""))
        else:
            negated = bool(token["minus"])
            term = Term(token["phrase"].strip(), phrase=True)
            if len(term.text.split()) == 1:
                term = Term(term.text)
        if not _has_text(term.text):
            continue  # punctuation, emoji, lone operators: nothing to look for
        count += 1
        if count > MAX_TERMS:
            parsed.notes.append(f"Only the first {MAX_TERMS} words were searched for.")
            break
        if negated:
            parsed.excluded.append(term)
        elif pending_or:
            parsed.groups[-1].append(term)
        else:
            parsed.groups.append([term])
        pending_or = False
    if prefix_last and parsed.groups and _PLAIN_WORD.match(parsed.groups[-1][-1].text):
        last = parsed.groups[-1][-1]
        parsed.groups[-1][-1] = Term(last.text, prefix=True)
    return parsed

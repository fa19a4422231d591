"""What a story search backend is: the one interface ``StorySearch`` calls.

A backend is an object bound to one database alias (``using``). It compiles a parsed query
once (``compile``) and every later call takes that compiled query first, then the querysets
or ids it works on, then limits:

    backend = backend_for("default")
    query = backend.compile(parsed)                 # None: nothing in it can be searched for
    stories.filter(backend.matches(query))          # every match, as a queryset condition
    ids, since = backend.newest_matches(query, matches, limit)
    backend.rank(query, stories, ids)               # those ids, best match first
    backend.highlights(query, ids)                  # marked text for the rows on a page

Querysets are of stories (``articles.Article``) on the backend's database; ids are story
primary keys. The backend owns its schema too (``backend.schema``): the search document, the
triggers that keep it current, its indexes, and what a bulk load or a ``migrate`` does to them.
docs/search.md says what the SQLite backend must do exactly as PostgreSQL's does, and what it
need not.
"""

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import ClassVar, Protocol

from django.db.models import Expression, QuerySet

from ..query import ParsedQuery

# Highlight marks no story contains, put around matches by ``highlights``; turned into <mark>
# after the text is HTML-escaped, so story text never becomes markup.
MARK_START, MARK_STOP = "\ue000", "\ue001"


@dataclass(frozen=True)
class CompiledQuery:
    """A query in one backend's own language, with the parsed form it was compiled from."""

    text: str  # tsquery text (PostgreSQL) or an FTS5 MATCH expression (SQLite)
    parsed: ParsedQuery  # with any alternatives for misspelt names already added


class SearchSchema(Protocol):
    """The database objects a backend searches, bound to the backend's database alias."""

    def install(self) -> None:
        """Create the search document, the triggers that keep it current and its indexes
        (migration ``articles.0004``, forwards)."""

    def uninstall(self) -> None:
        """Drop everything ``install`` created, leaving the story tables as they were before
        it (the migration backwards). Safe to run when some of it is already gone."""

    def bulk_load(self, replacing: Callable | None = None) -> AbstractContextManager[None]:
        """A context for writing many stories at once: no per-row trigger or index upkeep
        inside it, and on leaving it (normally or by an exception) the triggers back on and
        the document and indexes complete and current for every story.

        ``replacing(cursor)``, if given, deletes the rows the load replaces; it runs first, in
        its own transaction, with triggers off but indexes still in place, and its foreign-key
        checks done before the indexes go."""

    def batch_writes(self) -> AbstractContextManager[None]:
        """A context for writing thousands of new stories in a few transactions on one
        connection, with every index kept current row by row (unlike ``bulk_load``), done as
        cheaply as the database allows; on leaving it the indexes are as if each story had
        been saved alone."""

    def repair(self) -> list[str]:
        """After a ``migrate``: restore whatever of the schema a migration dropped (and refill
        the document if a write may have gone unindexed meanwhile). Returns the names of what
        it restored; does nothing while the search migration is not applied."""


class SearchBackend(Protocol):
    """Story search on one kind of database, bound to one database alias."""

    vendor: ClassVar[str]  # ``connection.vendor`` this backend serves
    using: str
    schema: SearchSchema

    def compile(self, parsed: ParsedQuery) -> CompiledQuery | None:
        """The query in the backend's language; None when nothing in it can be searched for
        (on PostgreSQL, only stop words). ``parsed`` has at least one group. Every term is
        text, never syntax: no input may make the database raise."""

    def matches(self, query: CompiledQuery) -> Expression:
        """A boolean condition on the story table for ``QuerySet.filter``: every story whose
        document matches. It must follow the table's alias into subqueries."""

    def relevance(self, query: CompiledQuery) -> Expression:
        """A float score of how well a story matches, higher is better, for annotating stories
        already filtered by ``matches``. Headline hits must outrank body hits."""

    def rank(self, query: CompiledQuery, stories: QuerySet, ids: Sequence[int]) -> list[int]:
        """``ids`` (matches of ``stories``, newest first) ordered best match first, ties newest
        first; in one query, without testing the match again where the backend can avoid it."""

    def confirms_by_reading(self, query: CompiledQuery) -> bool:
        """Whether matching the query means reading every story that has all its words (a
        phrase, where the index has no word positions). Then ``newest_matches`` may bound the
        search to recent stories, and a newest-first page must come from it too."""

    def newest_matches(
        self, query: CompiledQuery, matches: QuerySet, limit: int
    ) -> tuple[list[int], dt.datetime | None]:
        """(ids, since): the ids of the newest ``limit`` stories of ``matches`` (a queryset
        already filtered by ``matches(query)``), newest first, found cheaply however common
        the query is. ``since`` is None when they are the newest of all matches; else the
        search could only cover stories published since then, and fewer were found."""

    def hits_up_to(self, words: Iterable[str], limit: int) -> dict[str, int]:
        """{word: stories containing it, counted up to ``limit``} over every story, for each
        plain word (before compiling: this decides which words may be misspelt names). A word
        that searches nothing (a stop word) counts as common. Never reads the whole table."""

    def highlights(
        self, query: CompiledQuery, ids: Sequence[int]
    ) -> dict[int, tuple[str, str, str]]:
        """{id: (headline, snippet of the body, dek)} for the given stories only, in one query,
        with MARK_START/MARK_STOP around each match and the text otherwise as stored."""

    def estimate(self, matches: QuerySet) -> int | None:
        """An instant estimate of how many rows ``matches`` holds, or None where counting
        exactly is cheap enough (the page then counts)."""

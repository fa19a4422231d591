"""The project's one story search. Every caller (archive, public search, admin) goes through here.

    search = StorySearch(request.GET["q"])
    search.problem                       # a message for the reader, or None
    search.filter(stories)               # every match (archive filters, exports, admin)
    search.by_relevance(stories)         # every match, best first (archive "Best match")
    search.page(stories, number=1)       # one page for the search page: fast at a million

Ranking every match of a common word is what makes search slow on a big archive, so relevance
is computed for a bounded set: the newest ``CANDIDATES`` matches are ranked, and the matches
older than those follow in date order. Totals above ``EXACT_TOTAL_UP_TO`` are the database's
estimate, labelled as one. docs/search.md explains the choice and the figures behind it.

The database work is the backend's (``backends/``: one per database, each following the
``SearchBackend`` protocol in ``backends/base.py``); this module calls nothing else of it.
"""

from dataclasses import dataclass, field
from functools import cached_property
from html import escape

from django.db.models import Case, F, Q, When
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import mark_safe

from articles.coverage import public_coverage_ids
from core.text import fold
from people.models import Person
from people.names import name_spellings

from .backends import MARK_START, MARK_STOP, backend_for
from .query import MAX_QUERY_LENGTH, Term, clean_query, parse

__all__ = ["MAX_QUERY_LENGTH", "StorySearch", "clean_query", "search_articles"]

CANDIDATES = 1000
EXACT_TOTAL_UP_TO = 1000
CLEARLY_MORE = 5  # planner estimates this many times over the limit skip the capped count
RARE = 3  # a word found in fewer stories than this may be a misspelt name
NEWEST = ("-published_at", "-id")


def search_articles(queryset, text, prefix=False):
    """Stories in ``queryset`` matching ``text`` (web-search syntax; see query.py).

    ``prefix``: the last word may be unfinished, as in an autocomplete box."""
    return StorySearch(text, using=queryset.db, prefix=prefix).filter(queryset)


def _marked(text):
    """Escaped text with the backend's highlight marks turned into <mark> elements."""
    html = escape(text or "").replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>")
    return mark_safe(html)


@dataclass
class SearchPage:
    stories: list
    number: int
    per_page: int
    total: int
    total_is_estimate: bool
    has_next: bool
    ranked_up_to: int = 0  # on a relevance page: how many of the newest matches were ranked
    ranking_is_partial: bool = False  # more matches than were ranked: older ones follow by date
    notes: list = field(default_factory=list)

    @property
    def has_previous(self):
        return self.number > 1

    @property
    def start_index(self):
        return (self.number - 1) * self.per_page + 1 if self.stories else 0

    @property
    def end_index(self):
        return self.start_index + len(self.stories) - 1 if self.stories else 0


class StorySearch:
    def __init__(self, text, using="default", prefix=False, public=False):
        """``public``: for readers, so only names with public coverage are suggested."""
        self.parsed = parse(text, prefix_last=prefix)
        self.text = self.parsed.text
        self.using = using
        self.public = public

    @cached_property
    def backend(self):
        return backend_for(self.using)

    @property
    def is_empty(self):
        return self.parsed.is_empty

    @cached_property
    def spellings(self):
        """Rare words of the query taken as misspelt names: {typed word: [name spellings]}.

        Rarity is checked first, in one query, so that common words cost no name look-up.
        """
        if self.parsed.problem or self.is_empty:
            return {}
        terms = [term for group in self.parsed.groups for term in group if term.correctable]
        if not terms:
            return {}
        hits = self.backend.hits_up_to([term.text for term in terms], RARE)
        rare = [term for term in terms if hits[term.text] < RARE]
        among = public_coverage_ids(Person) if self.public else None
        spellings = name_spellings([fold(term.text) for term in rare], self.using, among)
        return {term: spellings[fold(term.text)] for term in rare if fold(term.text) in spellings}

    @cached_property
    def query(self):
        """The compiled query for the backend, or None when there is nothing to search for."""
        if self.parsed.problem or self.is_empty:
            return None
        return self.backend.compile(self.effective)

    @cached_property
    def effective(self):
        """The parsed query with the names that misspelt words may stand for as alternatives."""
        alternatives = {
            term: [Term(spelling) for spelling in spellings]
            for term, spellings in self.spellings.items()
        }
        return self.parsed.with_alternatives(alternatives)

    @property
    def problem(self):
        if self.parsed.problem:
            return self.parsed.problem
        if not self.is_empty and not self.query:
            return "Those words are too common to search for; add a more specific one."
        return None

    @property
    def notes(self):
        notes = list(self.parsed.notes)
        for term, spellings in self.spellings.items():
            names = " or ".join(f"“{name.title()}”" for name in spellings)
            notes.append(f"Also showing stories with {names} for “{term.text}”.")
        return notes

    # -- Querysets -------------------------------------------------------------------------

    def filter(self, queryset):
        if self.is_empty:
            return queryset
        if not self.query:
            return queryset.none()
        return queryset.filter(self.backend.matches(self.query))

    def candidates(self, queryset):
        """The newest matches, up to CANDIDATES: the set that relevance ranks."""
        return self.filter(queryset).order_by(*NEWEST).values("pk")[:CANDIDATES]

    def by_relevance(self, queryset):
        """Every match: the newest CANDIDATES best first, then older matches newest first."""
        matches = self.filter(queryset)
        if not self.query:
            return matches.order_by(*NEWEST)
        relevance = Case(
            When(pk__in=self.candidates(queryset), then=self.backend.relevance(self.query))
        )
        return matches.annotate(relevance=relevance).order_by(
            F("relevance").desc(nulls_last=True), *NEWEST
        )

    # -- The search page -------------------------------------------------------------------

    def page(self, queryset, number=1, per_page=20, sort="relevance"):
        """One page of matches with highlights, in a handful of quick queries."""
        number = max(1, number)
        offset = (number - 1) * per_page
        matches = self.filter(queryset)
        notes = self.notes
        ids, candidates, ranked_up_to = [], None, 0
        if self.query and sort == "newest" and not self.backend.confirms_by_reading(self.query):
            # Newest first needs no candidates: the date index gives a page directly.
            ids = list(
                matches.order_by(*NEWEST).values_list("pk", flat=True)[offset:][: per_page + 1]
            )
        elif self.query:
            candidates, since = self.backend.newest_matches(self.query, matches, CANDIDATES)
            if since:
                matches = matches.filter(published_at__gte=since)
                notes.append(self._phrase_note(since))
            if sort == "newest":
                listed = candidates
            else:
                # The candidates matched already: rank them without testing the match again.
                listed = self.backend.rank(self.query, queryset, candidates)
                ranked_up_to = len(listed)
            ids = listed[offset : offset + per_page + 1]
            if len(ids) <= per_page and len(candidates) == CANDIDATES:
                # Past the candidates: older matches by date, after the oldest candidate.
                oldest = queryset.model._default_manager.get(pk=candidates[-1]).published_at
                older = matches.filter(
                    Q(published_at__lt=oldest) | Q(published_at=oldest, pk__lt=candidates[-1])
                ).order_by(*NEWEST)
                skip = max(0, offset - len(candidates))
                ids += list(older.values_list("pk", flat=True)[skip:][: per_page + 1 - len(ids)])
        has_next = len(ids) > per_page
        ids = ids[:per_page]
        if candidates is not None and len(candidates) < CANDIDATES:
            total, is_estimate = len(candidates), False  # every match was a candidate
        else:
            total, is_estimate = self._total(matches, offset, len(ids), has_next)
        return SearchPage(
            stories=self._stories(queryset.model, ids),
            number=number,
            per_page=per_page,
            total=total,
            total_is_estimate=is_estimate,
            has_next=has_next,
            ranked_up_to=ranked_up_to,
            ranking_is_partial=ranked_up_to == CANDIDATES,
            notes=notes,
        )

    def _phrase_note(self, since):
        phrases = " and ".join(
            f"“{term.text}”"
            for group in self.parsed.groups
            for term in group
            if term.phrase and " " in term.text
        )
        day = date_format(timezone.localtime(since), "DATE_FORMAT")
        return (
            f"The words of {phrases} are in so many stories that this search covers those "
            f"published since {day}. Add another word to search further back."
        )

    def _total(self, matches, offset, shown, has_next):
        if not self.query:
            return 0, False
        if not has_next and (shown or not offset):
            return offset + shown, False  # the last page: everything has been seen
        estimate = self.backend.estimate(matches.order_by())
        if estimate is None:
            return matches.count(), False
        if estimate <= CLEARLY_MORE * EXACT_TOTAL_UP_TO:
            counted = matches.order_by()[: EXACT_TOTAL_UP_TO + 1].count()
            if counted <= EXACT_TOTAL_UP_TO:
                return counted, False
            estimate = max(estimate, counted)
        return max(estimate, offset + shown + has_next), True

    def _stories(self, model, ids):
        if not ids:
            return []
        by_id = model._default_manager.for_archive_list().in_bulk(ids)
        marks = self.backend.highlights(self.query, ids)
        stories = []
        for pk in ids:
            story = by_id[pk]
            headline, snippet, dek = marks.get(pk, (story.headline, story.dek, story.dek))
            if MARK_START not in (snippet or "") and MARK_START in (dek or ""):
                snippet = dek  # the match is in the dek only: show that rather than no match
            story.headline_html, story.snippet_html = _marked(headline), _marked(snippet)
            stories.append(story)
        return stories

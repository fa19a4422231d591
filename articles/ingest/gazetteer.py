"""Every known name in one Aho-Corasick automaton, plus the offices and races roles resolve to.

Why pyahocorasick: a story is matched against tens of thousands of names (people, their other
names and surnames, organizations) in one pass over its folded text, in C, whatever the number
of names; a loop of regular expressions would cost one scan per name. It is a small,
long-maintained C extension with wheels for current Pythons, and it has no other dependency.
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple

import ahocorasick

from core.text import fold
from people.models import Candidacy, Organization, OrganizationName, Person, PersonName, Race, Term

from .markers import MARKS

SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
PERSON, ORGANIZATION = "person", "organization"


class Entity(NamedTuple):  # a tuple: twenty thousand are made each import, in one go
    kind: str
    pk: int
    slug: str
    name: str


class Names(NamedTuple):
    """Who one folded name may be, with the sets the linker asks of it for every match."""

    entries: tuple  # (entity index, whether this is a full name of it)
    full: frozenset  # the indices it is a full name of
    indices: frozenset


@dataclass(frozen=True)
class Candidate:
    pk: int
    race: int
    person: int  # entity index
    is_incumbent: bool


@dataclass(frozen=True)
class RaceInfo:
    pk: int
    slug: str
    day: dt.date
    office: int


@dataclass
class Gazetteer:
    entities: list = field(default_factory=list)
    names: dict = field(default_factory=dict)  # folded key -> [(entity index, is full name)]
    offices: dict = field(default_factory=dict)  # office pk -> folded office name
    terms: list = field(default_factory=list)  # (entity index, office pk, start, end or None)
    races: dict = field(default_factory=dict)  # race pk -> RaceInfo
    candidates: list = field(default_factory=list)
    categories: dict = field(default_factory=dict)  # organization's entity index -> its kind
    automaton: object = None
    _index: dict = field(default_factory=dict)
    _placed: set = field(default_factory=set)  # (key, index, full) of every entry in names

    def add(self, kind, pk, slug, name, folded=None):
        """A person or organization; ``folded`` is its stored folded name, if at hand."""
        entity = Entity(kind, pk, slug, name)
        self._index[(kind, pk)] = len(self.entities)
        self.entities.append(entity)
        key = self.add_name(kind, pk, name, folded)
        if kind == PERSON:
            words = [w for w in key.split() if w not in SUFFIXES]
            if len(words) > 1:
                self._put(words[-1], self._index[(kind, pk)], full=False)
        return entity

    def add_name(self, kind, pk, name, folded=None):
        key = (folded if folded is not None else fold(name)).replace("’", "'")
        if key:
            self._put(key, self._index[(kind, pk)], full=True)
        return key

    def index_of(self, kind, pk):
        return self._index.get((kind, pk))

    def _put(self, key, index, full):
        # A set answers "already there?": a common surname's list holds hundreds of people.
        if (key, index, full) in self._placed or (key, index, True) in self._placed:
            return
        self._placed.add((key, index, full))
        self.names.setdefault(key, []).append((index, full))

    def build(self):
        automaton = ahocorasick.Automaton()
        marks = {}
        for mark, words in MARKS.items():
            for word in words:
                marks.setdefault(word, []).append(mark)
        for key in self.names.keys() | marks.keys():
            entries = tuple(self.names.get(key, ()))
            names = None
            if entries:
                full = frozenset(index for index, is_full in entries if is_full)
                names = Names(entries, full, frozenset(index for index, _ in entries))
            automaton.add_word(key, (len(key), names, tuple(marks.get(key, ()))))
        if len(automaton):
            automaton.make_automaton()
        self.automaton = automaton
        return self

    def holders(self, office_pk, day):
        return [
            person
            for person, office, start, end in self.terms
            if office == office_pk and start <= day and (end is None or end > day)
        ]

    @classmethod
    def from_database(cls, using="default"):
        gazetteer = cls()
        # The folded names are stored with each row (people.names folds them the same way).
        people = Person.objects.using(using).values_list("pk", "slug", "name", "folded_name")
        for pk, slug, name, folded in people.order_by():
            gazetteer.add(PERSON, pk, slug, name, folded)
        names = PersonName.objects.using(using).values_list("person_id", "name", "folded")
        for pk, name, folded in names.order_by():
            gazetteer.add_name(PERSON, pk, name, folded)
        organizations = Organization.objects.using(using).values_list(
            "pk", "slug", "name", "folded_name", "kind"
        )
        for pk, slug, name, folded, kind in organizations.order_by():
            gazetteer.add(ORGANIZATION, pk, slug, name, folded)
            gazetteer.categories[gazetteer.index_of(ORGANIZATION, pk)] = kind
        names = OrganizationName.objects.using(using).values_list(
            "organization_id", "name", "folded"
        )
        for pk, name, folded in names.order_by():
            gazetteer.add_name(ORGANIZATION, pk, name, folded)
        gazetteer._load_civic(using)
        return gazetteer.build()

    def _load_civic(self, using):
        terms = Term.objects.using(using).values_list(
            "person_id", "office_id", "start", "end", "office__name"
        )
        for person, office, start, end, office_name in terms:
            self.offices[office] = fold(office_name)
            self.terms.append((self.index_of(PERSON, person), office, start, end))
        races = Race.objects.using(using).values_list(
            "pk", "slug", "election__date", "office_id", "office__name"
        )
        for pk, slug, day, office, office_name in races:
            self.offices.setdefault(office, fold(office_name))
            self.races[pk] = RaceInfo(pk, slug, day, office)
        candidacies = Candidacy.objects.using(using).values_list(
            "pk", "race_id", "person_id", "is_incumbent"
        )
        for pk, race, person, incumbent in candidacies:
            self.candidates.append(Candidate(pk, race, self.index_of(PERSON, person), incumbent))

"""Loads the demo records (devtools/demo/data/*.toml) through one upsert (safe to re-run).

Each ``[[kind]]`` table in a data file is one record, its fields given by name; other records
are named by natural key (see devtools.demo.upsert). Every field that any record of a kind
names is kept for the whole kind: where a record leaves it out, it gets the model's default
(empty, none, or the default choice), so deleting a line from a file clears it on the next run.
"""

import re
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import capfirst

from articles.models import Article, Quote, Section
from core.text import paragraphs
from people.models import (
    Affiliation,
    Candidacy,
    Contribution,
    Election,
    Endorsement,
    FundraisingTotal,
    Office,
    Organization,
    PartyMembership,
    Person,
    Poll,
    Race,
    ResultSnapshot,
    Term,
)

from .upsert import DemoDataError, upsert

DATA = Path(__file__).resolve().parent / "data"

# A caption paragraph in the seed texts ends with its credit: "(Jason Armond / Los Angeles Times)".
CAPTION = re.compile(r"\((?P<photographer>[^()/]+) / (?P<credit>[^()]+)\)\s*$")


@dataclass(frozen=True)
class Kind:
    """One kind of record in the data files: its model, natural key and nested lists."""

    model: type
    key: tuple[str, ...]
    # A nested list (a reverse relation of the model) and its records' key besides the parent.
    children: dict[str, tuple[str, ...]] = field(default_factory=dict)


# In load order: a record comes after the records it names. Nested lists (other names, a
# count's lines, a story's mentions, quotes and photos) load after every top-level record.
KINDS = {
    "section": Kind(Section, ("slug",)),
    "organization": Kind(Organization, ("slug",), {"other_names": ("name",)}),
    "person": Kind(Person, ("slug",), {"other_names": ("name",)}),
    "story": Kind(
        Article,
        ("slug",),
        {
            "mentions": ("person", "organization", "race"),
            "quotes": ("speaker", "text"),
            "photos": ("position",),
        },
    ),
    "office": Kind(Office, ("slug",)),
    "term": Kind(Term, ("office", "start")),
    "election": Kind(Election, ("slug",)),
    "race": Kind(Race, ("slug",)),
    "candidacy": Kind(Candidacy, ("race", "person")),
    "affiliation": Kind(Affiliation, ("person", "organization", "title")),
    "party_membership": Kind(PartyMembership, ("person", "party")),
    "result": Kind(ResultSnapshot, ("race", "as_of"), {"lines": ("candidacy",)}),
    "endorsement": Kind(
        Endorsement, ("endorser_person", "endorser_organization", "candidacy", "announced_on")
    ),
    "poll": Kind(Poll, ("race", "pollster", "released_on")),
    "fundraising_total": Kind(FundraisingTotal, ("race", "candidacy", "as_of")),
    "contribution": Kind(
        Contribution, ("contributor_person", "contributor_organization", "recipient_candidacy")
    ),
}


def split_seed_text(text):
    """The seed text's body paragraphs and its caption paragraphs, kept apart."""
    body, captions = [], []
    for paragraph in paragraphs(text):
        (captions if CAPTION.search(paragraph) else body).append(paragraph)
    return body, captions


def read_records(folder=DATA):
    """Every data file's tables, by kind, in file-name order: {kind: [(where, record)]}."""
    found = {}
    for path in sorted(Path(folder).glob("*.toml")):
        with path.open("rb") as file:
            try:
                tables = tomllib.load(file, parse_float=Decimal)  # 59.5 stays exactly 59.5
            except tomllib.TOMLDecodeError as error:
                raise DemoDataError(f"{path.name}: {error}") from None
        for kind, records in tables.items():
            if kind not in KINDS or not all(isinstance(r, dict) for r in records):
                raise DemoDataError(
                    f"{path.name}: [[{kind}]] is not a kind of demo record "
                    f"(the kinds: {', '.join(KINDS)})."
                )
            found.setdefault(kind, []).extend(
                (f"{path.name}, [[{kind}]] number {n}", record)
                for n, record in enumerate(records, start=1)
            )
    return found


class DemoLoader:
    def __init__(self, seeds=None, log=None, data=None):
        self.seeds = Path(seeds) if seeds else None
        self.log = log or (lambda message: None)
        self.data = data or DATA
        self.stats = Counter()
        self.full_text = set()  # slugs of stories whose body is their seed text
        self.found = {}  # records already looked up by natural key in this run

    def run(self):
        records = read_records(self.data)
        nested = []
        for name, kind in KINDS.items():
            rows = records.get(name, [])
            children = [{rel: record.pop(rel, []) for rel in kind.children} for _, record in rows]
            saved = self.load_batch(kind.model, kind.key, rows)
            nested += zip([kind] * len(rows), rows, saved, children, strict=True)
        for kind, (where, _), parent, children in nested:
            for relation, items in children.items():
                self.load_children(kind, relation, where, parent, items)
        return self.stats

    def load_children(self, kind, relation, where, parent, items):
        """A record's nested list: each item keyed by its parent and the kind's child key."""
        parent_field = kind.model._meta.get_field(relation).field
        rows = [(f"{where}, {relation} number {n}", item) for n, item in enumerate(items, 1)]
        for item_where, item in rows:
            if not isinstance(item, dict):
                raise DemoDataError(f"{item_where}: write it as a table, {{ field = value }}.")
        key = (parent_field.name, *kind.children[relation])
        self.load_batch(parent_field.model, key, rows, parent=(parent_field.name, parent))

    def load_batch(self, model, key, rows, parent=None):
        """Upsert records of one kind (or one nested list), completing each with its kind's fields."""
        prepared = [(where, *self.prepare(model, dict(record), parent)) for where, record in rows]
        named = list(dict.fromkeys(name for _, values, _ in prepared for name in values))
        named += [name for name in dropped_dates(model) if name not in named]
        saved = []
        for where, values, create_only in prepared:
            for name in named:
                if name not in values and name not in create_only:
                    values[name] = default(model, name)
            if parent is not None:
                values[parent[0]] = parent[1]
            saved.append(self.save(where, model, key, values, create_only))
        return saved

    def prepare(self, model, values, parent):
        """A record's values and create-only values, after what its model needs of its own."""
        if model is Article:
            return self.story_values(values)
        if model is Quote:
            return self.quote_values(values, story=parent[1])
        return values, {}

    def save(self, where, model, key, values, create_only):
        lookup = {name: values.pop(name, None) for name in key}
        try:
            record, action, changed = upsert(
                model, lookup, values, create_only=create_only, found=self.found
            )
        except DemoDataError as error:
            raise DemoDataError(f"{where}: {error}") from None
        if action:
            self.stats[(model._meta.verbose_name_plural, action)] += 1
        if action == "updated":
            self.log(f"updated {model._meta.verbose_name} {record}: {', '.join(changed)}")
        return record

    # What a story needs of its own: its body from the seed text, or our summary.
    def story_values(self, values):
        seed_file = values.pop("seed_file", None)
        summary = "\n\n".join(values.pop("summary_body", []))
        seed_text = self.read_seed(seed_file) if seed_file else None
        if seed_text is None:
            return values, {"body": summary}  # never replace a full text with the summary
        body, _captions = split_seed_text(seed_text)
        values["body"] = "\n\n".join(body)
        self.full_text.add(values["slug"])
        return values, {}

    def read_seed(self, filename):
        if self.seeds is None:
            return None
        path = self.seeds / filename
        if not path.is_file():
            self.log(f"warning: {path} not found; keeping the summary text")
            return None
        return path.read_text(encoding="utf-8")

    # A quote's paragraph is checked against the full text; without it, it stays unknown.
    def quote_values(self, values, story):
        paragraph = values.pop("paragraph", None)
        if story.slug not in self.full_text:
            return values, {"paragraph": None}
        values["paragraph"] = self.find_paragraph(paragraphs(story.body), values["text"], paragraph)
        return values, {}

    def find_paragraph(self, numbered, words, expected):
        """The paragraph (1-based) where the quote's opening words appear; warn if it moved."""
        opening = words.split(".")[0][:40]
        for number, paragraph in enumerate(numbered, start=1):
            if opening in paragraph.replace("’", "’"):
                if number != expected:
                    self.log(
                        f"note: quote '{opening}…' found in paragraph {number}, not {expected}"
                    )
                return number
        self.log(f"warning: quote '{opening}…' not found in the text")
        return expected


def dropped_dates(model):
    """A sourced fact's optional dates: one taken out of the data files is cleared on the next
    run even when no record of its kind names it any more (no stale invented date stays)."""
    if not any(f.name == "source_article" for f in model._meta.concrete_fields):
        return []
    return [
        f.name
        for f in model._meta.concrete_fields
        if isinstance(f, models.DateField) and f.null and f.editable
    ]


def default(model, name):
    """The value a field left out of a record gets: the model's default, or no records."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        raise DemoDataError(
            f"{capfirst(model._meta.verbose_name)} has no field {name!r}."
        ) from None
    return [] if field.many_to_many else field.get_default()

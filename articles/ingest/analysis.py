"""One reading of a text: its people, organizations, quotes and figures, as plain data.

``analyse`` is what both the importer and ``manage.py suggest`` call, so what an editor sees
in the review queue is exactly what the command prints.
"""

from dataclasses import dataclass

from .document import Document
from .figures import find_figures
from .gazetteer import ORGANIZATION, PERSON
from .linker import link
from .quotes import find_quotes


@dataclass
class Analysis:
    doc: Document
    gazetteer: object
    mentions: list
    races: list
    quotes: list
    figures: list

    def slug(self, index):
        return None if index is None else self.gazetteer.entities[index].slug

    def race_for(self, mention):
        """The race a figure about ``mention`` belongs to: that person's, else the story's."""
        if mention is not None and mention.kind == PERSON:
            for candidate in self.gazetteer.candidates:
                if candidate.person == mention.entity and candidate.race in self.races:
                    return candidate.race
        return self.races[0] if self.races else None

    def candidacy_for(self, mention, race):
        if mention is None or mention.kind != PERSON:
            return None
        return self.candidacy_of(mention.entity, race)

    def candidacy_of(self, person, race):
        """The candidacy of ``person`` (a gazetteer index) in ``race``, or None."""
        if person is None or race is None:
            return None
        for candidate in self.gazetteer.candidates:
            if candidate.person == person and candidate.race == race:
                return candidate.pk
        return None

    def leader(self, figure):
        """The one ahead by a margin; after "trails"/"behind" with nobody named after it,
        the other candidate of a two-way race of the one behind."""
        if figure.about is not None or figure.trailer is None:
            return figure.about and figure.about.entity
        race = self.race_for(figure.trailer)
        running = [c.person for c in self.gazetteer.candidates if c.race == race]
        others = [p for p in running if p != figure.trailer.entity]
        return others[0] if len(running) == 2 and len(others) == 1 else None

    def race_slug(self, race):
        return self.gazetteer.races[race].slug if race is not None else None

    def as_json(self):
        """The stable interface of ``manage.py suggest`` (docs/ingest.md)."""

        def named(kind):
            return [
                {
                    "name": m.name,
                    "person" if kind == PERSON else "organization": self.slug(m.entity),
                    "start": m.start,
                    "end": m.end,
                    "role": m.role or None,
                }
                for m in self.mentions
                if m.kind == kind
            ]

        return {
            "people": named(PERSON),
            "organizations": named(ORGANIZATION),
            "quotes": [
                {
                    "speaker": self.slug(q.speaker) or q.speaker_name,
                    "start": q.start,
                    "end": q.end,
                    "text": q.text,
                }
                for q in self.quotes
            ],
            "figures": [
                {
                    # Margins print as "other" (the interface's kinds are fixed); unit tells.
                    "kind": "other" if f.kind == "margin" else f.kind,
                    "unit": f.unit,
                    "start": f.start,
                    "end": f.end,
                    "value": int(f.value) if f.value == f.value.to_integral() else float(f.value),
                    "about": self.slug(f.about.entity) if f.about else None,
                    "race": self.race_slug(self.race_for(f.about)),
                }
                for f in self.figures
            ],
        }


def analyse(text, gazetteer, day):
    """Read ``text`` as of ``day`` (a date, or None when the story has no date)."""
    doc = Document(text)
    mentions, races = link(doc, gazetteer, day)
    quotes = find_quotes(doc, mentions)
    figures = find_figures(doc, mentions)
    return Analysis(doc, gazetteer, mentions, races, quotes, figures)

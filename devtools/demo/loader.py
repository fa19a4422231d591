"""Loads devtools.demo.facts into the database, changing only what differs (safe to re-run)."""

import re
from collections import Counter
from pathlib import Path

from django.db import models

from articles.models import Article, Mention, Photo, Quote, Section
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
    OrganizationName,
    PartyMembership,
    Person,
    PersonName,
    Poll,
    Race,
    ResultLine,
    ResultSnapshot,
    Term,
)

from . import facts

# A caption paragraph in the seed texts ends with its credit: "(Jason Armond / Los Angeles Times)".
CAPTION = re.compile(r"\((?P<photographer>[^()/]+) / (?P<credit>[^()]+)\)\s*$")


def split_seed_text(text):
    """The seed text's body paragraphs and its caption paragraphs, kept apart."""
    body, captions = [], []
    for paragraph in paragraphs(text):
        (captions if CAPTION.search(paragraph) else body).append(paragraph)
    return body, captions


class DemoLoader:
    def __init__(self, seeds=None, log=None):
        self.seeds = Path(seeds) if seeds else None
        self.log = log or (lambda message: None)
        self.stats = Counter()
        self.people, self.orgs, self.races, self.articles = {}, {}, {}, {}

    # The one write path: create what is missing, save only what differs.
    def upsert(self, model, lookup, values=None, create_only=None):
        values = values or {}
        obj = model._default_manager.filter(**lookup).first()
        if obj is None:
            obj = model(**lookup, **values, **(create_only or {}))
            obj.save()
            self.stats[(model._meta.verbose_name_plural, "created")] += 1
            return obj
        changed = [name for name, value in values.items() if self._differs(obj, name, value)]
        if changed:
            for name in changed:
                setattr(obj, name, values[name])
            obj.save()
            self.stats[(model._meta.verbose_name_plural, "updated")] += 1
            self.log(f"updated {model._meta.verbose_name} {obj}: {', '.join(changed)}")
        return obj

    @staticmethod
    def _differs(obj, name, value):
        field = obj._meta.get_field(name)
        if isinstance(field, models.ForeignKey):
            return getattr(obj, field.attname) != (value.pk if value is not None else None)
        return getattr(obj, name) != value

    def candidacy(self, race_slug, person_slug):
        return Candidacy.objects.get(race=self.races[race_slug], person=self.people[person_slug])

    def article(self, slug):
        return self.articles.get(slug) if slug else None

    def run(self):
        self.load_sections_and_organizations()
        self.load_people()
        self.load_articles()
        self.load_offices_and_terms()
        self.load_races()
        self.load_facts()
        self.load_story_links()
        return self.stats

    def load_sections_and_organizations(self):
        for section in facts.SECTIONS:
            self.upsert(
                Section,
                {"slug": section["slug"]},
                {k: v for k, v in section.items() if k != "slug"},
            )
        for slug, name, kind, parent, description, other_names in facts.ORGANIZATIONS:
            org = self.upsert(
                Organization,
                {"slug": slug},
                {
                    "name": name,
                    "kind": kind,
                    "parent": self.orgs.get(parent),
                    "description": description,
                },
            )
            self.orgs[slug] = org
            for other in other_names:
                self.upsert(OrganizationName, {"organization": org, "name": other})

    def load_people(self):
        for slug, name, description, other_names in facts.PEOPLE:
            person = self.upsert(
                Person,
                {"slug": slug},
                {"name": name, "description": description, "bio": facts.BIOS.get(slug, "")},
            )
            self.people[slug] = person
            for other, kind in other_names:
                self.upsert(PersonName, {"person": person, "name": other}, {"kind": kind})

    def load_articles(self):
        for spec in facts.ARTICLES:
            values = {
                "headline": spec["headline"],
                "dek": spec["dek"],
                "section": Section.objects.get(slug=spec["section"]),
                "publication": self.orgs["los-angeles-times"],
                "status": Article.Status.PUBLISHED,
                "published_at": spec["published_at"],
            }
            seed_text = self.read_seed(spec["seed_file"])
            summary = "\n\n".join(spec["summary_body"])
            create_only = {}
            if seed_text is not None:
                body, _captions = split_seed_text(seed_text)
                values["body"] = "\n\n".join(body)
            else:
                create_only["body"] = summary  # never replace a full text with the summary
            self.articles[spec["slug"]] = self.upsert(
                Article, {"slug": spec["slug"]}, values, create_only
            )

    def read_seed(self, filename):
        if self.seeds is None:
            return None
        path = self.seeds / filename
        if not path.is_file():
            self.log(f"warning: {path} not found; keeping the summary text")
            return None
        return path.read_text(encoding="utf-8")

    def load_offices_and_terms(self):
        offices = {}
        for slug, name, jurisdiction, org in facts.OFFICES:
            offices[slug] = self.upsert(
                Office,
                {"slug": slug},
                {"name": name, "jurisdiction": jurisdiction, "organization": self.orgs.get(org)},
            )
        for person, office, start, start_p, end, end_p, how, source in facts.TERMS:
            self.upsert(
                Term,
                {"office": offices[office], "start": start},
                {
                    "person": self.people[person],
                    "start_precision": start_p,
                    "end": end,
                    "end_precision": end_p,
                    "how": how,
                    "source_article": self.article(source),
                },
            )
        self.offices = offices

    def load_races(self):
        elections = {}
        for slug, name, date, kind in facts.ELECTIONS:
            jurisdiction = "United States" if kind == "general" else "California"
            elections[slug] = self.upsert(
                Election,
                {"slug": slug},
                {"name": name, "date": date, "kind": kind, "jurisdiction": jurisdiction},
            )
        for slug, name, election, office, nonpartisan, summary in facts.RACES:
            self.races[slug] = self.upsert(
                Race,
                {"slug": slug},
                {
                    "name": name,
                    "election": elections[election],
                    "office": self.offices[office],
                    "is_nonpartisan": nonpartisan,
                    "summary": summary,
                },
            )
        for race, person, incumbent, party, outcome, note, source in facts.CANDIDACIES:
            self.upsert(
                Candidacy,
                {"race": self.races[race], "person": self.people[person]},
                {
                    "is_incumbent": incumbent,
                    "party": self.orgs.get(party),
                    "outcome": outcome,
                    "note": note,
                    "source_article": self.article(source),
                },
            )

    def load_facts(self):
        for person, org, title, start, start_p, source in facts.AFFILIATIONS:
            self.upsert(
                Affiliation,
                {"person": self.people[person], "organization": self.orgs[org], "title": title},
                {
                    "start": start,
                    "start_precision": start_p,
                    "source_article": self.article(source),
                },
            )
        for person, party, start, start_p, end, end_p, note, source in facts.PARTY_MEMBERSHIPS:
            self.upsert(
                PartyMembership,
                {"person": self.people[person], "party": self.orgs[party]},
                {
                    "start": start,
                    "start_precision": start_p,
                    "end": end,
                    "end_precision": end_p,
                    "note": note,
                    "source_article": self.article(source),
                },
            )
        for race, as_of, status, note, source, lines in facts.RESULTS:
            snapshot = self.upsert(
                ResultSnapshot,
                {"race": self.races[race], "as_of": as_of},
                {"status": status, "note": note, "source_article": self.article(source)},
            )
            for person, votes, percent in lines:
                self.upsert(
                    ResultLine,
                    {"snapshot": snapshot, "candidacy": self.candidacy(race, person)},
                    {"votes": votes, "percent": percent},
                )
        self.load_endorsements()
        self.load_polls()
        self.load_money()

    def load_endorsements(self):
        for (
            kind,
            endorser,
            detail,
            race,
            endorsee,
            announced,
            a_p,
            withdrawn,
            w_p,
            note,
            source,
        ) in facts.ENDORSEMENTS:
            who = (
                {"endorser_person": self.people[endorser]}
                if kind == "person"
                else {"endorser_organization": self.orgs[endorser]}
            )
            self.upsert(
                Endorsement,
                {**who, "candidacy": self.candidacy(race, endorsee), "announced_on": announced},
                {
                    "endorser_detail": detail,
                    "announced_precision": a_p,
                    "withdrawn_on": withdrawn,
                    "withdrawn_precision": w_p,
                    "note": note,
                    "source_article": self.article(source),
                },
            )

    def load_polls(self):
        for race, pollster, sponsors, released, leader, lead, note, source in facts.POLLS:
            poll = self.upsert(
                Poll,
                {
                    "race": self.races[race],
                    "pollster": self.orgs[pollster],
                    "released_on": released,
                },
                {
                    "leader": self.candidacy(race, leader),
                    "lead": lead,
                    "note": note,
                    "source_article": self.article(source),
                },
            )
            wanted = {self.orgs[slug].pk for slug in sponsors}
            if set(poll.sponsors.values_list("pk", flat=True)) != wanted:
                poll.sponsors.set(wanted)

    def load_money(self):
        for race, person, as_of, amount, qualifier, note, source in facts.FUNDRAISING:
            candidacy = self.candidacy(race, person) if person else None
            self.upsert(
                FundraisingTotal,
                {"race": self.races[race], "candidacy": candidacy, "as_of": as_of},
                {
                    "amount": amount,
                    "qualifier": qualifier,
                    "note": note,
                    "source_article": self.article(source),
                },
            )
        for (
            kind,
            who,
            race,
            recipient,
            money_kind,
            amount,
            qualifier,
            period,
            note,
            source,
        ) in facts.CONTRIBUTIONS:
            contributor = (
                {"contributor_person": self.people[who]}
                if kind == "person"
                else {"contributor_organization": self.orgs[who]}
            )
            self.upsert(
                Contribution,
                {**contributor, "recipient_candidacy": self.candidacy(race, recipient)},
                {
                    "kind": money_kind,
                    "amount": amount,
                    "qualifier": qualifier,
                    "period_start": period[0],
                    "period_end": period[1],
                    "note": note,
                    "source_article": self.article(source),
                },
            )

    def load_story_links(self):
        for spec in facts.ARTICLES:
            article = self.articles[spec["slug"]]
            for role, targets in spec["mentions"].items():
                for target in targets:
                    kind, _, slug = target.rpartition(":")
                    lookup = {
                        "race": {"race": self.races.get(slug)},
                        "org": {"organization": self.orgs.get(slug)},
                        "": {"person": self.people.get(slug)},
                    }[kind]
                    self.upsert(
                        Mention,
                        {"article": article, **lookup},
                        {"role": role, "origin": Mention.Origin.ENTERED},
                    )
            full_text = self.seeds is not None and (self.seeds / spec["seed_file"]).is_file()
            numbered = paragraphs(article.body) if full_text else None
            for speaker, paragraph, words, context in spec["quotes"]:
                values = {"context": context}
                if numbered is not None:
                    values["paragraph"] = self.find_paragraph(numbered, words, paragraph)
                self.upsert(
                    Quote,
                    {"article": article, "speaker": self.people[speaker], "text": words},
                    values,
                    create_only={} if numbered is not None else {"paragraph": None},
                )
            for position, (photographer, caption, alt) in enumerate(spec["photos"], start=1):
                self.upsert(
                    Photo,
                    {"article": article, "position": position},
                    {
                        "caption": caption,
                        "alt_text": alt,
                        "photographer": self.people[photographer],
                        "credit": "Los Angeles Times",
                    },
                )

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

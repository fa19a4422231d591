"""Who and what a text names: known people and organizations, role phrases, titled newcomers.

Matching is one pass of the gazetteer's automaton over the folded text (accents and case
dropped on both sides, so "Gascon" finds "Gascón" and the other way round). A surname alone
counts after the full name appeared in the same text, or when only one known person has it.
Role phrases ("the incumbent", "the district attorney") resolve through the races and terms
of office on the story's date; an unknown name behind a title becomes a new-person finding.
"""

import re
from dataclasses import dataclass

from core.text import fold

from .gazetteer import ORGANIZATION, PERSON

TITLE_WORDS = {
    "mayor", "sheriff", "senator", "sen.", "sens.", "rep.", "reps.", "gov.", "governor", "judge",
    "supervisor", "president", "chief", "atty.", "attys.", "attorney", "d.a.", "dr.", "councilman",
    "councilwoman", "councilmember", "assemblymember", "spokesman", "spokeswoman", "challenger",
    "incumbent", "candidate", "actor", "philanthropist", "prosecutor", "deputy", "detective",
    "officer", "commissioner", "lt.", "sgt.", "capt.", "gen.", "ex-sheriff", "ms.", "mr.", "mrs.",
}  # fmt: skip
TITLE = (
    r"(?:(?:then-|ex-|[Ff]ormer |[Ii]nterim |[Aa]cting )?(?:Deputy |Assistant |Chief Deputy )?"
    r"(?:Dist\. Attys?\.|District Attorneys?|D\.A\.|Sens?\.|Senators?|Reps?\.|Mayor|Gov\.|"
    r"Governor|Sheriff|Supervisor|Judge|Councilm[ae]mber|Assemblym[ae]mber|Atty\. Gen\.|"
    r"Attorney General|Police Chief|Dr\.|Detective|Commissioner))"
)
NAME_WORD = r"[A-Z][a-zà-ÿ'’]+(?:-[A-Z][a-zà-ÿ]+)?"
TITLED_NAME = re.compile(
    rf"\b(?P<title>{TITLE})\s+(?P<first>{NAME_WORD}(?:\s+[A-Z]\.)?(?:\s+{NAME_WORD}){{1,2}})"
    rf"(?:(?:,| and)\s+(?P<second>{NAME_WORD}(?:\s+{NAME_WORD}){{1,2}}))?"
)
NOT_A_PERSON = {
    "county", "office", "board", "department", "city", "state", "court", "party", "campaign",
    "school", "university", "los", "san", "general", "district", "angeles", "francisco",
}  # fmt: skip
ROLE = re.compile(
    r"\b[Tt]he (?P<role>incumbent|challenger|candidate|district attorney|D\.A\.|sheriff|mayor|"
    r"governor)\b(?!['’]s|\s+(?:of|race|general|primary|election)\b)"
)
# "The union said": the one union named earlier in the text (a possessive is still the union).
ORG_ROLE = re.compile(r"\b[Tt]he (?P<role>union|association|party)\b(?!\s+of\b)")
# What each phrase may stand for: an organization of that kind, or with the word in its name.
ORG_ROLE_KINDS = {"union": "union", "party": "party", "association": None}
ROLE_OFFICE = {"district attorney": "district attorney", "d.a.": "district attorney"}


def _starts(doc, gazetteer):
    """{"title": [offsets], "role": [offsets]}: where TITLED_NAME and ROLE may match.

    Every match of TITLED_NAME starts with one of the gazetteer's title marks, every match of
    ROLE with a role mark (``markers.py``); the name automaton finds them in the same pass as
    the names, and the regular expressions are tried only there (a scan of every position for
    a dozen alternatives cost more than the rest of the linker).
    """
    raw_matches(doc, gazetteer)
    return doc.__dict__["_starts"]


def _finditer(pattern, text, places):
    """``pattern.finditer(text)``, trying only the given starting places (sorted)."""
    reach = 0
    for place in places:
        if place < reach:
            continue
        match = pattern.match(text, place)
        if match:
            reach = match.end()
            yield match


@dataclass
class Found:
    kind: str  # "person" or "organization"
    entity: int | None  # gazetteer index; None for a new person
    name: str  # the text as printed
    start: int
    end: int
    role: str = ""  # the role phrase or title it was found by
    how: str = "name"  # name, surname, role or title


def _is_word_edge(folded, start, end):
    before = folded[start - 1] if start else " "
    after = folded[end] if end < len(folded) else " "
    return not (before.isalnum() or after.isalnum())


def raw_matches(doc, gazetteer):
    """Longest leftmost whole-word matches: (start, end, ``Names``), folded offsets.

    The same pass notes where titles and role phrases may begin (``_starts``).
    """
    if "_raw" in doc.__dict__:
        return doc.__dict__["_raw"]
    folded = doc.folded
    found, starts = [], {"title": set(), "role": set(), "org_role": set()}
    for last, (length, names, marks) in gazetteer.automaton.iter(folded):
        start, end = last - length + 1, last + 1
        for mark in marks:
            starts[mark].add(doc.span(start, end)[0])
        if names and _is_word_edge(folded, start, end):
            found.append((start, end, names))
    found.sort(key=lambda match: (match[0], -(match[1] - match[0])))
    chosen, reach = [], -1
    for match in found:
        if match[0] >= reach:
            chosen.append(match)
            reach = match[1]
    doc.__dict__["_starts"] = {mark: sorted(places) for mark, places in starts.items()}
    doc.__dict__["_raw"] = chosen
    return chosen


def _previous_word(text, start):
    match = re.search(r"(\S+)\s+$", text[max(0, start - 40) : start])
    return match.group(1) if match else ""


def _stands_alone(text, start):
    """A surname alone must not be the end of someone else's full name ("Ana Gascón")."""
    word = _previous_word(text, start)
    gap = text[max(0, start - 40) : start]
    if not word or "\n" in gap[gap.rfind(word) :] or not word[0].isupper():
        return True
    if word.lower() in TITLE_WORDS or word[-1] in ".,;:)”\"'’":
        return True
    before = text[: start - len(word)].rstrip(" ")
    return not before or before[-1] in '.?!:“"(—\n'


def _plausible(text, start, end, key_words):
    printed = text[start:end]
    if printed.islower() and (key_words == 1 or printed.startswith("the ")):
        return False
    return key_words > 1 or printed[:1].isupper()


def find_names(doc, gazetteer):
    """Known people and organizations named in the text."""
    text, matches = doc.text, raw_matches(doc, gazetteer)
    introduced = set()
    for start, end, names in matches:
        if " " in doc.folded[start:end]:
            introduced |= names.full
    found = []
    for start, end, names in matches:
        start, end = doc.span(start, end)
        words = len(text[start:end].split())
        if not _plausible(text, start, end, words):
            continue
        full = names.full
        # Most matches are surnames shared by hundreds the story has not introduced: the
        # sets answer that without reading the entries.
        known = (
            [index for index, _ in names.entries if index in introduced]
            if introduced & names.indices
            else []
        )
        if len(known) == 1:
            choice = known[0]
        elif len(full) == 1:
            (choice,) = full
        elif not full and len(names.entries) == 1:
            choice = names.entries[0][0]
        else:
            continue
        surname_only = choice not in full
        if (surname_only or words == 1) and not _stands_alone(text, start):
            continue
        entity = gazetteer.entities[choice]
        how = "surname" if surname_only else "name"
        found.append(Found(entity.kind, choice, text[start:end], start, end, how=how))
    return found


def story_races(gazetteer, day, people):
    """Races the story is about: the next election of the people it names, most named first."""
    if day is None:
        return []
    counts = {}
    for candidate in gazetteer.candidates:
        if candidate.person in people:
            counts[candidate.race] = counts.get(candidate.race, 0) + people[candidate.person]
    ahead = [r for r in counts if 0 <= (gazetteer.races[r].day - day).days <= 400]
    behind = [r for r in counts if -60 <= (gazetteer.races[r].day - day).days < 0]
    if ahead:
        first = min(gazetteer.races[r].day for r in ahead)
        chosen = [r for r in ahead if gazetteer.races[r].day == first]
    elif behind:
        last = max(gazetteer.races[r].day for r in behind)
        chosen = [r for r in behind if gazetteer.races[r].day == last]
    else:
        return []
    return sorted(chosen, key=lambda race: -counts[race])


def resolve_role(role, gazetteer, day, races, people):
    """The person a role phrase means on ``day``, or None when it is not clear."""
    role = role.lower()
    for race in races:
        running = [c for c in gazetteer.candidates if c.race == race]
        incumbents = [c for c in running if c.is_incumbent]
        if role == "incumbent" and len(incumbents) == 1:
            return incumbents[0].person
        if role == "challenger" and len(incumbents) == 1 and len(running) == 2:
            return next(c.person for c in running if not c.is_incumbent)
    if role == "candidate":
        # The one person named whose candidacy is in a race the story is about.
        running = {c.person for c in gazetteer.candidates if c.race in races and c.person in people}
        return next(iter(running)) if len(running) == 1 else None
    if role in {"incumbent", "challenger"} or day is None:
        return None
    wanted = ROLE_OFFICE.get(role, role)
    holders = {
        holder
        for office, name in gazetteer.offices.items()
        if wanted in name
        for holder in gazetteer.holders(office, day)
    }
    named = [holder for holder in holders if holder in people]
    if len(named) == 1:
        return named[0]
    return next(iter(holders)) if len(holders) == 1 and not named else None


def find_roles(doc, gazetteer, day, races, people, taken):
    found = []
    for match in _finditer(ROLE, doc.text, _starts(doc, gazetteer)["role"]):
        start, end = match.span()
        if any(s < end and start < e for s, e in taken):
            continue
        person = resolve_role(match.group("role"), gazetteer, day, races, people)
        if person is not None:
            role = match.group("role").lower()
            found.append(Found(PERSON, person, match.group(), start, end, role=role, how="role"))
    return found


def find_organization_roles(doc, gazetteer, names, taken):
    """ "the union", "the association", "the party": the one such organization named before."""
    found = []
    for match in _finditer(ORG_ROLE, doc.text, _starts(doc, gazetteer)["org_role"]):
        start, end = match.span()
        if any(s < end and start < e for s, e in taken):
            continue
        role = match.group("role").lower()
        earlier = {
            item.entity
            for item in names
            if item.kind == ORGANIZATION and item.end <= start and item.entity is not None
            and (
                gazetteer.categories.get(item.entity) == ORG_ROLE_KINDS[role]
                or role in fold(gazetteer.entities[item.entity].name).split()
            )
        }  # fmt: skip
        if len(earlier) == 1:
            (index,) = earlier
            found.append(
                Found(ORGANIZATION, index, match.group(), start, end, role=role, how="role")
            )
    return found


def find_newcomers(doc, gazetteer, taken):
    """Unknown names behind a title: "Sen. Ada Quill" with no Ada Quill on file."""
    found = []
    for match in _finditer(TITLED_NAME, doc.text, _starts(doc, gazetteer)["title"]):
        title = re.sub(r"\s+", " ", match.group("title"))
        for group in ("first", "second"):
            name = match.group(group)
            if not name:
                continue
            start, end = match.span(group)
            overlaps = any(s < end and start < e for s, e in taken)
            words = {w.lower().strip("'’") for w in name.split()}
            if overlaps or words & NOT_A_PERSON:
                continue
            if name.endswith(("’s", "'s")):
                name, end = name[:-2], end - 2
            found.append(Found(PERSON, None, name, start, end, role=title, how="title"))
    return found


def _newcomer_surnames(doc, newcomers, taken):
    """A newcomer's surname alone, after the full name: "Sen. Ada Quill ... Quill said"."""
    found = []
    for newcomer in newcomers:
        surname = newcomer.name.split()[-1]
        for match in re.finditer(rf"\b{re.escape(surname)}\b", doc.text[newcomer.end :]):
            start, end = newcomer.end + match.start(), newcomer.end + match.end()
            if not any(s < end and start < e for s, e in taken):
                found.append(Found(PERSON, None, surname, start, end, newcomer.role, "surname"))
    return found


def link(doc, gazetteer, day):
    """Every person and organization the text names, in text order."""
    names = find_names(doc, gazetteer)
    people = {}
    for item in names:
        if item.kind == PERSON:
            people[item.entity] = people.get(item.entity, 0) + 1
    races = story_races(gazetteer, day, people)
    taken = [(item.start, item.end) for item in names]
    roles = find_roles(doc, gazetteer, day, races, people, taken)
    roles += find_organization_roles(doc, gazetteer, names, taken)
    newcomers = find_newcomers(doc, gazetteer, taken + [(r.start, r.end) for r in roles])
    newcomers += _newcomer_surnames(doc, newcomers, taken + [(n.start, n.end) for n in newcomers])
    found = sorted(names + roles + newcomers, key=lambda item: item.start)
    return found, races

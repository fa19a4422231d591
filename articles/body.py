"""A story's body for readers: plain text in paragraphs, confirmed names linked to topic pages.

The body is never HTML: each paragraph is a list of (text, url) runs that the template
escapes; a run has a url only for a person whose mention an editor entered or confirmed and
whose topic page is public (``articles.coverage``). The spans come from the mention and the
accepted linker suggestion, moved with the text when it is edited or re-imported
(``articles.ingest.suggestions``); a span no longer holding that person's name is left
unlinked.
"""

from core.text import fold, paragraphs

from .coverage import ids_with_public_coverage
from .models import Mention, Suggestion

LINKED = {Mention.Origin.ENTERED, Mention.Origin.CONFIRMED}


def _spans(article, mentions, published):
    people = {m.person_id: m for m in mentions if m.person_id and m.origin in LINKED}
    if not people:
        return []
    # Everyone a published story mentions has a public page; a draft's people may not.
    public = (
        set(people) if published else ids_with_public_coverage([m.person for m in people.values()])
    )
    spans = {
        (m.span_start, m.span_end, pid)
        for pid, m in people.items()
        if pid in public and m.span_start is not None and m.span_end
    }
    if not any(people[pid].origin == Mention.Origin.CONFIRMED for pid in public):
        return _checked(article, people, spans)
    accepted = Suggestion.objects.filter(
        article=article, kind=Suggestion.Kind.PERSON, status=Suggestion.Status.ACCEPTED,
        person_id__in=public,
    ).values_list("person_id", "payload")  # fmt: skip
    for pid, payload in accepted:
        spans.update((start, end, pid) for start, end in payload.get("spans", []))
    return _checked(article, people, spans)


def _checked(article, people, spans):
    """The spans that still hold their person's name, in order, none overlapping."""
    body = article.body
    found = []
    for start, end, pid in sorted(spans):
        person = people[pid].person
        words = fold(body[start:end]).split()
        if not words or end > len(body) or (found and start < found[-1][1]):
            continue
        if words[-1] == fold(person.name).split()[-1] or fold(body[start:end]) == fold(
            people[pid].matched_text
        ):
            found.append((start, end, person.get_absolute_url()))
    return found


def linked_paragraphs(article, mentions, published=True):
    """[[(text, url or None), ...] per paragraph] for the public story page.

    ``published``: the story is one readers may see (the page's query already asked).
    """
    body, spans = article.body, _spans(article, mentions, published)
    result, cursor = [], 0
    for paragraph in paragraphs(body):
        start = body.index(paragraph, cursor)
        end = start + len(paragraph)
        cursor = end
        runs, at = [], start
        for s, e, url in spans:
            if start <= s and e <= end:
                if s > at:
                    runs.append((body[at:s], None))
                runs.append((body[s:e], url))
                at = e
        if at < end:
            runs.append((body[at:end], None))
        result.append(runs)
    return result

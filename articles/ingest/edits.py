"""A story's text changed in the archive (typed in the admin, or a revision published): read
again, as an import reads it, so the review queue holds what the text says now."""

from django.utils import timezone

from ..models import Suggestion
from . import suggestions
from .gazetteer import Gazetteer
from .readers import suggest


def relink(article):
    """Bring ``article``'s waiting suggestions to those of its saved text (their spans pointed
    into the old one) and its links to their new places (``suggestions.replace_pending``).
    The people the source system tagged on import are still its word."""
    day = timezone.localdate(article.published_at) if article.published_at else None
    tagged = article.suggestions.filter(
        kind=Suggestion.Kind.PERSON, payload__found_by=suggestions.SOURCE_TAGS
    ).values_list("matched_text", flat=True)
    made = suggest(Gazetteer.from_database(), article.body, day, list(tagged))
    suggestions.check_record(made, day)
    facts = set()
    made = suggestions.replace_pending(article, made, facts)
    # Other stories' figures about the same facts: flagged (or cleared) against these now.
    suggestions.flag_disagreements(facts)
    return made

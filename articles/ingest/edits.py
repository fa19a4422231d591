"""A story's text changed in the archive (typed in the admin, or a revision published): read
again, as an import reads it, so the review queue holds what the text says now."""

from django.utils import timezone

from ..models import Suggestion
from . import suggestions
from .gazetteer import Gazetteer
from .readers import suggest


def relink(article):
    """Replace ``article``'s waiting suggestions with those of its saved text (their spans
    pointed into the old one). Reviewed suggestions stay, so a rejection is still remembered;
    the people the source system tagged on import are still its word."""
    day = timezone.localdate(article.published_at) if article.published_at else None
    tagged = article.suggestions.filter(
        kind=Suggestion.Kind.PERSON, paragraph__isnull=True
    ).values_list("matched_text", flat=True)
    made = suggest(Gazetteer.from_database(), article.body, day, list(tagged))
    suggestions.check_record(made, day)
    return suggestions.replace_pending(article, made)

"""The project's one story search. Every caller (archive, public search, admin) goes through here."""

from django.db.models import Q

MAX_QUERY_LENGTH = 500


def clean_query(text):
    """The query as the search can take it: no NUL or control characters, bounded length."""
    text = "".join(ch for ch in (text or "") if ch.isprintable() or ch == " ")
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def search_articles(queryset, text):
    """Stories in ``queryset`` matching every word of ``text`` in headline, dek or body."""
    words = clean_query(text).split()
    for word in words:
        queryset = queryset.filter(
            Q(headline__icontains=word) | Q(dek__icontains=word) | Q(body__icontains=word)
        )
    return queryset

"""The story search backends, one per kind of database; each follows ``base.SearchBackend``."""

from django.core.exceptions import ImproperlyConfigured
from django.db import connections

from .base import MARK_START, MARK_STOP, CompiledQuery, SearchBackend, SearchSchema
from .postgres import PostgresBackend
from .sqlite import SqliteBackend

__all__ = [
    "MARK_START",
    "MARK_STOP",
    "CompiledQuery",
    "SearchBackend",
    "SearchSchema",
    "backend_for",
]

BACKENDS = {backend.vendor: backend for backend in (PostgresBackend, SqliteBackend)}


def backend_for(using="default") -> SearchBackend:
    """The search backend for the database ``using``, by its vendor."""
    vendor = connections[using].vendor
    try:
        return BACKENDS[vendor](using)
    except KeyError:
        raise ImproperlyConfigured(
            f"Story search runs on PostgreSQL or SQLite, not on {vendor} (database {using!r})."
        ) from None

"""Story search on SQLite: ``backend`` (the queries), ``schema`` (the FTS5 table and its
triggers)."""

from .backend import SqliteBackend

__all__ = ["SqliteBackend"]

"""The database side of story search, for code that holds a connection: the search migration,
the post-migrate check and bulk loaders. Each backend owns its schema (backends/postgres/
schema.py, backends/sqlite/schema.py); these functions pick it by the connection's vendor.

Both backends' triggers are created by migration ``articles.0004`` and checked again after
every ``migrate`` (SQLite rebuilds a table for some schema changes and drops its triggers on
the way).
"""

from .backends import backend_for


def install(connection):
    """Create the search document, its triggers and indexes (the migration, forwards)."""
    backend_for(connection.alias).schema.install()


def uninstall(connection):
    """Drop them again (the migration, backwards)."""
    backend_for(connection.alias).schema.uninstall()


def bulk_load(connection, replacing=None):
    """For loading many stories at once: no per-row triggers or index upkeep until the end,
    and the document complete and current afterwards, whatever happens inside.

    ``replacing(cursor)``, if given, deletes the rows the load replaces. It runs in its own
    transaction with the triggers already off but the indexes still there: without the index on
    mentions' story, each deleted story's foreign-key check would scan every mention, and
    reloading over a large archive would take hours instead of seconds.
    """
    return backend_for(connection.alias).schema.bulk_load(replacing=replacing)


def batch_writes(connection):
    """For writing thousands of new stories through the ordinary triggers and indexes, in a
    few transactions on ``connection``: the backend's cheapest way (see its schema)."""
    return backend_for(connection.alias).schema.batch_writes()


def ensure_after_migrate(sender, using="default", verbosity=1, stdout=None, **kwargs):
    """``post_migrate``: put back what a migration dropped of the search schema."""
    restored = backend_for(using).schema.repair()
    if restored and verbosity and stdout:
        stdout.write(f"Story search: restored {len(restored)} trigger(s) and refilled the index.")

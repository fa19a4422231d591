"""Bulk rows for a model's table, its columns taken from the model; COPY or executemany."""

from django.core.exceptions import ImproperlyConfigured
from django.db import connection

BATCH = 5000


class Table:
    """A model's table as bulk rows: the fields the generator fills, then every other column.

    Every other concrete column is written with its model default (``field.get_default()``,
    prepared as a save would), so a field added to the model with a default needs no change
    here; one the generator cannot fill that way is refused before anything is written.
    Columns the database fills itself (generated fields, database defaults) are left out.
    """

    def __init__(self, model, filled, extra=()):
        """``filled``: the field names (or columns) each row gives, in order; ``extra``: columns
        outside the model (the search names PostgreSQL keeps), given after them."""
        fields = [f for f in model._meta.concrete_fields if not f.generated]
        by_name = {name: f for f in fields for name in {f.name, f.attname, f.column}}
        unknown = [name for name in filled if name not in by_name]
        if unknown:
            raise ImproperlyConfigured(f"{model._meta.label} has no column {', '.join(unknown)}.")
        given = [by_name[name] for name in filled]
        defaulted = [f for f in fields if f not in given and not f.has_db_default()]
        refused = [f.name for f in defaulted if not _default_fits(f)]
        if refused:
            raise ImproperlyConfigured(
                f"{model._meta.label}.{', '.join(refused)}: no default that fits every row "
                "(required without a default, or unique); generate_corpus must fill it."
            )
        self.name = model._meta.db_table
        self.columns = [f.column for f in given + defaulted] + list(extra)
        self.width = len(given)
        self.defaults = tuple(f.get_db_prep_save(f.get_default(), connection) for f in defaulted)

    def row(self, values, extra=()):
        """The full row: ``values`` for the filled fields, the defaults, then ``extra``."""
        return values + self.defaults + extra


def _default_fits(field):
    if field.unique or field.primary_key:
        return False
    return field.null or field.get_default() is not None


class Writer:
    """Streams rows into a table: COPY on PostgreSQL, executemany elsewhere."""

    def __init__(self, cursor, table):
        self.cursor, self.table = cursor, table
        self.rows = []
        self.copy = None
        if connection.vendor == "postgresql":
            self.copy_context = cursor.cursor.copy(
                f"COPY {table.name} ({', '.join(table.columns)}) FROM STDIN"
            )
            self.copy = self.copy_context.__enter__()

    def write(self, values, extra=()):
        row = self.table.row(values, extra)
        if self.copy is not None:
            self.copy.write_row(row)
        else:
            self.rows.append(row)
            if len(self.rows) >= BATCH:
                self.flush()

    def flush(self):
        if self.rows:
            placeholders = ", ".join(["%s"] * len(self.table.columns))
            self.cursor.executemany(
                f"INSERT INTO {self.table.name} ({', '.join(self.table.columns)}) "
                f"VALUES ({placeholders})",
                self.rows,
            )
            self.rows = []

    def close(self):
        if self.copy is not None:
            self.copy_context.__exit__(None, None, None)
        self.flush()


def insert_one(cursor, table, values):
    """One row written at once (the synthetic section and publication)."""
    row = table.row(values)
    cursor.execute(
        f"INSERT INTO {table.name} ({', '.join(table.columns)}) "
        f"VALUES ({', '.join(['%s'] * len(row))})",
        row,
    )


def next_id(cursor, table):
    cursor.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}")
    return cursor.fetchone()[0]


def reset_sequence(cursor, table):
    if connection.vendor == "postgresql":
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"(SELECT coalesce(max(id), 1) FROM {table}))"
        )

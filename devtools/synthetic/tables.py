"""Streaming rows into a table: COPY on PostgreSQL, executemany elsewhere."""

from django.db import connection

BATCH = 5000


class Writer:
    """Streams rows into a table: COPY on PostgreSQL, executemany elsewhere."""

    def __init__(self, cursor, table, columns):
        self.cursor, self.table, self.columns = cursor, table, columns
        self.rows = []
        self.copy = None
        if connection.vendor == "postgresql":
            self.copy_context = cursor.cursor.copy(
                f"COPY {table} ({', '.join(columns)}) FROM STDIN"
            )
            self.copy = self.copy_context.__enter__()

    def write(self, row):
        if self.copy is not None:
            self.copy.write_row(row)
        else:
            self.rows.append(row)
            if len(self.rows) >= BATCH:
                self.flush()

    def flush(self):
        if self.rows:
            placeholders = ", ".join(["%s"] * len(self.columns))
            self.cursor.executemany(
                f"INSERT INTO {self.table} ({', '.join(self.columns)}) VALUES ({placeholders})",
                self.rows,
            )
            self.rows = []

    def close(self):
        if self.copy is not None:
            self.copy_context.__exit__(None, None, None)
        self.flush()


def _next_id(cursor, table):
    cursor.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}")
    return cursor.fetchone()[0]


def _reset_sequence(cursor, table):
    if connection.vendor == "postgresql":
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"(SELECT coalesce(max(id), 1) FROM {table}))"
        )

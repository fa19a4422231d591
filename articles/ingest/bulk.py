"""Writing many new rows at once: COPY on PostgreSQL, ``bulk_create`` elsewhere.

``bulk_create`` on PostgreSQL spends more time in Python than the database spends storing
the rows: each value goes through the field's preparation, then into one array per column
for ``UNNEST``. An import of thousands of stories writes them with COPY instead, values as
the model holds them (JSON is encoded with the field's encoder), the rows of one table sent
as one block of COPY text: the import writes from a second thread, and a block sent in one
call waits for the database without asking for Python's interpreter lock again row by row.
New stories get their ids from the table's sequence first, so the rows that point at them
go in the same way, and their history rows are written beside them as
``bulk_create_with_history`` would (type "+", no user, one time).
"""

import datetime as dt
import json

from django.db import connection, models
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

# Fields whose Python value is what the database stores: written as they are.
_PLAIN = (
    models.CharField, models.TextField, models.IntegerField, models.BooleanField,
    models.DateTimeField, models.ForeignKey, models.AutoField, models.BigAutoField,
)  # fmt: skip


def _copying():
    return connection.vendor == "postgresql"


def _columns(model, with_pk):
    fields = [
        f for f in model._meta.concrete_fields if not f.generated and (with_pk or not f.primary_key)
    ]
    stamped = [
        f for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    return fields, stamped, None


def _text(value):
    """One value in COPY's text format."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, str):
        return (
            value.replace("\\", "\\\\")
            .replace("\t", "\\t")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
        )
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)


def _copy(model, rows, fields):
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    block = "".join("\t".join(map(_text, row)) + "\n" for row in rows).encode()
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
    ):
        copy.write(block)


def _prepare(field):
    """How a field's value becomes a COPY value: as it is, or JSON encoded."""
    if isinstance(field, models.JSONField):
        return lambda value: None if value is None else json.dumps(value, cls=field.encoder)
    if isinstance(field, _PLAIN):
        return None
    return lambda value: field.get_db_prep_save(value, connection)


def _rows(objs, fields, stamped, plain):
    prepare = [_prepare(f) for f in fields]
    names = [f.attname for f in fields]
    for obj in objs:
        for field in stamped:
            field.pre_save(obj, add=True)
        values = obj.__dict__
        yield [
            values[name] if how is None else how(values[name])
            for name, how in zip(names, prepare, strict=True)
        ]


def create(model, objs):
    """Insert new, unsaved ``objs`` of ``model`` (no ids come back on PostgreSQL)."""
    objs = list(objs)
    if not objs:
        return objs
    if not _copying():
        return model.objects.bulk_create(objs, batch_size=2000)
    with_pk = objs[0].pk is not None
    fields, stamped, plain = _columns(model, with_pk)
    _copy(model, _rows(objs, fields, stamped, plain), fields)
    return objs


def reserve_ids(model, count):
    """``count`` ids from the table's own sequence, for rows written with their id."""
    table = model._meta.db_table
    column = model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [table, column, count],
        )
        return [row[0] for row in cursor.fetchall()]


def create_with_history(model, objs):
    """New ``objs`` with their ids set, and one history row each ("created")."""
    objs = list(objs)
    if not objs:
        return objs
    if not _copying():
        return bulk_create_with_history(objs, model, batch_size=2000)
    for obj, pk in zip(objs, reserve_ids(model, len(objs)), strict=True):
        obj.pk = pk
    create(model, objs)
    history = model.history.model
    tracked = {f.attname for f in model.history.model.tracked_fields}
    when = timezone.now()
    stamps = {"history_date": when, "history_type": "+", "history_user_id": None,
              "history_change_reason": None}  # fmt: skip
    fields = [f for f in history._meta.concrete_fields if not f.primary_key]
    unknown = [f.attname for f in fields if f.attname not in tracked and f.attname not in stamps]
    if unknown:  # a history field this does not know how to fill: let simple_history do it
        history.objects.bulk_create(
            [model.history.model(**_history_values(obj, tracked), **stamps) for obj in objs]
        )
        return objs
    _copy(history, _history_rows(objs, fields, stamps), fields)
    return objs


def _history_values(obj, tracked):
    return {name: getattr(obj, name) for name in tracked}


def _history_rows(objs, fields, stamps):
    prepare = [None if f.attname in stamps else _prepare(f) for f in fields]
    names = [f.attname for f in fields]
    for obj in objs:
        values = {**obj.__dict__, **stamps}
        yield [
            values[name] if how is None else how(values[name])
            for name, how in zip(names, prepare, strict=True)
        ]

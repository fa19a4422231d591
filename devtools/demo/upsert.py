"""One write path for records named by natural key: create what is missing, save what differs.

Related records are named the way people name them, never by database id: a value for a
foreign key is the related record's slug (``"george-gascon"``) or, for a record without one,
a table of its key fields (``{"race": "2024-la-county-da-general", "person": "nathan-hochman"}``),
resolved in turn; a many-to-many value is a list of such names.

A record whose stored values already equal the wanted ones is not saved, so re-running a load
writes no change history. Saving goes through the model's own ``save()``: a versioned record
(``core.versioning``) is read fresh here and goes up by exactly one version when it changes.
"""

import datetime as dt
from typing import Any, NamedTuple

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils.text import capfirst

from core.dates import (
    DatePrecision,
    last_moment,
    parse,
    precise_date_fields,
    precise_moment_fields,
)


class DemoDataError(Exception):
    """A record that cannot be placed as written: an unknown name, field or value."""


class UnknownRecord(DemoDataError):
    """A natural key that names no record."""


class Upserted(NamedTuple):
    record: models.Model
    action: str | None  # "created", "updated", or None when nothing differed
    changed: list[str]  # the fields (and many-to-many relations) that were written


def upsert(model, key, values=None, *, create_only=None, found=None):
    """Create the ``model`` record that ``key`` names, or update the ``values`` that differ.

    ``key``, ``values`` and ``create_only`` map field names to values; related records are
    named by natural key (see the module docstring). ``create_only`` values are written only
    when the record is new (a default that must never overwrite a later edit). ``found``, a
    dict kept across calls, remembers the related records already looked up.
    """
    lookup = clean_values(model, key, found)
    if any(model._meta.get_field(name).many_to_many for name in lookup):
        raise DemoDataError(f"{_name(model)} cannot be keyed by a list.")
    # A key's date typed as text also sets its precision: matched on the date alone, the
    # precision is a value like any other (and the one the key's text gives).
    extras = {name: lookup.pop(name) for name in list(lookup) if name not in key}
    wanted = clean_values(model, values or {}, found) | extras
    related = {
        name: wanted.pop(name) for name in list(wanted) if model._meta.get_field(name).many_to_many
    }
    try:
        record = model._default_manager.get(**lookup)
    except model.DoesNotExist:
        record = model(**{**clean_values(model, create_only or {}, found), **wanted, **lookup})
        record.save()
        for name, targets in related.items():
            getattr(record, name).set(targets)
        return Upserted(record, "created", [*lookup, *wanted, *related])
    except model.MultipleObjectsReturned:
        raise DemoDataError(
            f"More than one {model._meta.verbose_name} has {describe(key)}: "
            "give a key that names one."
        ) from None
    changed = [name for name, value in wanted.items() if _differs(record, name, value)]
    if changed:
        for name in changed:
            setattr(record, name, wanted[name])
        record.save()
    for name, targets in related.items():
        if set(getattr(record, name).values_list("pk", flat=True)) != {t.pk for t in targets}:
            getattr(record, name).set(targets)
            changed.append(name)
    return Upserted(record, "updated" if changed else None, changed)


def find(model, natural_key, found=None):
    """The ``model`` record a natural key names: its slug, or a table of its key fields."""
    if natural_key is None or isinstance(natural_key, models.Model):
        return natural_key
    remembered = (model, _hashable(natural_key))
    if found is not None and remembered in found:
        return found[remembered]
    if isinstance(natural_key, dict):
        lookup = clean_values(model, natural_key, found)
    else:
        lookup = {_naming_field(model): natural_key}
    try:
        record = model._default_manager.get(**lookup)
    except model.DoesNotExist:
        raise UnknownRecord(
            f"No {model._meta.verbose_name} with {describe(lookup)} "
            "(add it first, or check the spelling)."
        ) from None
    except model.MultipleObjectsReturned:
        raise DemoDataError(
            f"More than one {model._meta.verbose_name} has {describe(lookup)}."
        ) from None
    if found is not None:
        found[remembered] = record
    return record


def clean_values(model, values: dict[str, Any], found=None) -> dict[str, Any]:
    """``values`` by field name, related records found and other values checked by their field."""
    cleaned = {}
    typed = {}
    for name, value in values.items():
        if name in precise_date_fields(model) and isinstance(value, str):
            typed[name] = value  # "between June 1 and September 22, 2024", "2019"
            continue
        if name in precise_moment_fields(model) and _is_day(value):
            continue  # a count's day without a time: its last moment, below
        field = _editable_field(model, name)
        if value is None and not field.null and not field.many_to_many:
            raise DemoDataError(f"{_name(model)} {field.name} is missing: it cannot be left out.")
        if field.many_to_many:
            cleaned[field.name] = [find(field.related_model, item, found) for item in value or []]
        elif field.is_relation:
            cleaned[field.name] = find(field.related_model, value, found)
        else:
            try:
                cleaned[field.name] = field.clean(value, None)
            except ValidationError as error:
                raise DemoDataError(
                    f"{_name(model)} {field.name} {value!r}: {' '.join(error.messages)}"
                ) from None
    return cleaned | precise_values(model, values, typed)


def precise_values(model, values, typed):
    """A date written as text is read as a person types it (``core.dates.parse``): it sets
    its precision and, between two days, its first day; a date written as a date has no
    first day. A count's time written as a day alone is that day's last moment."""
    cleaned = {}
    for date, (precision, earliest) in precise_date_fields(model).items():
        if date in typed:
            try:
                value = parse(typed[date])
            except ValidationError as error:
                raise DemoDataError(f"{_name(model)} {date}: {' '.join(error.messages)}") from None
            cleaned |= {date: value.day, precision: value.precision}
            if earliest:
                cleaned[earliest] = value.earliest
        elif date in values and earliest and values.get(precision) != DatePrecision.BETWEEN:
            cleaned[earliest] = None
    for moment in precise_moment_fields(model):
        value = values.get(moment)
        if _is_day(value):
            cleaned[moment] = last_moment(value)
    return cleaned


def _is_day(value):
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


def describe(lookup):
    """A key as people read it: 'slug "george-gascon"', a related record by its own name."""
    return ", ".join(
        f"{name} {str(value) if isinstance(value, models.Model) else repr(value)}"
        for name, value in lookup.items()
    )


def _editable_field(model, name):
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        raise DemoDataError(f"{_name(model)} has no field {name!r}.") from None
    if not field.concrete and not field.many_to_many:
        raise DemoDataError(f"{_name(model)} {name!r} is a list of other records, not a field.")
    if not field.editable or field.primary_key:
        raise DemoDataError(
            f"{_name(model)} {field.name!r} is kept by the archive itself; leave it out."
        )
    return field


def _naming_field(model):
    """The one field whose value names a record on its own: its slug, else its unique field."""
    unique = [f.name for f in model._meta.concrete_fields if f.unique and not f.primary_key]
    if "slug" in unique:
        return "slug"
    if len(unique) == 1:
        return unique[0]
    raise DemoDataError(f"{_name(model)} has no slug: name it by a table of its key fields.")


def _name(model):
    return capfirst(model._meta.verbose_name)


def _hashable(natural_key):
    if isinstance(natural_key, dict):
        return tuple(sorted((name, _hashable(value)) for name, value in natural_key.items()))
    return natural_key


def _differs(record, name, value):
    field = record._meta.get_field(name)
    if field.is_relation:
        return getattr(record, field.attname) != (value.pk if value is not None else None)
    return getattr(record, name) != value

"""Merging a duplicate record into the one kept, generically over every relation to it.

Whatever points at the duplicate (any foreign key, one-to-one or many-to-many of any
installed model, found through ``_meta.related_objects``, so a relation added later is not
forgotten) is moved to the record kept. Where moving a row would break a unique constraint
(the same story mentions both records; both were candidates in the same race), the row is
not moved but merged, recursively, into the row the kept record already has, then removed:
nothing fails, nothing is counted twice. Blank fields of the kept record are filled from the
duplicate. Moves are recorded in each model's history (django-simple-history) with a reason.

This module knows no project model; the caller adds what is particular to its records.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db import models, transaction
from simple_history.exceptions import NotHistoricalModelError
from simple_history.utils import bulk_update_with_history, get_history_manager_for_model

# simple-history's change reason column is 100 characters long.
REASON_LENGTH = 100


@dataclass
class MergeReport:
    """What moved: {label: count} of rows moved and of rows merged into an existing one."""

    moved: Counter = field(default_factory=Counter)
    merged: Counter = field(default_factory=Counter)

    def lines(self):
        labels = dict.fromkeys([*self.moved, *self.merged])
        out = []
        for label in labels:
            moved, merged = self.moved[label], self.merged[label]
            text = f"{label}: {moved} moved"
            if merged:
                text += f", {merged} already on the record kept (merged into it)"
            out.append(text)
        return out

    def __str__(self):
        return "; ".join(self.lines()) or "nothing referred to it"


def relation_label(relation):
    """ "Mentions (story mention . person)": a readable name for a relation to a record."""
    model = relation.related_model._meta
    return f"{str(model.verbose_name_plural).capitalize()} ({model.verbose_name} · {relation.field.verbose_name})"


def _relations(obj):
    """The relations that point at ``obj``: (relation, queryset of the rows using it)."""
    for relation in obj._meta.related_objects:
        if relation.many_to_many and not relation.through._meta.auto_created:
            continue  # an explicit through model: its foreign key is a relation of its own
        yield relation, relation.related_model._base_manager.filter(**{relation.field.name: obj})


def plan(duplicate):
    """{label: count} of the rows that a merge of ``duplicate`` would move."""
    counts = {}
    for relation, rows in _relations(duplicate):
        count = rows.count()
        if count:
            counts[relation_label(relation)] = count
    return counts


def _unique_sets(model, field_name):
    """The unique constraints of ``model`` that include ``field_name``: (fields, condition)."""
    meta = model._meta
    sets = []
    for constraint in meta.total_unique_constraints + [
        c for c in meta.constraints if isinstance(c, models.UniqueConstraint) and c.condition
    ]:
        if constraint.fields and field_name in constraint.fields:
            sets.append((tuple(constraint.fields), constraint.condition))
    for together in meta.unique_together:
        if field_name in together:
            sets.append((tuple(together), None))
    if meta.get_field(field_name).unique:
        sets.append(((field_name,), None))
    return list(dict.fromkeys(sets))


def _counterpart(row, field_name, keep):
    """The row pointing at ``keep`` that ``row`` would collide with once moved, if any."""
    model = type(row)
    for fields, condition in _unique_sets(model, field_name):
        attnames = [model._meta.get_field(name).attname for name in fields]
        values = {attname: getattr(row, attname) for attname in attnames}
        values[model._meta.get_field(field_name).attname] = keep.pk
        if any(value is None for value in values.values()):
            continue  # NULLs never collide
        rows = model._base_manager.exclude(pk=row.pk).filter(**values)
        if condition is not None:
            if not model._base_manager.filter(condition, pk=row.pk).exists():
                continue
            rows = rows.filter(condition)
        other = rows.first()
        if other is not None:
            return other
    return None


def _fill_blanks(keep, duplicate):
    """Fields empty on the record kept take the duplicate's value; returns their names."""
    filled = []
    for model_field in keep._meta.concrete_fields:
        if model_field.primary_key or model_field.unique or not model_field.editable:
            continue
        if getattr(model_field, "auto_now", False) or getattr(model_field, "auto_now_add", False):
            continue
        mine = getattr(keep, model_field.attname)
        theirs = getattr(duplicate, model_field.attname)
        if mine in (None, "") and theirs not in (None, ""):
            if (
                model_field.is_relation
                and theirs == keep.pk
                and model_field.related_model is type(keep)
            ):
                continue  # never make a record its own parent
            setattr(keep, model_field.attname, theirs)
            filled.append(model_field.name)
    return filled


def _save_moved(model, rows, field_name, reason, user):
    try:
        get_history_manager_for_model(model)
    except NotHistoricalModelError:
        model._base_manager.bulk_update(rows, [field_name])
        return
    bulk_update_with_history(
        rows, model, [field_name], default_user=user, default_change_reason=reason
    )


def _move_many_to_many(relation, rows, keep, duplicate):
    for row in rows:
        manager = getattr(row, relation.field.name)
        manager.remove(duplicate)
        manager.add(keep)  # a no-op where the row already names the record kept


def _move_foreign_key(relation, rows, keep, reason, user, report, label):
    field_name, model = relation.field.name, relation.related_model
    moving = []
    for row in rows:
        if row.pk == keep.pk and model is type(keep):
            setattr(row, field_name, None)  # the kept record was the duplicate's child
            moving.append(row)
            continue
        other = _counterpart(row, field_name, keep)
        if other is not None:
            _merge_rows(other, row, reason, user, report)
            report.merged[label] += 1
            continue
        setattr(row, field_name, keep)
        moving.append(row)
    if moving:
        _save_moved(model, moving, field_name, reason, user)
        report.moved[label] += len(moving)


def _merge_rows(keep, duplicate, reason, user, report):
    """Move what points at ``duplicate`` to ``keep``, then delete ``duplicate``."""
    for relation, rows in _relations(duplicate):
        label = relation_label(relation)
        rows = list(rows)
        if not rows:
            continue
        if relation.many_to_many:
            _move_many_to_many(relation, rows, keep, duplicate)
            report.moved[label] += len(rows)
        else:
            _move_foreign_key(relation, rows, keep, reason, user, report, label)
    for m2m in duplicate._meta.many_to_many:
        getattr(keep, m2m.name).add(*getattr(duplicate, m2m.name).all())
    keep.refresh_from_db()
    if _fill_blanks(keep, duplicate):
        keep._change_reason = reason
        keep.save()
    duplicate._change_reason = reason
    duplicate.delete()


def merge(keep, duplicate, reason, user=None):
    """Merge ``duplicate`` into ``keep`` (same model, different rows); returns a MergeReport.

    Runs in one transaction: either everything moves and the duplicate is gone, or nothing
    changes.
    """
    if type(keep) is not type(duplicate) or keep.pk == duplicate.pk:
        raise ValueError("Choose two different records of the same kind to merge.")
    report = MergeReport()
    reason = reason[:REASON_LENGTH]
    with transaction.atomic():
        _merge_rows(keep, duplicate, reason, user, report)
    return report

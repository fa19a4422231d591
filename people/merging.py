"""Merging duplicate people or organizations: the rules particular to them.

``core.merging`` moves everything that refers to a duplicate; here the duplicate's names
become other names of the record kept, its old address is remembered (and redirects), and
the merge is written into the record kept's history.
"""

from django.db import transaction
from django.shortcuts import redirect

from core import merging
from core.admin_merge import MergeDuplicatesMixin
from core.text import fold

from .models import MergedRecord, Organization, Person, PersonName

MERGEABLE = (Person, Organization)


def _kept_field(model):
    return "person" if model is Person else "organization"


def _name_as_other_name(record):
    """The duplicate's own name, added to its other names so that it moves with them."""
    key = fold(record.name)
    if not key or record.other_names.filter(folded=key).exists():
        return
    extra = {"kind": PersonName.Kind.ALTERNATE} if isinstance(record, Person) else {}
    record.other_names.create(name=record.name, **extra)


def merge_into(keep, duplicates, user=None):
    """Merge each of ``duplicates`` into ``keep``; returns [(MergedRecord, MergeReport)].

    One transaction: all of them are merged, or none.
    """
    model = type(keep)
    if model not in MERGEABLE:
        raise ValueError("Only people and organizations are merged.")
    results = []
    with transaction.atomic():
        for duplicate in duplicates:
            old = {"slug": duplicate.slug, "name": duplicate.name, "merged_id": duplicate.pk}
            reason = (
                f"Merged “{duplicate.name}” ({duplicate.slug}, id {duplicate.pk}) into this record"
            )
            _name_as_other_name(duplicate)
            report = merging.merge(keep, duplicate, reason, user)
            # An other name that is now the kept record's own name says nothing.
            keep.other_names.filter(folded=keep.folded_name).delete()
            merged, _ = MergedRecord.objects.update_or_create(
                slug=old["slug"],
                **{f"{_kept_field(model)}__isnull": False},
                defaults={
                    _kept_field(model): keep,
                    "name": old["name"],
                    "merged_id": old["merged_id"],
                    "merged_by": user,
                    "moved": str(report),
                },
            )
            keep._change_reason = f"{reason}: {report}"[:100]
            keep.save()
            results.append((merged, report))
    return results


def merged_into(model, slug):
    """The record kept that the merged record at ``slug`` now lives in, or None."""
    field = _kept_field(model)
    merged = (
        MergedRecord.objects.filter(slug=slug, **{f"{field}__isnull": False})
        .select_related(field)
        .first()
    )
    return getattr(merged, field) if merged else None


def redirect_if_merged(model, slug, url_of, visible=None):
    """A permanent redirect from a merged record's old address to the record kept, or None.

    ``url_of(kept)`` gives the address; ``visible``, if given, is a queryset of ``model``
    whose members only may be redirected to (the public site names no one it may not).
    """
    kept = merged_into(model, slug)
    if kept is None:
        return None
    if visible is not None and not visible.filter(pk=kept.pk).exists():
        return None
    return redirect(url_of(kept), permanent=True)


class MergeAdminMixin(MergeDuplicatesMixin):
    """The admin's merge action for people and organizations."""

    def merge_records(self, request, keep, duplicates):
        return [
            f"“{merged.name}” ({merged.slug}): {report}."
            for merged, report in merge_into(keep, duplicates, user=request.user)
        ]

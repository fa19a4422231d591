"""An admin action that merges duplicate records into the one an editor chooses to keep.

Selecting two or more records and choosing the action opens a confirmation page: which
record to keep, and for each of the others what would move to it (``core.merging.plan``).
Merging deletes the duplicates, so only those who may delete the records may merge
(Editors; Data entry neither sees the action nor may post it). The admin's log records the
merge on the record kept and the deletion of each duplicate.
"""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from core import merging


class MergeDuplicatesMixin:
    """For a ModelAdmin: the merge action. Subclasses implement ``merge_records``."""

    actions = ["merge_duplicates"]
    merge_template = "admin/merge_duplicates.html"

    def merge_records(self, request, keep, duplicates):
        """Merge ``duplicates`` into ``keep``; return a list of report lines, one per record."""
        raise NotImplementedError

    def has_merge_permission(self, request):
        return self.has_delete_permission(request) and self.has_change_permission(request)

    @admin.action(description="Merge selected duplicates into one record…", permissions=["merge"])
    def merge_duplicates(self, request, queryset):
        # The admin offers this only to those who may merge; checked again for a forged post.
        if not self.has_merge_permission(request):
            self.message_user(request, "Only editors may merge records.", messages.ERROR)
            return None
        records = list(queryset.order_by("pk"))
        if len(records) < 2:
            self.message_user(request, "Select at least two records to merge.", messages.WARNING)
            return None
        error = None
        if request.POST.get("post") == "yes":
            keep = next((r for r in records if str(r.pk) == request.POST.get("keep")), None)
            if keep is not None:
                return self._merge(request, keep, [r for r in records if r.pk != keep.pk])
            error = "Choose the record to keep."
        return self._confirmation(request, records, error)

    def _confirmation(self, request, records, error):
        opts = self.model._meta
        rows = [(record, merging.plan(record)) for record in records]
        context = {
            **self.admin_site.each_context(request),
            "title": f"Merge duplicate {opts.verbose_name_plural}",
            "opts": opts,
            "rows": rows,
            "error": error,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "list_url": reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
        }
        return TemplateResponse(request, self.merge_template, context)

    def _merge(self, request, keep, duplicates):
        opts = self.model._meta
        with transaction.atomic():
            self.log_deletions(
                request, self.model._default_manager.filter(pk__in=[d.pk for d in duplicates])
            )
            lines = self.merge_records(request, keep, duplicates)
            self.log_change(request, keep, "; ".join(lines))
        names = ", ".join(f"“{d.name if hasattr(d, 'name') else d}”" for d in duplicates)
        self.message_user(
            request,
            f"Merged {names} into “{keep}”. " + " ".join(lines),
            messages.SUCCESS,
        )
        return redirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[keep.pk]))

"""The editors' queue of revisions to public stories: compare with the live text, then
publish or reject (``articles.revisions``). Everyone on staff may read it; only editors decide."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from core.admin_tools import ArchiveAdmin

from . import revisions
from .models import ArticleRevision


class StaleFilter(admin.SimpleListFilter):
    title = "live story changed since"
    parameter_name = "stale"

    def lookups(self, request, model_admin):
        return [("yes", "Yes: check before deciding"), ("no", "No")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(base_version=F("article__version"))
        if self.value() == "no":
            return queryset.filter(base_version=F("article__version"))
        return queryset


@admin.register(ArticleRevision)
class ArticleRevisionAdmin(ArchiveAdmin):
    list_display = ["story", "changes", "author", "created", "status", "live_changed", "decided"]
    list_filter = ["status", StaleFilter]
    list_select_related = ["article", "author", "decided_by"]
    search_fields = ["headline", "article__headline", "author__username"]
    ordering = ["-created", "-id"]
    actions = None

    # Revisions come only from edits of a story, and are never edited or deleted: they are
    # the record of what was proposed and decided.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="Story", ordering="article__headline")
    def story(self, obj):
        return obj.article.headline

    @admin.display(description="Changes")
    def changes(self, obj):
        return ", ".join(obj.changed_fields)

    @admin.display(description="Live story changed since", boolean=True)
    def live_changed(self, obj):
        return obj.is_stale if obj.is_pending else None

    @admin.display(description="Decision")
    def decided(self, obj):
        if obj.is_pending:
            return format_html(
                '<a class="button" href="{}">Compare with the live story</a>',
                reverse("admin:articles_articlerevision_change", args=[obj.pk]),
            )
        return f"{obj.get_status_display()} by {obj.decided_by}" if obj.decided_by else ""

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/publish/",
                wrap(self.decision(self.publish)),
                name="articles_articlerevision_publish",
            ),
            path(
                "<int:pk>/reject/",
                wrap(self.decision(self.reject)),
                name="articles_articlerevision_reject",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The compare page: live text beside the proposal, a word-level diff, the decision."""
        revision = self.get_object(request, object_id)
        if revision is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_permission(request, revision):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Compare revision #{revision.pk}",
            "subtitle": revision.article.headline,
            "revision": revision,
            "article": revision.article,
            "rows": revisions.comparison(revision),
            "changes_since": list(revisions.changes_since(revision)) if revision.is_stale else [],
            "may_decide": revisions.may_publish(request.user) and revision.is_pending,
            "revision_history": revision.history.select_related("history_user").order_by(
                "history_date"
            ),
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/articles/articlerevision/compare.html", context)

    def decision(self, decide):
        def view(request, pk):
            if request.method != "POST":
                return HttpResponseNotAllowed(["POST"])
            revision = get_object_or_404(
                ArticleRevision.objects.select_related("article", "author"), pk=pk
            )
            if not revisions.may_publish(request.user):
                raise PermissionDenied
            compare = reverse("admin:articles_articlerevision_change", args=[revision.pk])
            try:
                message = decide(request, revision)
            except revisions.RevisionError as error:
                self.message_user(request, str(error), messages.ERROR)
                return HttpResponseRedirect(compare)
            self.message_user(request, message, messages.SUCCESS)
            return HttpResponseRedirect(
                reverse("admin:articles_articlerevision_changelist") + "?status__exact=pending"
            )

        return view

    def publish(self, request, revision):
        seen = request.POST.get("live_version", "")
        revision = revisions.publish(
            revision,
            request.user,
            seen_version=int(seen) if seen.isdigit() else -1,
            confirm_stale=request.POST.get("confirm_stale") == "yes",
        )
        return (
            f"Published revision #{revision.pk} of “{revision.article.headline}” "
            f"by {revision.author}: the public story now shows it."
        )

    def reject(self, request, revision):
        revisions.reject(revision, request.user, request.POST.get("reason", ""))
        return (
            f"Rejected revision #{revision.pk} by {revision.author}; the public story is unchanged."
        )

"""Data entry for stories: the text, its people, photos, quotes and corrections, and publishing."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.admin_tools import (
    ArchiveAdmin,
    ArchiveTabularInline,
    VersionedAdmin,
    VersionedAdminForm,
)

from . import admin_lists, revisions
from .ingest.edits import relink
from .models import (
    REVIEWED_FIELDS,
    Article,
    ArticleRevision,
    Byline,
    Correction,
    Mention,
    Photo,
    Quote,
    Section,
)
from .revisions import PUBLISH_PERMISSION
from .search import search_articles
from .search.backends import backend_for

__all__ = ["PUBLISH_PERMISSION", "ArticleAdmin"]

KEPT_FOR_REVIEW = (
    "Your change was kept for an editor's review; the public story is unchanged. "
    "An editor will compare it with the live text and publish or reject it."
)


@admin.register(Section)
class SectionAdmin(ArchiveAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class ReviewedInlineMixin:
    """What readers see beside the text of a public story (bylines, photos and their
    captions, corrections) is changed only by someone who may publish; others see it read-only."""

    def _locked(self, request, obj):
        return obj is not None and revisions.needs_review(request.user, obj)

    def has_add_permission(self, request, obj=None):
        return not self._locked(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._locked(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._locked(request, obj) and super().has_delete_permission(request, obj)


class BylineInline(ReviewedInlineMixin, ArchiveTabularInline):
    model = Byline
    extra = 0
    autocomplete_fields = ["person"]
    fields = ["person", "position"]


class PhotoInline(ReviewedInlineMixin, admin.StackedInline):
    model = Photo
    extra = 0
    autocomplete_fields = ["photographer"]
    fields = ["image", "alt_text", "caption", ("photographer", "credit"), "position"]


class MentionInline(ArchiveTabularInline):
    model = Mention
    extra = 0
    autocomplete_fields = ["person", "organization", "race"]
    fields = ["person", "organization", "race", "role", "origin", "matched_text"]
    verbose_name_plural = "People, organizations and races in this story (one per row)"


class QuoteInline(admin.StackedInline):
    model = Quote
    extra = 0
    autocomplete_fields = ["speaker"]
    fields = [("speaker", "paragraph"), "text", "context"]


class CorrectionInline(ReviewedInlineMixin, ArchiveTabularInline):
    model = Correction
    extra = 0
    fields = ["date", "text"]


class ArticleAdminForm(VersionedAdminForm):
    # For someone whose change waits for review: the state of their pending revision when the
    # form was opened, so a save from another tab cannot silently replace it.
    base_revision = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Article
        fields = "__all__"
        widgets = {"headline": forms.TextInput(attrs={"size": 90})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["base_revision"].initial = getattr(self.instance, "_revision_token", "")

    def clean(self):
        cleaned = super().clean()
        author = getattr(self.instance, "_revision_author", None)
        if author is not None:
            current = revisions.pending_token(self.instance, author)
            if (cleaned.get("base_revision") or "") != current:
                raise ValidationError(
                    "Your revision of this story waiting for review was changed (in another "
                    "tab or window) after you opened this form. Your changes have not been "
                    "saved. They are still in the form below: open the story in a new tab to "
                    "see your latest revision, copy over what you need, then reload.",
                    code="stale",
                )
        status, published_at = cleaned.get("status"), cleaned.get("published_at")
        if (
            status in {Article.Status.PUBLISHED, Article.Status.SCHEDULED}
            and not published_at
            and "status" in self.fields
        ):
            self.add_error("published_at", "Give a publish time to publish or schedule this story.")
        if status == Article.Status.SCHEDULED and published_at and published_at <= timezone.now():
            self.add_error(
                "published_at",
                "A scheduled story needs a publish time in the future (or publish it now).",
            )
        return cleaned


@admin.register(Article)
class ArticleAdmin(VersionedAdmin):
    form = ArticleAdminForm
    list_display = ["headline", "status", "published_at", "section", "updated"]
    list_filter = ["status", "section", "publication"]
    list_select_related = ["section", "publication"]
    search_fields = ["headline"]  # replaced by the project's search below
    # Its links are drawn from the tallies (templates/admin/articles/article/change_list.html).
    date_hierarchy = "published_at"
    # "Show counts" would count every story once per filter choice.
    show_facets = admin.ShowFacets.NEVER
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["publication"]
    actions = ["publish_now", "withdraw"]
    inlines = [BylineInline, PhotoInline, MentionInline, QuoteInline, CorrectionInline]

    fieldsets = [
        (None, {"fields": ["headline", "slug", "dek", "body"]}),
        ("Placement", {"fields": ["section", "publication", "original_url"]}),
        (
            "Publishing",
            {
                "fields": ["status", "published_at"],
                "description": "Published and scheduled stories go public at their publish time. "
                "Only editors can publish, schedule or withdraw.",
            },
        ),
        ("Record", {"fields": ["version", "created", "updated"], "classes": ["collapse"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            readonly += ["status", "published_at"]  # data entry saves drafts; editors publish
        return readonly

    def get_paginator(self, request, queryset, per_page, **kwargs):
        paginator = super().get_paginator(request, queryset, per_page, **kwargs)
        paginator.exact_count = admin_lists.exact_count(request.GET)
        if paginator.exact_count is None and request.GET.get("q", "").strip():
            # A common word matches too many stories to count, even to 10,000 (core.admin_counts).
            paginator.estimated_count = backend_for(queryset.db).estimate(queryset.order_by())
        return paginator

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        # Autocomplete boxes search as the editor types: the last word may be unfinished.
        typing = request.resolver_match and request.resolver_match.url_name == "autocomplete"
        return search_articles(queryset, search_term, prefix=bool(typing)), False

    def has_publish_permission(self, request):
        return request.user.has_perm(PUBLISH_PERMISSION)

    @admin.action(
        permissions=["publish"], description="Publish now (keeps an earlier publish time)"
    )
    def publish_now(self, request, queryset):
        now = timezone.now()
        for article in queryset:
            article.status = Article.Status.PUBLISHED
            if article.published_at is None or article.published_at > now:
                article.published_at = now
            article.save()
        self.message_user(request, f"Published {len(queryset)} stories.", messages.SUCCESS)

    @admin.action(permissions=["publish"], description="Withdraw from the public site")
    def withdraw(self, request, queryset):
        for article in queryset:
            article.status = Article.Status.WITHDRAWN
            article.save()
        self.message_user(request, f"Withdrew {len(queryset)} stories.", messages.SUCCESS)

    # Review of published copy (articles.revisions): someone who may not publish changes a
    # public story's reviewed fields only through a pending revision.

    def change_view(self, request, object_id, form_url="", extra_context=None):
        request._shows_own_revision = True  # get_object shows the user's pending revision
        article = self.get_object(request, object_id)
        context = {**(extra_context or {}), **self.revision_context(request, article)}
        return super().change_view(request, object_id, form_url, extra_context=context)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": [*options["fields"], "base_revision"]}), *rest]

    class Media:
        css = {"all": ["css/admin-revisions.css"]}

    object_history_template = "admin/articles/article/object_history.html"

    def history_view(self, request, object_id, extra_context=None):
        story_revisions = ArticleRevision.objects.filter(
            article_id=int(object_id) if str(object_id).isdigit() else None
        ).select_related("author", "decided_by")
        context = {**(extra_context or {}), "story_revisions": story_revisions}
        return super().history_view(request, object_id, extra_context=context)

    def get_object(self, request, object_id, from_field=None):
        article = super().get_object(request, object_id, from_field)
        if (
            article is not None
            and getattr(request, "_shows_own_revision", False)
            and revisions.needs_review(request.user, article)
        ):
            # Their earlier proposal is what they go on editing; the live story is untouched.
            own = article.revisions.pending().filter(author=request.user).first()
            article._revision_author = request.user
            article._revision_token = revisions.pending_token(article, request.user)
            if own is not None:
                for field in REVIEWED_FIELDS:
                    attname = Article._meta.get_field(field).attname
                    setattr(article, attname, getattr(own, attname))
        return article

    def revision_context(self, request, article):
        if article is None:
            return {}
        pending = list(article.revisions.pending().select_related("author"))
        return {
            "reviewed_story": revisions.needs_review(request.user, article),
            "may_decide": revisions.may_publish(request.user),
            "own_revision": next((r for r in pending if r.author_id == request.user.pk), None),
            "pending_revisions": pending,
        }

    def save_model(self, request, obj, form, change):
        if not change and not self.has_publish_permission(request):
            obj.status = Article.Status.DRAFT
        live = Article._base_manager.get(pk=obj.pk) if change else None
        if live is None or not revisions.needs_review(request.user, live):
            super().save_model(request, obj, form, change)
            # The story's date decides the races and terms its figures and roles are read in.
            request._relink = bool({"body", "published_at"} & set(form.changed_data))
            return
        proposed = {field: revisions.value(obj, field) for field in REVIEWED_FIELDS}
        for field in REVIEWED_FIELDS:  # the story keeps its live text...
            attname = Article._meta.get_field(field).attname
            setattr(obj, attname, getattr(live, attname))
        if set(form.changed_data) - {*REVIEWED_FIELDS, "base_version"}:
            super().save_model(request, obj, form, change)  # ...and saves what readers never see
        had_pending = live.revisions.pending().filter(author=request.user).exists()
        revision = revisions.propose(obj, proposed, request.user)
        request._revision_outcome = (
            KEPT_FOR_REVIEW
            if revision is not None
            else "Your pending revision was withdrawn: the story's text is as published."
            if had_pending
            else None
        )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if getattr(request, "_relink", False):
            # After the inlines: the mentions saved with the story are the ones read against.
            relink(form.instance)

    def construct_change_message(self, request, form, formsets, add=False):
        message = super().construct_change_message(request, form, formsets, add)
        if getattr(request, "_revision_outcome", None):
            # The story's log names only what was saved to it; the proposal is the revision's.
            for entry in message:
                if "changed" in entry:
                    entry["changed"]["fields"] = [
                        name
                        for name in entry["changed"]["fields"]
                        if name not in {str(form.fields[f].label) for f in REVIEWED_FIELDS}
                    ]
            message = [e for e in message if "changed" not in e or e["changed"]["fields"]]
        return message

    def response_change(self, request, obj):
        outcome = getattr(request, "_revision_outcome", None)
        if outcome:
            messages.warning(request, outcome)
            request._quiet_success = True
        return super().response_change(request, obj)

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        if level == messages.SUCCESS and getattr(request, "_quiet_success", False):
            return  # not "changed successfully": the public story was not changed
        super().message_user(request, message, level, *args, **kwargs)


from . import admin_review, admin_revisions  # noqa: E402, F401  (the queues register themselves)

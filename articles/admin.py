"""Data entry for stories: the text, its people, photos, quotes and corrections, and publishing."""

from django import forms
from django.contrib import admin, messages
from django.utils import timezone

from core.admin_tools import (
    ArchiveAdmin,
    ArchiveTabularInline,
    VersionedAdmin,
    VersionedAdminForm,
)

from . import admin_lists
from .models import Article, Byline, Correction, Mention, Photo, Quote, Section
from .search import search_articles

PUBLISH_PERMISSION = "articles.publish_article"


@admin.register(Section)
class SectionAdmin(ArchiveAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class BylineInline(ArchiveTabularInline):
    model = Byline
    extra = 0
    autocomplete_fields = ["person"]
    fields = ["person", "position"]


class PhotoInline(admin.StackedInline):
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


class CorrectionInline(ArchiveTabularInline):
    model = Correction
    extra = 0
    fields = ["date", "text"]


class ArticleAdminForm(VersionedAdminForm):
    class Meta:
        model = Article
        fields = "__all__"
        widgets = {"headline": forms.TextInput(attrs={"size": 90})}

    def clean(self):
        cleaned = super().clean()
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

    def save_model(self, request, obj, form, change):
        if not change and not self.has_publish_permission(request):
            obj.status = Article.Status.DRAFT
        super().save_model(request, obj, form, change)


from . import admin_review  # noqa: E402, F401  (the review queue registers itself)

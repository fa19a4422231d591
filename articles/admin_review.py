"""The editors' review queue: the linker's suggestions, per story and across stories."""

from django.contrib import admin, messages
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from core.admin_queries import QuerySafeAdminMixin

from .ingest.review import ReviewError, accept, reject
from .models import Article, Suggestion


class ConflictFilter(admin.SimpleListFilter):
    title = "conflict"
    parameter_name = "conflict"

    def lookups(self, request, model_admin):
        return [("yes", "Disagrees with the record"), ("no", "No conflict")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(conflict="")
        if self.value() == "no":
            return queryset.filter(conflict="")
        return queryset


class StoryFilter(admin.SimpleListFilter):
    """Per story: the newest stories with suggestions waiting, and any story by its id."""

    title = "story"
    parameter_name = "story"

    def lookups(self, request, model_admin):
        waiting = (
            Article.objects.filter(suggestions__status=Suggestion.Status.PENDING)
            .distinct()
            .order_by("-created")[:30]
        )
        return [(str(article.pk), article.headline[:80]) for article in waiting]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        if not value.isdigit():
            raise Http404("No such story.")
        return queryset.filter(article_id=int(value))


@admin.register(Suggestion)
class SuggestionAdmin(QuerySafeAdminMixin, admin.ModelAdmin):
    # No model history: a suggestion's review (who, when, what it made) is on the row itself.
    list_display = ["in_context", "kind", "suggests", "article", "status", "flag", "buttons"]
    list_filter = ["status", "kind", ConflictFilter, StoryFilter]
    list_select_related = ["article", "person", "organization"]
    search_fields = ["matched_text", "article__headline"]
    ordering = ["-created", "-article__published_at", "article", "span_start"]
    actions = ["accept_selected", "reject_selected"]
    readonly_fields = [f.name for f in Suggestion._meta.fields]
    list_per_page = 100

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_changeform_initial_data(self, request):
        return {}

    @admin.display(description="Sentence")
    def in_context(self, obj):
        start = max(0, obj.span_start - obj.sentence_offset)
        end = max(start, obj.span_end - obj.sentence_offset)
        before, match, after = obj.sentence[:start], obj.sentence[start:end], obj.sentence[end:]
        return format_html("{}<mark>{}</mark>{}", before, match, after)

    @admin.display(description="Suggests")
    def suggests(self, obj):
        payload = obj.payload
        if obj.kind == Suggestion.Kind.FIGURE:
            about = payload.get("about") or "nobody named"
            race = payload.get("race_slug") or "no race"
            return f"{payload['kind']} {payload['value']} · {about} · {race}"
        if obj.kind == Suggestion.Kind.NEW_PERSON:
            return f"New person: {payload.get('name')} ({payload.get('role') or 'no role'})"
        if obj.kind == Suggestion.Kind.QUOTE:
            return f"Quote by {obj.person}"
        count = payload.get("count", 1)
        return f"{obj.person or obj.organization} ({payload.get('role')}, {count}×)"

    @admin.display(description="Conflict")
    def flag(self, obj):
        if not obj.conflict:
            return ""
        lines = format_html_join(
            mark_safe("<br>"), "{}", ((line,) for line in obj.conflict.splitlines())
        )
        return format_html('<strong class="errornote">{}</strong>', lines)

    @admin.display(description="Review")
    def buttons(self, obj):
        if obj.status != Suggestion.Status.PENDING:
            return obj.outcome
        return format_html(
            '<button type="submit" form="review-form" formaction="{}" class="button">Accept</button> '
            '<button type="submit" form="review-form" formaction="{}" class="button">Reject</button>',
            reverse("admin:articles_suggestion_accept", args=[obj.pk]),
            reverse("admin:articles_suggestion_reject", args=[obj.pk]),
        )

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/accept/", wrap(self.review_one(accept)), name="articles_suggestion_accept"
            ),
            path(
                "<int:pk>/reject/", wrap(self.review_one(reject)), name="articles_suggestion_reject"
            ),
            *super().get_urls(),
        ]

    def review_one(self, decide):
        def view(request, pk):
            if request.method != "POST":
                return HttpResponseNotAllowed(["POST"])
            suggestion = get_object_or_404(Suggestion.objects.select_related("article"), pk=pk)
            if not self.has_change_permission(request, suggestion):
                return HttpResponseRedirect(reverse("admin:index"))
            self._decide(request, decide, [suggestion])
            back = request.POST.get("next") or ""
            if not back.startswith(reverse("admin:articles_suggestion_changelist")):
                back = reverse("admin:articles_suggestion_changelist")
            return HttpResponseRedirect(back)

        return view

    def _decide(self, request, decide, suggestions):
        done = 0
        for suggestion in suggestions:
            try:
                outcome = decide(suggestion, request.user)
                done += 1
                if outcome and len(suggestions) == 1:
                    self.message_user(request, outcome, messages.SUCCESS)
            except ReviewError as error:
                self.message_user(request, f"{suggestion}: {error}", messages.WARNING)
        if len(suggestions) > 1:
            self.message_user(request, f"{done} of {len(suggestions)} done.", messages.SUCCESS)

    @admin.action(description="Accept the selected suggestions", permissions=["change"])
    def accept_selected(self, request, queryset):
        self._decide(request, accept, list(queryset.select_related("article")))

    @admin.action(description="Reject the selected suggestions", permissions=["change"])
    def reject_selected(self, request, queryset):
        self._decide(request, reject, list(queryset))

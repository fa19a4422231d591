"""The public search page: published stories only, ranked, with highlighted snippets."""

from django import forms
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from articles.coverage import ids_with_public_coverage
from articles.models import Article
from articles.search import StorySearch
from core.http import public_cache
from people.models import Person
from people.names import matching_names

SEARCH_PAGE_SIZE = 20
MAX_PAGE = 500  # 10,000 results deep is far past what anyone reads; deeper is a 404
PEOPLE_SHOWN = 5


class SearchForm(forms.Form):
    q = forms.CharField(label="Search stories", required=False, strip=True)
    sort = forms.ChoiceField(
        label="Order",
        required=False,
        choices=[("relevance", "Best match"), ("newest", "Newest first")],
    )
    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE)


def people_named(search):
    """People with a public topic page whose name matches a short, plain query."""
    if search.problem or search.is_empty or search.parsed.excluded:
        return []
    words = [term for group in search.parsed.groups for term in group]
    if len(words) > 4 or any(term.phrase for term in words):
        return []
    near = search.spellings  # already looked up for the stories: no second look-up
    spellings = {term.text: found for term, found in near.items()}
    people = list(matching_names(Person.objects.all(), search.text, spellings)[: PEOPLE_SHOWN * 2])
    public = ids_with_public_coverage(people)
    return [person for person in people if person.pk in public][:PEOPLE_SHOWN]


@require_safe
@public_cache
def search(request):
    form = SearchForm(request.GET)
    if not form.is_valid():
        if "page" in form.errors:
            raise Http404("No such page of results.")
        return render(request, "public/search.html", {"form": form}, status=400)
    story_search = StorySearch(form.cleaned_data["q"], public=True)
    context = {"form": form, "search": story_search}
    if not story_search.is_empty and not story_search.problem:
        context["results"] = story_search.page(
            Article.objects.published(),
            number=form.cleaned_data["page"] or 1,
            per_page=SEARCH_PAGE_SIZE,
            sort=form.cleaned_data["sort"] or "relevance",
        )
        context["people"] = people_named(story_search)
    return render(request, "public/search.html", context)

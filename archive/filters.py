"""The editors' filters: stories, people, races, endorsements. Parameter names are stable:
editors bookmark and share them."""

import datetime as dt

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q

from articles.models import Article, Mention, Section
from articles.search import MAX_QUERY_LENGTH, StorySearch
from core.dates import end_of_day
from core.text import fold
from people.models import Election, Endorsement, Office, Organization, Person, Race


class AddOneMoreWidget(forms.Widget):
    """Carries the values already chosen as hidden inputs and offers one text box to add another."""

    def value_from_datadict(self, data, files, name):
        return (
            [value for value in data.getlist(name) if value.strip()]
            if hasattr(data, "getlist")
            else []
        )

    def render(self, name, value, attrs=None, renderer=None):
        from django.utils.html import format_html, format_html_join

        chosen = value if isinstance(value, (list, tuple)) else ([value] if value else [])
        hidden = format_html_join(
            "", '<input type="hidden" name="{}" value="{}">', ((name, v) for v in chosen)
        )
        attrs = self.build_attrs(self.attrs, attrs)
        return format_html(
            '{}<input type="text" name="{}" id="{}" autocomplete="off" placeholder="{}">',
            hidden,
            name,
            attrs.get("id", f"id_{name}"),
            attrs.get("placeholder", "Name"),
        )


class SlugOrNameField(forms.ModelMultipleChoiceField):
    """Accepts slugs (from links and bookmarks) or names typed by an editor, accents ignored."""

    widget = AddOneMoreWidget

    def _check_values(self, value):
        found = []
        for item in value:
            item = str(item).strip()
            if len(item) > 200:
                raise forms.ValidationError("That name is too long.", code="invalid_choice")
            match = self.queryset.filter(slug=item).first() or self.find_by_name(item)
            if match is None:
                raise forms.ValidationError(
                    "Nothing called “%(value)s” is in the archive.",
                    code="invalid_choice",
                    params={"value": item},
                )
            found.append(match)
        return found

    def find_by_name(self, text):
        model = self.queryset.model
        matches = (
            model.objects.named(text)
            if hasattr(model.objects, "named")
            else model.objects.filter(name__iexact=text)
        )
        matches = list(matches[:2])
        return matches[0] if len(matches) == 1 else None


class SlugOrNameFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = SlugOrNameField


class SearchField(forms.CharField):
    """Text in web-search syntax, cleaned to a StorySearch; a query with nothing to look for
    (only operators, only common words) is a form error that says why."""

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return text
        search = StorySearch(text)
        if search.problem:
            raise forms.ValidationError(search.problem, code="unsearchable")
        return search


class SearchFilter(django_filters.CharFilter):
    field_class = SearchField


class StoryFilter(django_filters.FilterSet):
    SORTS = {
        "newest": ("-published_at", "-id"),
        "oldest": ("published_at", "id"),
        "relevance": None,
    }

    q = SearchFilter(
        label="Text",
        method="filter_text",
        max_length=MAX_QUERY_LENGTH,
        help_text='Words in the headline, summary or text. Use "quotes" for a phrase.',
    )
    published_after = django_filters.DateFilter(
        field_name="published_at",
        method="filter_published_after",
        label="Published on or after",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    published_before = django_filters.DateFilter(
        field_name="published_at",
        method="filter_published_before",
        label="Published on or before",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    person = SlugOrNameFilter(
        field_name="person",
        method="filter_mentioned",
        queryset=Person.objects.all(),
        conjoined=True,
        label="People (stories mentioning all of them)",
    )
    organization = SlugOrNameFilter(
        field_name="organization",
        method="filter_mentioned",
        queryset=Organization.objects.all(),
        conjoined=True,
        label="Organizations (all of them)",
    )
    race = SlugOrNameFilter(
        field_name="race",
        method="filter_mentioned",
        queryset=Race.objects.all(),
        conjoined=True,
        label="Races (all of them)",
    )
    section = django_filters.ModelChoiceFilter(
        field_name="section", to_field_name="slug", queryset=Section.objects.all(), label="Section"
    )
    byline = SlugOrNameFilter(field_name="bylines", queryset=Person.objects.all(), label="Byline")
    status = django_filters.ChoiceFilter(choices=Article.Status.choices, label="Status")
    role = django_filters.ChoiceFilter(
        choices=Mention.Role.choices,
        method="filter_role",
        label="Role in the story",
        help_text="With people chosen: their role. Otherwise: anyone's.",
    )
    sort = django_filters.ChoiceFilter(
        choices=[
            ("newest", "Newest first"),
            ("oldest", "Oldest first"),
            ("relevance", "Best match (with text)"),
        ],
        method="filter_sort",
        empty_label=None,
        label="Order",
    )

    class Meta:
        model = Article
        fields = []

    # Days in the newsroom's time zone, compared as a range of the stored moment rather than
    # the moment's local date: a range reads the date index, a date computed from every row
    # cannot (a one-year filter on a million stories walked the index from the newest story).
    def filter_published_after(self, queryset, name, value):
        if value is None or value == dt.date.min:
            return queryset.exclude(published_at=None) if value else queryset
        return queryset.filter(published_at__gte=end_of_day(value - dt.timedelta(days=1)))

    def filter_published_before(self, queryset, name, value):
        if value is None or value == dt.date.max:
            return queryset.exclude(published_at=None) if value else queryset
        return queryset.filter(published_at__lt=end_of_day(value))

    def filter_mentioned(self, queryset, name, value):
        # One EXISTS per chosen name, not a join: no DISTINCT, so the newest matches come
        # straight off the date index, each checked against the mention's unique index.
        for target in value:
            mentions = Mention.objects.filter(article=OuterRef("pk"), **{name: target})
            queryset = queryset.filter(Exists(mentions))
        return queryset

    def filter_text(self, queryset, name, value):
        return value.filter(queryset)

    def filter_role(self, queryset, name, value):
        people = self.form.cleaned_data.get("person")
        condition = Q(mentions__role=value)
        if people:
            condition &= Q(mentions__person__in=people)
        return queryset.filter(pk__in=Article.objects.filter(condition).values("pk"))

    def filter_sort(self, queryset, name, value):
        return queryset  # applied last, in filter_queryset, so it sees the text query

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        sort = self.form.cleaned_data.get("sort") or "newest"
        if sort == "relevance" and (search := self.form.cleaned_data.get("q")):
            return search.by_relevance(queryset)
        return queryset.order_by(*self.SORTS.get(sort) or self.SORTS["newest"])


class PersonFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(
        method="filter_name",
        label="Name",
        max_length=200,
        help_text="Any spelling; accents optional.",
    )
    candidate = django_filters.BooleanFilter(
        method="filter_candidate", label="Has run for office", widget=forms.NullBooleanSelect
    )

    class Meta:
        model = Person
        fields = []

    def filter_name(self, queryset, name, value):
        key = fold(value)
        return queryset.filter(
            Q(folded_name__contains=key) | Q(other_names__folded__contains=key)
        ).distinct()

    def filter_candidate(self, queryset, name, value):
        return queryset.filter(candidacies__isnull=not value).distinct()


class RaceFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(
        field_name="election__date__year", label="Year", min_value=1900, max_value=2100
    )
    office = django_filters.ModelChoiceFilter(
        queryset=Office.objects.all(), to_field_name="slug", label="Office"
    )
    kind = django_filters.ChoiceFilter(
        field_name="election__kind", choices=Election.Kind.choices, label="Election"
    )

    class Meta:
        model = Race
        fields = []


class EndorsementFilter(django_filters.FilterSet):
    race = django_filters.ModelChoiceFilter(
        field_name="candidacy__race",
        queryset=Race.objects.all(),
        to_field_name="slug",
        label="Race",
    )
    endorser_kind = django_filters.ChoiceFilter(
        choices=[("person", "A person"), ("organization", "An organization")],
        method="filter_endorser_kind",
        label="Endorser",
    )
    active_on = django_filters.DateFilter(
        method="filter_active_on",
        label="In force on",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Endorsement
        fields = []

    def filter_endorser_kind(self, queryset, name, value):
        return queryset.filter(**{f"endorser_{value}__isnull": False})

    def filter_active_on(self, queryset, name, value):
        return queryset.in_force_on(value)

"""Filters for the editors' lists of people, races and endorsements."""

import django_filters
from django import forms
from django.db.models import Q

from newsroom.text import fold
from people.models import Election, Endorsement, Office, Person, Race


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
        return queryset.as_of(value)

"""What the civic admins share: the source fieldset, race-limited candidate pickers and
name search."""

from django import forms
from django.contrib.admin.widgets import AdminSplitDateTime

from core.admin_tools import VersionedRecordAdmin
from core.dates import describe, precise_date_fields, precise_moment_fields
from core.forms import (
    PreciseDateField,
    PreciseDatesFormMixin,
    PrecisionChoiceField,
    ReportedMomentField,
    ReportedMomentsFormMixin,
    TimePrecisionChoiceField,
)
from people.models import (
    Candidacy,
)
from people.names import matching_names

SOURCE_FIELDSET = (
    "Source",
    {
        "fields": ["source_article", "source_note"],
        "description": "Where this fact was reported. Facts from unpublished stories stay off the public site.",
    },
)


def precision_pairs(model):
    """{date field: its precision field} for each date ``model`` records with a precision
    ("start" and "start_precision", "announced_on" and "announced_precision"; a count's
    "as_of" and "as_of_precision")."""
    return {
        **{date: pair[0] for date, pair in precise_date_fields(model).items()},
        **precise_moment_fields(model),
    }


class PreciseDatesAdminMixin:
    """Each date the model records with a precision is typed as the source gives it ("2019",
    "March 2020", "early 2019", "by Nov 1, 2020", "March 3–10, 2020") on one row with its
    precision, so no form can take a day without asking how exact the source is. The text
    sets the date, its precision and, between two days, the first one
    (``core.forms.PreciseDatesFormMixin``); the precision select is "as typed" unless chosen.
    Fieldsets name the date only. For admins and inlines alike."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        fields = precise_date_fields(self.model)
        if db_field.name in fields:
            return PreciseDateField(
                label=db_field.verbose_name.capitalize(),
                required=not db_field.blank,
                help_text=PRECISE_DATE_HELP,
                widget=forms.TextInput(
                    attrs={"size": 24, "aria-label": db_field.verbose_name.capitalize()}
                ),
            )
        moments = precise_moment_fields(self.model)
        if db_field.name in moments:
            label = db_field.verbose_name.capitalize()
            return ReportedMomentField(
                label=label,
                required=not db_field.blank,
                widget=AdminSplitDateTime(attrs={"aria-label": label}),
            )
        if db_field.name in moments.values():
            return TimePrecisionChoiceField(
                label="Time precision", widget=forms.Select(attrs={"aria-label": "Time precision"})
            )
        if db_field.name in {precision for precision, _ in fields.values()}:
            label = f"{db_field.name.removesuffix('_precision').replace('_', ' ')} precision"
            return PrecisionChoiceField(
                label=label.capitalize(), widget=forms.Select(attrs={"aria-label": label})
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_list_display(self, request):
        """A list shows each such date as ``describe`` writes it ("between March 3 and
        March 10, 2020", "by November 1, 2020"), never as its bare stored day."""
        fields = precise_date_fields(self.model)
        return [
            shown_date(name, *fields[name]) if name in fields else name
            for name in super().get_list_display(request)
        ]

    def _precise_form(self, form):
        return type(
            form.__name__,
            (PreciseDatesFormMixin, ReportedMomentsFormMixin, form),
            {
                "precise_dates": precise_date_fields(self.model),
                "precise_moments": precise_moment_fields(self.model),
            },
        )

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return self._precise_form(form)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = self._precise_form(formset.form)
        return formset

    def get_fieldsets(self, request, obj=None):
        pairs = precision_pairs(self.model)
        date_of = {precision: date for date, precision in pairs.items()}
        fieldsets = []
        for name, options in super().get_fieldsets(request, obj):
            named = set(options["fields"])
            fields = [
                (field, pairs[field]) if field in pairs else field
                for field in options["fields"]
                if date_of.get(field) not in named  # a precision already beside its date
            ]
            fieldsets.append((name, {**options, "fields": fields}))
        return fieldsets


def shown_date(name, precision, earliest):
    def shown(obj):
        return describe(
            getattr(obj, name),
            getattr(obj, precision),
            getattr(obj, earliest, None) if earliest else None,
        )

    shown.short_description = name.removesuffix("_on").replace("_", " ")
    shown.admin_order_field = name
    return shown


PRECISE_DATE_HELP = (
    "As the source gives it: “March 3, 2020”, “March 2020”, “2019”, “early 2019” (January to "
    "April; “mid” is May to August, “late” September to December), “by Nov 1, 2020” (on or "
    "before), or “March 3–10, 2020” (between two days)."
)


class SourcedFactAdmin(PreciseDatesAdminMixin, VersionedRecordAdmin):
    """The admin of a sourced fact: its form ends with where the fact was reported, so no
    fact's admin can forget to ask."""

    def get_fieldsets(self, request, obj=None):
        return [*super().get_fieldsets(request, obj), SOURCE_FIELDSET]


class CandidacyChoiceField(forms.ModelChoiceField):
    """Candidates labelled so the race is readable: "2024 LA County DA general: Nathan Hochman"."""

    def label_from_instance(self, obj):
        return f"{obj.race.name}: {obj.person.name}"


class RaceCandidaciesInlineMixin:
    """Inline rows whose candidate must be in the parent's race: on the change form the picker
    offers only that race's candidates; on the add form, every candidate with the race's name
    first (the model's clean refuses another race's candidate either way)."""

    candidacy_fields = ("candidacy",)

    def parent_race_id(self, request):
        object_id = (
            request.resolver_match.kwargs.get("object_id") if request.resolver_match else None
        )
        if not object_id or not str(object_id).isdigit():
            return None
        return (
            self.parent_model._base_manager.filter(pk=object_id)
            .values_list("race_id", flat=True)
            .first()
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.candidacy_fields:
            choices = Candidacy.objects.select_related("race", "person").order_by(
                "-race__election__date", "race__name", "person__sort_name"
            )
            race_id = self.parent_race_id(request)
            if race_id is not None:
                choices = choices.filter(race_id=race_id)
            return CandidacyChoiceField(
                queryset=choices,
                required=not db_field.blank,
                label=db_field.verbose_name.capitalize(),
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class NameSearchMixin:
    """Admin search and autocomplete by name through the project's name look-up: accents and
    case ignored, other names included, small typos forgiven ("Hochmann"), closest first."""

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        return matching_names(queryset, search_term), False

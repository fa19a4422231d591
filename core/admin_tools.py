"""Admin building blocks shared by both apps: stale-save refusal, history, and bad addresses
answered with 400 or 404 (``core.admin_queries``)."""

import datetime as dt

from django import forms
from django.contrib import admin
from django.contrib.admin import helpers
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from core.admin_counts import BoundedCountPaginator
from core.admin_queries import QuerySafeAdminMixin
from core.numbers import grouped, grouped_formfield, grouped_places


class VersionedAdminForm(forms.ModelForm):
    """Carries the version the editor started from and refuses a save based on an older one."""

    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["base_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned
        base = cleaned.get("base_version")
        # Lock the row for the rest of the admin's transaction, so nobody can save between
        # this check and our save (PostgreSQL; SQLite serialises writers anyway).
        current = (
            type(self.instance)
            ._base_manager.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        if base is None or current != base:
            raise ValidationError(self.stale_message(), code="stale")
        # The model's compare-and-increment must compare with what the editor saw.
        self.instance.version = base
        return cleaned

    def stale_message(self):
        noun = self.instance._meta.verbose_name
        latest = (
            self.instance.history.order_by("-history_date").select_related("history_user").first()
        )
        if latest is not None:
            who = latest.history_user.get_username() if latest.history_user else "someone"
            when = timezone.localtime(latest.history_date).strftime("%-d %b %Y at %H:%M")
            changed = f"This {noun} was changed by {who} on {when}, after you opened it."
        else:
            changed = f"This {noun} was changed by someone else after you opened it."
        return (
            f"{changed} Your changes have not been saved. They are still in the form below: "
            "open the record in a new tab to see the latest version, copy over what you need, then reload."
        )


class LabelledFieldsMixin:
    """Tabular inlines show a field's name only as a column heading; screen readers need it on
    the field itself, so every widget carries it as aria-label."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # Counts and amounts: "1,234,567" shown and accepted, in a box wide enough for it.
        formfield = grouped_formfield(db_field, **kwargs) or super().formfield_for_dbfield(
            db_field, request, **kwargs
        )
        if formfield is not None and getattr(db_field, "verbose_name", None):
            widget = getattr(
                formfield.widget, "widget", formfield.widget
            )  # inside the related-object wrapper
            widget.attrs.setdefault("aria-label", str(db_field.verbose_name).capitalize())
        return formfield


class NewsroomHistoryHelper(HistoricalRecordContextHelper):
    """The History page's changes as the rest of the admin shows them: times in the newsroom's
    time zone ("March 3, 2020, 11 p.m.", not "2020-03-04 07:00:00+00:00"), counts and amounts
    with their separators."""

    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        if isinstance(value, dt.datetime):
            return formats.localize(
                timezone.localtime(value) if timezone.is_aware(value) else value
            )
        if isinstance(value, dt.date):
            return formats.localize(value)
        places = grouped_places(self.model._meta.get_field(change.field))
        if places is not None and value is not None:
            return grouped(value, places)
        return value


class ArchiveAdmin(QuerySafeAdminMixin, LabelledFieldsMixin, SimpleHistoryAdmin):
    """Every archive admin: a History page with who changed what, when; a bad list address is
    a 400 with a message, a bad id a 404."""

    save_on_top = True
    # No second COUNT(*) of the whole table beside the filtered one on every list page, and
    # the filtered one stops at 10,000 ("More than 10,000 stories").
    show_full_result_count = False
    paginator = BoundedCountPaginator

    class Media:
        js = ["js/admin-a11y.js"]
        css = {"all": ["css/admin-numbers.css"]}

    def get_historical_record_context_helper(self, request, historical_record):
        return NewsroomHistoryHelper(self.model, historical_record)

    def action_checkbox(self, obj):
        """The row's selection box, as Django's own but written directly: Django renders a
        checkbox widget through the form template engine once per row, which was most of the
        time of a 100-row list."""
        label = format_html(_("Select this object for an action - {}"), str(obj))
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            str(obj.pk),
            label,
        )

    def get_list_display(self, request):
        """Counts and amounts listed with their thousands separators ("1,234,567")."""
        return [self._grouped_column(name) for name in super().get_list_display(request)]

    def _grouped_column(self, name):
        if not isinstance(name, str):
            return name
        try:
            field = self.model._meta.get_field(name)
        except FieldDoesNotExist:
            return name
        places = grouped_places(field)
        if places is None:
            return name

        @admin.display(description=field.verbose_name, ordering=name)
        def column(obj):
            value = getattr(obj, name)
            return grouped(value, places) if value is not None else self.get_empty_value_display()

        column.__name__ = name
        return column


class ArchiveTabularInline(LabelledFieldsMixin, admin.TabularInline):
    pass


class VersionedAdmin(ArchiveAdmin):
    """The admin of a ``VersionedModel``: a save from a stale copy is refused, input kept."""

    form = VersionedAdminForm
    readonly_fields = ("version", "created", "updated")

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        named = {f for _title, options in fieldsets for f in options["fields"]}
        if obj is None or "base_version" in named:
            return fieldsets
        # The admin renders only the fields named in fieldsets; the version must travel too.
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": [*options["fields"], "base_version"]}), *rest]


class VersionedRecordAdmin(VersionedAdmin):
    """For versioned records without "created" and "updated" stamps (the civic facts)."""

    readonly_fields = ("version",)

"""Numbers as people read and type them: counts and amounts with thousands separators, and
shares with as many decimals as the source gave.

The admin's count and amount boxes (``GroupedIntegerField``, ``GroupedDecimalField``) show
"1,234,567" and take "1,234,567", "1234567" or "1 234 567". A share is stored in a fixed-point
column (53.80) beside the number of decimals it was given with (``decimal_places``); it is
shown with those (``as_given``: "53.8"), so the archive never prints a precision its source
did not claim.
"""

from decimal import Decimal, InvalidOperation

from django import forms
from django.db import models

GROUPING = str.maketrans("", "", ", \u00a0\u202f_")  # commas, spaces, thin spaces, underscores


def grouped(value, places=0):
    """``1234567`` -> "1,234,567"; with ``places``, "1,234,567.50"; None -> ""."""
    if value in (None, ""):
        return ""
    return f"{Decimal(value):,.{places}f}"


def ungrouped(text):
    """What a person typed, without its thousands separators."""
    return str(text).strip().translate(GROUPING)


def decimal_places(value):
    """How many decimals ``value`` was given with: "53.8" and Decimal("53.8") -> 1, 55 -> 0,
    Decimal("53.80") -> 2. None -> None."""
    if value is None or value == "":
        return None
    if isinstance(value, float):
        value = repr(value)
    try:
        exponent = Decimal(str(value).strip()).as_tuple().exponent
    except InvalidOperation:
        return None
    return max(0, -exponent) if isinstance(exponent, int) else None


def as_given(value, places):
    """``value`` with ``places`` decimals (53.80, 1 -> Decimal("53.8")); with ``places``
    unknown (None), without trailing zeros beyond the point (53.80 -> 53.8, 55.00 -> 55)."""
    if value is None:
        return None
    value = Decimal(value)
    if places is None:
        places = decimal_places(format(value.normalize(), "f"))
    return value.quantize(Decimal(1).scaleb(-places))


class GroupedNumberInput(forms.TextInput):
    """A text box for a count or an amount: wide enough for eight digits and their separators
    (static/css/admin-numbers.css), with the numeric keyboard on phones."""

    def __init__(self, places=0, attrs=None):
        self.places = places
        attrs = {"inputmode": "decimal" if places else "numeric", **(attrs or {})}
        attrs["class"] = " ".join(filter(None, [attrs.get("class"), "grouped-number"]))
        super().__init__(attrs)

    def format_value(self, value):
        if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
            return grouped(value, self.places)
        return super().format_value(value)


class GroupedIntegerField(forms.IntegerField):
    def __init__(self, *, max_value=None, min_value=None, step_size=None, **kwargs):
        kwargs["widget"] = GroupedNumberInput()
        super().__init__(max_value=max_value, min_value=min_value, **kwargs)

    def to_python(self, value):
        return super().to_python(ungrouped(value) if isinstance(value, str) else value)

    def widget_attrs(self, widget):
        return {}  # no min/max/step: a text box, not type="number"


class GroupedDecimalField(forms.DecimalField):
    def __init__(self, *, max_digits=None, decimal_places=None, **kwargs):
        kwargs["widget"] = GroupedNumberInput(places=decimal_places or 0)
        super().__init__(max_digits=max_digits, decimal_places=decimal_places, **kwargs)

    def to_python(self, value):
        return super().to_python(ungrouped(value) if isinstance(value, str) else value)

    def widget_attrs(self, widget):
        return {}


def grouped_places(db_field):
    """The decimals a model field's count or amount is shown with (0 for a count), or None for
    any other field (small integers, versions, shares and margins, choices)."""

    if db_field.name == "version" or getattr(db_field, "choices", None):
        return None
    if isinstance(db_field, models.DecimalField):
        # Amounts of a million or more; not shares and margins in points.
        return (
            db_field.decimal_places if db_field.max_digits - db_field.decimal_places >= 6 else None
        )
    if isinstance(db_field, models.IntegerField) and not isinstance(
        db_field, (models.SmallIntegerField, models.AutoField)
    ):
        return 0  # not positions, paragraph numbers, ids
    return None


def grouped_formfield(db_field, **kwargs):
    """The grouped form field for a model's count or amount field, or None."""
    places = grouped_places(db_field)
    if places is None:
        return None
    form_class = GroupedDecimalField if places else GroupedIntegerField
    return db_field.formfield(form_class=form_class, **kwargs)


class ShareAsGivenMixin(models.Model):
    """A model with a share (``percent``, a fixed-point column) that keeps how many decimals
    its source gave: typed "53.8" is stored as 53.80 with ``percent_places`` 1 and read back
    as Decimal("53.8"), so every page, form, export and API answer shows "53.8".

    The places are taken from the value saved (the form's typed text, a parsed figure, a
    demo record); a row written without ``save()`` (bulk loads) has none and is shown without
    trailing zeros."""

    percent_places = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        editable=False,
        help_text="How many decimals the source gave the share with (53.8: 1).",
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        places = decimal_places(self.percent)
        stored = self._meta.get_field("percent").decimal_places
        self.percent_places = None if places is None else min(places, stored)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "percent" in update_fields:
            kwargs["update_fields"] = {*update_fields, "percent_places"}
        super().save(*args, **kwargs)

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        instance = super().from_db(db, field_names, values, **kwargs)
        loaded = instance.__dict__
        if loaded.get("percent") is not None:
            instance.percent = as_given(loaded["percent"], loaded.get("percent_places"))
        return instance

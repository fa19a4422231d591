"""Form fields shared by the admins: a date typed as a person says it."""

from django import forms

from core.dates import DatePrecision, describe, parse, with_precision

AS_TYPED = ""


class PreciseDateField(forms.CharField):
    """A date typed as the source gives it: "2019", "March 2020", "early 2019", "by Nov 1,
    2020", "March 3, 2020", "March 3–10, 2020". Cleans to a ``core.dates.PreciseDate`` (the
    day, its precision and, between two days, the first), or None when left empty."""

    default_error_messages = {
        "required": "Enter the date as the source gives it, e.g. “March 3, 2020”, “March "
        "2020”, “2019”, “early 2019” or “by Nov 1, 2020”.",
    }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 80)
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        if hasattr(value, "describe"):
            return value.describe()
        if hasattr(value, "isoformat"):
            return value.isoformat()
        return value

    def to_python(self, value):
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        return parse(text)


class PrecisionChoiceField(forms.ChoiceField):
    """The precision beside a typed date: "as typed" (the default) takes it from the text;
    a choice keeps a typed day as "on or before" it, or as its month or year."""

    def __init__(self, *args, **kwargs):
        kwargs["choices"] = [(AS_TYPED, "As typed"), *DatePrecision.choices]
        kwargs["required"] = False
        kwargs.setdefault(
            "help_text",
            "“As typed” reads it from the date. Choose another to record a typed day as "
            "“on or before” it, or as its month or year.",
        )
        super().__init__(*args, **kwargs)


class PreciseDatesFormMixin:
    """A model form whose dates are typed with their precision: ``precise_dates`` maps each
    date field to (its precision field, its earliest-day field). The date's text sets all
    three; the precision select, if not "as typed", overrides within what was typed."""

    precise_dates = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for date, (precision, earliest) in self.precise_dates.items():
            if date not in self.fields:
                continue
            if precision in self.fields:
                self.fields[precision].initial = AS_TYPED
                self.initial[precision] = AS_TYPED
            value = getattr(self.instance, date, None) if self.instance.pk else None
            if value is not None:
                self.initial[date] = describe(
                    value,
                    getattr(self.instance, precision),
                    getattr(self.instance, earliest, None),
                )

    def clean(self):
        # Before the other checks (a stale save may refuse the form): the fields must hold
        # dates, not typed values, whatever happens next.
        cleaned = self.cleaned_data
        for date, (precision, earliest) in self.precise_dates.items():
            if date not in self.fields:
                continue
            if date in self.errors:
                cleaned[precision] = getattr(self.instance, precision)
                continue
            typed = cleaned.get(date)
            if typed is None:
                cleaned[date] = None
                if precision in self.fields:
                    cleaned[precision] = DatePrecision.DAY
                if earliest:
                    setattr(self.instance, earliest, None)
                continue
            try:
                typed = with_precision(typed, cleaned.get(precision) or AS_TYPED)
            except forms.ValidationError as error:
                cleaned[precision] = getattr(self.instance, precision)
                self.add_error(date, error)
                continue
            cleaned[date] = typed.day
            if precision in self.fields:
                cleaned[precision] = typed.precision
            else:
                setattr(self.instance, precision, typed.precision)
            if earliest:
                setattr(self.instance, earliest, typed.earliest)
        return super().clean()

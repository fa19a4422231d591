"""Form fields shared by the admins: a date typed as a person says it."""

import datetime as dt

from django import forms
from django.utils import timezone

from core.dates import (
    DatePrecision,
    TimePrecision,
    describe,
    last_moment,
    moment_day,
    parse,
    with_precision,
)

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


class _OverrideChoiceField(forms.ChoiceField):
    """A precision beside a typed value: by default (``AS_TYPED``) the typed value decides;
    a choice overrides it. Subclasses name the default, the precisions and the help."""

    as_typed_label = "As typed"
    precisions = ()
    help = ""

    def __init__(self, *args, **kwargs):
        kwargs["choices"] = [(AS_TYPED, self.as_typed_label), *self.precisions]
        kwargs["required"] = False
        kwargs.setdefault("help_text", self.help)
        super().__init__(*args, **kwargs)


class PrecisionChoiceField(_OverrideChoiceField):
    """The precision beside a typed date: "as typed" (the default) takes it from the text;
    a choice keeps a typed day as "on or before" it, or as its month or year."""

    precisions = DatePrecision.choices
    help = (
        "“As typed” reads it from the date. Choose another to record a typed day as "
        "“on or before” it, or as its month or year."
    )


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


class ReportedMomentField(forms.MultiValueField):
    """When something was reported: a day (required) and a time (optional). Cleans to
    (day, time or None); the form decides the precision."""

    def __init__(self, *args, **kwargs):
        fields = (
            forms.DateField(
                error_messages={
                    "required": "Enter the day of the count.",
                    "invalid": "Enter the day as 2020-11-04 or 11/4/2020.",
                }
            ),
            forms.TimeField(
                required=False,
                error_messages={"invalid": "Enter the time as 21:00, or leave it empty."},
            ),
        )
        kwargs.setdefault(
            "help_text",
            "Leave the time empty when the source gives only the day: the count is then "
            "shown without a time.",
        )
        super().__init__(fields, *args, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        if not data_list or data_list[0] is None:
            return None
        return (data_list[0], data_list[1] if len(data_list) > 1 else None)


class TimePrecisionChoiceField(_OverrideChoiceField):
    """Beside a reported moment: by default the time box decides (a time: exact; none: the
    day only); "on or before" records a day the count was first reported by."""

    as_typed_label = "From the time box"
    precisions = TimePrecision.choices
    help = (
        "With a time the count is exact; without one, it is the day only. Choose “On or "
        "before” when the source gives only a day by which it was reported."
    )


class ReportedMomentsFormMixin:
    """A model form whose reported moments (``precise_moments``: field -> its precision
    field) are typed as a day and an optional time; no time is never an invented one."""

    precise_moments = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for moment, precision in self.precise_moments.items():
            if moment not in self.fields:
                continue
            if precision in self.fields:
                self.initial[precision] = AS_TYPED
            value = getattr(self.instance, moment, None) if self.instance.pk else None
            if value is not None:
                local = timezone.localtime(value)
                known = getattr(self.instance, precision) == TimePrecision.TIME
                self.initial[moment] = [moment_day(value), local.time() if known else None]

    def clean(self):
        cleaned = self.cleaned_data
        for moment, precision in self.precise_moments.items():
            if moment not in self.fields or moment in self.errors:
                if precision in self.fields:
                    cleaned[precision] = getattr(self.instance, precision)
                continue
            typed = cleaned.get(moment)
            chosen = cleaned.get(precision) or AS_TYPED
            if typed is None:
                cleaned[precision] = getattr(self.instance, precision)
                continue
            day, time = typed
            error = None
            if time is None:
                if chosen == TimePrecision.TIME:
                    error = "Type the time, or leave the time precision “from the time box”."
                chosen = chosen if chosen == TimePrecision.ON_OR_BEFORE else TimePrecision.DAY
                cleaned[moment] = last_moment(day)
            else:
                if chosen in (TimePrecision.DAY, TimePrecision.ON_OR_BEFORE):
                    error = (
                        "A count known only to the day has no time: clear the time, or choose "
                        "“Exact time”."
                    )
                chosen = TimePrecision.TIME
                cleaned[moment] = timezone.make_aware(dt.datetime.combine(day, time))
            if error:
                cleaned[precision] = getattr(self.instance, precision)
                self.add_error(moment, error)
                continue
            if precision in self.fields:
                cleaned[precision] = chosen
            else:
                setattr(self.instance, precision, chosen)
        return super().clean()

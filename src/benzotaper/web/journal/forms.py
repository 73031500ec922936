"""Forms of the journal pages: recording a dose, the check-in, the quick check-in on Today.

Every rejected value keeps what was typed (the bound form is shown again) and gets a sentence
saying what is wrong and how to put it right. Limits come from ``benzotaper.journal``.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from functools import cache
from html import escape
from typing import Any

from django import forms
from django.forms import BoundField
from django.utils.safestring import SafeString, mark_safe

from benzotaper.journal import (
    DOSE_MG_MAX,
    DOSE_MG_PLACES,
    EARLIEST_DAY,
    EVENT_KINDS,
    SEVERITY_MAX,
    SEVERITY_MIN,
    SLEEP_HOURS_MAX,
    WELLBEING_MAX,
    WELLBEING_MIN,
    CheckInRecord,
    DoseStatus,
    Event,
    SymptomScore,
    journal_day_problem,
)
from benzotaper.knowledge import RedFlag, SymptomItem
from benzotaper.web.bounds import note_field, version_field
from benzotaper.web.field_groups import WrittenField
from benzotaper.web.journal.models import TIME_OF_DAY_CHOICES, CustomSymptom
from benzotaper.web.widgets import RadioButtons, html_attrs

STATUS_LABELS: dict[str, str] = {
    "as_planned": "Taken as planned",
    "different": "Different amount",
    "skipped": "Skipped",
}
EVENT_LABELS: dict[str, str] = {
    "illness": "Illness",
    "stress": "Stress",
    "new_medicine": "New medicine",
    "other": "Something else",
}
NEW_SYMPTOM_NAME_MAX: int = CustomSymptom._meta.get_field("name").max_length or 100

PlannedMg = Callable[[dt.date, str, str], Decimal | None]
"""The planned mg of (day, time of day, drug), or None when the plan has no such dose."""


def dose_mg_field(label: str = "Amount taken (mg)", required: bool = True) -> forms.DecimalField:
    """An amount of one dose in mg: more than 0, at most ``DOSE_MG_MAX``, at most 4 decimal places."""
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=Decimal(1).scaleb(-DOSE_MG_PLACES),  # the smallest amount that can be kept
        max_value=DOSE_MG_MAX,
        decimal_places=DOSE_MG_PLACES,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={
            "required": "Write the amount you took in mg, like 0.25.",
            "invalid": "Write the amount in mg as a number, like 0.25 (not words or units).",
            "min_value": 'Write an amount of more than 0 mg. If you took none, choose "Skipped".',
            "max_value": f"{DOSE_MG_MAX} mg is the most one dose can be here: check the amount "
            "(is it in mg, with the decimal point in the right place?).",
            "max_decimal_places": f"Use at most {DOSE_MG_PLACES} decimal places.",
            "max_digits": f"{DOSE_MG_MAX} mg is the most one dose can be here.",
            "max_whole_digits": f"{DOSE_MG_MAX} mg is the most one dose can be here.",
        },
    )


def day_field(label: str, today: dt.date) -> forms.DateField:
    """A calendar day, from ``EARLIEST_DAY`` to today (``today`` in the person's time zone)."""
    return forms.DateField(
        label=label,
        widget=forms.DateInput(
            attrs={"type": "date", "min": EARLIEST_DAY.isoformat(), "max": today.isoformat()},
            format="%Y-%m-%d",
        ),
        error_messages={
            "required": "Give the day, as YYYY-MM-DD.",
            "invalid": "Write the day as YYYY-MM-DD, like 2027-01-04.",
        },
    )


def check_journal_day(day: dt.date, today: dt.date) -> dt.date:
    """``day`` when something logged can have happened on it (see ``journal_day_problem``)."""
    problem = journal_day_problem(day, today)
    if problem is not None:
        raise forms.ValidationError(problem)
    return day


# The choice of an item the person did not rate. It is chosen until they tap a rating, and an item left
# on it is not stored: "0 none" is an answer, "not rated" is the absence of one.
NOT_RATED = ("", "not rated")


# The checklist's ratings as written, by everything their markup depends on (``RatingBoundField``).
# Only items of the knowledge data are kept: their labels are the same for everyone, and what a person
# brings is one of six ratings. Bounded: cleared when full (the checklist makes about 300 entries).
_written_ratings: dict[tuple[Any, ...], str] = {}
WRITTEN_RATINGS_KEPT = 2048


class RatingBoundField(BoundField):
    """A rating's fieldset written out in Python, as Django's ``field.html`` writes a field in a fieldset
    (legend, help text, errors, the radio buttons): a check-in has about a hundred (``web.widgets``).

    A rating of the checklist (``severity_field(..., same_for_everyone=True)``) without errors is
    written once per process for each of its values and read back after: the checklist's legends,
    help texts and radio buttons are the same on every check-in, only which one is checked changes."""

    def as_field_group(self) -> SafeString:
        field = self.field
        if not getattr(field, "same_for_everyone", False) or self.name in self.form.errors:
            return self.written()
        widget = field.widget
        key = (
            type(widget),
            self.html_name,
            self.auto_id,
            self.label,
            self.help_text,
            field.label_suffix,
            self.form.label_suffix,
            tuple(widget.attrs.items()),
            field.required and self.form.use_required_attribute,
            field.disabled,
            tuple(widget.choices),
            tuple(widget.format_value(self.value())),  # the person's rating, as the widget reads it
        )
        html = _written_ratings.get(key)
        if html is None:
            if len(_written_ratings) >= WRITTEN_RATINGS_KEPT:
                _written_ratings.clear()
            html = _written_ratings[key] = str(self.written())
        return mark_safe(html)

    def written(self) -> SafeString:
        """The fieldset written out now."""
        described = self.aria_describedby
        suffix = self.field.label_suffix if self.field.label_suffix is not None else self.form.label_suffix
        legend = f"{self.label}{suffix if suffix and self.label[-1:] not in ':?.!' else ''}"
        fieldset = html_attrs({"aria-describedby": described or None})  # none without help text
        # The help text is ours (the knowledge data's), unescaped as field.html leaves it.
        help_text = (
            f'<div class="helptext" id="{self.auto_id}_helptext">{self.help_text}</div>'
            if self.help_text
            else ""
        )
        errors = self.errors or ""
        return mark_safe(
            f"<fieldset{fieldset}>\n<legend>{escape(legend)}</legend>\n{help_text}\n{errors}\n{self}</fieldset>"
        )


class RatingField(forms.TypedChoiceField):
    same_for_everyone = False

    def get_bound_field(self, form: forms.BaseForm, field_name: str) -> BoundField:
        return RatingBoundField(form, self, field_name)


def severity_field(
    label: str, help_text: str = "", *, same_for_everyone: bool = False
) -> forms.TypedChoiceField:
    """A 0-4 rating as radio buttons labelled with the scale's words, "not rated" until one is tapped.
    ``same_for_everyone``: its label and help text are not the person's (a checklist item's), so its
    markup may be kept and shared (``RatingBoundField``).

    A copy of one field made once, as Django copies a form's declared fields for each form: a check-in
    has about fifty ratings, and making each anew normalised the same choices every time."""
    field = copy.copy(_rating_field())
    # What Django's deep copy of a field makes its own, less the choices: they are never changed.
    field.widget = copy.copy(field.widget)
    field.widget.attrs = field.widget.attrs.copy()
    field.error_messages = field.error_messages.copy()
    field.validators = field.validators[:]
    field.label = label
    field.help_text = help_text
    field.same_for_everyone = same_for_everyone
    return field


@cache
def _rating_field() -> RatingField:
    return RatingField(
        choices=[NOT_RATED, *severity_choices()],
        coerce=int,
        empty_value=None,
        required=False,
        initial="",
        widget=RadioButtons(attrs={"class": "scale"}),
        error_messages={
            "invalid_choice": f"Choose a rating from {SEVERITY_MIN} (none) to {SEVERITY_MAX} "
            f"(very severe); %(value)s is not one of them.",
        },
    )


def severity_choices() -> list[tuple[int, str]]:
    from benzotaper.knowledge import load_symptoms

    return [(point.value, f"{point.value} {point.label}") for point in load_symptoms().scale.points]


class JournalForm(forms.Form):
    """A form of the journal: labels without a trailing colon (questions and checkboxes read better)."""

    bound_field_class = WrittenField  # Today's and the journal's fields too, not only the check-in's

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class RecordDoseForm(JournalForm):
    """One tap on Today: a planned dose taken as planned, skipped, or taken in a different amount;
    "undo" takes back what was recorded (the dose is not recorded any more).

    The dose is named by its day, time of day and drug (hidden fields), so a page opened before
    midnight records the dose of the day it showed.
    """

    date = forms.DateField(widget=forms.HiddenInput)
    time = forms.ChoiceField(choices=TIME_OF_DAY_CHOICES, widget=forms.HiddenInput)
    drug = forms.CharField(max_length=100, widget=forms.HiddenInput)
    status = forms.ChoiceField(
        choices=[*STATUS_LABELS.items(), ("undo", "Undo")],
        error_messages={"invalid_choice": "Choose Taken as planned, Skipped or Different amount."},
    )
    mg = dose_mg_field(required=False)

    def __init__(self, *args: Any, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_date(self) -> dt.date:
        return check_journal_day(self.cleaned_data["date"], self.today)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("status") == "different" and data.get("mg") is None and "mg" not in self.errors:
            self.add_error("mg", "Write the amount you took in mg, like 0.25.")
        return data


class DoseEntryForm(JournalForm):
    """A dose in the journal, added for a past day or edited: its day, time, drug and what was taken."""

    version = version_field()
    date = forms.DateField()  # replaced in __init__ with the person's today as the limit
    time_of_day = forms.ChoiceField(
        label="Time of day",
        choices=TIME_OF_DAY_CHOICES,
        error_messages={"invalid_choice": "Choose morning, midday, afternoon, evening or night."},
    )
    drug = forms.CharField(
        label="Medicine",
        max_length=100,
        help_text="Its generic name, like diazepam.",
        error_messages={"required": "Name the medicine, like diazepam."},
    )
    status = forms.ChoiceField(
        label="What you took",
        choices=list(STATUS_LABELS.items()),
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose Taken as planned, Different amount or Skipped."},
    )
    taken_mg = dose_mg_field(label="Amount taken (mg), for a different amount", required=False)
    note = note_field("Note", rows=2)

    def __init__(self, *args: Any, today: dt.date, planned_mg: PlannedMg, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.planned_mg = planned_mg
        self.fields["date"] = day_field("Day", today)
        self.planned: Decimal | None = None

    def clean_date(self) -> dt.date:
        return check_journal_day(self.cleaned_data["date"], self.today)

    def clean_drug(self) -> str:
        return str(self.cleaned_data["drug"]).strip().lower()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        status, day, time, drug = (data.get(k) for k in ("status", "date", "time_of_day", "drug"))
        if day is None or time is None or not drug or status is None:
            return data
        self.planned = self.planned_mg(day, time, drug)
        if status == "as_planned":
            if self.planned is None:
                self.add_error(
                    "status",
                    f"Your plan has no {drug} in the {time} on {day:%Y-%m-%d}: choose "
                    '"Different amount" and write what you took.',
                )
            data["taken_mg"] = self.planned
        elif status == "skipped":
            data["taken_mg"] = None
        elif data.get("taken_mg") is None and "taken_mg" not in self.errors:
            self.add_error("taken_mg", "Write the amount you took in mg, like 0.25.")
        return data

    def version_value(self) -> int:
        version: int | None = self.cleaned_data.get("version")
        return version or 0

    def status_value(self) -> DoseStatus:
        """The status to store: a "different" amount equal to the plan's is "as planned"."""
        status: DoseStatus = self.cleaned_data["status"]
        if status == "different" and self.cleaned_data["taken_mg"] == self.planned:
            return "as_planned"
        return status


class DayAnswersForm(JournalForm):
    """How the day went in three answers: the quick check-in on Today, and part of the full one.

    ``version`` is the version of the check-in the form was shown with (0 when there was none).
    """

    version = version_field()
    wellbeing = forms.IntegerField(
        label=f"Wellbeing, {WELLBEING_MIN} (worst) to {WELLBEING_MAX} (best)",
        required=False,
        min_value=WELLBEING_MIN,
        max_value=WELLBEING_MAX,
        # A text box, not type="number": a browser sends nothing for "abc" in a number box, and the
        # person would not be told.
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={
            "invalid": f"Write a whole number from {WELLBEING_MIN} to {WELLBEING_MAX}.",
            "min_value": f"Wellbeing goes from {WELLBEING_MIN} (worst) to {WELLBEING_MAX} (best).",
            "max_value": f"Wellbeing goes from {WELLBEING_MIN} (worst) to {WELLBEING_MAX} (best).",
        },
    )
    sleep_hours = forms.DecimalField(
        label="Hours of sleep the night before",
        required=False,
        min_value=Decimal(0),
        max_value=SLEEP_HOURS_MAX,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={
            "invalid": "Write the hours as a number, like 6.5.",
            "min_value": f"Hours of sleep go from 0 to {SLEEP_HOURS_MAX}.",
            "max_value": f"Hours of sleep go from 0 to {SLEEP_HOURS_MAX}: a day has {SLEEP_HOURS_MAX} hours.",
            "max_decimal_places": "Use at most 2 decimal places, like 6.5 or 6.25.",
            "max_digits": f"Hours of sleep go from 0 to {SLEEP_HOURS_MAX}.",
            "max_whole_digits": f"Hours of sleep go from 0 to {SLEEP_HOURS_MAX}.",
        },
    )
    notes = note_field("Notes", rows=3)

    def version_value(self) -> int:
        version: int | None = self.cleaned_data.get("version")
        return version or 0


class QuickCheckInForm(DayAnswersForm):
    """The quick check-in on Today, for the day the page showed (``date``, hidden)."""

    date = forms.DateField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_date(self) -> dt.date:
        return check_journal_day(self.cleaned_data["date"], self.today)


class CheckInForm(DayAnswersForm):
    """The full check-in: red flags, the 0-4 checklist, the person's own symptoms, the day's
    answers and events.

    Fields are made from the knowledge data: ``flag_<code>`` for each red flag (yes/no),
    ``symptom_<code>`` for each checklist item and ``custom_<id>`` (with ``off_<id>``, to stop
    asking) for each of the person's own symptoms; ``event_<kind>`` for each kind of event.
    A rating left on "not rated" (or not posted) is not recorded: only what the person rated is
    stored. ``short_list`` holds the codes of the person's own short list of checklist items, shown
    first; the others wait one tap away (``groups(short=False)``).
    """

    # Its fields written out in Python (``web.field_groups``); the ratings by ``RatingBoundField``.
    bound_field_class = WrittenField

    new_symptom = forms.CharField(
        label="Add a symptom of your own",
        required=False,
        max_length=NEW_SYMPTOM_NAME_MAX,
        help_text="It stays on your check-in from now on, until you switch it off.",
        error_messages={"max_length": f"Keep the name to {NEW_SYMPTOM_NAME_MAX} characters or fewer."},
    )

    def __init__(
        self,
        *args: Any,
        red_flags: Sequence[RedFlag],
        items: Sequence[SymptomItem],
        custom_symptoms: Iterable[CustomSymptom],
        short_list: Iterable[str] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.short_list = frozenset(short_list)
        self.red_flags = tuple(red_flags)
        self.items = tuple(items)
        self.custom_symptoms = tuple(custom_symptoms)
        for flag in self.red_flags:
            self.fields[f"flag_{flag.code}"] = forms.BooleanField(label=flag.question, required=False)
        for item in self.items:
            self.fields[f"symptom_{item.code}"] = severity_field(
                item.label, item.question, same_for_everyone=True
            )
        for symptom in self.custom_symptoms:
            self.fields[f"custom_{symptom.pk}"] = severity_field(symptom.name)
            self.fields[f"off_{symptom.pk}"] = forms.BooleanField(
                label=f"Stop asking about {symptom.name}", required=False
            )
        self.fields["new_symptom_severity"] = severity_field("How strong was it?")
        for kind in EVENT_KINDS:
            self.fields[f"event_{kind}"] = forms.CharField(
                label=EVENT_LABELS[kind],
                required=False,
                max_length=500,
                help_text="What happened, in a few words. Leave it empty if nothing did.",
                error_messages={"max_length": "Keep it to 500 characters or fewer."},
            )
        # The fields in page order: red flags first, then the day's answers and events last.
        day_answers = ("wellbeing", "sleep_hours", "notes")
        self.order_fields(
            [name for name in self.fields if name not in day_answers and not name.startswith("event_")]
            + list(day_answers)
        )

    def clean_new_symptom(self) -> str:
        name = " ".join(str(self.cleaned_data["new_symptom"]).split())
        known = {item.label.lower() for item in self.items}
        if name.lower() in known:
            raise forms.ValidationError(f"{name} is already on the checklist above: rate it there.")
        if name.lower() in {s.name.lower() for s in self.custom_symptoms if s.active}:
            raise forms.ValidationError(f"{name} is already one of your own symptoms: rate it there.")
        return name

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("new_symptom") and data.get("new_symptom_severity") is None:
            self.add_error("new_symptom_severity", "Rate the symptom you added, from 0 to 4.")
        return data

    def groups(self, short: bool | None = None) -> list[tuple[str, list[forms.BoundField]]]:
        """The checklist's bound fields by group (label, fields), in the knowledge data's order: those
        on the short list (``short``), the others (``short=False``), or all (None)."""
        from benzotaper.knowledge import load_symptoms

        by_group: dict[str, list[forms.BoundField]] = {}
        for item in self.items:  # once over the items, not once per group
            if short is None or (item.code in self.short_list) == short:
                by_group.setdefault(item.group, []).append(self[f"symptom_{item.code}"])
        return [
            (group.label, by_group[group.code]) for group in load_symptoms().groups if group.code in by_group
        ]

    def ratings_html(self, fields: Iterable[forms.BoundField]) -> SafeString:
        """Each of ``fields`` (a group's ratings) in its ``div``, written in one call rather than a
        template's call per rating: the checklist has about fifty."""
        return mark_safe("".join(f'<div class="rating">{field.as_field_group()}</div>' for field in fields))

    def short_groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        return self.groups(short=True)

    def other_groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        return self.groups(short=False)

    def other_count(self) -> int:
        return sum(1 for item in self.items if item.code not in self.short_list)

    def rated_count(self) -> int:
        """How many items the bound or initial answers rate (for the Save bar)."""
        names = [f"symptom_{item.code}" for item in self.items]
        names += [f"custom_{symptom.pk}" for symptom in self.custom_symptoms]
        source: Any = self.data if self.is_bound else self.initial
        return sum(1 for name in names if source.get(name) not in (None, ""))

    def flag_fields(self) -> list[forms.BoundField]:
        return [self[f"flag_{flag.code}"] for flag in self.red_flags]

    def custom_fields(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"custom_{s.pk}"], self[f"off_{s.pk}"]) for s in self.custom_symptoms]

    def event_fields(self) -> list[forms.BoundField]:
        return [self[f"event_{kind}"] for kind in EVENT_KINDS]

    def switched_off(self) -> list[CustomSymptom]:
        """The person's own symptoms they asked to stop being asked about."""
        return [s for s in self.custom_symptoms if self.cleaned_data.get(f"off_{s.pk}")]

    def to_record(self, day: dt.date) -> CheckInRecord:
        """The answers as a check-in record (call after ``is_valid()``)."""
        data = self.cleaned_data
        scores = [
            SymptomScore(item.code, data[f"symptom_{item.code}"])
            for item in self.items
            if data.get(f"symptom_{item.code}") is not None
        ]
        scores += [
            SymptomScore(symptom.name, data[f"custom_{symptom.pk}"], custom=True)
            for symptom in self.custom_symptoms
            if data.get(f"custom_{symptom.pk}") is not None
        ]
        new = data.get("new_symptom")
        if new and not any(s.custom and s.symptom.lower() == new.lower() for s in scores):
            scores.append(SymptomScore(new, data["new_symptom_severity"], custom=True))
        return CheckInRecord(
            date=day,
            wellbeing=data.get("wellbeing"),
            sleep_hours=data.get("sleep_hours"),
            notes=data.get("notes", ""),
            symptoms=tuple(scores),
            events=tuple(
                Event(kind=kind, text=text)
                for kind in EVENT_KINDS
                if (text := data.get(f"event_{kind}", "").strip())
            ),
            red_flags=tuple(flag.code for flag in self.red_flags if data.get(f"flag_{flag.code}")),
        )

    @staticmethod
    def ratings_initial(
        scores: Iterable[SymptomScore], custom_symptoms: Iterable[CustomSymptom]
    ) -> dict[str, int]:
        """Initial values of the rating fields showing ``scores``."""
        ids = {s.name.lower(): s.pk for s in custom_symptoms}
        initial: dict[str, int] = {}
        for score in scores:
            if not score.custom:
                initial[f"symptom_{score.symptom}"] = score.severity
            elif score.symptom.lower() in ids:
                initial[f"custom_{ids[score.symptom.lower()]}"] = score.severity
        return initial

    @staticmethod
    def initial_from(
        record: CheckInRecord | None, custom_symptoms: Iterable[CustomSymptom]
    ) -> dict[str, Any]:
        """Initial values showing a saved check-in (None: a new one)."""
        if record is None:
            return {"version": 0}
        initial: dict[str, Any] = {
            "wellbeing": record.wellbeing,
            "sleep_hours": record.sleep_hours,
            "notes": record.notes,
        }
        initial |= CheckInForm.ratings_initial(record.symptoms, custom_symptoms)
        for event in record.events:
            key = f"event_{event.kind}"
            initial[key] = f"{initial[key]}; {event.text}" if key in initial else event.text
        for code in record.red_flags:
            initial[f"flag_{code}"] = True
        return initial


class HistoryFilterForm(JournalForm):
    """The journal's date range: ``from`` and ``to`` (both days included, either may be left out)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, label in (("from", "From"), ("to", "To")):
            self.fields[name] = forms.DateField(
                label=label,
                required=False,
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                error_messages={"invalid": "Write the day as YYYY-MM-DD, like 2027-01-04."},
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("from"), data.get("to")
        if start is not None and end is not None and start > end:
            self.add_error("to", "The last day comes before the first: swap them.")
        return data

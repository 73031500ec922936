"""The plan builder's forms: current doses, other medicines, every planner option, hold and re-plan.

What people type goes as typed to the planner's one reader (``read_request``, ``read_dose``), so the
web page, the command line and the API accept and refuse the same things, with the same sentences;
these forms only put each problem next to the field it belongs to. What the planner itself refuses
(a pace too fast, forms that cannot make a dose) is shown above the form with its fixes, by the view.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict

from benzotaper.knowledge import TIMES_OF_DAY, load_knowledge
from benzotaper.planning import (
    METHODS,
    MOST_DAYS,
    MOST_DAYS_OF_USE,
    AskedDose,
    Dose,
    FieldProblem,
    PlanAsk,
    PlanError,
    PlanRequest,
    RequestError,
    RiskFactors,
    decimal_text,
    default_forms,
    read_dose,
    read_request,
)
from benzotaper.records import Record, field
from benzotaper.web.accounts.forms import country_choices
from benzotaper.web.field_groups import WrittenForm
from benzotaper.web.widgets import RadioButtons, Select

MAX_ROWS = 30

TIME_CHOICES = [("", "Choose a time"), *((time, time.capitalize()) for time in TIMES_OF_DAY)]
OPTIONAL_TIME_CHOICES = [("", "Any time / not daily"), *TIME_CHOICES[1:]]
METHOD_CHOICES = [
    ("percent", "Percent: cut a share of the current dose at each step (the guideline's usual way)"),
    ("fixed", "Fixed: cut the same number of mg at each step"),
    ("ashton", "Ashton: the step of Ashton's band for the current dose"),
    ("micro", "Micro: a small cut every day"),
]
DOSE_ORDER_CHOICES = [
    ("sequential", "One dose at a time, morning first and the night dose last"),
    ("even", "Keep the doses level: cut the largest dose first"),
]
assert [code for code, _ in METHOD_CHOICES] == list(METHODS)


def problem_text(error: PlanError) -> str:
    """The planner's message and fixes as one sentence or three."""
    return " ".join([error.message, *error.fixes])


def _text(data: Mapping[str, Any], name: str) -> str:
    value = data.get(name)
    return value.strip() if isinstance(value, str) else ""


def _lines(text: str) -> list[tuple[int, str]]:
    """The non-blank lines of a text box, numbered from 1."""
    return [(number, line.strip()) for number, line in enumerate(text.splitlines(), 1) if line.strip()]


class DoseRowForm(WrittenForm):
    """One dose taken now: a benzodiazepine or z-drug (generic or brand name), an amount and a time.
    A row left blank is skipped."""

    drug = forms.CharField(
        label="Medicine",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"list": "drug-names", "autocomplete": "off"}),
    )
    amount = forms.CharField(label="Amount", required=False, max_length=40, help_text="Like 0.5mg or 500mcg.")
    time = forms.ChoiceField(label="Time of day", choices=TIME_CHOICES, required=False, widget=Select)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.dose: Dose | None = None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        drug, amount, time = _text(data, "drug"), _text(data, "amount"), _text(data, "time")
        if not (drug or amount or time) or self.errors:
            return data
        try:
            self.dose = read_dose(AskedDose(drug, amount, time))
        except RequestError as error:
            for problem in error.problems:
                self.add_error(_ROW_FIELDS.get(problem.part or ""), _row_text(problem))
        return data


# The field of each part of a dose the planner names in a problem.
_ROW_FIELDS = {"drug": "drug", "mg": "amount", "time": "time"}


def _row_text(problem: FieldProblem) -> str:
    if problem.code == "unknown_drug":
        return (
            f"{problem.text} Only benzodiazepines and z-drugs are planned; others go under Other medicines."
        )
    return problem.text


class DoseRowsBase(forms.BaseFormSet):  # type: ignore[type-arg]
    def clean(self) -> None:
        if any(form.errors for form in self.forms):
            return
        if not self.doses():
            raise ValidationError("Give at least one dose you take now.")

    def doses(self) -> tuple[Dose, ...]:
        found = (getattr(form, "dose", None) for form in self.forms)
        return tuple(dose for dose in found if dose is not None)


DoseRows = forms.formset_factory(
    DoseRowForm,
    formset=DoseRowsBase,
    extra=0,
    max_num=MAX_ROWS,
    absolute_max=MAX_ROWS,
    validate_max=True,
)


class MedicineRowForm(WrittenForm):
    """Another medicine or supplement: kept in the journal, not planned."""

    name = forms.CharField(label="Medicine or supplement", required=False, max_length=200)
    dose_text = forms.CharField(label="Dose", required=False, max_length=100, help_text="As you write it.")
    time = forms.ChoiceField(
        label="Time of day", choices=OPTIONAL_TIME_CHOICES, required=False, widget=Select
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (_text(data, "dose_text") or _text(data, "time")) and not _text(data, "name"):
            self.add_error("name", "Name the medicine or supplement, or clear the row.")
        return data

    def medicine(self) -> tuple[str, str, str] | None:
        """(name, dose, time) of a filled-in, valid row."""
        data = getattr(self, "cleaned_data", {})
        name = _text(data, "name")
        return (name, _text(data, "dose_text"), _text(data, "time")) if name else None


class MedicineRowsBase(forms.BaseFormSet):  # type: ignore[type-arg]
    def medicines(self) -> list[tuple[str, str, str]]:
        found = (form.medicine() for form in self.forms)
        return [medicine for medicine in found if medicine is not None]


MedicineRows = forms.formset_factory(
    MedicineRowForm,
    formset=MedicineRowsBase,
    extra=0,
    max_num=MAX_ROWS,
    absolute_max=MAX_ROWS,
    validate_max=True,
)


def _checkbox(label: str, help_text: str = "", initial: bool = False) -> forms.BooleanField:
    return forms.BooleanField(label=label, required=False, help_text=help_text, initial=initial)


def guideline() -> dict[str, str]:
    """The knowledge data's defaults and limits, as text for help and explanations (no clinical figure
    is written in the code or the templates)."""
    rules = load_knowledge().tapering
    return {
        "cut_percent": decimal_text(rules.default_cut_percent.value),
        "every_days": str(rules.default_interval_days.value),
        "max_cut_percent": decimal_text(rules.max_cut_percent.value),
        "window_days": str(rules.max_cut_window_days.value),
        "slow_below_mg": decimal_text(rules.final_slowdown_below_de_mg.value),
        "slow_factor": decimal_text(rules.final_slowdown_factor.value),
        "liquid_step_ml": decimal_text(rules.liquid_measure_resolution_ml.value),
    }


# Text, so "10%" and "0.1ml" are read as on the command line; a phone shows its number keys.
_DECIMAL_INPUT = forms.TextInput(attrs={"inputmode": "decimal"})


class PlanOptionsForm(WrittenForm):
    """Every choice of ``PlanRequest`` besides the doses, and what the person declares about themselves."""

    method = forms.ChoiceField(label="Method", choices=METHOD_CHOICES, initial="percent", widget=RadioButtons)
    cut_percent = forms.CharField(
        label="Cut at each step (%)", required=False, max_length=40, widget=_DECIMAL_INPUT
    )
    step_mg = forms.CharField(
        label="Cut at each step (mg)",
        required=False,
        max_length=40,
        help_text="Fixed method only, like 1mg: mg of the drug with one drug, "
        "mg diazepam equivalent with several.",
    )
    every_days = forms.IntegerField(
        label="Days between cuts",
        required=False,
        widget=forms.NumberInput(attrs={"min": 1, "max": MOST_DAYS}),
    )
    crossover = _checkbox(
        "Cross over to diazepam first",
        "One dose at a time, the night dose first, keeping the diazepam equivalent the same.",
    )
    forms_text = forms.CharField(
        label="Forms you have",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One per line: drug, form, strengths, like 'diazepam tablet 2mg,5mg' or "
        "'diazepam solution 1mg/ml'. Leave empty to use the common tablets of your country.",
    )
    # Chosen from the knowledge data's countries; the planner checks what is sent, as from the CLI.
    country = forms.CharField(
        label="Country",
        max_length=40,
        widget=Select,
        help_text="Which tablets and capsules are sold there.",
    )
    liquid_step_ml = forms.CharField(
        label="Smallest liquid measure (ml)", required=False, max_length=40, widget=_DECIMAL_INPUT
    )
    slow_end = _checkbox("Slow down at the end", initial=True)
    drug_free_nights = _checkbox(
        "Planned drug-free nights (z-drugs)",
        "For a z-drug such as zolpidem or zopiclone, tapered without a crossover: at the smallest dose, "
        "take it on fewer nights a week before stopping.",
    )
    dose_order = forms.ChoiceField(
        label="Which dose is cut first",
        choices=DOSE_ORDER_CHOICES,
        initial="sequential",
        widget=RadioButtons,
    )
    holds_text = forms.CharField(
        label="Hold at",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="One per line: a diazepam-equivalent dose and extra days to stay there, like 5mg:28.",
    )
    start = forms.CharField(
        label="First day of the plan",
        required=False,
        max_length=40,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    allow_fast_reason = forms.CharField(
        label="Allow faster than the guideline: your reason",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Only if you and your prescriber decided to go faster than the guideline's limit. "
        "Your reason is recorded in the plan and shown with a warning; leave it empty otherwise.",
    )
    seizure_history = _checkbox("I have had a seizure or fit")
    age_65_or_over = _checkbox("I am 65 or over")
    alcohol_use = _checkbox("I drink alcohol")
    opioid_use = _checkbox("I take opioids (painkillers such as codeine, tramadol, morphine)")
    other_sedatives = _checkbox("I take other sedating medicines")
    days_of_use = forms.IntegerField(
        label="Days you have taken these daily",
        required=False,
        widget=forms.NumberInput(attrs={"min": 0, "max": MOST_DAYS_OF_USE}),
        help_text="Leave empty if you are not sure: the plan then treats it as long-term use.",
    )
    name = forms.CharField(label="Name of this plan (optional)", required=False, max_length=200)
    note = forms.CharField(
        label="Note for your plan history (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="For example who you agreed it with.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        rules = guideline()
        cast(Select, self.fields["country"].widget).choices = country_choices()
        self.fields[
            "cut_percent"
        ].help_text = f"Percent and micro methods. Empty: the guideline's {rules['cut_percent']}%."
        self.fields["every_days"].help_text = f"Empty: the guideline's {rules['every_days']} days."
        self.fields["slow_end"].help_text = (
            f"Multiply the cuts by {rules['slow_factor']} at {rules['slow_below_mg']} mg diazepam "
            "equivalent or less."
        )
        self.fields[
            "liquid_step_ml"
        ].help_text = f"For oral solutions: the steps of your syringe. Empty: {rules['liquid_step_ml']} ml."

    def risk_factors(self) -> RiskFactors:
        data = self.cleaned_data
        return RiskFactors(
            seizure_history=bool(data.get("seizure_history")),
            age_65_or_over=bool(data.get("age_65_or_over")),
            alcohol_use=bool(data.get("alcohol_use")),
            opioid_use=bool(data.get("opioid_use")),
            other_sedatives=bool(data.get("other_sedatives")),
            days_of_use=data.get("days_of_use"),
        )

    def plan_request(self, regimen: Sequence[Dose]) -> PlanRequest:
        """The planner's request from the form as typed, each problem of an option added to its field
        (``RequestError`` when there is one; the doses' problems are their rows'). Options a method does
        not use are left out (a percent typed before switching to the fixed method does not refuse the
        plan)."""
        data = self.cleaned_data
        method = str(data.get("method") or "percent")
        asked = PlanAsk(
            doses=regimen,
            start=_text(data, "start"),
            method=method,
            cut_percent=_text(data, "cut_percent") or None if method in ("percent", "micro") else None,
            step_mg=_text(data, "step_mg") or None if method == "fixed" else None,
            every_days=data.get("every_days"),
            crossover_to="diazepam" if data.get("crossover") else None,
            forms=[line for _, line in _lines(_text(data, "forms_text"))],
            country=_text(data, "country"),
            liquid_step_ml=_text(data, "liquid_step_ml") or None,
            slow_end=bool(data.get("slow_end")),
            dose_order=str(data.get("dose_order") or "sequential"),
            holds=[line for _, line in _lines(_text(data, "holds_text"))],
            risk=self.risk_factors(),
            allow_fast_reason=_text(data, "allow_fast_reason") or None,
            drug_free_nights=bool(data.get("drug_free_nights")),
        )
        try:
            return read_request(asked)
        except RequestError as error:
            for problem in error.problems:
                if problem.field != "regimen":
                    self._add_problem(problem)
            raise

    def _add_problem(self, problem: FieldProblem) -> None:
        name = _OPTION_FIELDS.get(problem.field, problem.field)
        text = problem.text
        lines = _lines(_text(self.data, self.add_prefix(name)))
        if name in ("forms_text", "holds_text") and problem.item is not None and problem.item < len(lines):
            text = f"Line {lines[problem.item][0]}: {text}"
        self.add_error(name if name in self.fields else None, text)


# The field of each field of the planner's request, where their names differ.
_OPTION_FIELDS = {"forms": "forms_text", "holds": "holds_text", "crossover_to": "crossover"}


def form_values(form_class: type[forms.Form], data: QueryDict, prefix: str | None = None) -> dict[str, Any]:
    """What was typed into each field of ``form_class``, as initial values for an unbound copy: a page
    redrawn to add a row keeps everything typed without showing errors yet. Unchecked checkboxes stay
    unchecked (an absent box is False, not its initial value)."""
    probe = form_class(prefix=prefix)
    return {
        name: form_field.widget.value_from_datadict(data, {}, probe.add_prefix(name))
        for name, form_field in probe.fields.items()
    }


def formset_rows(
    formset_class: type[forms.BaseFormSet],  # type: ignore[type-arg]
    data: QueryDict,
    prefix: str,
) -> list[dict[str, Any]]:
    """The rows typed into a formset, as initial values (see ``form_values``)."""
    bound = formset_class(data, prefix=prefix)
    try:
        count = bound.total_form_count()
    except ValidationError:  # a tampered management form
        return []
    form_class = bound.form
    return [form_values(form_class, data, f"{prefix}-{index}") for index in range(min(count, MAX_ROWS))]


class Builder(Record, frozen=False):
    """The plan builder's three parts: the options, the doses taken now and other medicines."""

    options: PlanOptionsForm
    doses: forms.BaseFormSet  # type: ignore[type-arg]
    medicines: forms.BaseFormSet  # type: ignore[type-arg]
    refusal: PlanError | None = field(default=None)

    DOSES = "dose"
    MEDICINES = "medicine"

    @classmethod
    def bound(cls, data: QueryDict) -> Builder:
        return cls(
            PlanOptionsForm(data),
            DoseRows(data, prefix=cls.DOSES),
            MedicineRows(data, prefix=cls.MEDICINES),
        )

    @classmethod
    def unbound(
        cls,
        options: Mapping[str, Any],
        doses: Iterable[Mapping[str, Any]],
        medicines: Iterable[Mapping[str, Any]],
    ) -> Builder:
        """A fresh builder showing these values (an empty mapping is a blank row)."""
        return cls(
            PlanOptionsForm(initial=dict(options)),
            DoseRows(initial=list(doses) or [{}], prefix=cls.DOSES),
            MedicineRows(initial=list(medicines) or [{}], prefix=cls.MEDICINES),
        )

    def problems(self) -> list[tuple[str, str, str]]:
        """Every answer to correct, in page order, as (field id, what it is, message), for the error
        summary's links (the summary gets the focus, and each link takes the person to the field)."""
        found: list[tuple[str, str, str]] = []
        parts = [("", self.options), *((f"Dose {i}", f) for i, f in enumerate(self.doses.forms, 1))]
        parts += [(f"Other medicine {i}", f) for i, f in enumerate(self.medicines.forms, 1)]
        for row, form in parts:
            for bound in form:
                for error in bound.errors:
                    label = f"{row}, {bound.label.lower()}" if row else str(bound.label)
                    found.append((bound.id_for_label, label, str(error)))
        return found

    @classmethod
    def redrawn(cls, data: QueryDict, more: str) -> Builder:
        """The builder as typed, not checked yet, with one more row in ``more`` (DOSES or MEDICINES)."""
        doses = formset_rows(DoseRows, data, cls.DOSES)
        medicines = formset_rows(MedicineRows, data, cls.MEDICINES)
        (doses if more == cls.DOSES else medicines).append({})
        return cls.unbound(form_values(PlanOptionsForm, data), doses, medicines)

    def is_valid(self) -> bool:
        """Whether everything typed makes a request (``plan_request``); every problem shows at once."""
        results = [self.options.is_valid(), self.doses.is_valid(), self.medicines.is_valid()]
        if not results[0]:
            return False
        rows = [form for form in self.doses.forms if getattr(form, "dose", None) is not None]
        try:
            # The options' problems show even when a row has one of its own.
            self.request = self.options.plan_request([form.dose for form in rows])
        except RequestError as error:
            for problem in error.problems:
                if problem.field == "regimen" and problem.item is not None:
                    rows[problem.item].add_error("drug", problem.text)
                elif problem.field == "regimen" and results[1]:
                    self.doses.non_form_errors().append(problem.text)
            return False
        return all(results)

    def plan_request(self) -> PlanRequest:
        """The planner's request (after ``is_valid``)."""
        return self.request

    def other_medicines(self) -> list[tuple[str, str, str]]:
        """(name, dose, time) of each filled-in row of other medicines (after ``is_valid``)."""
        return cast(MedicineRowsBase, self.medicines).medicines()

    def drugs(self) -> list[str]:
        """The drugs of the valid dose rows (for the hint of forms), in the order typed."""
        found = [getattr(form, "dose", None) for form in self.doses.forms] if self.doses.is_bound else []
        return list(dict.fromkeys(dose.drug for dose in found if dose is not None))


def default_form_lines(drugs: Iterable[str], country: str) -> list[str]:
    """The common tablets and capsules of each drug in ``country``, written as the forms box reads them
    ("diazepam tablet 2mg,5mg,10mg")."""
    lines: list[str] = []
    for drug in drugs:
        by_form: dict[str, list[str]] = {}
        for form in default_forms(drug, country):
            by_form.setdefault(form.form, []).append(f"{decimal_text(form.strength_mg)}mg")
        lines.extend(f"{drug} {kind} {','.join(strengths)}" for kind, strengths in by_form.items())
    return lines


class HoldForm(WrittenForm):
    """Hold a step of the active plan some more days; the reason goes into the plan history."""

    prefix = "hold"  # the plan page has two forms: their fields need ids of their own

    step = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    days = forms.IntegerField(label="Days to add", min_value=1, max_value=MOST_DAYS, initial=7)
    reason = forms.CharField(
        label="Why (recorded in your plan history)",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class ReplanForm(WrittenForm):
    """Make a new plan from the doses really taken today (the doses are a ``DoseRows`` of prefix
    ``ACTUAL``)."""

    prefix = "replan"

    reason = forms.CharField(
        label="Why (recorded in your plan history)",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    continue_crossover = forms.BooleanField(
        label="Carry on with the crossover",
        required=False,
        initial=True,
        help_text="The new plan finishes moving your doses over to the drug you are crossing over to, "
        "then tapers it. Untick to taper the doses as they are now, each drug on its own.",
    )

    ACTUAL = "actual"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

"""The one way into the planner: what a person asked for, read and checked into a ``PlanRequest``.

The CLI, the web form and the API each gather what was typed into a ``PlanAsk`` and call
``read_request``, so all three accept and refuse the same things with the same sentences; they only
put the problems (``RequestError.problems``, each naming its ``PlanRequest`` field) into their own
words. Every limit is written here once (``request_problems``), and ``make_plan`` checks a request
built in Python against the same limits.

The limits that are not clinical (at most 365 days between cuts or in a hold, a start between 2000 and
2100, 100 years of use) keep a typo from making dates past the year 9999, which would fail deep in the
date arithmetic. The clinical rules (how fast, how far) are the planner's, from the knowledge data.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from typing import Any, TypeVar, cast

from benzotaper.knowledge import TIMES_OF_DAY, FormKind, Knowledge, TimeOfDay, load_knowledge
from benzotaper.records import Record, field

from ._parse import (
    MOST_PLACES,
    checked_mg,
    decimal_places,
    find_drug,
    parse_amount,
    parse_dose,
    parse_form,
)
from ._types import (
    DOSE_ORDERS,
    METHODS,
    WEEK_DAYS,
    Dose,
    DoseOrder,
    Formulation,
    HoldAt,
    InputError,
    Method,
    PlanRequest,
    RiskFactors,
)

MOST_DAYS = 365
"""The longest interval between cuts, hold, or wait before the first cut, in days."""
MOST_DAYS_OF_USE = 36_500
MOST_LIQUID_STEP_ML = Decimal(10)
MOST_DOSES = 10
"""Doses taken now: two drugs at every time of day, with room to spare."""
MOST_FORMS = 20
MOST_HOLDS = 10
CROSSOVER_DRUG = "diazepam"
# Not clinical limits: guards against typos in a year. A new plan starts this century: a plan is made
# for now, or a past start is entered to re-create a taper begun on paper; 2100 is far enough ahead for
# any plan made in advance.
PLAN_START_EARLIEST = dt.date(2000, 1, 1)
PLAN_START_LATEST = dt.date(2100, 12, 31)


def plan_start_problem(day: dt.date) -> str | None:
    """Why ``day`` cannot be a plan's first day, or None."""
    if not PLAN_START_EARLIEST <= day <= PLAN_START_LATEST:
        return f"Give a day between {PLAN_START_EARLIEST.year} and {PLAN_START_LATEST.year}."
    return None


class FieldProblem(Record):
    """One thing wrong in a request: the ``PlanRequest`` field (``days_of_use`` for the risk's), which
    entry of a list (``item``, from 0) and which part of it (``part``: drug, mg or time of a dose)."""

    field: str
    message: str
    fixes: tuple[str, ...] = ()
    item: int | None = None
    part: str | None = None
    code: str = "bad_input"

    @property
    def text(self) -> str:
        """The message and its fixes as one text."""
        return " ".join([self.message, *self.fixes])


class RequestError(InputError):
    """A request that cannot be read or is out of bounds; ``problems`` lists every problem found (what
    could not be read first, then what is out of bounds), and the error's message is the first one's."""

    def __init__(self, problems: Sequence[FieldProblem]) -> None:
        first = problems[0]
        super().__init__(first.message, first.fixes)
        self.code = first.code
        self.problems = tuple(problems)
        self.field = first.field


class AskedDose(Record):
    """A dose given in parts (the web form's row, the API's object): the drug by generic or brand name,
    the amount as typed ("0.5mg") or in mg, and the time of day."""

    drug: str
    amount: str | Decimal
    time: str


class AskedForm(Record):
    """A form given in parts (the API's object); the web form and the CLI give text instead."""

    drug: str
    form: FormKind
    strength_mg: Decimal
    scored: bool = False


class PlanAsk(Record):
    """What a person asked for, as typed: text where they typed text (``"5mg:28"``, ``"2027-01-04"``,
    ``"10%"``), values where their front door already has them (a date, a number, a ``HoldAt``)."""

    doses: Sequence[str | AskedDose | Dose]
    start: str | dt.date
    method: str = "percent"
    cut_percent: str | Decimal | None = None
    step_mg: str | Decimal | None = None
    every_days: int | None = None
    crossover_to: str | None = None
    forms: Sequence[str | AskedForm] = ()
    country: str = "US"
    liquid_step_ml: str | Decimal | None = None
    slow_end: bool = True
    dose_order: str = "sequential"
    holds: Sequence[str | HoldAt] = ()
    risk: RiskFactors = field(default_factory=RiskFactors)
    allow_fast_reason: str | None = None
    hold_first_days: int = 0
    drug_free_nights: bool = False


def read_request(asked: PlanAsk, knowledge: Knowledge | None = None) -> PlanRequest:
    """The planner's request from what was asked, or ``RequestError`` naming every problem."""
    knowledge = knowledge or load_knowledge()
    reader = _Reader()
    country = asked.country.strip().upper()
    regimen = tuple(_regimen(reader, asked.doses, knowledge))
    start = reader.one("start", asked.start, parse_date)
    cut = reader.one("cut_percent", asked.cut_percent, _percent)
    step = reader.one("step_mg", asked.step_mg, _mg)
    crossover = reader.one("crossover_to", asked.crossover_to, lambda name: find_drug(name, knowledge).name)
    forms = tuple(
        form
        for i, text in enumerate(asked.forms)
        for form in reader.one("forms", text, lambda f: _forms(f, knowledge, country), i) or ()
    )
    liquid_step = reader.one("liquid_step_ml", asked.liquid_step_ml, _ml)
    holds = tuple(reader.one("holds", hold, _hold, i) for i, hold in enumerate(asked.holds))
    request = PlanRequest(
        regimen=regimen,
        start=start or PLAN_START_EARLIEST,  # a start that cannot be read is a problem already
        method=cast(Method, asked.method),
        cut_percent=cut,
        step_mg=step,
        every_days=asked.every_days,
        crossover_to=crossover,
        forms=forms,
        country=country,
        liquid_step_ml=liquid_step,
        slow_end=asked.slow_end,
        dose_order=cast(DoseOrder, asked.dose_order),
        holds=tuple(hold for hold in holds if hold is not None),
        risk=asked.risk,
        allow_fast_reason=(asked.allow_fast_reason or "").strip() or None,
        hold_first_days=asked.hold_first_days,
        drug_free_nights=asked.drug_free_nights,
    )
    # The limits of the fields that could be read are checked too, so every problem shows at once.
    unread = {problem.field for problem in reader.problems}
    problems = [
        *reader.problems,
        *_twice(asked.doses, regimen),
        *_hold_first(asked.hold_first_days),
        *(p for p in request_problems(request, knowledge) if p.field not in unread),
    ]
    if problems:
        raise RequestError(problems)
    return request


def check_request(request: PlanRequest, knowledge: Knowledge) -> None:
    """Raise ``RequestError`` when a request is out of the planner's bounds."""
    problems = request_problems(request, knowledge)
    if problems:
        raise RequestError(problems)


def request_problems(request: PlanRequest, knowledge: Knowledge) -> list[FieldProblem]:
    """Every limit of a request, each checked here only: what is wrong, in the order of the fields.
    ``read_request`` adds the limits of what only a front door asks (a drug twice, ``hold_first_days``)."""
    return list(_problems(request, knowledge))


def _problems(request: PlanRequest, knowledge: Knowledge) -> Iterator[FieldProblem]:
    if not request.regimen:
        yield FieldProblem(
            "regimen", "No dose given.", ("Give each dose you take now, like 'alprazolam 0.5mg morning'.",)
        )
    for name, asked, most in (
        ("regimen", request.regimen, MOST_DOSES),
        ("forms", request.forms, MOST_FORMS),
        ("holds", request.holds, MOST_HOLDS),
    ):
        if len(asked) > most:
            yield FieldProblem(
                name,
                f"{len(asked)} {_LISTS[name]} are more than a plan can take.",
                (f"Give at most {most}.",),
            )
    # Two doses of a drug at one time of day are added up by the planner, as one dose.
    for i, dose in enumerate(request.regimen):
        yield from _mg_problems("regimen", dose.mg, i, "mg")
    problem = plan_start_problem(request.start)
    if problem is not None:
        yield FieldProblem("start", f"The plan cannot start on {request.start.isoformat()}.", (problem,))
    if request.method not in METHODS:
        yield FieldProblem("method", f"Unknown method '{request.method}'.", (f"Use {_either(METHODS)}.",))
    if request.cut_percent is not None and not 0 < request.cut_percent < 100:
        yield FieldProblem(
            "cut_percent",
            f"A cut of {request.cut_percent}% is not possible: it must be more than 0 and less than 100.",
            ("Stopping at once is never planned; choose a cut such as 10 (the guideline's usual pace).",),
        )
    if request.method == "fixed" and request.step_mg is None:
        yield FieldProblem(
            "step_mg", "The fixed method needs the size of each cut in mg.", ("Give one like 1mg.",)
        )
    if request.step_mg is not None:
        yield from _mg_problems("step_mg", request.step_mg)
    if request.method != "fixed" and request.step_mg is not None:
        yield FieldProblem(
            "step_mg",
            f"A cut in mg is only used by the fixed method, not by '{request.method}'.",
            ("Use the fixed method, or give a cut in percent.",),
        )
    if request.every_days is not None and not 1 <= request.every_days <= MOST_DAYS:
        yield FieldProblem(
            "every_days",
            f"{request.every_days} days between cuts is not possible.",
            (f"Use 1 to {MOST_DAYS} days, like 14.",),
        )
    if request.crossover_to is not None and request.crossover_to != CROSSOVER_DRUG:
        yield FieldProblem(
            "crossover_to",
            f"Only a crossover to {CROSSOVER_DRUG} is supported.",
            (f"Cross over to {CROSSOVER_DRUG}, or leave the crossover out.",),
        )
    if request.country not in knowledge.countries:
        yield FieldProblem(
            "country",
            f"No product data for the country '{request.country}'.",
            (f"Choose {_either(knowledge.countries)}, or declare your forms.",),
        )
    if request.liquid_step_ml is not None and not 0 < request.liquid_step_ml <= MOST_LIQUID_STEP_ML:
        yield FieldProblem(
            "liquid_step_ml",
            f"A measure of {request.liquid_step_ml} ml is not possible.",
            (f"Give the steps of your syringe in ml, above 0 and at most {MOST_LIQUID_STEP_ML}, like 0.1.",),
        )
    if request.dose_order not in DOSE_ORDERS:
        yield FieldProblem(
            "dose_order", f"Unknown dose order '{request.dose_order}'.", (f"Use {_either(DOSE_ORDERS)}.",)
        )
    for i, form in enumerate(request.forms):
        yield from _mg_problems("forms", form.strength_mg, i)
    for i, hold in enumerate(request.holds):
        yield from _mg_problems("holds", hold.de_mg, i)
        if not 1 <= hold.days <= MOST_DAYS:
            yield FieldProblem(
                "holds",
                f"A hold of {hold.days} days is not possible.",
                (f"Hold from 1 to {MOST_DAYS} days.",),
                i,
            )
    yield from _nights_problems(request, knowledge)
    days_of_use = request.risk.days_of_use
    if days_of_use is not None and not 0 <= days_of_use <= MOST_DAYS_OF_USE:
        yield FieldProblem(
            "days_of_use",
            f"{days_of_use} days of use is not possible.",
            (f"Give 0 to {MOST_DAYS_OF_USE} days, or leave it out if you are not sure.",),
        )


_LISTS = {"regimen": "doses", "forms": "forms", "holds": "holds"}


def _nights_problems(request: PlanRequest, knowledge: Knowledge) -> Iterator[FieldProblem]:
    """Planned drug-free nights are for z-drugs tapered directly, in steps (clinical.md §3b)."""
    nights = request.start_nights_per_week
    if not 1 <= nights <= WEEK_DAYS:
        yield FieldProblem(
            "start_nights_per_week",
            f"Doses are taken on 1 to {WEEK_DAYS} nights a week, not {nights}.",
            ("Give the nights a week the doses are taken now, such as 5.",),
        )
    elif nights != WEEK_DAYS and not request.drug_free_nights:
        yield FieldProblem(
            "drug_free_nights",
            f"Doses taken on {nights} nights a week need planned drug-free nights.",
            ("Turn planned drug-free nights on, or give the doses taken every night.",),
        )
    if not request.drug_free_nights:
        return
    zdrugs = sorted(drug.name for drug in knowledge.drugs.values() if drug.drug_class == "z-drug")
    drugs = {dose.drug for dose in request.regimen}
    others = sorted(d for d in drugs if d in knowledge.drugs and knowledge.drugs[d].drug_class != "z-drug")
    if others:
        yield FieldProblem(
            "drug_free_nights",
            f"Planned drug-free nights are for z-drugs ({', '.join(zdrugs)}); {' and '.join(others)} "
            f"{'is' if len(others) == 1 else 'are'} not one.",
            ("Leave drug-free nights off: the plan lowers the dose itself down to zero.",),
        )
    elif request.crossover_to is not None:
        yield FieldProblem(
            "drug_free_nights",
            "Planned drug-free nights are for tapering the z-drug itself, not for a crossover to "
            f"{request.crossover_to}.",
            ("Leave out the crossover, or leave drug-free nights off.",),
        )
    elif request.method == "micro":
        yield FieldProblem(
            "drug_free_nights",
            "A micro-taper changes the dose every day; planned drug-free nights belong to a taper in steps.",
            ("Use the percent method (the Canadian algorithm for z-drugs), or leave drug-free nights off.",),
        )


def _mg_problems(
    name: str, mg: Decimal, item: int | None = None, part: str | None = None
) -> Iterator[FieldProblem]:
    try:
        checked_mg(mg, f"{mg} mg")
    except InputError as error:
        yield FieldProblem(name, error.message, error.fixes, item, part)


_Out = TypeVar("_Out")


class _Reader:
    """Reads each field, keeping every problem instead of stopping at the first."""

    def __init__(self) -> None:
        self.problems: list[FieldProblem] = []

    def one(
        self,
        name: str,
        value: Any,
        read: Callable[[Any], _Out],
        item: int | None = None,
        part: str | None = None,
    ) -> _Out | None:
        """``read(value)``, or None when there is no value or it cannot be read (a problem noted)."""
        if value is None:
            return None
        try:
            return read(value)
        except InputError as error:
            self.problems.append(FieldProblem(name, error.message, error.fixes, item, part, error.code))
            return None


def _either(choices: Sequence[str]) -> str:
    return ", ".join(choices[:-1]) + f" or {choices[-1]}" if len(choices) > 1 else choices[0]


def read_dose(asked: AskedDose, knowledge: Knowledge | None = None) -> Dose:
    """One dose given in parts, or ``RequestError`` naming each part that is wrong (``part``)."""
    reader = _Reader()
    dose = _dose_in_parts(reader, asked, knowledge or load_knowledge(), 0)
    if dose is None:
        raise RequestError(reader.problems)
    return dose


def _regimen(
    reader: _Reader, doses: Sequence[str | AskedDose | Dose], knowledge: Knowledge
) -> Iterator[Dose]:
    for i, asked in enumerate(doses):
        if isinstance(asked, Dose):
            dose: Dose | None = asked
        elif isinstance(asked, str):
            dose = reader.one("regimen", asked, lambda text: parse_dose(text, knowledge), i)
        else:
            dose = _dose_in_parts(reader, asked, knowledge, i)
        if dose is not None:
            yield dose


def _hold_first(days: int) -> Iterator[FieldProblem]:
    """Only asked through the API: ``replan`` sets it itself, to the rest of a step however long."""
    if not 0 <= days <= MOST_DAYS:
        yield FieldProblem(
            "hold_first_days",
            f"Holding {days} days first is not possible.",
            (f"Give 0 to {MOST_DAYS} days.",),
        )


def _twice(asked: Sequence[object], regimen: Sequence[Dose]) -> Iterator[FieldProblem]:
    """A drug asked twice at one time of day (by its generic and its brand name, say): the planner would
    add the two up, but a person asking so more likely made a slip."""
    if len(regimen) < len(asked):
        return  # a dose that cannot be read would shift the places
    seen: set[tuple[str, str]] = set()
    for i, dose in enumerate(regimen):
        if (dose.drug, dose.time) in seen:
            yield FieldProblem(
                "regimen", f"{dose.drug} is given twice in the {dose.time}.", ("Add the two doses up.",), i
            )
        seen.add((dose.drug, dose.time))


def _dose_in_parts(reader: _Reader, asked: AskedDose, knowledge: Knowledge, item: int) -> Dose | None:
    # Each part is read, so a wrong drug and a wrong amount both show.
    drug = reader.one("regimen", asked.drug, lambda name: _drug_named(name, knowledge), item, "drug")
    mg = reader.one("regimen", asked.amount, _mg, item, "mg")
    time = reader.one("regimen", asked.time, _time, item, "time")
    return Dose(drug, time, mg) if drug is not None and mg is not None and time is not None else None


def _drug_named(name: str, knowledge: Knowledge) -> str:
    if not name.strip():
        raise InputError(
            "No medicine named.", ["Name it by its generic or brand name, like alprazolam or Xanax."]
        )
    return find_drug(name.strip(), knowledge).name


def _time(text: str) -> TimeOfDay:
    if text not in TIMES_OF_DAY:
        raise InputError("No time of day chosen.", [f"Choose {_either(TIMES_OF_DAY)}."])
    return text


def _mg(amount: str | Decimal) -> Decimal:
    return parse_amount(amount) if isinstance(amount, str) else amount


def _forms(asked: str | AskedForm, knowledge: Knowledge, country: str) -> tuple[Formulation, ...]:
    if isinstance(asked, str):
        return parse_form(asked, knowledge, country)
    drug = find_drug(asked.drug, knowledge).name
    return (Formulation(drug, asked.form, asked.strength_mg, asked.scored),)


# Kept as text, compiled on first use (re keeps them): not every run needs each of them.
_DATE = r"\d{4}-\d{2}-\d{2}"
_DECIMAL = r"[-+]?(\d+\.?\d*|\.\d+)"


def parse_date(text: str | dt.date) -> dt.date:
    """A day from "YYYY-MM-DD" (a date is kept as it is)."""
    if isinstance(text, dt.date):
        return text
    shown = text.strip()
    if not shown:
        raise InputError("No date given.", ["Write the date as YYYY-MM-DD, like 2027-01-04."])
    if not re.fullmatch(_DATE, shown):
        raise InputError(f"'{shown}' is not a date in the form YYYY-MM-DD.", ["Write it like 2027-01-04."])
    try:
        return dt.date.fromisoformat(shown)
    except ValueError:
        raise InputError(
            f"'{shown}' is not a day of the calendar.", ["Write the date as YYYY-MM-DD, like 2027-01-04."]
        ) from None


def _number(text: str | Decimal, unit: str, shown_as: str, example: str) -> Decimal:
    """A decimal number from "10" or "10" followed by its unit; its range is ``request_problems``'s."""
    number = Decimal("NaN")
    if isinstance(text, Decimal):
        number = text
    else:
        digits = text.strip().lower().removesuffix(unit).strip()
        if re.fullmatch(_DECIMAL, digits):
            number = Decimal(digits)
    if not number.is_finite():
        raise InputError(f"'{text}' is not {shown_as}.", [f"Write it like {example}."])
    if decimal_places(number) > MOST_PLACES:
        raise InputError(
            f"'{text}' has more than {MOST_PLACES} decimal places.", [f"Round it, like {example}."]
        )
    return number


def _percent(text: str | Decimal) -> Decimal:
    return _number(text, "%", "a percentage", "10 or 10%")


def _ml(text: str | Decimal) -> Decimal:
    return _number(text, "ml", "a volume in ml", "0.1 or 0.1ml")


_HOLD = r"(?i)(?P<mg>.+?)\s*:\s*(?P<days>\d+)\s*(?:d|days?)?"


def _hold(asked: str | HoldAt) -> HoldAt:
    """A hold from "MG:DAYS": "5mg:28", "5mg:28d" or "5mg: 28 days"."""
    if isinstance(asked, HoldAt):
        return asked
    match = re.fullmatch(_HOLD, asked.strip())
    if match is None:
        raise InputError(
            f"'{asked.strip()}' is not a hold.",
            ["Write the diazepam-equivalent dose and the extra days, like 5mg:28."],
        )
    return HoldAt(parse_amount(match["mg"]), int(match["days"]))

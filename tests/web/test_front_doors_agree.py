"""The command line, the plan builder page and the API accept and refuse the same plan requests, and
name the same field when they refuse: one table of cases, each run through all three front doors.

Each case is a value of one field as a person types it on the command line and in the builder; the
API, which takes JSON numbers and objects, gets the same value in its own shape (``api``). Every case
starts from one plan that all three doors accept (alice: diazepam 10 mg at night, in the UK).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pytest

from cli.running import run_cli

if TYPE_CHECKING:
    from conftest import CsrfClient

START = "2027-01-04"
DOSE = ("diazepam", "10mg", "night")
_SAME = object()


@dataclass(frozen=True)
class Case:
    """``typed`` into ``field`` (a ``PlanRequest`` field) with ``also`` typed into other fields; the
    API gets ``api`` (``typed`` itself unless given). ``refused`` says whether all three refuse it, and
    a refusal names ``field`` (or ``named``)."""

    field: str
    typed: Any
    refused: bool
    api: Any = _SAME
    also: dict[str, Any] = field(default_factory=dict)
    named: str = ""

    def api_value(self) -> Any:
        return self.typed if self.api is _SAME else self.api

    @property
    def refused_field(self) -> str:
        return self.named or self.field


def hold(mg: str, days: int) -> list[dict[str, Any]]:
    return [{"de_mg": mg, "days": days}]


# Three drugs at four times of day: twelve doses, two more than a plan takes.
MANY_DOSES = [(drug, "1mg", time) for drug in ("diazepam", "lorazepam", "clonazepam") for time in
              ("morning", "midday", "evening", "night")]  # fmt: skip

CASES = {
    # A hold, "MG:DAYS": the days may carry "d" or "days" (the CLI took "5mg:28d", the page did not).
    "a hold": Case("holds", "5mg:28", False, hold("5", 28)),
    "a hold with d after the days": Case("holds", "5mg:28d", False, hold("5", 28)),
    "a hold with days after the days": Case("holds", "5mg: 28 days", False, hold("5", 28)),
    "a hold of no days": Case("holds", "5mg:0", True, hold("5", 0)),
    "a hold of more than a year": Case("holds", "5mg:366", True, hold("5", 366)),
    "a hold at no dose": Case("holds", "0mg:28", True, hold("0", 28)),
    "a hold without its days": Case("holds", "5mg", True, [{"de_mg": "5"}]),
    # The first day: from 2000-01-01 to 2100-12-31 everywhere (the API stopped at 2099-12-31).
    "the latest start": Case("start", "2100-12-31", False),
    "a start in 2099": Case("start", "2099-12-31", False),
    "a start after 2100": Case("start", "2101-01-01", True),
    "a start before 2000": Case("start", "1999-12-31", True),
    "a start not written YYYY-MM-DD": Case("start", "04/01/2027", True),
    "a start not in the calendar": Case("start", "2027-02-30", True),
    # Days of use: 0 or more everywhere (the page wanted 1 or more).
    "no days of use": Case("days_of_use", 0, False),
    "negative days of use": Case("days_of_use", -1, True),
    "more than 100 years of use": Case("days_of_use", 36_501, True),
    # Countries come from the knowledge data (the CLI listed its own), in any case.
    "a country of the data": Case("country", "US", False),
    "a country in lower case": Case("country", "uk", False),
    "a country without product data": Case("country", "FR", True),
    # Planned drug-free nights: for a z-drug tapered directly only.
    "drug-free nights for a z-drug": Case(
        "drug_free_nights", True, False, also={"regimen": [("zolpidem", "10mg", "night")]}
    ),
    "drug-free nights for a benzodiazepine": Case("drug_free_nights", True, True),
    # The pace.
    "a cut in percent": Case("cut_percent", "10", False),
    "a cut with a percent sign": Case("cut_percent", "10%", False, "10"),
    "a cut of nothing": Case("cut_percent", "0", True),
    "a cut of everything": Case("cut_percent", "100", True),
    "a cut in words": Case("cut_percent", "ten", True),
    "two weeks between cuts": Case("every_days", 14, False),
    "no days between cuts": Case("every_days", 0, True),
    "more than a year between cuts": Case("every_days", 366, True),
    "a fixed cut in mg": Case("step_mg", "1mg", False, "1", also={"method": "fixed"}),
    "a fixed cut of nothing": Case("step_mg", "0mg", True, "0", also={"method": "fixed"}),
    "a fixed method without its cut": Case("method", "fixed", True, named="step_mg"),
    "a method that does not exist": Case("method", "fastest", True),
    "the even dose order": Case("dose_order", "even", False),
    # Forms and liquid measures.
    "tablets one has": Case("forms", "diazepam tablet 2mg,5mg", False, [
        {"drug": "diazepam", "form": "tablet", "strength_mg": "2"},
        {"drug": "diazepam", "form": "tablet", "strength_mg": "5"},
    ]),
    "tablets of no strength": Case(
        "forms", "diazepam tablet 0mg", True, [{"drug": "diazepam", "form": "tablet", "strength_mg": "0"}]
    ),
    "tablets of an unknown drug": Case(
        "forms", "diazepan tablet 2mg", True, [{"drug": "diazepan", "form": "tablet", "strength_mg": "2"}]
    ),
    "a liquid measure": Case("liquid_step_ml", "0.1", False),
    "a liquid measure in ml": Case("liquid_step_ml", "0.1ml", False, "0.1"),
    "a liquid measure of nothing": Case("liquid_step_ml", "0", True),
    "a liquid measure over 10 ml": Case("liquid_step_ml", "11", True),
    # The doses taken now, as (drug, amount, time).
    "a brand name": Case("regimen", [("Valium", "10mg", "night")], False),
    "micrograms": Case("regimen", [("diazepam", "2000mcg", "night")], False, [("diazepam", "2", "night")]),
    "an unknown drug": Case("regimen", [("diazepan", "10mg", "night")], True),
    "a dose of nothing": Case("regimen", [("diazepam", "0mg", "night")], True, [("diazepam", "0", "night")]),
    "a dose too large to be real": Case(
        "regimen", [("diazepam", "2000mg", "night")], True, [("diazepam", "2000", "night")]
    ),
    "pm for a time": Case("regimen", [("diazepam", "10mg", "pm")], True, [("diazepam", "10", "pm")]),
    "more doses than a plan takes": Case("regimen", MANY_DOSES, True),
    "a drug twice at one time": Case(
        "regimen",
        [("diazepam", "5mg", "night"), ("Valium", "5mg", "night")],
        True,
        [("diazepam", "5", "night"), ("Valium", "5", "night")],
    ),
}  # fmt: skip

# --- The command line ----------------------------------------------------------------------------------

OPTIONS = {
    "regimen": "--dose",
    "cut_percent": "--cut",
    "step_mg": "--step",
    "every_days": "--every",
    "forms": "--form",
    "liquid_step_ml": "--liquid-step",
    "dose_order": "--order",
    "holds": "--hold-at",
}


def option(name: str) -> str:
    return OPTIONS.get(name, f"--{name.replace('_', '-')}")


def cli_args(values: dict[str, Any]) -> list[str]:
    args = []
    for name, value in values.items():
        if name == "regimen":
            args += [arg for dose in value for arg in ("--dose", " ".join(dose))]
        elif value is True:  # a flag
            args.append(option(name))
        else:
            args += [option(name), str(value)]
    return args


def through_the_cli(case: Case) -> tuple[bool, str]:
    """Whether the command line refused the case, and what it said."""
    values = {"regimen": [DOSE], "start": START, "country": "UK", **case.also, case.field: case.typed}
    result = run_cli("plan", *cli_args(values))
    assert result.exit_code in (0, 2), result.output
    return result.exit_code == 2, result.stderr


def cli_names(said: str, case: Case) -> bool:
    return f"{option(case.refused_field)}" in said


# --- The plan builder page -----------------------------------------------------------------------------

FORM_FIELDS = {"forms": "forms_text", "holds": "holds_text"}


def through_the_page(client: CsrfClient, case: Case) -> tuple[bool, str]:
    values = {"regimen": [DOSE], "start": START, "country": "UK", **case.also, case.field: case.typed}
    data = {"method": "percent", "dose_order": "sequential", "slow_end": "on", "action": "save"}
    data |= {"medicine-TOTAL_FORMS": "0", "medicine-INITIAL_FORMS": "0"}
    doses = values.pop("regimen")
    data |= {"dose-TOTAL_FORMS": str(len(doses)), "dose-INITIAL_FORMS": "0"}
    for i, dose in enumerate(doses):
        data |= dict(zip((f"dose-{i}-drug", f"dose-{i}-amount", f"dose-{i}-time"), dose, strict=True))
    data |= {FORM_FIELDS.get(name, name): str(value) for name, value in values.items()}
    response = client.post_form("/plan/new/", data)
    assert response.status_code in (200, 302)
    return response.status_code == 200, response.content.decode()


def page_names(html: str, case: Case) -> bool:
    shown = set(re.findall(r'<ul class="errorlist" id="id_([\w-]+)_error">', html))
    if case.refused_field == "regimen":  # a row's field, or the rows as a whole
        return any(name.startswith("dose-") for name in shown) or 'id="dose-rows_error"' in html
    return FORM_FIELDS.get(case.refused_field, case.refused_field) in shown


# --- The API -------------------------------------------------------------------------------------------


def api_body(case: Case) -> dict[str, Any]:
    body: dict[str, Any] = {"regimen": [DOSE], "start": START, "country": "UK", **case.also}
    body[case.field] = case.api_value()
    body["regimen"] = [
        {"drug": drug, "mg": amount.removesuffix("mg"), "time": time}
        for drug, amount, time in body["regimen"]
    ]
    if "days_of_use" in body:
        body["risk"] = {"days_of_use": body.pop("days_of_use")}
    return body


def through_the_api(client: CsrfClient, case: Case) -> tuple[bool, str]:
    response = client.post(
        "/api/v1/plans",
        json.dumps(api_body(case)),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=client.csrf_token(),
    )
    assert response.status_code in (201, 422), response.content
    return response.status_code == 422, response.content.decode()


def api_names(said: str, case: Case) -> bool:
    where = ["risk", "days_of_use"] if case.field == "days_of_use" else [case.refused_field]
    places = [error["loc"][2 : 2 + len(where)] for error in json.loads(said)["detail"]]
    return where in places


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_the_three_front_doors_accept_and_refuse_the_same_things(
    alice_client: CsrfClient, case: Case
) -> None:
    doors = {
        "cli": (through_the_cli(case), cli_names),
        "page": (through_the_page(alice_client, case), page_names),
        "api": (through_the_api(alice_client, case), api_names),
    }
    outcomes = {door: refused for door, ((refused, _), _) in doors.items()}
    assert outcomes == dict.fromkeys(doors, case.refused)
    if case.refused:
        for door, ((_, said), names) in doors.items():
            assert names(said, case), f"the {door} does not name {case.refused_field}: {said[-600:]}"

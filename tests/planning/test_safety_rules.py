"""The planner refuses what is unsafe, and says why and how to fix it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from benzotaper.knowledge import load_knowledge
from benzotaper.planning import (
    Dose,
    Formulation,
    InputError,
    PlanRequest,
    RiskFactors,
    TooFastError,
    make_plan,
)

KNOWLEDGE = load_knowledge()
START = dt.date(2027, 1, 4)


def request(*doses: Dose, **options: object) -> PlanRequest:
    return PlanRequest(regimen=doses, start=START, **options)  # type: ignore[arg-type]


def test_alprazolam_steps_down_to_half_its_smallest_scored_tablet_before_it_stops() -> None:
    # XANAX 0.25 mg is scored (label): 0.125 mg is the smallest practical dose, the one it stops from.
    plan = make_plan(request(Dose("alprazolam", "night", Decimal("0.25"))), KNOWLEDGE)
    assert [(s.kind, [d.mg for d in s.doses]) for s in plan.steps] == [
        ("reduction", [Decimal("0.125")]),
        ("stop", []),
    ]
    codes = {w.code for w in plan.warnings}
    assert {"forced_cut", "pace_kept", "stop_from_smallest_dose"} <= codes
    assert plan.steps[0].days > 14, "the forced 50 % cut is stretched to keep the asked pace"


def test_a_drug_never_stops_from_more_than_its_smallest_practical_dose() -> None:
    unscored = Formulation("alprazolam", "tablet", Decimal("0.25"))
    plan = make_plan(
        request(Dose("alprazolam", "night", Decimal("0.5")), forms=(unscored,)),
        KNOWLEDGE,
    )
    assert [d.mg for s in plan.steps for d in s.doses] == [Decimal("0.25")]
    stop = next(w for w in plan.warnings if w.code == "stop_from_smallest_dose")
    assert "oral solution" in stop.message


def test_short_term_use_may_stop_with_an_override() -> None:
    plan = make_plan(
        request(
            Dose("alprazolam", "night", Decimal("0.25")),
            allow_fast_reason="two weeks of use only",
            risk=RiskFactors(days_of_use=14),
        ),
        KNOWLEDGE,
    )
    assert [s.kind for s in plan.steps] == ["stop"]
    assert plan.overrides[0].reason == "two weeks of use only"
    assert any(w.code == "faster_than_guideline" for w in plan.warnings)


def test_it_refuses_a_pace_faster_than_the_guideline_without_an_override() -> None:
    with pytest.raises(TooFastError) as refused:
        make_plan(request(Dose("diazepam", "night", Decimal(20)), cut_percent=Decimal(30)), KNOWLEDGE)
    assert "25%" in refused.value.message
    assert any("less often" in fix or "smaller percentage" in fix for fix in refused.value.fixes)


def test_weekly_twenty_percent_cuts_are_too_fast_but_fortnightly_ones_are_not() -> None:
    with pytest.raises(TooFastError):
        make_plan(request(Dose("diazepam", "night", Decimal(20)), cut_percent=Decimal(20), every_days=7))
    plan = make_plan(request(Dose("diazepam", "night", Decimal(20)), cut_percent=Decimal(20), every_days=14))
    assert plan.steps[-1].kind == "stop"


def test_an_explicit_override_is_recorded_with_its_reason() -> None:
    plan = make_plan(
        request(
            Dose("diazepam", "night", Decimal(20)), cut_percent=Decimal(30), allow_fast_reason="inpatient"
        ),
        KNOWLEDGE,
    )
    assert [(o.code, o.reason) for o in plan.overrides] == [("faster_than_guideline", "inpatient")]


@pytest.mark.parametrize("cut", [Decimal(0), Decimal(100), Decimal(-5)])
def test_it_rejects_impossible_cuts(cut: Decimal) -> None:
    with pytest.raises(InputError):
        make_plan(request(Dose("diazepam", "night", Decimal(10)), cut_percent=cut), KNOWLEDGE)


def test_it_rejects_a_negative_dose() -> None:
    with pytest.raises(InputError, match="is negative"):
        make_plan(request(Dose("diazepam", "night", Decimal(-1))), KNOWLEDGE)


def test_a_fixed_step_too_large_for_low_doses_is_capped_and_said() -> None:
    plan = make_plan(
        request(Dose("diazepam", "night", Decimal(20)), method="fixed", step_mg=Decimal(2), slow_end=False),
        KNOWLEDGE,
    )
    warning = next(w for w in plan.warnings if w.code == "cut_capped")
    assert warning.steps
    assert plan.steps[-1].kind == "stop"


def test_declared_risk_factors_and_a_high_dose_add_warnings() -> None:
    plan = make_plan(
        request(
            Dose("diazepam", "night", Decimal(30)),
            risk=RiskFactors(seizure_history=True, age_65_or_over=True, alcohol_use=True, opioid_use=True),
        ),
        KNOWLEDGE,
    )
    codes = {w.code for w in plan.warnings}
    assert {"risk_seizure_history", "risk_age_65_or_over", "risk_alcohol_use", "risk_opioid_use"} <= codes
    assert "risk_high_dose" in codes


def test_a_crossover_warns_that_equivalence_tables_disagree() -> None:
    plan = make_plan(
        request(Dose("alprazolam", "night", Decimal(1)), crossover_to="Valium", method="ashton"), KNOWLEDGE
    )
    warning = next(w for w in plan.warnings if w.code == "equivalence_uncertain")
    assert "0.5 mg" in warning.message and "1 mg" in warning.message


def test_the_night_dose_is_switched_first() -> None:
    plan = make_plan(
        request(
            Dose("clonazepam", "morning", Decimal("0.5")),
            Dose("clonazepam", "night", Decimal("0.5")),
            crossover_to="diazepam",
        ),
        KNOWLEDGE,
    )
    first = plan.steps[0]
    assert first.kind == "crossover"
    assert {(d.drug, d.time) for d in first.doses} == {("clonazepam", "morning"), ("diazepam", "night")}
    assert first.diazepam_equivalent_mg == 20


@pytest.mark.parametrize(
    ("cut", "every", "method"),
    [
        (Decimal(50), 200, "percent"),
        (Decimal(30), 7, "percent"),
        (Decimal(20), 3, "micro"),
        (Decimal(99), 40, "micro"),
    ],
)
def test_a_too_fast_pace_is_refused_with_fixes_for_any_interval(
    cut: Decimal, every: int, method: str
) -> None:
    solution = (Formulation("diazepam", "oral_solution", Decimal(1)),)
    with pytest.raises(TooFastError) as refused:
        make_plan(
            request(
                Dose("diazepam", "night", Decimal(20)),
                cut_percent=cut,
                every_days=every,
                method=method,
                forms=solution if method == "micro" else (),
            )
        )
    assert refused.value.fixes
    assert len(refused.value.fix_changes) == len(refused.value.fixes), "each fix was re-planned"


def test_the_suggested_interval_really_is_within_the_limit() -> None:
    with pytest.raises(TooFastError) as refused:
        make_plan(request(Dose("diazepam", "night", Decimal(20)), cut_percent=Decimal(15), every_days=7))
    fix = next(f for f in refused.value.fixes if "less often" in f)
    every = int(fix.split("every ")[1].split(" days")[0])
    assert make_plan(
        request(Dose("diazepam", "night", Decimal(20)), cut_percent=Decimal(15), every_days=every)
    )
    with pytest.raises(TooFastError):
        make_plan(
            request(Dose("diazepam", "night", Decimal(20)), cut_percent=Decimal(15), every_days=every - 1)
        )


def test_forms_finer_than_any_measure_are_refused_quickly() -> None:
    from benzotaper.planning import Formulation

    with pytest.raises(InputError, match="too small"):
        make_plan(
            request(
                Dose("diazepam", "night", Decimal(100)),
                forms=(Formulation("diazepam", "oral_solution", Decimal("0.0001")),),
                liquid_step_ml=Decimal("0.01"),
            ),
            KNOWLEDGE,
        )


def test_a_refusal_carries_the_plan_as_far_as_it_can_go() -> None:
    from benzotaper.planning import PlanError

    coarse = Formulation("diazepam", "oral_solution", Decimal(5))
    with pytest.raises(PlanError) as refused:
        make_plan(
            request(
                Dose("lorazepam", "night", Decimal(1)),
                crossover_to="diazepam",
                method="micro",
                forms=(coarse,),
                liquid_step_ml=Decimal(1),
            ),
            KNOWLEDGE,
        )
    partial = refused.value.partial
    assert partial is not None and partial.steps[0].kind == "crossover"
    assert [(d.drug, d.mg) for d in partial.steps[-1].doses] == [("diazepam", Decimal(10))]
    assert "10 mg night" in refused.value.message and "10.0000" not in refused.value.message

"""Property tests: every plan the planner makes for random regimens and options is sound.

Sound means (see plan_checks): it ends at zero, the DE never rises, crossover steps add diazepam,
every dose is buildable from the declared forms and its recipe adds up to it, and every cut is within the
guideline limits unless an override is recorded. A plan may also be refused, but only with a reason and
concrete fixes, and never for input that is valid.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from plan_checks import assert_pace_never_faster_than_asked, assert_plan_is_sound

from benzotaper import records
from benzotaper.knowledge import TIMES_OF_DAY, load_knowledge
from benzotaper.planning import (
    AbruptStopError,
    Dose,
    Formulation,
    HoldAt,
    PlanRequest,
    RiskFactors,
    RoundingError,
    diazepam_equivalent,
    make_plan,
)
from benzotaper.planning._safety import window_cut_fraction

KNOWLEDGE = load_knowledge()
RULES = KNOWLEDGE.tapering
# For every country: the drugs with immediate-release tablets or capsules there, and their strengths.
SOLIDS = {
    country: {
        drug: sorted(
            {
                s
                for p in KNOWLEDGE.products_for(drug, country)
                if p.form in ("tablet", "capsule")
                for s in p.strengths_mg
            }
        )
        for drug in KNOWLEDGE.drugs
        if any(p.form in ("tablet", "capsule") for p in KNOWLEDGE.products_for(drug, country))
    }
    for country in KNOWLEDGE.countries
}


@st.composite
def regimens(draw: st.DrawFn, country: str = "US") -> tuple[Dose, ...]:
    """One or two drugs (z-drugs included) at up to three times a day, up to three tablets a dose: from
    small doses to high ones (alprazolam 2 mg x 3 is 120 mg diazepam equivalent)."""
    solids = SOLIDS[country]
    drugs = draw(st.lists(st.sampled_from(sorted(solids)), min_size=1, max_size=2, unique=True))
    times = draw(st.lists(st.sampled_from(TIMES_OF_DAY), min_size=1, max_size=3, unique=True))
    doses = []
    for i, time in enumerate(times):
        drug = drugs[i % len(drugs)]
        strength = draw(st.sampled_from(solids[drug]))
        doses.append(Dose(drug, time, strength * draw(st.integers(1, 3))))
    return tuple(doses)


risks = st.builds(
    RiskFactors,
    seizure_history=st.booleans(),
    age_65_or_over=st.booleans(),
    opioid_use=st.booleans(),
    days_of_use=st.none() | st.sampled_from([10, 60, 400, 3000]),
)


@st.composite
def requests(draw: st.DrawFn) -> PlanRequest:
    country = draw(st.sampled_from(KNOWLEDGE.countries))
    regimen = draw(regimens(country))
    risk = draw(risks)
    short_term = risk.days_of_use is not None and risk.days_of_use < RULES.short_term_use_days.value
    method = draw(st.sampled_from(["percent", "fixed", "ashton", "micro"]))
    every = draw(st.sampled_from([7, 10, 14, 21, 28]))
    cut = step = None
    if method in ("percent", "micro"):
        cut = Decimal(draw(st.integers(5, 25)))
        limit = RULES.short_term_max_cut_percent.value if short_term else RULES.max_cut_percent.value
        window = RULES.max_cut_window_days.value
        if window_cut_fraction(cut, every, window, method == "micro") * 100 > limit:
            every = 28 if method == "percent" else 60
            cut = min(cut, limit)
    if method == "fixed":
        step = draw(st.sampled_from([Decimal("0.25"), Decimal("0.5"), Decimal(1), Decimal(2)]))
    crossover = draw(st.booleans())
    forms: tuple[Formulation, ...] = ()
    liquid = draw(st.booleans())
    if liquid:
        forms = (Formulation("diazepam", "oral_solution", Decimal(1)),)
        if not crossover:
            regimen = (*regimen, Dose("diazepam", "night", Decimal(2)))
    holds = ()
    if draw(st.booleans()):
        holds = (HoldAt(Decimal(draw(st.integers(1, 20))), draw(st.integers(1, 30))),)
    return PlanRequest(
        regimen=regimen,
        start=dt.date(2027, 1, 4),
        method=method,
        cut_percent=cut,
        step_mg=step,
        every_days=every,
        crossover_to="diazepam" if crossover else None,
        forms=forms,
        dose_order=draw(st.sampled_from(["sequential", "even"])),
        slow_end=draw(st.booleans()),
        holds=holds,
        country=country,
        risk=risk,
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(requests())
def test_every_plan_is_sound_or_refused_with_fixes(request: PlanRequest) -> None:
    start_de = diazepam_equivalent(request.regimen, KNOWLEDGE)
    try:
        plan = make_plan(request, KNOWLEDGE)
    except (RoundingError, AbruptStopError) as refused:
        assert refused.fixes, "a refusal says how to fix it"
        assert len(refused.fix_changes) == len(refused.fixes)
        for changes in refused.fix_changes:
            fixed = make_plan(records.replace(request, **changes), KNOWLEDGE)
            assert_plan_is_sound(fixed, KNOWLEDGE, start_de)
        return
    assert_plan_is_sound(plan, KNOWLEDGE, start_de)
    assert plan.knowledge_version == KNOWLEDGE.version
    if request.method == "percent" and not plan.overrides:
        slow = RULES.final_slowdown_below_de_mg.value if request.slow_end else None
        assert_pace_never_faster_than_asked(
            plan, KNOWLEDGE, request.cut_percent or Decimal(10), request.every_days or 14, slow
        )


@settings(max_examples=60, deadline=None)
@given(requests())
def test_a_crossover_to_diazepam_ends_with_only_diazepam(request: PlanRequest) -> None:
    request = PlanRequest(
        **{**request.__dict__, "crossover_to": "diazepam", "method": "ashton", "step_mg": None}
    )
    try:
        plan = make_plan(request, KNOWLEDGE)
    except (RoundingError, AbruptStopError):
        return
    only_diazepam = [all(d.drug == "diazepam" for d in s.doses) for s in plan.steps]
    first = only_diazepam.index(True)
    assert all(only_diazepam[first:]), "once switched, the plan stays on diazepam"
    crossover = [s for s in plan.steps if s.kind == "crossover"]
    assert all(s.days >= RULES.crossover_stage_days.value for s in crossover)
    assert all(s.days == RULES.crossover_stage_days.value for s in crossover if s.cut_percent == 0)


@settings(max_examples=80, deadline=None)
@given(st.integers(1, 400).map(lambda n: Decimal(n) / 10), st.integers(5, 25), st.sampled_from([14, 21, 28]))
def test_diazepam_tapers_with_a_liquid_never_drift_and_end_at_zero(
    start: Decimal, cut: int, every: int
) -> None:
    request = PlanRequest(
        regimen=(Dose("diazepam", "night", start),),
        start=dt.date(2027, 1, 4),
        cut_percent=Decimal(cut),
        every_days=every,
        forms=(
            Formulation("diazepam", "tablet", Decimal(2), True),
            Formulation("diazepam", "oral_solution", Decimal(1)),
        ),
    )
    plan = make_plan(request, KNOWLEDGE)
    assert_plan_is_sound(plan, KNOWLEDGE, start)
    # Decimal arithmetic: every dose is an exact multiple of the 0.1 mg the liquid can measure.
    assert all((d.mg * 10) == (d.mg * 10).to_integral_value() for s in plan.steps for d in s.doses)

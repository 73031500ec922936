"""Independent checks of a plan's invariants, recomputed from the plan alone.

They do not call the planner's own helpers, so a bug in the planner's safety code cannot hide itself.
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import ROUND_HALF_UP, Decimal

from benzotaper.knowledge import Knowledge
from benzotaper.planning import Plan, Step


def de_of(knowledge: Knowledge, drug: str, mg: Decimal) -> Decimal:
    equivalent = knowledge.drugs[drug].equivalent_to_diazepam_10mg.value
    return (mg * 10 / equivalent).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


def step_de(knowledge: Knowledge, step: Step) -> Decimal:
    return sum((de_of(knowledge, d.drug, d.mg) for d in step.doses), Decimal(0))


def de_on(plan: Plan, start_de: Decimal, day: dt.date) -> Decimal:
    value = start_de
    for step in plan.steps:
        if step.start <= day:
            value = step.diazepam_equivalent_mg
    return value


def assert_plan_is_sound(plan: Plan, knowledge: Knowledge, start_de: Decimal) -> None:
    steps = plan.steps
    assert steps, "a plan has steps"
    assert [s.number for s in steps] == list(range(1, len(steps) + 1))
    # The plan ends at zero, and only the last step stops.
    assert steps[-1].kind == "stop" and steps[-1].doses == () and steps[-1].diazepam_equivalent_mg == 0
    assert all(s.kind != "stop" for s in steps[:-1])
    for before, after in itertools.pairwise(steps):
        assert after.start == before.start + dt.timedelta(days=before.days), "steps follow each other"
        assert before.days >= 1
    previous = start_de
    for step in steps:
        assert isinstance(step.diazepam_equivalent_mg, Decimal)
        assert step.diazepam_equivalent_mg == step_de(knowledge, step), "DE is the sum of the doses"
        assert step.diazepam_equivalent_mg <= previous, f"DE rose at step {step.number}"
        if step.kind == "crossover":
            assert step.diazepam_equivalent_mg == previous, "a crossover keeps the DE constant"
        if step.kind in ("reduction", "stop"):
            assert step.diazepam_equivalent_mg < previous, "a reduction reduces"
        for dose in step.doses:
            assert_dose_is_buildable(plan, dose)
        previous = step.diazepam_equivalent_mg
    if not plan.overrides:
        assert_cuts_within_limits(plan, knowledge, start_de)


def assert_dose_is_buildable(plan: Plan, dose: object) -> None:
    made = Decimal(0)
    for part in dose.make:  # type: ignore[attr-defined]
        assert isinstance(part.count, Decimal) and part.count > 0
        matching = [
            f
            for f in plan.forms
            if f.drug == dose.drug and f.form == part.form and f.strength_mg == part.strength_mg  # type: ignore[attr-defined]
        ]
        assert matching, f"{part} is not one of the declared forms"
        form = matching[0]
        if form.is_liquid:
            step = plan.request.liquid_step_ml or Decimal("0.1")
            assert part.count % step == 0, "liquids are measured in whole steps"
        elif form.scored:
            assert part.count % Decimal("0.5") == 0, "scored tablets are only halved"
        else:
            assert part.count == part.count.to_integral_value(), "unscored forms are never split"
        made += part.count * part.strength_mg
    assert made == dose.mg, f"the recipe makes {made} mg, not {dose.mg} mg"  # type: ignore[attr-defined]


def assert_cuts_within_limits(plan: Plan, knowledge: Knowledge, start_de: Decimal) -> None:
    """Every cut obeys the rolling 25 %-in-14-days rule or is one Ashton band step (see _safety)."""
    rules = knowledge.tapering
    window = rules.max_cut_window_days.value
    limit = rules.max_cut_percent.value / 100
    previous = start_de
    last_cut: dt.date | None = None
    for step in plan.steps:
        new = step.diazepam_equivalent_mg
        if step.kind in ("reduction", "stop"):
            reference = de_on(plan, start_de, step.start - dt.timedelta(days=window))
            rolling_ok = reference - new <= reference * limit
            band = rules.band_for(previous)
            since = None if last_cut is None else (step.start - last_cut).days
            band_ok = previous - new <= band.step_mg.high and (
                since is None or since >= band.interval_days[0]
            )
            assert rolling_ok or band_ok, (
                f"step {step.number} cuts {previous} -> {new} mg DE (reference {reference}) beyond the limits"
            )
            last_cut = step.start
        previous = new

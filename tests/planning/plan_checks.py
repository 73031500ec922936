"""Independent checks of a plan's invariants, recomputed from the plan alone.

They do not call the planner's own helpers, so a bug in the planner's safety code cannot hide itself.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from decimal import ROUND_HALF_UP, Decimal

from benzotaper.knowledge import Knowledge
from benzotaper.planning import Plan, PlannedDose, Step


def de_of(knowledge: Knowledge, drug: str, mg: Decimal) -> Decimal:
    equivalent = knowledge.drugs[drug].equivalent_to_diazepam_10mg.value
    return (mg * 10 / equivalent).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


def step_de(knowledge: Knowledge, step: Step) -> Decimal:
    """The average daily DE: the doses' DE, times the nights a week they are taken / 7."""
    de = sum((de_of(knowledge, d.drug, d.mg) for d in step.doses), Decimal(0))
    if step.nights_per_week == 7:
        return de
    return (de * step.nights_per_week / 7).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP).normalize()


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
            # At ordinary doses the DE stays constant; at high doses the switch also cuts (clinical.md §2d).
            assert any(d.drug == plan.request.crossover_to for d in step.doses), "a crossover adds the target"
        if step.kind in ("reduction", "stop"):
            assert step.diazepam_equivalent_mg < previous, "a reduction reduces"
        for dose in step.doses:
            assert_dose_is_buildable(plan, dose)
        previous = step.diazepam_equivalent_mg
    assert_doses_within_label_and_ceiling(plan, knowledge)
    if not plan.overrides:
        short = (
            plan.request.risk.days_of_use is not None
            and plan.request.risk.days_of_use < knowledge.tapering.short_term_use_days.value
        )
        limit = (
            knowledge.tapering.short_term_max_cut_percent.value
            if short
            else knowledge.tapering.max_cut_percent.value
        )
        assert_cuts_within_limits(plan, knowledge, start_de, limit)


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


def drug_mg(step: Step | None, drug: str) -> Decimal:
    """The average daily mg of ``drug`` in a step (over the week, when some nights are drug-free)."""
    if step is None:
        return Decimal(0)
    return sum((d.mg for d in step.doses if d.drug == drug), Decimal(0)) * step.nights_per_week / 7


def warned_steps(plan: Plan, code: str) -> set[int]:
    return {n for w in plan.warnings if w.code == code for n in w.steps}


def smallest_piece_mg(plan: Plan, knowledge: Knowledge, drug: str) -> Decimal:
    """The smallest amount the plan's forms of ``drug`` make in one piece (or one liquid step)."""
    liquid_step = plan.request.liquid_step_ml or knowledge.tapering.liquid_measure_resolution_ml.value
    pieces = []
    for form in plan.forms:
        if form.drug != drug:
            continue
        if form.is_liquid:
            pieces.append(form.strength_mg * liquid_step)
        else:
            pieces.append(form.strength_mg / (form.split_into if form.scored else 1))
    return min(pieces)


def smallest_practical_mg(plan: Plan, knowledge: Knowledge, drug: str) -> Decimal:
    """The smallest amount the plan's forms of ``drug`` make, and at least the last band's step in DE."""
    equivalent = knowledge.drugs[drug].equivalent_to_diazepam_10mg.value
    return max(
        smallest_piece_mg(plan, knowledge, drug),
        knowledge.tapering.ashton_bands[0].step_mg.high * equivalent / 10,
    )


def assert_cuts_within_limits(
    plan: Plan, knowledge: Knowledge, start_de: Decimal, limit_percent: Decimal
) -> None:
    """Every cut obeys, for the total DE and for each drug's own mg, the rolling limit-in-14-days rule or
    (diazepam only) one Ashton band step; a drug may stop only from its smallest practical dose; a cut
    beyond that must be listed as a forced cut."""
    rules = knowledge.tapering
    window = rules.max_cut_window_days.value
    limit = limit_percent / 100
    forced = warned_steps(plan, "forced_cut")
    start = Step(
        0,
        plan.steps[0].start,
        0,
        "hold",
        tuple(PlannedDose(d.drug, d.time, d.mg, d.mg, ()) for d in plan.request.regimen),
        start_de,
        start_de,
        Decimal(0),
    )
    previous = start
    last_cut: dt.date | None = None

    def step_on(day: dt.date) -> Step:
        found = start
        for step in plan.steps:
            if step.start <= day:
                found = step
        return found

    for step in plan.steps:
        cuts = step.kind in ("reduction", "stop") or (
            step.kind == "crossover" and step.diazepam_equivalent_mg < previous.diazepam_equivalent_mg
        )
        if not cuts:
            previous = step
            continue
        drugs = {d.drug for d in (*previous.doses, *step.doses)}
        switching = any(drug_mg(step, d) > drug_mg(previous, d) for d in drugs)
        stopped = {d for d in drugs if drug_mg(previous, d) > 0 and drug_mg(step, d) == 0}
        reference = step_on(step.start - dt.timedelta(days=window))
        since = None if last_cut is None else (step.start - last_cut).days
        ok = True
        for drug in drugs - stopped:
            if switching:
                break
            before, after = drug_mg(previous, drug), drug_mg(step, drug)
            if after >= before:
                continue
            # Averages over a week with drug-free nights divide by 7 (28 significant digits): an exact
            # 25 % cut (4 -> 3 nights) may miss in the last digit.
            rolling = after >= drug_mg(reference, drug) * (1 - limit) - Decimal("1e-20")
            band = rules.band_for(before)
            band_ok = (
                drug == "diazepam"
                and before - after <= band.step_mg.high
                and (since is None or since >= band.interval_days[0])
            )
            ok = ok and (rolling or band_ok)
        for drug in stopped:
            if not switching:
                ok = ok and drug_mg(previous, drug) <= smallest_practical_mg(plan, knowledge, drug)
        if not stopped:
            new = step.diazepam_equivalent_mg
            # Each dose's DE is rounded to 0.0001 mg, so an exact 25 % cut may miss by that rounding.
            rounding = Decimal("0.0001") * len(previous.doses)
            total_ok = new >= reference.diazepam_equivalent_mg * (1 - limit) - rounding
            only_diazepam = all(d.drug == "diazepam" for d in previous.doses)
            band = rules.band_for(previous.diazepam_equivalent_mg)
            band_ok = (
                only_diazepam
                and previous.diazepam_equivalent_mg - new <= band.step_mg.high
                and (since is None or since >= band.interval_days[0])
            )
            ok = ok and (total_ok or band_ok)
        assert ok or step.number in forced, (
            f"step {step.number} cuts {previous.diazepam_equivalent_mg} -> "
            f"{step.diazepam_equivalent_mg} mg DE beyond the limits and is not listed as a forced cut: "
            f"{plan.request}"
        )
        last_cut = step.start
        previous = step


def assert_pace_never_faster_than_asked(
    plan: Plan, knowledge: Knowledge, asked_percent: Decimal, every: int, slow_below: Decimal | None
) -> None:
    """Each reduction (not the last stop of a drug) that cuts more than asked beyond rounding to the
    nearest dose (half the drug's smallest piece), over the days it lasts, cuts no faster than
    ``asked_percent`` every ``every`` days (halved at or below ``slow_below`` mg DE when slowed)."""
    previous = None
    for step in plan.steps:
        if previous is not None and step.kind == "reduction" and step.days:
            before, after = previous.diazepam_equivalent_mg, step.diazepam_equivalent_mg
            grew = any(drug_mg(step, d.drug) > drug_mg(previous, d.drug) for d in step.doses)
            cut = {d.drug for d in previous.doses if drug_mg(step, d.drug) < drug_mg(previous, d.drug)}
            dropped = {d.drug for d in previous.doses} - {d.drug for d in step.doses}
            if not grew and not dropped and after < before and len(cut) == 1:
                asked = asked_percent / 100
                if slow_below is not None and before <= slow_below:
                    asked /= 2
                (drug,) = cut
                equivalent = knowledge.drugs[drug].equivalent_to_diazepam_10mg.value
                rounding = smallest_piece_mg(plan, knowledge, drug) * 10 / equivalent / 2
                if after >= before * (1 - asked) - rounding:
                    previous = step
                    continue
                real_rate = -math.log(float(after / before)) / step.days
                asked_rate = -math.log(1 - float(asked)) / every
                assert real_rate <= asked_rate * 1.0001, (
                    f"step {step.number} cuts {before} -> {after} in {step.days} days, faster than "
                    f"{asked_percent}% every {every} days: {plan.request}"
                )
        previous = step


def assert_doses_within_label_and_ceiling(plan: Plan, knowledge: Knowledge) -> None:
    """No diazepam dose above the labelled single dose, no day's diazepam above the ceiling (unless the
    person already took more), and no dose of another drug above what the person took at that time."""
    rules = knowledge.tapering
    start_doses: dict[tuple[str, str], Decimal] = {}
    for d in plan.request.regimen:
        start_doses[(d.drug, d.time)] = start_doses.get((d.drug, d.time), Decimal(0)) + d.mg
    started_diazepam = sum((d.mg for d in plan.request.regimen if d.drug == "diazepam"), Decimal(0))
    risk = plan.request.risk
    very_long = risk.days_of_use is not None and risk.days_of_use > rules.very_long_use_days.value
    at_risk = risk.age_65_or_over or risk.opioid_use or risk.seizure_history or very_long
    ceiling = rules.diazepam_ceiling_at_risk_de_mg.value if at_risk else rules.diazepam_ceiling_de_mg.value
    for step in plan.steps:
        for dose in step.doses:
            if dose.drug == "diazepam":
                assert dose.mg <= max(
                    rules.diazepam_max_single_dose_mg.value,
                    start_doses.get(("diazepam", dose.time), Decimal(0)),
                ), f"step {step.number}: {dose} above the single-dose maximum; {plan.request}"
            else:
                assert dose.mg <= start_doses.get((dose.drug, dose.time), Decimal(0)), "a dose never rises"
        assert drug_mg(step, "diazepam") <= max(ceiling, started_diazepam), (
            f"step {step.number} above the ceiling"
        )

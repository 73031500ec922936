"""Planned drug-free nights: a direct z-drug taper reaches its smallest practical dose, then takes it on
fewer nights a week (the knowledge data's pattern) and stops; every output counts only the dose nights."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from helpers import KNOWLEDGE, RULES, START, request
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from plan_checks import assert_pace_never_faster_than_asked, assert_plan_is_sound

from benzotaper import records
from benzotaper.knowledge import TIMES_OF_DAY
from benzotaper.planning import (
    AbruptStopError,
    Dose,
    Formulation,
    InputError,
    Plan,
    PlanRequest,
    RiskFactors,
    RoundingError,
    TooFastError,
    diazepam_equivalent,
    disp_text,
    make_plan,
    plan_from_dict,
    plan_to_dict,
    plan_totals,
    replan,
    sig_text,
    supply_needed,
)
from benzotaper.planning._types import dose_weekdays

SCORED_5 = Formulation("zolpidem", "tablet", Decimal(5), scored=True)
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def alice_zolpidem_plan(**options: object) -> Plan:
    """Alice takes zolpidem 10 mg at night and has scored 5 mg tablets."""
    return make_plan(
        request(("zolpidem", "night", "10"), forms=(SCORED_5,), drug_free_nights=True, **options), KNOWLEDGE
    )


def test_the_taper_reaches_its_smallest_dose_then_takes_it_on_fewer_nights_a_week_and_stops() -> None:
    plan = alice_zolpidem_plan()
    dosed = [s for s in plan.steps if s.doses]
    assert [s.doses[0].mg for s in dosed] == [Decimal("7.5"), Decimal(5), *[Decimal("2.5")] * 5]
    assert [s.nights_per_week for s in dosed] == [7, 7, 7, *RULES.drug_free_nights_per_week.value]
    assert plan.steps[-1].kind == "stop" and plan.steps[-1].doses == ()
    assert all(s.days == 14 for s in dosed)
    assert "drug-free nights" in plan.method_note


def test_the_de_of_a_step_with_drug_free_nights_is_the_average_over_the_week() -> None:
    plan = alice_zolpidem_plan()
    three_nights = next(s for s in plan.steps if s.nights_per_week == 3)
    # zolpidem 2.5 mg is 1.25 mg diazepam equivalent (20 mg = diazepam 10 mg), taken 3 nights in 7.
    assert three_nights.diazepam_equivalent_mg == Decimal("0.5357")
    assert three_nights.cut_percent == Decimal(25)


def test_without_the_option_the_same_taper_stops_from_the_smallest_dose_every_night() -> None:
    plan = make_plan(request(("zolpidem", "night", "10"), forms=(SCORED_5,)), KNOWLEDGE)
    assert {s.nights_per_week for s in plan.steps} == {7}


def test_the_dose_nights_are_spread_evenly_through_the_week() -> None:
    assert [WEEKDAYS[d] for d in dose_weekdays(5)] == ["Mon", "Tue", "Wed", "Fri", "Sat"]
    assert [WEEKDAYS[d] for d in dose_weekdays(3)] == ["Mon", "Wed", "Fri"]
    for nights in range(8):
        on = dose_weekdays(nights)
        assert len(on) == nights
        free = [d for d in range(7) if d not in on]
        # Never two drug-free nights in a row while dose nights are the majority (around the week too).
        if len(free) <= 3:
            assert not any((d + 1) % 7 in free for d in free), (nights, free)


def test_a_drug_free_night_has_no_planned_dose_and_a_dose_night_has_the_step_dose() -> None:
    plan = alice_zolpidem_plan()
    five = next(s for s in plan.steps if s.nights_per_week == 5)
    week = [five.start + dt.timedelta(days=i) for i in range(7)]
    planned = {day.strftime("%a"): plan.doses_on(day) for day in week}
    assert [name for name, doses in planned.items() if not doses] == ["Thu", "Sun"]
    assert planned["Mon"] == five.doses
    assert plan.doses_on(START - dt.timedelta(days=1)) == ()
    assert plan.doses_on(plan.end) == ()


def test_the_sig_names_the_nights_and_disp_counts_only_the_dose_nights() -> None:
    plan = alice_zolpidem_plan()
    five = next(s for s in plan.steps if s.nights_per_week == 5)
    assert "on 5 nights a week (Mon, Tue, Wed, Fri, Sat)" in sig_text(plan, five)
    # 14 days of 5 dose nights a week is 10 doses of half a 5 mg tablet: 5 tablets.
    assert disp_text(five) == "Disp: zolpidem 5 mg tablet × 5."
    every_night = next(s for s in plan.steps if s.nights_per_week == 7 and s.doses)
    assert "nights a week" not in sig_text(plan, every_night)


def test_the_supply_and_the_totals_leave_out_the_drug_free_nights() -> None:
    plan = alice_zolpidem_plan()
    # 7.5 mg (1½ tablets) x 14, 5 mg (1 tablet) x 14, 2.5 mg (½) x 14, then ½ on 12, 10, 8 and 6 nights.
    every_night = 21 + 14 + 7
    assert [item.quantity for item in plan_totals(plan)] == [every_night + (12 + 10 + 8 + 6) // 2]
    four_weeks = supply_needed(plan, 28)
    # Days 57-70 are the 3-nights step: 6 halves, 3 tablets.
    assert four_weeks[-1].items[0].quantity == 3


@pytest.mark.parametrize(
    ("doses", "options", "wrong", "fix"),
    [
        ((("alprazolam", "night", "0.5"),), {}, "alprazolam is not one", "Leave drug-free nights off"),
        ((("zolpidem", "night", "10"),), {"crossover_to": "diazepam"}, "not for a crossover", "crossover"),
        ((("zolpidem", "night", "10"),), {"method": "micro"}, "micro-taper", "percent method"),
        (
            (("zolpidem", "night", "10"), ("lorazepam", "morning", "1")),
            {},
            "lorazepam is not one",
            "Leave drug-free nights off",
        ),
    ],
)
def test_it_refuses_drug_free_nights_outside_a_direct_z_drug_taper_in_steps(
    doses: tuple[tuple[str, str, str], ...], options: dict[str, object], wrong: str, fix: str
) -> None:
    with pytest.raises(InputError, match=wrong) as refused:
        make_plan(request(*doses, drug_free_nights=True, **options), KNOWLEDGE)  # type: ignore[arg-type]
    assert any(fix in text for text in refused.value.fixes)


def test_a_hold_during_drug_free_nights_keeps_the_nights() -> None:
    from benzotaper.planning import hold_step

    plan = alice_zolpidem_plan()
    four = next(s for s in plan.steps if s.nights_per_week == 4)
    held = hold_step(plan, four.number, 7)
    assert held.steps[four.number].kind == "hold" and held.steps[four.number].nights_per_week == 4


def test_a_plan_with_drug_free_nights_round_trips_through_its_saved_json() -> None:
    plan = alice_zolpidem_plan()
    data = json.loads(json.dumps(plan_to_dict(plan)))
    assert plan_from_dict(data, plan.request) == plan


def test_a_plan_saved_before_drug_free_nights_existed_reads_back_with_a_dose_every_night() -> None:
    plan = make_plan(request(("zolpidem", "night", "10"), forms=(SCORED_5,)), KNOWLEDGE)
    data = json.loads(json.dumps(plan_to_dict(plan)))
    for step in data["steps"]:
        del step["nights_per_week"], step["dose_nights"]
    old = plan_from_dict(data, plan.request)
    assert old == plan
    assert all(s.nights_per_week == 7 for s in old.steps)
    assert old.doses_on(START) == plan.steps[0].doses


ZDRUG_TABLETS = {
    country: {
        drug: sorted(
            {s for p in KNOWLEDGE.products_for(drug, country) if p.form == "tablet" for s in p.strengths_mg}
        )
        for drug, info in KNOWLEDGE.drugs.items()
        if info.drug_class == "z-drug"
        and any(p.form == "tablet" for p in KNOWLEDGE.products_for(drug, country))
    }
    for country in KNOWLEDGE.countries
}


@st.composite
def zdrug_requests(draw: st.DrawFn) -> PlanRequest:
    """Bob's direct z-drug tapers with drug-free nights: one or two z-drugs of his country's tablets,
    any step method and pace within the limit, any risk."""
    country = draw(st.sampled_from([c for c in KNOWLEDGE.countries if ZDRUG_TABLETS[c]]))
    tablets = ZDRUG_TABLETS[country]
    drugs = draw(st.lists(st.sampled_from(sorted(tablets)), min_size=1, max_size=2, unique=True))
    times = draw(st.lists(st.sampled_from(TIMES_OF_DAY), min_size=len(drugs), max_size=2, unique=True))
    regimen = tuple(
        Dose(
            drugs[i % len(drugs)],
            time,
            draw(st.sampled_from(tablets[drugs[i % len(drugs)]])) * draw(st.integers(1, 2)),
        )
        for i, time in enumerate(times)
    )
    risk = draw(
        st.builds(
            RiskFactors,
            age_65_or_over=st.booleans(),
            days_of_use=st.none() | st.sampled_from([10, 60, 400, 3000]),
        )
    )
    method = draw(st.sampled_from(["percent", "fixed", "ashton"]))
    every = draw(st.none() | st.sampled_from([7, 14, 21, 28]))
    cut = step = None
    if method == "percent" and draw(st.booleans()):
        cut, every = Decimal(draw(st.integers(5, 10))), 28
    if method == "fixed":
        step = draw(st.sampled_from([Decimal("1.25"), Decimal("2.5"), Decimal(5)]))
    return PlanRequest(
        regimen=regimen,
        start=START,
        method=method,
        cut_percent=cut,
        step_mg=step,
        every_days=every,
        country=country,
        slow_end=draw(st.booleans()),
        risk=risk,
        drug_free_nights=True,
    )


def assert_nights_only_fall_at_the_smallest_dose(plan: Plan) -> None:
    dosed = [s for s in plan.steps if s.doses]
    nights = [s.nights_per_week for s in dosed]
    assert nights == sorted(nights, reverse=True), f"nights never increase: {nights}"
    fewer = [s for s in dosed if s.nights_per_week < 7]
    assert all(s.doses == fewer[0].doses for s in fewer), "the nightly dose stays the same"
    assert all(n in (7, *RULES.drug_free_nights_per_week.value) for n in nights)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(zdrug_requests())
def test_every_z_drug_plan_with_drug_free_nights_is_sound_or_refused_with_fixes_that_work(
    planned: PlanRequest,
) -> None:
    start_de = diazepam_equivalent(planned.regimen, KNOWLEDGE)
    try:
        plan = make_plan(planned, KNOWLEDGE)
    except (RoundingError, AbruptStopError, TooFastError) as refused:
        assert refused.fixes, "a refusal says how to fix it"
        for changes in refused.fix_changes:
            fixed = make_plan(records.replace(planned, **changes), KNOWLEDGE)
            assert_plan_is_sound(fixed, KNOWLEDGE, start_de)
            assert_nights_only_fall_at_the_smallest_dose(fixed)
        return
    # Sound: the average DE never rises, every cut (the nights' too) is within the limit or listed as
    # forced, and the plan ends at zero.
    assert_plan_is_sound(plan, KNOWLEDGE, start_de)
    assert_nights_only_fall_at_the_smallest_dose(plan)
    if planned.method == "percent" and planned.cut_percent and not plan.overrides:
        slow = RULES.final_slowdown_below_de_mg.value if planned.slow_end else None
        assert_pace_never_faster_than_asked(
            plan, KNOWLEDGE, planned.cut_percent, planned.every_days or 14, slow
        )


def test_a_single_z_drug_taper_always_reaches_its_drug_free_nights() -> None:
    for country, tablets in ZDRUG_TABLETS.items():
        for drug, strengths in tablets.items():
            plan = make_plan(
                request((drug, "night", str(strengths[-1])), country=country, drug_free_nights=True),
                KNOWLEDGE,
            )
            dosed = [s for s in plan.steps if s.doses]
            assert dosed[-1].nights_per_week == RULES.drug_free_nights_per_week.value[-1], (country, drug)


def test_re_planning_during_drug_free_nights_goes_on_from_the_same_nights_never_every_night() -> None:
    plan = alice_zolpidem_plan()
    four = next(s for s in plan.steps if s.nights_per_week == 4)
    again = replan(plan, four.start + dt.timedelta(days=3), reason="a hard week")
    assert [s.nights_per_week for s in again.steps if s.doses] == [4, 3]
    assert again.steps[0].kind == "hold" and again.steps[0].end == four.end
    assert again.steps[0].diazepam_equivalent_mg == four.diazepam_equivalent_mg


def test_re_planning_from_other_doses_during_drug_free_nights_starts_from_every_night() -> None:
    plan = alice_zolpidem_plan()
    four = next(s for s in plan.steps if s.nights_per_week == 4)
    again = replan(plan, four.start, actual=[Dose("zolpidem", "night", Decimal(5))])
    assert again.steps[0].nights_per_week == 7 and again.steps[0].doses[0].mg == 5


def test_it_refuses_fewer_nights_a_week_without_drug_free_nights() -> None:
    with pytest.raises(InputError, match="need planned drug-free nights") as refused:
        make_plan(request(("zolpidem", "night", "5"), start_nights_per_week=4), KNOWLEDGE)
    assert refused.value.fixes
    with pytest.raises(InputError, match="1 to 7 nights a week, not 0"):
        make_plan(
            request(("zolpidem", "night", "5"), drug_free_nights=True, start_nights_per_week=0), KNOWLEDGE
        )

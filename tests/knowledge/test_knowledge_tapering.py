from decimal import Decimal

import pytest

from benzotaper.knowledge import TIMES_OF_DAY, Knowledge


def test_the_rate_figures_are_those_of_the_guidelines(knowledge: Knowledge) -> None:
    rules = knowledge.tapering
    assert rules.default_cut_percent.value == Decimal("10")
    assert rules.default_interval_days.value == 14
    assert (rules.max_cut_percent.value, rules.max_cut_window_days.value) == (Decimal("25"), 14)
    assert (rules.max_cut_percent.source, rules.max_cut_percent.confidence) == ("jcpg_rec", "V")
    assert rules.high_dose_de_mg.value == Decimal("15")
    assert rules.physical_dependence_after_days.value == 30


def test_the_end_of_taper_and_crossover_figures_carry_their_weak_marks(
    knowledge: Knowledge,
) -> None:
    rules = knowledge.tapering
    below, factor = rules.final_slowdown_below_de_mg, rules.final_slowdown_factor
    assert (below.value, below.confidence) == (Decimal("5"), "C")
    assert (factor.value, factor.confidence) == (Decimal("0.5"), "M")
    assert rules.crossover_stage_days.value == 7
    assert rules.crossover_max_substitution_de_mg.value == Decimal("10")
    assert rules.liquid_measure_resolution_ml.value == Decimal("0.1")


@pytest.mark.parametrize(
    ("de_mg", "step_low", "step_high"),
    [("0.5", "0.5", "1"), ("5", "0.5", "1"), ("5.5", "1", "1"), ("10", "1", "1"),
     ("12", "1", "2"), ("20", "1", "2"), ("21", "2", "4"), ("40", "2", "4"), ("120", "2", "4")],
)  # fmt: skip
def test_every_dose_falls_in_its_ashton_band(
    knowledge: Knowledge, de_mg: str, step_low: str, step_high: str
) -> None:
    band = knowledge.tapering.band_for(Decimal(de_mg))
    assert (band.step_mg.low, band.step_mg.high) == (Decimal(step_low), Decimal(step_high))
    assert band.interval_days == (7, 14)


def test_applying_the_top_band_above_40_mg_is_marked_as_our_extension(knowledge: Knowledge) -> None:
    assert knowledge.tapering.band_for(Decimal("41")).confidence == "C"
    assert knowledge.tapering.band_for(Decimal("40")).confidence == "V"


def test_the_crossover_starts_at_night_and_cuts_start_in_the_morning(knowledge: Knowledge) -> None:
    rules = knowledge.tapering
    assert rules.crossover_order.value == ("night", "evening", "morning", "afternoon", "midday")
    assert rules.reduction_order.value == ("morning", "midday", "afternoon", "evening", "night")
    assert sorted(rules.crossover_order.value) == sorted(TIMES_OF_DAY)


def test_each_risk_factor_has_a_label_and_a_message(knowledge: Knowledge) -> None:
    codes = [factor.code for factor in knowledge.tapering.risk_factors]
    assert codes == [
        "seizure_history", "age_65_or_over", "high_dose",
        "alcohol_use", "opioid_use", "other_sedatives",
        "very_high_dose", "epilepsy_drug", "short_term_use", "zdrug_crossover", "several_drugs",
    ]  # fmt: skip
    for code in codes:
        factor = knowledge.tapering.risk_factor(code)
        assert factor.label and len(factor.message) > 80
        assert factor.source in knowledge.sources

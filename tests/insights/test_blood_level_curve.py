"""The illustrative blood-level curve: figures from the knowledge data, in diazepam equivalents."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest

from benzotaper.insights import NoPkDataError, blood_level_curve, pk_parameters
from benzotaper.planning import Dose


def twice_daily(drug: str, mg: str) -> list[Dose]:
    return [Dose(drug, "morning", Decimal(mg)), Dose(drug, "night", Decimal(mg))]


def test_a_crossover_to_diazepam_smooths_the_levels_at_the_same_diazepam_equivalent() -> None:
    alprazolam = blood_level_curve(twice_daily("alprazolam", "0.5"), 7)  # 20 mg DE a day
    diazepam = blood_level_curve(twice_daily("diazepam", "10"), 7)  # 20 mg DE a day
    assert diazepam.peak_to_trough() < alprazolam.peak_to_trough()
    assert diazepam.peak_to_trough() < 1.1 < 1.5 < alprazolam.peak_to_trough()


def test_at_steady_state_every_drug_averages_the_daily_diazepam_equivalent() -> None:
    for doses in (
        twice_daily("alprazolam", "0.5"),
        twice_daily("diazepam", "10"),
        twice_daily("lorazepam", "1"),
    ):
        curve = blood_level_curve(doses, 3)
        last_day = curve.total[curve.hours >= curve.hours[-1] - 24]
        assert last_day.mean() == pytest.approx(20, rel=0.05)


def test_from_none_diazepam_takes_weeks_to_build_up_and_alprazolam_days() -> None:
    diazepam = blood_level_curve(twice_daily("diazepam", "10"), 28, from_steady_state=False)
    alprazolam = blood_level_curve(twice_daily("alprazolam", "0.5"), 28, from_steady_state=False)
    day = 96  # samples per day at 15 minutes
    assert diazepam.total[0] == 0
    assert diazepam.total[3 * day] < 0.6 * diazepam.total[-1]
    assert alprazolam.total[3 * day] > 0.6 * alprazolam.total[-1]


def test_the_figures_come_from_the_knowledge_data() -> None:
    alprazolam = pk_parameters("Xanax")
    assert alprazolam.drug == "alprazolam" and alprazolam.half_life_h == 11.2  # the label's mean
    assert alprazolam.de_per_mg == 20 and alprazolam.metabolite is None
    diazepam = pk_parameters("diazepam")
    assert diazepam.half_life_h == 60  # middle of Ashton's 20-100 h
    assert diazepam.metabolite_half_life_h == 118  # nordazepam, middle of 36-200 h
    assert "20-100" in diazepam.basis and "36-200" in diazepam.basis


def test_a_prodrug_is_modelled_as_its_active_metabolite() -> None:
    clorazepate = pk_parameters("clorazepate")
    assert clorazepate.half_life_h is None and clorazepate.metabolite_half_life_h == 118
    curve = blood_level_curve([Dose("clorazepate", "night", Decimal("15"))], 2)
    assert curve.peak_to_trough() < 1.2


def test_several_drugs_add_up_and_are_kept_apart() -> None:
    crossover = [Dose("alprazolam", "morning", Decimal("0.25")), Dose("diazepam", "night", Decimal("5"))]
    curve = blood_level_curve(crossover, 2)
    assert set(curve.by_drug) == {"alprazolam", "diazepam"}
    assert np.allclose(curve.total, curve.by_drug["alprazolam"] + curve.by_drug["diazepam"])


def test_the_curve_is_labelled_illustrative() -> None:
    curve = blood_level_curve(twice_daily("diazepam", "5"), 1)
    assert curve.illustrative and "Illustrative" in curve.note


def test_a_drug_without_figures_is_refused_plainly() -> None:
    with pytest.raises(NoPkDataError, match="no pharmacokinetic figures"):
        pk_parameters("nordazepam")
    with pytest.raises(NoPkDataError, match="time to peak"):
        pk_parameters("estazolam")  # the printed tmax is garbled, so the data gives no range
    with pytest.raises(NoPkDataError):
        blood_level_curve([Dose("aspirin", "morning", Decimal(1))], 1)  # type: ignore[arg-type]

"""A dose is made from whole tablets where it can be, and never from three strengths when two do."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from benzotaper.planning import Component, default_forms
from benzotaper.planning._formulations import dose_builder

DIAZEPAM_US = default_forms("diazepam", "US")


def test_38_mg_is_three_10_mg_and_four_2_mg_tablets() -> None:
    recipe = dose_builder("diazepam", DIAZEPAM_US, Decimal("0.1"), Decimal(40)).recipe(Decimal(38))
    assert recipe == (
        Component("tablet", Decimal(10), Decimal(3), "tablet"),
        Component("tablet", Decimal(2), Decimal(4), "tablet"),
    )


@given(st.integers(1, 80).map(lambda n: Decimal(n) / 2))
def test_no_dose_needs_three_strengths_when_two_make_it(mg: Decimal) -> None:
    builder = dose_builder("diazepam", DIAZEPAM_US, Decimal("0.1"), Decimal(41))
    if builder.is_buildable(mg):
        assert len(builder.recipe(mg)) <= 2


def test_xanax_2_mg_may_be_broken_in_quarters() -> None:
    forms = default_forms("alprazolam", "US")
    builder = dose_builder("alprazolam", forms, Decimal("0.1"), Decimal(3))
    assert builder.is_buildable(Decimal("1.5"))
    assert builder.recipe(Decimal("0.125")) == (
        Component("tablet", Decimal("0.25"), Decimal("0.5"), "tablet"),
    )

"""The dose builder's quick look-ups (nearest, next below, next above) agree with the plain list of every
dose the forms make, for any amount, also beyond the amounts the builder has met so far."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from benzotaper.planning import Formulation, default_forms
from benzotaper.planning._formulations import DoseBuilder

FORMS = {
    "us_tablets": default_forms("diazepam", "US"),
    "tablets_and_solution": (
        Formulation("diazepam", "tablet", Decimal(2), True),
        Formulation("diazepam", "tablet", Decimal(5), True),
        Formulation("diazepam", "oral_solution", Decimal(1)),
    ),
    "quarter_scored_alprazolam": default_forms("alprazolam", "US"),
}
# Amounts with up to six decimal places, from below zero to beyond the builder's first table, and amounts
# halfway between two makeable doses (ties go to the larger dose).
amounts = st.one_of(
    st.integers(-2_000_000, 30_000_000).map(lambda units: Decimal(units) / 1_000_000),
    st.integers(0, 600).map(lambda twentieths: Decimal(twentieths) / 20),
)


def every_dose(builder: DoseBuilder, up_to: Decimal) -> list[Decimal]:
    return builder.amounts_between(Decimal(0), up_to)


@given(st.sampled_from(sorted(FORMS)), amounts, amounts)
def test_the_nearest_dose_is_the_closest_makeable_one_at_or_under_the_ceiling(
    forms: str, target: Decimal, ceiling: Decimal
) -> None:
    # A fresh builder each time, so that a look-up beyond its first table has to grow it.
    builder = DoseBuilder("drug", FORMS[forms], Decimal("0.1"), Decimal(5))
    clipped = max(Decimal(0), min(target, ceiling))
    allowed = [d for d in every_dose(builder, max(clipped, Decimal(0))) if d <= max(ceiling, Decimal(0))]
    allowed += [d for d in every_dose(builder, clipped + 30) if d > clipped and d <= ceiling]
    best = min(allowed, key=lambda d: (abs(d - clipped), -d))
    assert builder.nearest(target, ceiling) == best


@given(st.sampled_from(sorted(FORMS)), amounts)
def test_the_next_doses_below_and_above_are_the_neighbours_in_the_list(forms: str, mg: Decimal) -> None:
    builder = DoseBuilder("drug", FORMS[forms], Decimal("0.1"), Decimal(5))
    below = [d for d in every_dose(builder, max(mg, Decimal(0))) if d < mg]
    above = [d for d in every_dose(builder, max(mg, Decimal(0)) + 20) if d > mg]
    assert builder.next_below(mg) == (below[-1] if below else None)
    assert builder.next_above(mg) == (above[0] if above else None)

"""The alerts and the burden read of a check-in only its day, wellbeing, red flags and how many symptoms
it rated with their sum: its tally (``CheckInTally``) gives exactly what the check-in gives. Today and
the check-in page read tallies (web/insights/data.py ``alerts_journal``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benzotaper.insights import alerts, daily_burden
from benzotaper.journal import CheckInRecord, CheckInTally, SymptomScore
from benzotaper.planning import Dose, PlanRequest, make_plan

TODAY = dt.date(2027, 3, 1)
# A plan near its end (below the final slow-down dose) with cuts within the days drawn below.
PLAN = make_plan(
    PlanRequest(regimen=(Dose("diazepam", "morning", Decimal(4)),), start=TODAY - dt.timedelta(days=50))
)
CODES = ("anxiety", "insomnia", "muscle_pain", "tinnitus")


def tally(checkin: CheckInRecord) -> CheckInTally:
    return CheckInTally(
        checkin.date,
        checkin.wellbeing,
        checkin.red_flags,
        len(checkin.symptoms),
        sum(s.severity for s in checkin.symptoms),
    )


@st.composite
def check_ins(draw: st.DrawFn) -> list[CheckInRecord]:
    """Up to 60 days before today: most days checked in, some rating nothing, some with red flags or a
    low wellbeing, ratings about one level until a day and another from it (so symptoms rise after a
    cut, or near the end, as often as not); a day may have two check-ins (the core pools them)."""
    change = TODAY - dt.timedelta(days=draw(st.integers(0, 60)))
    levels = draw(st.integers(0, 4)), draw(st.integers(0, 4))
    out = []
    for back in range(61):
        day = TODAY - dt.timedelta(days=back)
        for _ in range(draw(st.sampled_from((0, 1, 1, 1, 1, 1, 1, 2)))):
            rated = draw(st.lists(st.sampled_from(CODES), unique=True, max_size=len(CODES)))
            level = levels[day >= change]
            severities = [min(max(level + draw(st.integers(-1, 1)), 0), 4) for _ in rated]
            out.append(
                CheckInRecord(
                    day,
                    wellbeing=draw(st.none() | st.integers(0, 10)),
                    symptoms=tuple(SymptomScore(code, s) for code, s in zip(rated, severities, strict=True)),
                    red_flags=tuple(draw(st.lists(st.sampled_from(("seizure", "confusion")), unique=True))),
                )
            )
    return sorted(out, key=lambda c: c.date)


@settings(max_examples=150, deadline=None)
@given(check_ins(), st.booleans())
def test_the_alerts_of_the_tallies_are_the_alerts_of_the_check_ins(
    checkins: list[CheckInRecord], planned: bool
) -> None:
    steps = PLAN.steps if planned else ()
    assert alerts([tally(c) for c in checkins], steps, TODAY, "UK") == alerts(checkins, steps, TODAY, "UK")


@settings(max_examples=150, deadline=None)
@given(check_ins())
def test_the_burden_of_the_tallies_is_the_burden_of_the_check_ins(checkins: list[CheckInRecord]) -> None:
    first = TODAY - dt.timedelta(days=60)
    of_tallies = daily_burden([tally(c) for c in checkins], first, TODAY)
    of_checkins = daily_burden(checkins, first, TODAY)
    assert np.array_equal(of_tallies.values, of_checkins.values, equal_nan=True)
    assert np.array_equal(of_tallies.items_rated, of_checkins.items_rated)


def test_a_check_in_tells_how_many_it_rated_and_their_sum() -> None:
    checkin = CheckInRecord(
        TODAY, symptoms=(SymptomScore("anxiety", 3), SymptomScore("jaw ache", 2, custom=True))
    )
    assert (checkin.rated, checkin.severity_sum) == (2, 5)
    assert (CheckInRecord(TODAY).rated, CheckInRecord(TODAY).severity_sum) == (0, 0)


@pytest.mark.parametrize(("rated", "total"), [(0, 1), (2, 9), (-1, 0), (1, -1)])
def test_it_refuses_a_tally_whose_ratings_cannot_add_up(rated: int, total: int) -> None:
    with pytest.raises(ValueError, match="cannot add up"):
        CheckInTally(TODAY, rated=rated, severity_sum=total)


def test_it_refuses_a_tally_with_a_wellbeing_off_the_scale() -> None:
    with pytest.raises(ValueError, match="wellbeing 11"):
        CheckInTally(TODAY, wellbeing=11)

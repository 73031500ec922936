"""An illustrative curve of how much drug is in the body over the day, in diazepam equivalents (DE).

The model, from the knowledge data's modelling notes: each dose is one compartment with first-order
absorption and elimination; for drugs with an active metabolite that has a half-life in the data
(diazepam, chlordiazepoxide, clorazepate, prazepam, halazepam, ketazolam: nordazepam; flurazepam:
desalkylflurazepam; clobazam: N-desmethylclobazam) the eliminated parent flows into a second compartment
that decays with the metabolite's half-life. A prodrug with no half-life of its own (clorazepate,
flurazepam) goes straight to its metabolite.

Which figures: for each quantity the first figure in the data that states a range, its ``typical`` value
when the source prints one (alprazolam's mean half-life of 11.2 h) and otherwise the middle of the range
(diazepam 20-100 h gives 60 h; nordazepam 36-200 h gives 118 h). The absorption rate ka is solved from the
time to peak: tmax = ln(ka/ke) / (ka - ke).

The unit: mg DE a day at steady state. Doses are converted to DE with the drug's Ashton equivalence, and
the amount in the body is divided by the amount a person carries at steady state on 1 mg DE a day of that
drug (the area under its single-dose curve over 24 h). So at steady state every drug's curve averages the
daily DE, and drugs compare on one axis: what differs is how far the curve swings around that average
between doses, and how long it takes to get there. Without this, a long half-life drug would show far more
"drug in the body" than an equivalent dose of a short one, which says nothing about effect.

Simplifications, all the model's (not clinical figures): bioavailability is not applied because the
equivalence table already compares oral doses; all of the parent is taken to become the metabolite,
counted as equally potent; a curve starts at steady state (the regimen taken for five of its longest
half-lives before) unless asked to start from none. Real half-lives vary several-fold with age and the
liver, so the curve is illustrative: it shows the *shape* (how much levels swing between doses, how long
they take to settle), never a level to dose by.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from benzotaper.knowledge import TIMES_OF_DAY, PkValue, TimeOfDay
from benzotaper.records import Record

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from benzotaper.knowledge import Cited
    from benzotaper.planning import Dose

    FloatArray = npt.NDArray[np.float64]

# Not clinical: a usual clock hour for each time of day, only to place doses on a time axis.
NOMINAL_HOURS: Mapping[TimeOfDay, float] = {
    "morning": 8,
    "midday": 12,
    "afternoon": 15,
    "evening": 18,
    "night": 22,
}
# A quarter of an hour resolves the fastest peak in the data (midazolam, about 0.4 h) well enough for a chart.
STEP_HOURS = 0.25
# Steady state after about 4-5 half-lives (the knowledge data's modelling notes); the upper end.
STEADY_STATE_HALF_LIVES = 5
NOTE = (
    "Illustrative: typical figures from the literature; real half-lives vary several-fold with age and "
    "liver function. Shows the shape of the levels, not a level to dose by."
)


class NoPkDataError(LookupError):
    """The knowledge data lacks a figure the model needs for this drug."""


class PkParameters(Record):
    """The figures the curve uses for one drug. Hours; ``de_per_mg`` mg diazepam per mg of the drug.

    ``half_life_h`` is None for a prodrug (the level is the metabolite's). ``basis`` quotes the figures
    as the data prints them.
    """

    drug: str
    de_per_mg: float
    tmax_h: float
    half_life_h: float | None
    metabolite: str | None
    metabolite_half_life_h: float | None
    basis: str


class PkCurve(Record, eq=False):
    """The level (mg DE a day at steady state, see the module docstring) every ``STEP_HOURS`` hours from
    midnight of the first day: ``total`` and ``by_drug``."""

    hours: FloatArray
    total: FloatArray
    by_drug: Mapping[str, FloatArray]
    parameters: tuple[PkParameters, ...]
    note: str = NOTE
    illustrative: bool = True

    def peak_to_trough(self, last_hours: float = 24) -> float:
        """Highest over lowest total amount in the last ``last_hours`` (inf when it falls to zero)."""
        window = self.total[self.hours >= self.hours[-1] - last_hours]
        low = float(window.min())
        return math.inf if low <= 0 else float(window.max()) / low


def pk_parameters(drug: str) -> PkParameters:
    """The model's figures for a drug (generic or brand name); NoPkDataError when a figure is missing."""
    from benzotaper.knowledge import UnknownDrugError, load_knowledge, load_pharmacokinetics

    try:
        found = load_knowledge().find_drug(drug)
    except UnknownDrugError as error:
        raise NoPkDataError(str(error)) from error
    profiles = load_pharmacokinetics().profiles
    if found.name not in profiles:
        raise NoPkDataError(f"The knowledge data has no pharmacokinetic figures for {found.name}.")
    profile = profiles[found.name]
    tmax = _first_range(profile.tmax_h)
    if tmax is None:
        raise NoPkDataError(f"The knowledge data has no usable time to peak for {found.name}.")
    half_life = _first_range(profile.half_life_h)
    metabolite = next(
        (m for m in profile.active_metabolites if _first_range(m.half_life_h) is not None), None
    )
    metabolite_half_life = _first_range(metabolite.half_life_h) if metabolite is not None else None
    if half_life is None and metabolite_half_life is None:
        raise NoPkDataError(f"The knowledge data has no usable half-life for {found.name}.")
    basis = f"time to peak (h): {tmax[1]}; half-life (h): {half_life[1] if half_life else 'none (prodrug)'}"
    if metabolite is not None and metabolite_half_life is not None:
        basis += f"; {metabolite.name.value} half-life (h): {metabolite_half_life[1]}"
    return PkParameters(
        drug=found.name,
        de_per_mg=float(found.diazepam_mg_per_mg),
        tmax_h=tmax[0],
        half_life_h=half_life[0] if half_life else None,
        metabolite=metabolite.name.value if metabolite is not None else None,
        metabolite_half_life_h=metabolite_half_life[0] if metabolite_half_life else None,
        basis=basis,
    )


def blood_level_curve(
    doses: Sequence[Dose], days: int, *, from_steady_state: bool = True, step_hours: float = STEP_HOURS
) -> PkCurve:
    """The illustrative level for ``doses`` (a daily regimen: drug, time of day, mg) taken every day,
    over ``days`` days. It starts at steady state, or from none with ``from_steady_state=False``. See the
    module docstring for the model and its unit."""
    import numpy as np

    if days < 1:
        raise ValueError("the curve needs at least one day")
    parameters: dict[str, PkParameters] = {}
    for dose in doses:
        if dose.time not in TIMES_OF_DAY:
            raise ValueError(f"{dose.time!r} is not a time of day")
        parameters.setdefault(dose.drug, pk_parameters(dose.drug))
    before = 0
    if from_steady_state and parameters:
        longest = max(max(p.half_life_h or 0, p.metabolite_half_life_h or 0) for p in parameters.values())
        before = math.ceil(STEADY_STATE_HALF_LIVES * longest / 24)
    hours = np.arange(0, (before + days) * 24 + step_hours / 2, step_hours)
    by_drug: dict[str, FloatArray] = {}
    for dose in doses:
        params = parameters[dose.drug]
        unit = _unit_response(params, hours)
        amount = float(Decimal(dose.mg)) * params.de_per_mg
        level = by_drug.setdefault(params.drug, np.zeros_like(hours))
        for day in range(before + days):
            first = round((day * 24 + NOMINAL_HOURS[dose.time]) / step_hours)
            level[first:] += amount * unit[: len(hours) - first]
    shown = slice(round(before * 24 / step_hours), None)
    shown_by_drug = {drug: level[shown] for drug, level in by_drug.items()}
    total = np.sum(list(shown_by_drug.values()), axis=0) if by_drug else np.zeros_like(hours[shown])
    return PkCurve(hours[shown] - before * 24, total, shown_by_drug, tuple(parameters.values()))


def _first_range(figures: Sequence[Cited[PkValue]]) -> tuple[float, str] | None:
    """The value to model with from the first figure stating a range (typical, else the middle), with
    its text."""
    for figure in figures:
        value = figure.value
        if value.range is not None:
            middle = value.typical if value.typical is not None else (value.range.low + value.range.high) / 2
            return float(middle), value.text
    return None


def _unit_response(params: PkParameters, hours: FloatArray) -> FloatArray:
    """The level after a dose of 1 mg DE at hour 0: the amount in the body (parent plus metabolite)
    times 24 h over the area under that amount, so that 1 mg DE every day averages 1 at steady state."""
    import numpy as np

    ln2 = math.log(2)
    if params.half_life_h is None:  # a prodrug: absorbed straight into the metabolite
        assert params.metabolite_half_life_h is not None
        ke = ln2 / params.metabolite_half_life_h
        return 24 * ke * _absorbed(_absorption_rate(params.tmax_h, ke), ke, hours)
    ke = ln2 / params.half_life_h
    ka = _absorption_rate(params.tmax_h, ke)
    parent = _absorbed(ka, ke, hours)
    if params.metabolite_half_life_h is None:
        return 24 * ke * parent
    km = ln2 / params.metabolite_half_life_h
    if math.isclose(km, ke) or math.isclose(km, ka):
        km *= 1.000001  # the three-exponential formula needs distinct rates
    metabolite = (
        ka
        * ke
        * (
            np.exp(-ka * hours) / ((ke - ka) * (km - ka))
            + np.exp(-ke * hours) / ((ka - ke) * (km - ke))
            + np.exp(-km * hours) / ((ka - km) * (ke - km))
        )
    )
    area = 1 / ke + 1 / km  # hours: the parent's area plus the metabolite's (all of the parent becomes it)
    result: FloatArray = 24 / area * (parent + metabolite)
    return result


def _absorbed(ka: float, ke: float, hours: FloatArray) -> FloatArray:
    """One compartment, first-order absorption: the Bateman function for a dose of 1."""
    import numpy as np

    result: FloatArray = ka / (ka - ke) * (np.exp(-ke * hours) - np.exp(-ka * hours))
    return result


def _absorption_rate(tmax: float, ke: float) -> float:
    """ka > ke with ln(ka/ke) / (ka - ke) = tmax, by bisection. When the data's tmax is longer than the
    model allows (tmax >= 1/ke), absorption is taken as just faster than elimination."""
    if tmax * ke >= 1:
        return ke * 1.01

    def peak(ka: float) -> float:
        return math.log(ka / ke) / (ka - ke)

    low, high = ke * (1 + 1e-9), ke * 2
    while peak(high) > tmax:
        high *= 2
    for _ in range(100):
        middle = (low + high) / 2
        low, high = (middle, high) if peak(middle) > tmax else (low, middle)
    return (low + high) / 2

"""Which doses can be built from the forms a person has, and how to make each one.

A dose is built from whole tablets or capsules, halves of scored tablets, and at most one oral solution
measured in steps of ``liquid_step_ml``. All arithmetic is on integers: every piece size is a whole
multiple of a common quantum (the greatest common divisor of the piece sizes), so there is no rounding
drift and "is this buildable?" is exact.
"""

from __future__ import annotations

import _thread
import bisect
import functools
import itertools
import math
from collections.abc import Iterable, Sequence
from decimal import Decimal

from benzotaper.knowledge import Knowledge, load_knowledge

from ._types import Component, Formulation, InputError

# Piece sizes are handled in units of 10^-6 mg; strengths and liquid steps are given with fewer decimals.
_SCALE = Decimal(10) ** 6
_ZERO, _ONE = Decimal(0), Decimal(1)
# Fewer pieces are better, and whole tablets are much better than split ones: 38 mg is 3 x 10 + 4 x 2,
# not 3 x 10 + 5 + 1½ x 2 (a half costs more than two whole tablets).
_COST_WHOLE = 10
_COST_PART = {2: 25, 4: 30}
# A recipe never uses more strengths than this when fewer can make the dose.
_FEWEST_STRENGTHS = 2
_DEFAULT_FORM_KINDS = ("tablet", "capsule")
# The table of makeable doses has one entry per quantum up to the largest dose: beyond this many entries
# the forms are finer than any real measuring allows (or mistyped), and building it would take seconds.
_MOST_QUANTA = 300_000
# ``threading.Lock`` is this lock; ``_thread`` spares `benzotaper plan` importing ``threading`` (0.7 ms).
_GROWING = _thread.allocate_lock()


def plain(value: Decimal) -> Decimal:
    """The same number without trailing zeros or an exponent: 2.50 -> 2.5, 10.0 -> 10."""
    if value == value.to_integral_value():
        return value.quantize(_ONE)
    return value.normalize()


def _units(mg: Decimal) -> int:
    scaled = mg * _SCALE
    if scaled != scaled.to_integral_value():
        raise InputError(f"{mg} mg has more than six decimal places.", ["Round the amount."])
    return int(scaled)


def default_forms(drug: str, country: str, knowledge: Knowledge | None = None) -> tuple[Formulation, ...]:
    """The common immediate-release tablets and capsules of a drug in a country.

    Oral solutions, orally disintegrating and extended-release forms are left out: a person declares them
    when they have them, because they change how doses are made.
    """
    knowledge = knowledge or load_knowledge()
    forms: list[Formulation] = []
    for product in knowledge.products_for(drug, country):
        if product.form in _DEFAULT_FORM_KINDS:
            forms.extend(
                Formulation(drug, product.form, strength, product.scored, product.split_into)
                for strength in product.strengths_mg
            )
    return tuple(sorted(set(forms), key=lambda f: (f.form, f.strength_mg)))


class DoseBuilder:
    """The doses of one drug that can be made from a set of forms, up to ``max_mg``."""

    def __init__(
        self,
        drug: str,
        forms: Sequence[Formulation],
        liquid_step_ml: Decimal,
        max_mg: Decimal,
    ) -> None:
        self.drug = drug
        self.forms = tuple(forms)
        solids = [f for f in forms if not f.is_liquid]
        liquids = [f for f in forms if f.is_liquid]
        # (size in units, formulation, tablets per piece, cost)
        self._pieces: list[tuple[int, Formulation, Decimal, int]] = []
        for form in solids:
            self._pieces.append((_units(form.strength_mg), form, Decimal(1), _COST_WHOLE))
            if form.scored:
                for parts in (2, 4) if form.split_into == 4 else (2,):
                    share = Decimal(1) / parts
                    self._pieces.append((_units(form.strength_mg * share), form, share, _COST_PART[parts]))
        # With several solutions, the finest measure is the one that matters.
        self._liquid: Formulation | None = None
        self._liquid_step_ml = liquid_step_ml
        liquid_units = 0
        if liquids:
            self._liquid = min(liquids, key=lambda f: f.strength_mg)
            liquid_units = _units(self._liquid.strength_mg * liquid_step_ml)
        sizes = [size for size, *_ in self._pieces] + ([liquid_units] if liquid_units else [])
        if not sizes or min(sizes) <= 0:
            raise InputError(
                f"No usable form of {drug} is known.",
                [f"Declare the {drug} forms you have, e.g. '{drug} tablet 2mg,5mg'."],
            )
        self._quantum = math.gcd(*sizes)
        self._liquid_q = liquid_units // self._quantum if liquid_units else 0
        self._max_q = 0
        self._max_mg = Decimal(0)
        self._solid_cost: list[int | None] = [0]
        self._solid_last: list[int] = [-1]
        self._solid_part: list[int | None] = [0]
        self._amounts: list[int] = [0]
        self._amounts_mg: list[Decimal] = [Decimal(0)]
        self._recipes: dict[Decimal, tuple[Component, ...]] = {}
        self.grow(max_mg)

    @property
    def quantum_mg(self) -> Decimal:
        """The smallest difference between two doses that can be made."""
        return Decimal(self._quantum) / _SCALE

    def grow(self, max_mg: Decimal) -> None:
        """Extend the tables so that every dose up to ``max_mg`` is known. Builders are shared between
        threads (see ``dose_builder``): the new tables are made aside and ``_max_q`` is set last."""
        with _GROWING:
            self._grow(max_mg)

    def _grow(self, max_mg: Decimal) -> None:
        wanted = math.ceil(max_mg * _SCALE / self._quantum)
        if wanted <= self._max_q:
            return
        if wanted > _MOST_QUANTA:
            raise InputError(
                f"The {self.drug} forms differ by amounts too small ({self.quantum_mg} mg) to plan "
                f"{max_mg:.0f} mg with.",
                [
                    f"Declare the {self.drug} strengths you really have, like '{self.drug} tablet 2mg,5mg'.",
                    "Measure a liquid in coarser steps (for example 0.1 ml).",
                ],
            )
        pieces = [(size // self._quantum, cost) for size, _, _, cost in self._pieces]
        cost = self._solid_cost + [None] * (wanted - self._max_q)
        last = self._solid_last + [-1] * (wanted - self._max_q)
        # Unbounded change-making: the cheapest set of pieces for every amount.
        for q in range(self._max_q + 1, wanted + 1):
            for index, (size, piece_cost) in enumerate(pieces):
                if size <= q and cost[q - size] is not None:
                    candidate = cost[q - size] + piece_cost  # type: ignore[operator]
                    if cost[q] is None or candidate < cost[q]:  # type: ignore[operator]
                        cost[q] = candidate
                        last[q] = index
        # The solid part of each amount: all of it, or the most that leaves a whole number of liquid steps.
        part = self._solid_part + [None] * (wanted - self._max_q)
        for q in range(self._max_q + 1, wanted + 1):
            if cost[q] is not None:
                part[q] = q
            elif self._liquid_q and q >= self._liquid_q:
                part[q] = part[q - self._liquid_q]
        self._solid_cost, self._solid_last, self._solid_part = cost, last, part
        self._amounts = [q for q in range(wanted + 1) if part[q] is not None]
        # The same amounts in mg: the hot look-ups below bisect these instead of converting to quanta.
        self._amounts_mg = [self._mg(q) for q in self._amounts]
        self._max_q = wanted
        # The known range in mg, kept so that the hot look-ups compare instead of dividing.
        self._max_mg = Decimal(wanted * self._quantum) / _SCALE

    def _q(self, mg: Decimal) -> int:
        """Whole quanta at or below ``mg``."""
        if mg > self._max_mg:
            self.grow(mg)
        return int(mg * _SCALE) // self._quantum

    def _mg(self, q: int) -> Decimal:
        return Decimal(q * self._quantum) / _SCALE

    def is_buildable(self, mg: Decimal) -> bool:
        if mg < 0:
            return False
        q = self._q(mg)
        return self._mg(q) == mg and self._solid_part[q] is not None

    def _known(self, mg: Decimal) -> list[Decimal]:
        """The makeable amounts in mg, grown first when ``mg`` is beyond them."""
        if mg > self._max_mg:
            self.grow(mg)
        return self._amounts_mg

    def next_below(self, mg: Decimal) -> Decimal | None:
        """The largest dose that can be made and is smaller than ``mg``."""
        amounts = self._known(mg)
        i = bisect.bisect_left(amounts, mg) - 1
        return amounts[i] if i >= 0 else None

    def next_above(self, mg: Decimal) -> Decimal | None:
        """The smallest dose that can be made and is larger than ``mg`` (within the known range)."""
        amounts = self._known(mg)
        i = bisect.bisect_right(amounts, mg)
        return amounts[i] if i < len(amounts) else None

    def nearest(self, target: Decimal, ceiling: Decimal) -> Decimal:
        """The dose nearest to ``target`` that can be made and is at most ``ceiling``.

        A tie goes to the larger dose: the gentler cut.
        """
        target = max(_ZERO, min(target, ceiling))
        amounts = self._known(target)
        # One look-up: ``i`` is the first makeable amount above the target.
        i = bisect.bisect_right(amounts, target)
        low = amounts[i - 1] if i else None
        if low == target:
            return target
        high = amounts[i] if i < len(amounts) else None
        if high is None or high > ceiling:
            return low if low is not None else _ZERO
        if low is None:
            return high
        return high if high - target <= target - low else low

    def amounts_between(self, low: Decimal, high: Decimal) -> list[Decimal]:
        """Every dose that can be made from ``low`` to ``high`` inclusive, in ascending order."""
        lo_q = self._q(low) + (0 if self._mg(self._q(low)) == low else 1)
        hi_q = self._q(high)
        start = bisect.bisect_left(self._amounts, lo_q)
        stop = bisect.bisect_right(self._amounts, hi_q)
        return [self._mg(q) for q in self._amounts[start:stop]]

    def recipe(self, mg: Decimal) -> tuple[Component, ...]:
        """How to make ``mg``: the fewest pieces, whole tablets before halves, and the least liquid."""
        if mg not in self._recipes:
            self._recipes[mg] = self._make_recipe(mg)
        return self._recipes[mg]

    def _fewer_strengths(self, solid_q: int) -> dict[tuple[Formulation, Decimal], Decimal] | None:
        """The cheapest way to make ``solid_q`` quanta from at most two strengths, if there is one."""
        solids = list(dict.fromkeys(form for _, form, _, _ in self._pieces))
        best: tuple[int, dict[tuple[Formulation, Decimal], Decimal]] | None = None
        for count in range(1, _FEWEST_STRENGTHS + 1):
            for chosen in itertools.combinations(solids, count):
                pieces = [p for p in self._pieces if p[1] in chosen]
                found = _cheapest([(size // self._quantum, cost) for size, _, _, cost in pieces], solid_q)
                if found is None:
                    continue
                total_cost = sum(n * p[3] for n, p in zip(found, pieces, strict=True))
                counts: dict[tuple[Formulation, Decimal], Decimal] = {}
                for n, (_, form, per_piece, _) in zip(found, pieces, strict=True):
                    if n:
                        key = (form, form.strength_mg)
                        counts[key] = counts.get(key, Decimal(0)) + per_piece * n
                if best is None or total_cost < best[0]:
                    best = (total_cost, counts)
            if best is not None:
                return best[1]
        return None

    def _make_recipe(self, mg: Decimal) -> tuple[Component, ...]:
        if not self.is_buildable(mg):
            raise InputError(f"{self.drug} {mg} mg cannot be made from the declared forms.")
        q = self._q(mg)
        solid_q = self._solid_part[q]
        assert solid_q is not None
        counts: dict[tuple[Formulation, Decimal], Decimal] = {}
        rest = solid_q
        while rest > 0:
            size, form, per_piece, _ = self._pieces[self._solid_last[rest]]
            key = (form, form.strength_mg)
            counts[key] = counts.get(key, Decimal(0)) + per_piece
            rest -= size // self._quantum
        if len(counts) > _FEWEST_STRENGTHS:
            counts = self._fewer_strengths(solid_q) or counts
        parts = [
            Component(form.form, strength, count, form.unit)
            for (form, strength), count in sorted(counts.items(), key=lambda kv: -kv[0][1])
        ]
        liquid_q = q - solid_q
        if liquid_q:
            assert self._liquid is not None
            steps = liquid_q // self._liquid_q
            ml = plain(self._liquid_step_ml * steps)
            parts.append(Component("oral_solution", self._liquid.strength_mg, ml, "ml"))
        return tuple(parts)


@functools.lru_cache(maxsize=64)
def _cached_builder(drug: str, forms: tuple[Formulation, ...], liquid_step_ml: Decimal) -> DoseBuilder:
    return DoseBuilder(drug, forms, liquid_step_ml, Decimal(0))


def dose_builder(
    drug: str, forms: Sequence[Formulation], liquid_step_ml: Decimal, max_mg: Decimal
) -> DoseBuilder:
    """A builder for these forms, shared between plans made in one process (its tables only grow, and
    its answers depend on nothing else), grown to reach ``max_mg``."""
    builder = _cached_builder(drug, tuple(forms), liquid_step_ml)
    builder.grow(max_mg)
    return builder


def _cheapest(pieces: Sequence[tuple[int, int]], total: int) -> list[int] | None:
    """The cheapest count of each (size, cost) piece that adds up to ``total``, or None."""
    cost: list[int | None] = [0] + [None] * total
    last = [-1] * (total + 1)
    for q in range(1, total + 1):
        for index, (size, piece_cost) in enumerate(pieces):
            before = cost[q - size] if size <= q else None
            if before is not None and (cost[q] is None or before + piece_cost < cost[q]):  # type: ignore[operator]
                cost[q], last[q] = before + piece_cost, index
    if cost[total] is None:
        return None
    counts = [0] * len(pieces)
    while total > 0:
        counts[last[total]] += 1
        total -= pieces[last[total]][0]
    return counts


def forms_by_drug(
    drugs: Iterable[str],
    declared: Sequence[Formulation],
    country: str,
    knowledge: Knowledge,
) -> dict[str, tuple[Formulation, ...]]:
    """The forms used for each drug: the declared ones, or else the country's common products."""
    result: dict[str, tuple[Formulation, ...]] = {}
    for drug in drugs:
        mine = tuple(f for f in declared if f.drug == drug)
        forms = mine or default_forms(drug, country, knowledge)
        if not forms:
            raise InputError(
                f"No products of {drug} are known for {country}.",
                [f"Declare the forms you have, e.g. '{drug} tablet 1mg' or '{drug} solution 1mg/ml'."],
            )
        result[drug] = forms
    return result

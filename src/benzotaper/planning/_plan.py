"""Making a taper plan: a crossover to diazepam (optional), reductions by the chosen method, then the stop.

The planner works on a *state*: the built dose (mg) of each drug at each time of day. Each cut asks the
method for a target DE, spreads the cut over the doses in the chosen order, rounds every dose to what the
person's forms can make, and checks the result against the limits in ``_safety``. A cut that rounding makes
too large is never built silently: the planner takes a smaller one within the limits, waits for the next
cut day when waiting helps, or stops with an error that says how to fix it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from benzotaper.knowledge import Knowledge, TimeOfDay, load_knowledge

from ._formulations import DoseBuilder, forms_by_drug, plain
from ._safety import (
    CutHistory,
    check_pace,
    describe_doses,
    is_long_term,
    lowest_allowed_de,
    risk_warnings,
)
from ._serialize import form_text
from ._types import (
    AbruptStopError,
    Dose,
    Formulation,
    InputError,
    Override,
    Plan,
    PlannedDose,
    PlanRequest,
    PlanWarning,
    RoundingError,
    Step,
    StepKind,
    time_rank,
)

Key = tuple[str, TimeOfDay]
State = dict[Key, Decimal]

_Q_DE = Decimal("0.0001")
_Q_SHOW = Decimal("0.0001")
_Q_PERCENT = Decimal("0.1")
_HUNDRED = Decimal(100)
_MAX_STEPS = 5000
_MANY_PIECES = 6


def _q(value: Decimal, quantum: Decimal) -> Decimal:
    return plain(value.quantize(quantum, rounding=ROUND_HALF_UP))


@dataclass
class _Entry:
    day: int
    state: State
    kind: StepKind
    target_de: Decimal
    targets: dict[Key, Decimal]
    note: str = ""
    de: Decimal = Decimal(0)


class _Planner:
    def __init__(self, request: PlanRequest, knowledge: Knowledge) -> None:
        self.request = request
        self.knowledge = knowledge
        self.rules = knowledge.tapering
        self.state = _starting_state(request.regimen, knowledge)
        self._de_cache: dict[tuple[str, Decimal], Decimal] = {}
        self._factors: dict[bool, Decimal] = {}
        self.equivalent = {
            drug: knowledge.drugs[drug].equivalent_to_diazepam_10mg.value for drug, _ in self.state
        }
        self.target_drug = request.crossover_to
        if self.target_drug:
            self.equivalent[self.target_drug] = knowledge.drugs[
                self.target_drug
            ].equivalent_to_diazepam_10mg.value
        self.start_de = self.de(self.state)
        liquid_step = request.liquid_step_ml or self.rules.liquid_measure_resolution_ml.value
        forms = forms_by_drug(self.equivalent, request.forms, request.country, knowledge)
        self.forms = tuple(f for drug in self.equivalent for f in forms[drug])
        # A builder must reach the largest single dose a drug can take: the whole DE in one dose.
        self.builders = {
            drug: DoseBuilder(drug, forms[drug], liquid_step, self.from_de(drug, self.start_de) + 1)
            for drug in self.equivalent
        }
        for (drug, time), mg in self.state.items():
            if not self.builders[drug].is_buildable(mg):
                raise InputError(
                    f"Your current dose of {drug} {mg} mg ({time}) cannot be made from the forms "
                    f"{_forms_text(forms[drug])}.",
                    [f"Declare the {drug} forms you really have."],
                )
        self.every = request.every_days or self.rules.default_interval_days.value
        self.cut_percent = request.cut_percent or self.rules.default_cut_percent.value
        self.overridden = bool(request.allow_fast_reason)
        self.history = CutHistory(self.start_de)
        self.entries: list[_Entry] = []
        self.warnings: list[PlanWarning] = []
        self.day = 0
        self.holds = sorted(request.holds, key=lambda h: -h.de_mg)
        self.hold_due = 0
        self.capped: list[int] = []
        self.postponed: list[int] = []
        self.rounded_switches: list[int] = []

    # --- arithmetic -------------------------------------------------------------------------------------

    def de_of(self, drug: str, mg: Decimal) -> Decimal:
        key = (drug, mg)
        if key not in self._de_cache:
            self._de_cache[key] = (mg * 10 / self.equivalent[drug]).quantize(_Q_DE, rounding=ROUND_HALF_UP)
        return self._de_cache[key]

    def from_de(self, drug: str, de: Decimal) -> Decimal:
        return de * self.equivalent[drug] / 10

    def de(self, state: State) -> Decimal:
        total = Decimal(0)
        for (drug, _), mg in state.items():
            total += self.de_of(drug, mg)
        return total

    # --- building the plan ------------------------------------------------------------------------------

    def run(self) -> Plan:
        self.warnings.extend(risk_warnings(self.knowledge, self.request.risk, self.start_de))
        if self.request.hold_first_days:
            self._append(dict(self.state), "hold", self.start_de, note="Hold the current dose first.")
            self.day += self.request.hold_first_days
        if self.target_drug and any(drug != self.target_drug for drug, _ in self.state):
            self._crossover(self.target_drug)
        if self.request.method == "micro":
            self._taper_daily()
        else:
            self._taper_in_steps()
        self._summarise()
        steps = self._steps()
        overrides: tuple[Override, ...] = ()
        if self.overridden:
            overrides = (Override("faster_than_guideline", self.request.allow_fast_reason or ""),)
        return Plan(
            knowledge_version=self.knowledge.version,
            request=self.request,
            steps=steps,
            warnings=tuple(self.warnings),
            overrides=overrides,
            forms=self.forms,
            method_note=self._method_note(),
        )

    def _append(
        self,
        state: State,
        kind: StepKind,
        target_de: Decimal,
        targets: dict[Key, Decimal] | None = None,
        note: str = "",
    ) -> None:
        if len(self.entries) >= _MAX_STEPS:
            raise RoundingError(
                f"The plan would need more than {_MAX_STEPS} steps.",
                ["Choose a larger cut or a coarser liquid measure."],
            )
        is_cut = kind in ("reduction", "stop")
        de = self.de(state)
        self.entries.append(_Entry(self.day, dict(state), kind, target_de, targets or dict(state), note, de))
        self.history.record(self.day, de, is_cut)
        self.state = dict(state)
        if is_cut:
            for hold in self.holds:
                if de <= hold.de_mg:
                    self.hold_due += hold.days
            self.holds = [h for h in self.holds if de > h.de_mg]

    def _insert_due_hold(self) -> None:
        if self.hold_due:
            self._append(dict(self.state), "hold", self.de(self.state), note="Planned hold.")
            self.day += self.hold_due
            self.hold_due = 0

    def _crossover(self, target: str) -> None:
        """Substitute diazepam one dose at a time (night first), keeping the DE constant."""
        stage_days = self.rules.crossover_stage_days.value
        for time in self.rules.crossover_order.value:
            for key in sorted(k for k in self.state if k[1] == time and k[0] != target):
                while self.state.get(key, Decimal(0)) > 0:
                    state, kind, note = self._substitute(key, target)
                    self._append(state, kind, self.de(state), note=note)
                    self.day += stage_days

    def _substitute(self, key: Key, target: str) -> tuple[State, StepKind, str]:
        """One crossover stage: replace part or all of one dose with an equal DE of ``target``.

        The largest part up to the knowledge's cap per stage is replaced. When the target's forms cannot
        make the exact equivalent (temazepam 7.5 mg = diazepam 3.75 mg from 1 mg steps), the nearest
        smaller amount is used: the stage is then also a small cut, labelled a reduction and checked
        against the limits like any other cut.
        """
        drug, time = key
        cap = self.rules.crossover_max_substitution_de_mg.value
        old, new_drug = self.builders[drug], self.builders[target]
        remaining = self.state[key]
        current_new = self.state.get((target, time), Decimal(0))
        exact: tuple[Decimal, Decimal] | None = None
        rounded: tuple[Decimal, Decimal] | None = None
        for left in reversed(old.amounts_between(Decimal(0), remaining)[:-1]):
            substituted = self.de_of(drug, remaining) - self.de_of(drug, left)
            if substituted > cap and (exact or rounded):
                break
            wanted = current_new + self.from_de(target, substituted)
            built = new_drug.nearest(wanted, wanted)
            if built == wanted and self.de_of(target, built) - self.de_of(target, current_new) == substituted:
                exact = (left, built)
            elif built > current_new and rounded is None:
                rounded = (left, built)
        kind: StepKind = "crossover"
        choice = exact
        if choice is None and rounded is not None:
            candidate = _with(_with(self.state, key, rounded[0]), (target, time), rounded[1])
            if self.de(candidate) >= self._floor(self.de(self.state)):
                choice, kind = rounded, "reduction"
        if choice is None:
            raise RoundingError(
                f"Your {target} forms cannot replace {drug} {plain(remaining)} mg ({time}) with an equal "
                f"diazepam equivalent.",
                [
                    f"Add a smaller {target} strength (for example 2 mg scored tablets, halved to 1 mg).",
                    f"Or declare a {target} oral solution.",
                ],
            )
        left, new_mg = choice
        state = _with(_with(self.state, key, left), (target, time), new_mg)
        note = (
            f"{time.capitalize()}: {drug} {plain(remaining)} mg -> {plain(left)} mg, "
            f"{target} {plain(current_new)} mg -> {plain(new_mg)} mg"
        )
        if kind == "reduction":
            self.rounded_switches.append(len(self.entries) + 1)
            note += f" (your {target} forms cannot make the exact equivalent, so this switch also cuts)"
        return state, kind, note

    # --- reductions -----------------------------------------------------------------------------------

    def _floor(self, current_de: Decimal) -> Decimal:
        if self.overridden:
            # An override allows faster cuts, never an abrupt stop of long-term use.
            stop_allowed = current_de <= self.rules.ashton_bands[0].step_mg.high
            return Decimal(0) if stop_allowed or not is_long_term(self.rules, self.request.risk) else _Q_DE
        return lowest_allowed_de(self.rules, self.history, self.day, current_de)

    def _slowed(self, current_de: Decimal) -> bool:
        return self.request.slow_end and current_de <= self.rules.final_slowdown_below_de_mg.value

    def _method_target(self, current_de: Decimal) -> Decimal:
        method = self.request.method
        slow = self.rules.final_slowdown_factor.value if self._slowed(current_de) else Decimal(1)
        if method == "percent":
            return current_de * (1 - self.cut_percent * slow / _HUNDRED)
        if method == "fixed":
            return current_de - self._step_de() * slow
        band = self.rules.band_for(current_de)
        return current_de - band.step_mg.low

    def _step_de(self) -> Decimal:
        step = self.request.step_mg
        assert step is not None
        drugs = {drug for drug, _ in self.state}
        if len(drugs) == 1:
            return self.de_of(drugs.pop(), step)
        return step

    def _stop_threshold(self) -> Decimal:
        return self.rules.ashton_bands[0].step_mg.low

    def _taper_in_steps(self) -> None:
        window = self.rules.max_cut_window_days.value
        while self.de(self.state) > 0:
            self._insert_due_hold()
            current = self.de(self.state)
            wanted = Decimal(0) if current <= self._stop_threshold() else self._method_target(current)
            floor = self._floor(current)
            target = wanted
            if wanted < floor and self.request.method in ("fixed", "ashton"):
                target = floor
                self.capped.append(len(self.entries) + 1)
            new = self._reduce(self.state, target, floor, force=True)
            if new is None:
                if self._days_since_cut() < window:
                    self.postponed.append(len(self.entries) + 1)
                    self.day += self.every
                    continue
                raise self._blocked(current)
            self._append(
                new,
                "stop" if self.de(new) == 0 else "reduction",
                wanted,
                self._targets(new, wanted),
            )
            self.day += self.every

    def _taper_daily(self) -> None:
        """A micro-taper: a target that falls a little every day, compounding (see ``_method_note``)."""
        window = self.rules.max_cut_window_days.value
        stop_threshold = self._stop_threshold()
        curve = self.de(self.state)
        factor, no_change_above = self._daily_factor(), self._no_change_above()
        while self.state:
            self._insert_due_hold()
            curve *= factor
            if no_change_above is not None and curve > no_change_above and curve > stop_threshold:
                self.day += 1  # the fast path: rounding cannot change any dose yet
                continue
            current = self.de(self.state)
            target = Decimal(0) if curve <= stop_threshold else curve
            new = self._reduce(self.state, target, self._floor(current), force=False)
            if new is None:
                if self._days_since_cut() >= window:
                    raise self._blocked(current)
            elif new != self.state:
                kind: StepKind = "stop" if not new else "reduction"
                self._append(new, kind, target, self._targets(new, target))
                factor, no_change_above = self._daily_factor(), self._no_change_above()
            self.day += 1

    def _daily_factor(self) -> Decimal:
        slowed = self._slowed(self.de(self.state))
        if slowed not in self._factors:
            slow = self.rules.final_slowdown_factor.value if slowed else Decimal(1)
            self._factors[slowed] = (1 - self.cut_percent * slow / _HUNDRED) ** (Decimal(1) / self.every)
        return self._factors[slowed]

    def _no_change_above(self) -> Decimal | None:
        """A target above which the spill cannot change any dose: the first dose in order stays put
        while its share of the target rounds back up to it (ties round up). None when unknown."""
        order = self._ordered(self.state)
        if not order:
            return None
        drug, _ = key = order[0]
        mg = self.state[key]
        lower = self.builders[drug].next_below(mg)
        if lower is None:
            return None
        midpoint_de = (mg + lower) / 2 * 10 / self.equivalent[drug]
        return self.de(self.state) - self.de_of(drug, mg) + midpoint_de + _Q_DE

    def _days_since_cut(self) -> int:
        last = self.history.last_cut_day
        return self.day + 10**6 if last is None else self.day - last

    def _ordered(self, state: State) -> list[Key]:
        reduction_rank = {t: i for i, t in enumerate(self.rules.reduction_order.value)}
        keys = [k for k, mg in state.items() if mg > 0]
        if self.request.dose_order == "even":
            return sorted(keys, key=lambda k: (-self.de_of(k[0], state[k]), reduction_rank[k[1]], k[0]))
        return sorted(keys, key=lambda k: (reduction_rank[k[1]], k[0]))

    def _reduce(self, state: State, target: Decimal, floor: Decimal, force: bool) -> State | None:
        """The next state: as near the target as the forms allow, and not below ``floor``.

        Returns ``state`` itself when no cut is due (``force`` False) and None when a cut is due but
        none within the limits can be made.
        """
        current = self.de(state)
        order = self._ordered(state)
        new: State | None = self._spill(state, order, target)
        new_de = self.de(new)  # type: ignore[arg-type]
        if new_de >= current:
            if not force:
                return state
            new = self._one_notch_down(state, order)
            new_de = self.de(new) if new is not None else current
        if new is not None and new_de < floor:
            new = self._raise_to_floor(state, new, order, floor)
            new_de = self.de(new)
        if new is not None and floor <= new_de < current:
            return new
        return self._single_dose_cut(state, order, target, floor)

    def _spill(self, state: State, order: list[Key], target: Decimal) -> State:
        """Take the cut from the doses in order, each rounded to the nearest dose that can be made."""
        new = dict(state)
        remaining = self.de(state) - target
        for key in order:
            if remaining <= 0:
                break
            drug = key[0]
            dose_de = self.de_of(drug, state[key])
            take = min(remaining, dose_de)
            built = self.builders[drug].nearest(self.from_de(drug, dose_de - take), state[key])
            new[key] = built
            remaining -= dose_de - self.de_of(drug, built)
        return {k: v for k, v in new.items() if v > 0}

    def _one_notch_down(self, state: State, order: list[Key]) -> State | None:
        for key in order:
            lower = self.builders[key[0]].next_below(state[key])
            if lower is not None:
                return {k: v for k, v in {**state, key: lower}.items() if v > 0}
        return None

    def _raise_to_floor(self, state: State, new: State, order: list[Key], floor: Decimal) -> State:
        current = self.de(state)
        for key in reversed(order):
            while self.de(new) < floor and new.get(key, Decimal(0)) < state[key]:
                up = self.builders[key[0]].next_above(new.get(key, Decimal(0)))
                if up is None or up > state[key]:
                    break
                candidate = {**new, key: up}
                if self.de(candidate) >= current:
                    break
                new = candidate
        return new

    def _single_dose_cut(
        self, state: State, order: list[Key], target: Decimal, floor: Decimal
    ) -> State | None:
        """Cut one dose only, the first in order that can be cut within the limits."""
        current = self.de(state)
        for key in order:
            drug = key[0]
            others = current - self.de_of(drug, state[key])
            lowest_mg = max(Decimal(0), self.from_de(drug, floor - others))
            options = [
                a for a in self.builders[drug].amounts_between(lowest_mg, state[key]) if a < state[key]
            ]
            options = [a for a in options if self.de(_with(state, key, a)) >= floor]
            if options:
                best = min(options, key=lambda a: (abs(self.de(_with(state, key, a)) - target), -a))
                return _with(state, key, best)
        return None

    def _targets(self, new: State, target_de: Decimal) -> dict[Key, Decimal]:
        """The intended mg of each dose: the unrounded share of the target, for the doses that were cut."""
        intended: dict[Key, Decimal] = {}
        remaining = self.de(self.state) - target_de
        for key in self._ordered(self.state):
            drug = key[0]
            dose_de = self.de_of(drug, self.state[key])
            take = min(max(remaining, Decimal(0)), dose_de)
            intended[key] = _q(self.from_de(drug, dose_de - take), _Q_SHOW)
            remaining -= take
        for key in new:
            intended.setdefault(key, new[key])
        return intended

    # --- errors and summaries -------------------------------------------------------------------------

    def _blocked(self, current: Decimal) -> RoundingError | AbruptStopError:
        doses = [
            Dose(d, t, mg) for (d, t), mg in sorted(self.state.items(), key=lambda kv: time_rank(kv[0][1]))
        ]
        lowest_possible = [self.builders[d].next_below(mg) for (d, _), mg in self.state.items()]
        fixes = self._fixes()
        if all(low in (None, Decimal(0)) for low in lowest_possible):
            limit = self.rules.ashton_bands[0].step_mg.high
            return AbruptStopError(
                f"The next cut would stop {describe_doses(doses)} ({plain(current)} mg diazepam equivalent) "
                "at once. "
                f"Stopping abruptly after long-term use can cause seizures; a plan only stops from "
                f"{limit} mg diazepam equivalent or less.",
                fixes,
            )
        limit = self.rules.max_cut_percent.value
        window = self.rules.max_cut_window_days.value
        return RoundingError(
            f"At {describe_doses(doses)} ({plain(current)} mg diazepam equivalent) your forms cannot make "
            f"a cut within the guideline limit ({limit}% in {window} days, or one Ashton step).",
            [*fixes, "Or, if your prescriber agrees, record a reason to allow faster cuts."],
        )

    def _fixes(self) -> list[str]:
        fixes = []
        for drug in sorted({d for d, _ in self.state}):
            builder = self.builders[drug]
            smallest = min((f.strength_mg for f in builder.forms if not f.is_liquid), default=None)
            smaller = sorted(
                {
                    s
                    for p in self.knowledge.products
                    if p.drug == drug and p.form in ("tablet", "capsule")
                    for s in p.strengths_mg
                    if smallest is None or s < smallest
                }
            )
            if smaller:
                fixes.append(
                    f"Add a smaller {drug} strength: {', '.join(f'{plain(s)} mg' for s in smaller)}."
                )
            if not any(f.is_liquid for f in builder.forms):
                liquids = sorted(
                    {
                        s
                        for p in self.knowledge.products
                        if p.drug == drug and p.is_liquid
                        for s in p.strengths_mg
                    }
                )
                known = f" ({', '.join(f'{plain(s)} mg/ml' for s in liquids)})" if liquids else ""
                fixes.append(f"Use an oral solution of {drug}{known}, measured with an oral syringe.")
            else:
                fixes.append(f"Measure the {drug} solution more finely (a smaller liquid step).")
            if drug != "diazepam" and not self.target_drug:
                fixes.append("Cross over to diazepam, whose 2 mg tablets can be halved to 1 mg steps.")
        return fixes

    def _summarise(self) -> None:
        window = self.rules.max_cut_window_days.value
        limit = self.rules.max_cut_percent.value
        if self.capped:
            self.warnings.append(
                PlanWarning(
                    "cut_capped",
                    f"The chosen step would cut more than {limit}% in {window} days at lower doses; "
                    "those cuts "
                    f"are limited to the guideline.",
                    tuple(self.capped),
                )
            )
        if self.postponed:
            self.warnings.append(
                PlanWarning(
                    "cut_postponed",
                    f"Some cuts come {self.every} days later than planned so that no {window} days cut more "
                    f"than the guideline allows.",
                    tuple(sorted(set(self.postponed))),
                )
            )
        if self.overridden:
            self.warnings.append(
                PlanWarning(
                    "faster_than_guideline",
                    "Cuts faster than the guideline limit are allowed for this plan: "
                    f"{self.request.allow_fast_reason}",
                )
            )
        if self.target_drug:
            self._equivalence_warning()
        if self.rounded_switches:
            self.warnings.append(
                PlanWarning(
                    "crossover_rounded",
                    f"Your {self.target_drug} forms cannot make the exact equivalent at some switches, so "
                    f"those switches also cut a little (within the guideline). An oral solution would keep "
                    f"the dose equal.",
                    tuple(self.rounded_switches),
                )
            )
        self._rounding_warning()

    def _equivalence_warning(self) -> None:
        for drug in sorted({d.drug for d in self.request.regimen} - {self.target_drug}):
            used = self.equivalent[drug]
            others = self.knowledge.equivalents_for(drug)
            differ = {name: r for name, r in others.items() if r.low != used or r.high != used}
            if differ:
                listed = "; ".join(
                    f"{name} {plain(r.low)}" + (f"-{plain(r.high)}" if r.high != r.low else "") + " mg"
                    for name, r in others.items()
                )
                self.warnings.append(
                    PlanWarning(
                        "equivalence_uncertain",
                        f"Sources disagree on how much {drug} equals diazepam 10 mg ({listed}). "
                        f"This plan uses {plain(used)} mg. Watch for drowsiness or withdrawal during the "
                        "switch and tell your "
                        f"prescriber.",
                    )
                )

    def _rounding_warning(self) -> None:
        bigger = []
        worst = Decimal(0)
        for previous, entry in zip(self.entries, self.entries[1:], strict=False):
            if entry.kind != "reduction":
                continue
            before = previous.de
            real = (before - entry.de) / before * _HUNDRED
            intended = (before - entry.target_de) / before * _HUNDRED
            if intended > 0 and real >= intended * Decimal("1.5") and real - intended >= 2:
                bigger.append(self.entries.index(entry) + 1)
                worst = max(worst, real)
        if bigger:
            self.warnings.append(
                PlanWarning(
                    "rounding_larger_cut",
                    "With your forms some cuts are larger than planned "
                    f"(up to {_q(worst, _Q_PERCENT)}%). They stay "
                    f"within the guideline; a smaller strength or an oral solution would allow smaller cuts.",
                    tuple(bigger),
                )
            )

    def _method_note(self) -> str:
        request = self.request
        slow = self.rules.final_slowdown_factor.value
        below = self.rules.final_slowdown_below_de_mg.value
        slow_text = (
            f" At {plain(below)} mg diazepam equivalent or less the cut is multiplied by {plain(slow)} "
            "to slow the end."
            if request.slow_end and request.method != "ashton"
            else ""
        )
        if request.method == "percent":
            return (
                f"Each cut is {plain(self.cut_percent)}% of the current daily dose, "
                f"every {self.every} days.{slow_text}"
            )
        if request.method == "fixed":
            return (
                f"Each cut is {plain(request.step_mg or Decimal(0))} mg, every {self.every} days; "
                "as the dose falls "
                f"the same mg is a larger share of it.{slow_text}"
            )
        if request.method == "ashton":
            bands = ", ".join(
                f"{plain(b.step_mg.low)} mg above {plain(b.above_de_mg)} mg"
                for b in reversed(self.rules.ashton_bands)
            )
            return (
                f"Ashton's diazepam-equivalent bands, the smaller step of each band ({bands}), "
                f"every {self.every} days."
            )
        keep = (1 - self.cut_percent / _HUNDRED) ** (Decimal(1) / self.every) * _HUNDRED
        return (
            f"Daily micro-taper: {plain(self.cut_percent)}% every {self.every} days, compounded daily. "
            f"Each day's target is {_q(keep, Decimal('0.001'))}% of the day before, so after {self.every} "
            f"days the dose is exactly {plain(_HUNDRED - self.cut_percent)}% of what it was "
            f"(not {plain(self.cut_percent)}/{self.every}% of "
            f"the starting dose per day, which would remove less).{slow_text}"
        )

    def _steps(self) -> tuple[Step, ...]:
        steps: list[Step] = []
        previous_de = self.start_de
        for index, entry in enumerate(self.entries):
            days = self.entries[index + 1].day - entry.day if index + 1 < len(self.entries) else 0
            de = plain(entry.de)
            cut = Decimal(0)
            if entry.kind in ("reduction", "stop") and previous_de:
                cut = _q((previous_de - de) / previous_de * _HUNDRED, _Q_PERCENT)
            doses = tuple(
                PlannedDose(
                    drug,
                    time,
                    entry.targets.get((drug, time), mg),
                    plain(mg),
                    self.builders[drug].recipe(mg),
                )
                for (drug, time), mg in sorted(
                    entry.state.items(), key=lambda kv: (time_rank(kv[0][1]), kv[0][0])
                )
            )
            if days == 0 and entry.kind != "stop":
                continue
            steps.append(
                Step(
                    number=len(steps) + 1,
                    start=self.request.start + dt.timedelta(days=entry.day),
                    days=days,
                    kind=entry.kind,
                    doses=doses,
                    diazepam_equivalent_mg=de,
                    target_diazepam_equivalent_mg=_q(entry.target_de, _Q_SHOW),
                    cut_percent=cut,
                    note=entry.note,
                )
            )
            previous_de = de
        many = [s.number for s in steps for d in s.doses if sum(c.count for c in d.make) > _MANY_PIECES]
        if many:
            self.warnings.append(
                PlanWarning(
                    "many_pieces",
                    f"Some doses need more than {_MANY_PIECES} tablets; ask for larger strengths.",
                    tuple(sorted(set(many))),
                )
            )
        return tuple(steps)


def _with(state: State, key: Key, mg: Decimal) -> State:
    return {k: v for k, v in {**state, key: mg}.items() if v > 0}


def _forms_text(forms: Sequence[Formulation]) -> str:
    return ", ".join(form_text(f.form, f.strength_mg) for f in forms)


def _starting_state(regimen: Sequence[Dose], knowledge: Knowledge) -> State:
    if not regimen:
        raise InputError(
            "No current dose was given.",
            ["Give each dose as DRUG AMOUNT TIME, e.g. 'diazepam 5mg night'."],
        )
    state: State = {}
    for dose in regimen:
        drug = knowledge.find_drug(dose.drug).name
        if dose.mg <= 0:
            raise InputError(
                f"The dose of {drug} ({dose.mg} mg) must be more than zero.",
                ["Leave out doses you do not take."],
            )
        key = (drug, dose.time)
        state[key] = state.get(key, Decimal(0)) + dose.mg
    return state


def _validate(request: PlanRequest, knowledge: Knowledge) -> None:
    rules = knowledge.tapering
    if request.cut_percent is not None and not (0 < request.cut_percent < 100):
        raise InputError(
            f"A cut of {request.cut_percent}% is not possible: it must be more than 0 and less than 100.",
            ["Stopping at once is never planned; choose a cut such as 10 (the guideline's usual pace)."],
        )
    if request.every_days is not None and request.every_days < 1:
        raise InputError("The interval between cuts must be at least 1 day.", ["Use --every 14 (two weeks)."])
    if request.method == "fixed" and (request.step_mg is None or request.step_mg <= 0):
        raise InputError("The fixed method needs the size of each cut in mg.", ["Give a step such as 1mg."])
    if request.method != "fixed" and request.step_mg is not None:
        raise InputError(
            f"A step in mg is only used by the fixed method, not by '{request.method}'.",
            ["Use the fixed method, or give a cut in percent."],
        )
    if request.crossover_to is not None and knowledge.find_drug(request.crossover_to).name != "diazepam":
        raise InputError("Only a crossover to diazepam is supported.", ["Use crossover to diazepam."])
    if request.country not in knowledge.countries:
        raise InputError(
            f"No product data for country {request.country!r}.",
            [f"Choose one of {', '.join(knowledge.countries)}, or declare your forms."],
        )
    for hold in request.holds:
        if hold.days < 1 or hold.de_mg <= 0:
            raise InputError(
                "A hold needs a dose above zero and at least one day.", ["Write a hold as 5mg:28."]
            )
    if request.method in ("percent", "micro"):
        cut = request.cut_percent or rules.default_cut_percent.value
        every = request.every_days or rules.default_interval_days.value
        # Raises TooFastError without an override; with one, the planner records the reason as a warning.
        check_pace(rules, cut, every, request.method == "micro", bool(request.allow_fast_reason))


def make_plan(request: PlanRequest, knowledge: Knowledge | None = None) -> Plan:
    """Make a taper plan from the person's current doses and choices.

    Raises ``InputError`` for impossible input, ``TooFastError`` for a pace beyond the guideline limit
    without an override, ``RoundingError`` when the forms cannot make a cut within the limits and
    ``AbruptStopError`` when the plan would stop a long-term user abruptly. Each carries ``fixes``.
    """
    knowledge = knowledge or load_knowledge()
    if request.crossover_to is not None:
        request = dataclasses.replace(request, crossover_to=knowledge.find_drug(request.crossover_to).name)
    _validate(request, knowledge)
    return _Planner(request, knowledge).run()


def diazepam_equivalent(doses: Iterable[Dose], knowledge: Knowledge | None = None) -> Decimal:
    """The total daily diazepam equivalent (mg) of some doses, from the knowledge data."""
    knowledge = knowledge or load_knowledge()
    total = Decimal(0)
    for dose in doses:
        drug = knowledge.find_drug(dose.drug)
        total += (dose.mg * 10 / drug.equivalent_to_diazepam_10mg.value).quantize(
            _Q_DE, rounding=ROUND_HALF_UP
        )
    return plain(total)


def hold_step(plan: Plan, step_number: int, days: int, reason: str = "") -> Plan:
    """Hold the doses of a step ``days`` more days: a hold step follows it and later steps move later."""
    if days < 1:
        raise InputError("A hold must last at least one day.", ["Hold for 7 or 14 days, for example."])
    index = next((i for i, s in enumerate(plan.steps) if s.number == step_number), None)
    if index is None or plan.steps[index].kind == "stop":
        raise InputError(f"There is no step {step_number} to hold.", ["Pick a step number from the plan."])
    held = plan.steps[index]
    hold = Step(
        number=0,
        start=held.start + dt.timedelta(days=held.days),
        days=days,
        kind="hold",
        doses=held.doses,
        diazepam_equivalent_mg=held.diazepam_equivalent_mg,
        target_diazepam_equivalent_mg=held.diazepam_equivalent_mg,
        cut_percent=Decimal(0),
        note=f"Hold {days} more days" + (f": {reason}" if reason else "."),
    )
    later = [dataclasses.replace(s, start=s.start + dt.timedelta(days=days)) for s in plan.steps[index + 1 :]]
    steps = [*plan.steps[: index + 1], hold, *later]
    renumbered = tuple(dataclasses.replace(s, number=i + 1) for i, s in enumerate(steps))
    return dataclasses.replace(plan, steps=renumbered)


def replan(
    plan: Plan,
    today: dt.date,
    actual: Sequence[Dose] | None = None,
    reason: str = "",
    knowledge: Knowledge | None = None,
    **changes: object,
) -> Plan:
    """A new plan from ``today``, starting from the doses actually taken (the planned ones by default).

    The same choices carry over unless ``changes`` replaces them (any ``PlanRequest`` field). The current
    dose is held first: for the rest of the current step when it is the planned dose, or a whole interval
    when it differs (after a hold, a missed cut or going back up).
    """
    knowledge = knowledge or load_knowledge()
    step = plan.step_on(today)
    planned = tuple(Dose(d.drug, d.time, d.mg) for d in step.doses) if step else plan.request.regimen
    doses = tuple(actual) if actual else planned
    if not doses:
        raise InputError("The plan has already reached zero; there is nothing to re-plan.")
    request = dataclasses.replace(plan.request, **changes)  # type: ignore[arg-type]
    every = request.every_days or knowledge.tapering.default_interval_days.value
    same = step is not None and diazepam_equivalent(doses, knowledge) == step.diazepam_equivalent_mg
    hold_days = (step.end - today).days + 1 if same and step is not None else every
    request = dataclasses.replace(
        request, regimen=doses, start=today, hold_first_days=max(hold_days, 0), holds=()
    )
    new = make_plan(request, knowledge)
    note = f"Re-planned on {today.isoformat()} from {describe_doses(list(doses))}" + (
        f": {reason}" if reason else "."
    )
    return dataclasses.replace(new, replanned_from=note)

"""Making a taper plan: a crossover to diazepam (optional), reductions by the chosen method, then the stop.

The planner works on a *state*: the built dose (mg) of each drug at each time of day. Each cut asks the
method for a target DE and takes it from one drug at a time (the shorter-acting first), spread over that
drug's doses in the chosen order, every dose rounded to what the person's forms can make, and checks the
result against the limits in ``_safety`` (the total and each drug's own dose). A cut that rounding makes
too large is never built silently: the planner takes a smaller one within the limits, waits for the next
cut day when waiting helps, or makes the smallest cut the forms allow, says so, and stretches the time
after it so the pace never exceeds the one asked for. A drug stops from its own smallest practical dose.
When nothing works, the error carries the plan as far as it got and fixes that were re-planned and work.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal

from benzotaper import records
from benzotaper.knowledge import Knowledge, TimeOfDay, load_knowledge
from benzotaper.records import Record

from ._formulations import dose_builder, forms_by_drug, plain
from ._request import check_request
from ._safety import (
    CutHistory,
    band_floor,
    check_pace,
    describe_doses,
    is_at_risk,
    is_long_term,
    lowest_allowed_de,
    pace,
    risk_warnings,
    stretch_days,
)
from ._types import (
    WEEK_DAYS,
    Component,
    Dose,
    Formulation,
    InputError,
    Override,
    Plan,
    PlanError,
    PlannedDose,
    PlanRequest,
    PlanWarning,
    RoundingError,
    Step,
    StepKind,
    time_rank,
)
from ._words import form_text, weekdays_text

Key = tuple[str, TimeOfDay]
State = dict[Key, Decimal]

_Q_DE = Decimal("0.0001")
_Q_SHOW = Decimal("0.0001")
_Q_PERCENT = Decimal("0.1")
_HUNDRED = Decimal(100)
# Constants the hot paths would otherwise convert from int on every use.
_ZERO, _TWO, _TEN = Decimal(0), Decimal(2), Decimal(10)
_MAX_STEPS = 5000
_MANY_PIECES = 6
# Skipping days in a micro-taper only pays when the curve is well above the next change.
_SKIP_MARGIN = Decimal("1.01")


def _q(value: Decimal, quantum: Decimal) -> Decimal:
    return plain(value.quantize(quantum, ROUND_HALF_UP))


class _Entry(Record, frozen=False, eq=False):  # the planner's own working list, never compared
    """A change of the doses on a day of the plan, before the steps are made of the changes."""

    day: int
    state: State
    kind: StepKind
    target_de: Decimal
    targets: dict[Key, Decimal]
    note: str = ""
    de: Decimal = Decimal(0)
    nights: int = WEEK_DAYS


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
        self.start_de = self.state_de = self.de(self.state)
        liquid_step = request.liquid_step_ml or self.rules.liquid_measure_resolution_ml.value
        forms = forms_by_drug(self.equivalent, request.forms, request.country, knowledge)
        self.forms = tuple(f for drug in self.equivalent for f in forms[drug])
        # A builder must reach the largest single dose a drug can take: the whole DE in one dose.
        self.builders = {
            drug: dose_builder(drug, forms[drug], liquid_step, self.from_de(drug, self.start_de) + 1)
            for drug in self.equivalent
        }
        for (drug, time), mg in self.state.items():
            if not self.builders[drug].is_buildable(mg):
                raise InputError(
                    f"Your current dose of {drug} {mg} mg ({time}) cannot be made from the forms "
                    f"{_forms_text(forms[drug])}.",
                    [f"Declare the {drug} forms you really have."],
                )
        self.cut_percent, self.every, self.limit = pace(
            self.rules, request.risk, request.cut_percent, request.every_days
        )
        self._kept_share = 1 - self.limit / _HUNDRED
        drugs = {drug for drug, _ in self.state}
        # Z-drugs are tapered directly by the Canadian algorithm unless the person chose a cut.
        self.zdrug_direct = (
            not self.target_drug
            and request.method == "percent"
            and request.cut_percent is None
            and all(knowledge.drugs[d].drug_class == "z-drug" for d in drugs)
        )
        self.nights = request.start_nights_per_week
        self.nights_to_come: list[int] = []
        if request.drug_free_nights or self.nights != WEEK_DAYS:  # checked by check_request
            self.nights_to_come = [n for n in self.rules.drug_free_nights_per_week.value if n < self.nights]
            self.start_de = self.state_de = self._nightly(self.start_de, self.nights)
        self.overridden = bool(request.allow_fast_reason)
        self.history = CutHistory(self.start_de, self._drug_totals(self.state))
        self.rank = {
            drug: i
            for i, drug in enumerate(sorted(self.equivalent, key=lambda d: (self._acting_hours(d), d)))
        }
        self._time_rank = {t: i for i, t in enumerate(self.rules.reduction_order.value)}
        self._order_cache: dict[tuple[Key, ...], Sequence[Key]] = {}
        self._order_now: Sequence[Key] | None = None
        self._mg_now: dict[str, Decimal] | None = None
        self._time_order: dict[tuple[Key, ...], list[Key]] = {}
        self._dose_cache: dict[tuple[str, TimeOfDay, Decimal], list[PlannedDose]] = {}
        self._made_cache: dict[tuple[str, Decimal], tuple[Decimal, tuple[Component, ...]]] = {}
        self._stop_cache: dict[str, Decimal] = {}
        self._shown_cache: dict[tuple[str, Decimal], Decimal] = {}
        self._crowded: set[tuple[str, Decimal]] = set()
        self.slots = self._diazepam_slots()
        self.ceiling = self._ceiling()
        self.entries: list[_Entry] = []
        self.warnings: list[PlanWarning] = []
        self.day = 0
        self.holds = sorted(request.holds, key=lambda h: -h.de_mg)
        self.hold_due = 0
        self.capped: list[int] = []
        self.postponed: list[int] = []
        self.forced: list[int] = []
        self.stretched: list[tuple[int, int]] = []
        self.drug_stops: list[int] = []
        self.large_stops: list[tuple[int, str]] = []

    # --- arithmetic -------------------------------------------------------------------------------------

    def de_of(self, drug: str, mg: Decimal) -> Decimal:
        de = self._de_cache.get((drug, mg))
        if de is None:
            de = (mg * _TEN / self.equivalent[drug]).quantize(_Q_DE, ROUND_HALF_UP)
            self._de_cache[(drug, mg)] = de
        return de

    def from_de(self, drug: str, de: Decimal) -> Decimal:
        return de * self.equivalent[drug] / _TEN

    def de(self, state: State) -> Decimal:
        total = Decimal(0)
        cache = self._de_cache  # looked up directly: this runs several times for each day of a micro-taper
        for (drug, _), mg in state.items():
            de = cache.get((drug, mg))
            total += self.de_of(drug, mg) if de is None else de
        return total

    def _drug_totals(self, state: State) -> dict[str, Decimal]:
        """Each drug's average daily mg (the dose on the nights it is taken, times nights / 7)."""
        totals: dict[str, Decimal] = {}
        for (drug, _), mg in state.items():
            totals[drug] = totals.get(drug, Decimal(0)) + mg
        if self.nights != WEEK_DAYS:
            return {drug: mg * self.nights / WEEK_DAYS for drug, mg in totals.items()}
        return totals

    def _nightly(self, de: Decimal, nights: int) -> Decimal:
        """The average daily DE of a dose taken ``nights`` nights a week."""
        return de if nights == WEEK_DAYS else _q(de * nights / WEEK_DAYS, _Q_DE)

    def _current_mg(self) -> dict[str, Decimal]:
        """Each drug's daily mg in the current state, kept until it changes (asked several times a day)."""
        if self._mg_now is None:
            self._mg_now = {}
            for (drug, _), mg in self.state.items():
                self._mg_now[drug] = self._mg_now.get(drug, Decimal(0)) + mg
        return self._mg_now

    def _drug_mg(self, state: State, drug: str) -> Decimal:
        if state is self.state:
            return self._current_mg().get(drug, _ZERO)
        if len(self.equivalent) == 1:
            return sum(state.values(), Decimal(0))
        return sum((mg for (d, _), mg in state.items() if d == drug), Decimal(0))

    def _acting_hours(self, drug: str) -> Decimal:
        """How long a drug acts: its longest printed half-life, of the drug or its active metabolite."""
        info = self.knowledge.drugs[drug]
        ranges = [r.value.high for r in (info.half_life_h, info.active_metabolite_half_life_h) if r]
        return max(ranges, default=Decimal(0))

    # --- diazepam: the doses a day and the ceiling --------------------------------------------------------

    def _diazepam_slots(self) -> tuple[TimeOfDay, ...]:
        """The times diazepam may be taken: the person's own, plus night and morning when the diazepam
        reached needs more doses than that at the single-dose maximum."""
        times = list(dict.fromkeys(time for _, time in self.state))
        single = self.rules.diazepam_max_single_dose_mg.value
        needed = min(self.start_de, self._ceiling_from_data())
        for extra in ("night", "morning", "midday"):
            if len(times) * single >= needed:
                break
            if extra not in times:
                times.append(extra)
        return tuple(times)

    def _ceiling_from_data(self) -> Decimal:
        if is_at_risk(self.rules, self.request.risk):
            return self.rules.diazepam_ceiling_at_risk_de_mg.value
        return self.rules.diazepam_ceiling_de_mg.value

    def _ceiling(self) -> Decimal:
        """The most diazepam a crossover may reach (mg a day)."""
        single = self.rules.diazepam_max_single_dose_mg.value
        return min(self._ceiling_from_data(), single * len(self.slots))

    # --- building the plan ------------------------------------------------------------------------------

    def run(self) -> Plan:
        if self.request.method == "micro":
            self._require_daily_changes()
        if self.request.method in ("percent", "micro"):
            # Raises TooFastError without an override; with one, the reason is recorded as a warning.
            daily = self.request.method == "micro"
            check_pace(self.rules, self.cut_percent, self.every, daily, self.overridden, self.limit)
        drugs = {drug for drug, _ in self.state}
        self.warnings.extend(
            risk_warnings(self.knowledge, self.request.risk, self.start_de, drugs, self.target_drug)
        )
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
        return self._plan(steps)

    def _plan(self, steps: tuple[Step, ...]) -> Plan:
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
        if not self.entries and self.day > 0:
            # The current dose until the first change, so that the plan starts on its first day.
            first_day, self.day = self.day, 0
            self._append(dict(self.state), "hold", self.state_de, note="Your current dose.")
            self.day = first_day
        de = self._nightly(self.de(state), self.nights)
        # A crossover stage that also cuts (high doses, or forms that cannot make the equivalent) is a cut.
        is_cut = kind in ("reduction", "stop") or (kind == "crossover" and de < self.state_de)
        self.entries.append(
            _Entry(self.day, dict(state), kind, target_de, targets or dict(state), note, de, self.nights)
        )
        self.history.record(self.day, de, is_cut, self._drug_totals(state))
        self.state = dict(state)
        self._order_now = None
        self._mg_now = None
        self.state_de = de
        if is_cut and self.holds:
            for hold in self.holds:
                if de <= hold.de_mg:
                    self.hold_due += hold.days
            self.holds = [h for h in self.holds if de > h.de_mg]

    def _insert_due_hold(self) -> None:
        if self.hold_due:
            self._append(dict(self.state), "hold", self.state_de, note="Planned hold.")
            self.day += self.hold_due
            self.hold_due = 0

    def _advance(self, before_de: Decimal, wanted_de: Decimal, every: int, drug: str) -> None:
        """Move to the next change: ``every`` days, or longer when the forms forced a cut larger than the
        method asked for, so that the pace never exceeds the asked one.

        Rounding to the nearest dose the forms make is not forcing: a built dose within half of the
        smallest difference the forms make (the builder's quantum) of the target counts as the asked cut.
        Beyond that, the step lasts as long as the asked pace needs for the whole real cut."""
        after = self.entries[-1].de
        days = every
        rounding = self.de_of(drug, self.builders[drug].quantum_mg) / 2
        if after > 0 and before_de > 0 and after < wanted_de - rounding:
            asked = max(Decimal(0), (before_de - wanted_de) / before_de)
            days = stretch_days(every, asked, (before_de - after) / before_de)
            if days > every:
                self.stretched.append((len(self.entries), days))
        self.day += days

    # --- crossover ----------------------------------------------------------------------------------------

    def _crossover(self, target: str) -> None:
        """Substitute diazepam one dose at a time (night first). At ordinary doses the DE stays constant;
        above the ceiling each stage also cuts, so that the diazepam reached stays within it."""
        stage_days = self.rules.crossover_stage_days.value
        for time in self.rules.crossover_order.value:
            for key in sorted(k for k in self.state if k[1] == time and k[0] != target):
                waits = 0
                while self.state.get(key, Decimal(0)) > 0:
                    window_passed = waits * stage_days >= self.rules.max_cut_window_days.value
                    found = self._substitute(key, target)
                    forced = False
                    if found is None and window_passed:
                        found, forced = self._substitute(key, target, force=True), True
                    if found is None:
                        waits += 1
                        if waits * stage_days > 4 * self.rules.max_cut_window_days.value:
                            raise self._blocked(self.state_de, switching=key)
                        self.postponed.append(len(self.entries) + 1)
                        self.day += stage_days
                        continue
                    state, note = found
                    before = self.state_de
                    after = self.de(state)
                    adds = self._drug_mg(state, target) > self._drug_mg(self.state, target)
                    kind: StepKind = "crossover" if adds else "reduction" if state else "stop"
                    self._append(state, kind, after, note=note)
                    if forced:
                        self.forced.append(len(self.entries))
                    stage_fraction = 1 - (1 - self._asked_fraction(before)) ** (
                        Decimal(stage_days) / Decimal(self.every)
                    )
                    self._advance(before, before * (1 - stage_fraction), stage_days, target)

    def _substitute(self, key: Key, target: str, force: bool = False) -> tuple[State, str] | None:
        """One crossover stage: replace part or all of one dose with diazepam.

        The largest part up to the knowledge's cap per stage is replaced. While the total is above the
        ceiling, the diazepam added is the part's share of the room left under the ceiling, so the cut is
        spread evenly over the stages (Ashton's high-dose schedules). When the forms cannot make the exact
        amount, the nearest smaller one is used: the stage then also cuts a little. A stage never cuts
        below the limits. A stage that adds no diazepam (it is at the ceiling) is a plain cut of the drug
        and keeps to the drug's own limit. ``force`` (after waiting a whole window) takes the smallest part
        the forms can switch (some diazepam is added), whatever it cuts: the caller lists it as a forced cut
        and stretches the time after it. None when no stage can be made today.
        """
        drug, time = key
        cap = self.rules.crossover_max_substitution_de_mg.value
        remaining = self.state[key]
        total = self.state_de
        on_target = self.de_of(target, self._drug_mg(self.state, target))
        others = total - on_target
        room = max(Decimal(0), self.ceiling - on_target)
        floor = self._floor(total)
        drug_floor = self._drug_floor(drug)
        exact: tuple[State, Decimal] | None = None
        rounded: tuple[State, Decimal] | None = None
        builder = self.builders[drug]
        within_cap = builder.amounts_between(remaining - self.from_de(drug, cap), remaining)[:-1]
        lefts = within_cap or builder.amounts_between(Decimal(0), remaining)[:-1]
        for left in reversed(lefts):
            substituted = self.de_of(drug, remaining) - self.de_of(drug, left)
            if substituted > cap and (exact or rounded):
                break
            wanted = substituted if others + on_target <= self.ceiling else substituted * room / others
            candidate = self._place_target(_with(self.state, key, left), target, time, wanted)
            new_de = self.de(candidate)
            if new_de > total:
                continue
            adds = self._drug_mg(candidate, target) > self._drug_mg(self.state, target)
            # Forced: the smallest part the forms can switch, whatever it cuts; at the ceiling (no room)
            # the smallest cut of the drug, never its stop before its smallest practical dose.
            at_ceiling = room == 0 and (self._drug_mg(candidate, drug) > 0 or self._may_stop(drug))
            if force and (adds or at_ceiling):
                rounded = (candidate, left)
                break
            # At the ceiling nothing is added: the drug is cut, within its own limit, or stopped from
            # its smallest practical dose (the per-drug last step).
            stops = not adds and self._drug_mg(candidate, drug) == 0 and self._may_stop(drug)
            if not stops and (new_de < floor or (not adds and self._drug_mg(candidate, drug) < drug_floor)):
                continue
            if new_de == total - substituted + wanted:
                exact = (candidate, left)
            elif rounded is None or new_de > self.de(rounded[0]) - cap:
                rounded = (candidate, left)
        choice = exact or rounded
        if choice is None:
            return None
        state, left = choice
        added = self._drug_mg(state, target) - self._drug_mg(self.state, target)
        if not added and drug not in self._drug_totals(state):  # stopped from its smallest dose
            self.drug_stops.append(len(self.entries) + 1)
            if self.de_of(drug, remaining) > self.rules.ashton_bands[0].step_mg.high:
                self.large_stops.append((len(self.entries) + 1, drug))
        note = f"{time.capitalize()}: {drug} {plain(remaining)} mg -> {plain(left)} mg"
        if added:
            note += f", {target} +{plain(added)} mg (now {_doses_text(state, target)})"
        if added and self.de(state) < total:
            note += "; the switch also cuts"
        return state, note

    def _place_target(self, state: State, target: str, time: TimeOfDay, wanted_de: Decimal) -> State:
        """Add ``wanted_de`` of the target drug, first at ``time`` then at its other times, never more than
        the single-dose maximum in one dose; each dose rounded down to what the forms make."""
        single = self.rules.diazepam_max_single_dose_mg.value
        builder = self.builders[target]
        order = [time] if time in self.slots else []
        order += [t for t in self.rules.crossover_order.value if t in self.slots and t != time]
        new = dict(state)
        left = self.from_de(target, wanted_de)
        for slot in order:
            if left <= 0:
                break
            current = new.get((target, slot), Decimal(0))
            want = current + min(left, single - current)
            if want <= current:
                continue
            built = builder.nearest(want, want)
            if built > current:
                new[(target, slot)] = built
                left -= built - current
        return new

    # --- reductions -----------------------------------------------------------------------------------

    def _floor(self, current_de: Decimal) -> Decimal:
        """The lowest total DE a cut today may reach."""
        if self.overridden:
            # An override allows faster cuts, never an abrupt stop of long-term use.
            stop_allowed = current_de <= self.rules.ashton_bands[0].step_mg.high
            return Decimal(0) if stop_allowed or not is_long_term(self.rules, self.request.risk) else _Q_DE
        only_diazepam = self._current_mg().keys() <= {"diazepam"}
        floor = lowest_allowed_de(self.rules, self.history, self.day, current_de, self.limit, only_diazepam)
        # Each dose's DE is rounded to 0.0001 mg: a cut of exactly the limit (etizolam 1 -> 0.75 mg) must
        # not fail by that rounding.
        return max(_ZERO, floor - _Q_DE * len(self.state))

    def _drug_floor(self, drug: str) -> Decimal:
        """The lowest daily mg of ``drug`` a cut today may reach: the limit applies to each drug's own
        dose, and Ashton's band steps to diazepam."""
        if self.overridden:
            return Decimal(0)
        window = self.rules.max_cut_window_days.value
        floor = self.history.mg_on(drug, self.day - window) * self._kept_share
        if drug == "diazepam":
            floor = min(
                floor, band_floor(self.rules, self.history, self.day, self._drug_mg(self.state, drug))
            )
        return max(_ZERO, floor)

    def _stop_mg(self, drug: str) -> Decimal:
        """The smallest practical dose of a drug, from which it may stop: the smallest amount its forms
        make, and no less than the last band's largest step (in DE) when the forms are finer."""
        if drug not in self._stop_cache:
            smallest = self.builders[drug].next_above(Decimal(0)) or Decimal(0)
            self._stop_cache[drug] = max(
                smallest, self.from_de(drug, self.rules.ashton_bands[0].step_mg.high)
            )
        return self._stop_cache[drug]

    def _may_stop(self, drug: str) -> bool:
        mg = self._drug_mg(self.state, drug)
        if self.overridden and not is_long_term(self.rules, self.request.risk):
            return True
        return mg <= self._stop_mg(drug)

    def _active_drug(self) -> str:
        """One drug at a time: the first in order (the shorter-acting one first)."""
        return self._current_order()[0][0]

    def _slowed(self, current_de: Decimal) -> bool:
        return self.request.slow_end and current_de <= self.rules.final_slowdown_below_de_mg.value

    def _method_target(self, current_de: Decimal) -> Decimal:
        method = self.request.method
        if self.zdrug_direct:
            end = self.start_de * self.rules.zdrug_cut_percent_of_start.value / _HUNDRED
            share = self.rules.zdrug_cut_percent_of_start.value
            if self.request.slow_end and current_de <= end:
                share = self.rules.zdrug_end_cut_percent_of_start.value
            return current_de - self.start_de * share / _HUNDRED
        slow = self.rules.final_slowdown_factor.value if self._slowed(current_de) else Decimal(1)
        if method in ("percent", "micro"):
            return current_de * (1 - self.cut_percent * slow / _HUNDRED)
        if method == "fixed":
            return current_de - self._step_de() * slow
        if current_de > self.rules.specialist_above_de_mg.value:
            return current_de * (1 - self.rules.high_dose_cut_percent.value / _HUNDRED)
        return current_de - self.rules.band_for(current_de).step_mg.low

    def _asked_fraction(self, current_de: Decimal) -> Decimal:
        """The share of the dose the method asks to cut every interval at this dose."""
        if current_de <= 0:
            return Decimal(0)
        return min(
            Decimal("0.99"), max(Decimal(0), (current_de - self._method_target(current_de)) / current_de)
        )

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
        while self.state:
            self._insert_due_hold()
            current = self.state_de
            drug = self._active_drug()
            wanted = max(Decimal(0), self._method_target(current))
            if self._may_stop(drug):
                if not self._drop_a_night(drug, current, wanted):
                    self._stop_drug(drug, wanted)
                continue
            floor = self._floor(current)
            target = wanted
            if wanted < floor and self.request.method in ("fixed", "ashton"):
                target = floor
                self.capped.append(len(self.entries) + 1)
            new = self._reduce(self.state, target, floor, drug, force=True)
            forced = False
            if new is None:
                if self._days_since_cut() < window:
                    self.postponed.append(len(self.entries) + 1)
                    self.day += self.every
                    continue
                new = self._forced_cut(drug)
                if new is None:
                    raise self._blocked(current)
                forced = True
            self._append(new, "stop" if not new else "reduction", wanted, self._targets(new, wanted))
            if forced:
                self.forced.append(len(self.entries))
            self._advance(current, wanted, self.every, drug)

    def _drop_a_night(self, drug: str, current: Decimal, wanted: Decimal) -> bool:
        """Planned drug-free nights: at the smallest practical dose of the last drug, take it on one night
        fewer a week each interval (the data's pattern) before it stops. False when no nights are left
        to drop. A step the limit does not allow yet waits; one it never allows is listed as forced."""
        if not self.nights_to_come or any(d != drug for d, _ in self.state):
            return False
        nights = self.nights_to_come[0]
        average = self._nightly(self.de(self.state), nights)
        if average < self._floor(current):
            if self._days_since_cut() < self.rules.max_cut_window_days.value:
                self.postponed.append(len(self.entries) + 1)
                self.day += self.every
                return True
            self.forced.append(len(self.entries) + 1)
        self.nights = self.nights_to_come.pop(0)
        note = f"Planned drug-free nights: take it on {nights} nights a week ({weekdays_text(nights)})."
        self._append(dict(self.state), "reduction", average, note=note)
        self._advance(current, wanted, self.every, drug)
        return True

    def _stop_drug(self, drug: str, wanted: Decimal) -> None:
        """The last step of one drug: from its smallest practical dose to zero."""
        new = {k: v for k, v in self.state.items() if k[0] != drug}
        if new:
            self.drug_stops.append(len(self.entries) + 1)
        last_de = self._nightly(self.de_of(drug, self._drug_mg(self.state, drug)), self.nights)
        if last_de > self.rules.ashton_bands[0].step_mg.high:
            self.large_stops.append((len(self.entries) + 1, drug))
        self._append(
            new, "stop" if not new else "reduction", min(wanted, self.de(new)), self._targets(new, Decimal(0))
        )
        self.day += self.every

    def _forced_cut(self, drug: str) -> State | None:
        """The smallest cut the forms can make: one dose of the drug one notch down."""
        best: State | None = None
        for key in (k for k in self._current_order() if k[0] == drug):
            lower = self.builders[drug].next_below(self.state[key])
            if lower is None:
                continue
            candidate = _with(self.state, key, lower)
            if self._drug_mg(candidate, drug) == 0 and not self._may_stop(drug):
                continue
            if best is None or self.de(candidate) > self.de(best):
                best = candidate
        return best

    def _tapered_drugs(self) -> list[str]:
        """The drugs the cuts are made in: the crossover's target, else the person's own."""
        return sorted({self.target_drug} if self.target_drug else {d for d, _ in self.state})

    def _require_daily_changes(self) -> None:
        """A micro-taper changes the dose almost every day: only an oral solution can do that."""
        for drug in self._tapered_drugs():
            if not any(f.is_liquid for f in self.builders[drug].forms):
                error = RoundingError(
                    f"A micro-taper changes the dose of {drug} by a little almost every day; tablets alone "
                    f"cannot make such small daily changes.",
                    [],
                )
                error.candidates = self._fixes(only=drug)  # type: ignore[attr-defined]
                raise error

    def _taper_daily(self) -> None:
        """A micro-taper: a target that falls a little every day, compounding (see ``_method_note``), then
        by a fixed amount a day below the tail floor so that it reaches zero."""
        window = self.rules.max_cut_window_days.value
        stop_threshold = self._stop_threshold()
        tail_floor = self.rules.micro_tail_below_de_mg.value
        curve = self.state_de
        tail_step: Decimal | None = None
        factor, no_change_above = self._daily_factor(), self._no_change_above()
        skip_above = None if no_change_above is None else no_change_above * _SKIP_MARGIN
        while self.state:
            if self.hold_due:
                self._insert_due_hold()
            skip = 0
            if skip_above is not None and curve > skip_above:
                skip = self._days_without_change(curve, factor, no_change_above, tail_step)
                if not skip:
                    skip_above = None  # the curve only falls: no skip is possible until the doses change
            if skip:
                curve *= factor**skip
                self.day += skip
                continue
            if tail_step is None:
                following = curve * factor
                if following <= tail_floor:
                    tail_step = min(curve, tail_floor) * (1 - factor)
            curve = curve - tail_step if tail_step is not None else following
            if no_change_above is not None and curve > no_change_above and curve > stop_threshold:
                self.day += 1  # the fast path: rounding cannot change any dose yet
                continue
            current = self.state_de
            drug = self._active_drug()
            target = Decimal(0) if curve <= stop_threshold else curve
            if (
                target < current
                and self._may_stop(drug)
                and self._drug_mg(self.state, drug) * 10 / self.equivalent[drug] <= current - target + _Q_DE
            ):
                self._append(
                    {k: v for k, v in self.state.items() if k[0] != drug},
                    "stop" if len(self._drug_totals(self.state)) == 1 else "reduction",
                    target,
                )
                self.day += 1
                continue
            new = self._reduce(self.state, target, self._floor(current), drug, force=False)
            if new is None:
                if self._days_since_cut() >= window:
                    raise self._blocked(current)
            elif new != self.state:
                kind: StepKind = "stop" if not new else "reduction"
                self._append(new, kind, target, self._targets(new, target))
                factor, no_change_above = self._daily_factor(), self._no_change_above()
                skip_above = None if no_change_above is None else no_change_above * _SKIP_MARGIN
            self.day += 1

    def _days_without_change(
        self, curve: Decimal, factor: Decimal, no_change_above: Decimal | None, tail_step: Decimal | None
    ) -> int:
        """How many days of the compounding curve can be skipped at once: all of them stay above every
        threshold (no dose changes, no tail, no stop). A day's margin is kept against float error."""
        if tail_step is not None or no_change_above is None or factor >= 1:
            return 0
        bound = max(no_change_above, self.rules.micro_tail_below_de_mg.value, self._stop_threshold())
        if curve <= bound:
            return 0
        days = int(math.log(float(bound / curve)) / math.log(float(factor))) - 1
        return days if days > 1 else 0

    def _daily_factor(self) -> Decimal:
        slowed = self._slowed(self.state_de)
        if slowed not in self._factors:
            slow = self.rules.final_slowdown_factor.value if slowed else Decimal(1)
            self._factors[slowed] = (1 - self.cut_percent * slow / _HUNDRED) ** (Decimal(1) / self.every)
        return self._factors[slowed]

    def _no_change_above(self) -> Decimal | None:
        """A target above which the spill cannot change any dose: the first dose in order stays put
        while its share of the target rounds back up to it (ties round up). None when unknown."""
        order = self._current_order()
        if not order:
            return None
        drug, _ = key = order[0]
        mg = self.state[key]
        lower = self.builders[drug].next_below(mg)
        if lower is None:
            return None
        midpoint_de = (mg + lower) / _TWO * _TEN / self.equivalent[drug]
        return self.state_de - self.de_of(drug, mg) + midpoint_de + _Q_DE

    def _days_since_cut(self) -> int:
        last = self.history.last_cut_day
        return self.day + 10**6 if last is None else self.day - last

    def _current_order(self) -> Sequence[Key]:
        """The order of the current doses, kept until the state changes (asked several times a day)."""
        if self._order_now is None:
            self._order_now = self._ordered(self.state)
        return self._order_now

    def _ordered(self, state: State) -> Sequence[Key]:
        """The doses in the order they are cut: one drug at a time (shorter-acting first), and within a
        drug by time of day (or the largest first, for the even order)."""
        keys = [k for k, mg in state.items() if mg > 0]
        if self.request.dose_order == "even":
            return sorted(
                keys,
                key=lambda k: (self.rank[k[0]], -self.de_of(k[0], state[k]), self._time_rank[k[1]], k[0]),
            )
        names = tuple(keys)
        order = self._order_cache.get(names)  # one look-up: a tuple of keys is hashed anew each time
        if order is None:
            order = self._order_cache[names] = sorted(
                keys, key=lambda k: (self.rank[k[0]], self._time_rank[k[1]], k[0])
            )
        return order

    def _reduce(self, state: State, target: Decimal, floor: Decimal, drug: str, force: bool) -> State | None:
        """The next state: a cut of ``drug`` only, as near the target as the forms allow, and not below
        the total floor or the drug's own floor.

        Returns ``state`` itself when no cut is due (``force`` False) and None when a cut is due but
        none within the limits can be made.
        """
        current = self.state_de if state is self.state else self.de(state)
        drug_floor = self._drug_floor(drug)
        order = [
            k
            for k in (self._current_order() if state is self.state else self._ordered(state))
            if k[0] == drug
        ]

        def within(candidate: State, de: Decimal | None = None) -> bool:
            mg = self._drug_mg(candidate, drug)
            de = self.de(candidate) if de is None else de
            return floor <= de < current and mg >= drug_floor and mg > 0

        new: State | None = self._spill(state, order, target, current)
        new_de = self.de(new)  # type: ignore[arg-type]
        if new_de >= current:
            if not force:
                return state
            new = self._one_notch_down(state, order)
            new_de = self.de(new) if new is not None else current
        if new is not None and within(new, new_de):
            return new
        if new is not None:
            new = self._raise_to_floor(state, new, order, within)
        if new is not None and within(new):
            return new
        return self._single_dose_cut(state, order, target, within)

    def _spill(self, state: State, order: list[Key], target: Decimal, current: Decimal) -> State:
        """Take the cut from the doses in order, each rounded to the nearest dose that can be made."""
        new = dict(state)
        remaining = current - target
        for key in order:
            if remaining <= 0:
                break
            drug, mg = key[0], state[key]
            dose_de = self.de_of(drug, mg)
            take = min(remaining, dose_de)
            built = self.builders[drug].nearest(self.from_de(drug, dose_de - take), mg)
            new[key] = built
            remaining -= dose_de - self.de_of(drug, built)
        return new if all(new.values()) else {k: v for k, v in new.items() if v > 0}

    def _one_notch_down(self, state: State, order: list[Key]) -> State | None:
        for key in order:
            lower = self.builders[key[0]].next_below(state[key])
            if lower is not None:
                return _with(state, key, lower)
        return None

    def _raise_to_floor(
        self, state: State, new: State, order: list[Key], within: Callable[[State], bool]
    ) -> State:
        current = self.de(state)
        for key in reversed(order):
            while not within(new) and new.get(key, Decimal(0)) < state[key]:
                up = self.builders[key[0]].next_above(new.get(key, Decimal(0)))
                if up is None or up > state[key]:
                    break
                candidate = {**new, key: up}
                if self.de(candidate) >= current:
                    break
                new = candidate
        return new

    def _single_dose_cut(
        self, state: State, order: list[Key], target: Decimal, within: Callable[[State], bool]
    ) -> State | None:
        """Cut one dose only, the first in order that can be cut within the limits."""
        for key in order:
            drug = key[0]
            options = [
                a for a in self.builders[drug].amounts_between(Decimal(0), state[key]) if a < state[key]
            ]
            options = [a for a in options if within(_with(state, key, a))]
            if options:
                best = min(options, key=lambda a: (abs(self.de(_with(state, key, a)) - target), -a))
                return _with(state, key, best)
        return None

    def _targets(self, new: State, target_de: Decimal) -> dict[Key, Decimal]:
        """The intended mg of each dose: the unrounded share of the target, for the doses that were cut."""
        intended: dict[Key, Decimal] = {}
        remaining = self.state_de - target_de
        for key in self._current_order():
            drug = key[0]
            dose_de = self.de_of(drug, self.state[key])
            take = min(max(remaining, _ZERO), dose_de)
            # A cut dose's share is new every time: worked out, not cached (hashing a new Decimal costs
            # more than the sum); a dose left uncut asks again every day of a micro-taper.
            if take:
                intended[key] = _q(self.from_de(drug, dose_de - take), _Q_SHOW)
            else:
                intended[key] = self._shown_mg(drug, dose_de)
            remaining -= take
        for key, mg in new.items():
            intended.setdefault(key, mg)
        return intended

    def _shown_mg(self, drug: str, de: Decimal) -> Decimal:
        """The mg of ``drug`` that gives ``de``, as shown; cached because a dose left uncut asks again
        every day of a micro-taper."""
        shown = self._shown_cache.get((drug, de))
        if shown is None:
            shown = self._shown_cache[(drug, de)] = _q(self.from_de(drug, de), _Q_SHOW)
        return shown

    # --- errors and summaries -------------------------------------------------------------------------

    def _blocked(self, current: Decimal, switching: Key | None = None) -> RoundingError:
        doses = [
            Dose(d, t, plain(mg))
            for (d, t), mg in sorted(self.state.items(), key=lambda kv: time_rank(kv[0][1]))
        ]
        limit, window = self.limit, self.rules.max_cut_window_days.value
        if switching is not None:
            drug, time = switching
            message = (
                f"At {describe_doses(doses)} ({plain(current)} mg diazepam equivalent) your "
                f"{self.target_drug} forms cannot replace the {time} {drug} within the guideline limit "
                f"({limit}% in {window} days)."
            )
        else:
            message = (
                f"At {describe_doses(doses)} ({plain(current)} mg diazepam equivalent) your forms cannot "
                f"make a cut within the guideline limit ({limit}% in {window} days, or one Ashton step)."
            )
        error = RoundingError(message)
        error.candidates = self._fixes()  # type: ignore[attr-defined]
        error.partial = self._partial()
        return error

    def _partial(self) -> Plan | None:
        """The plan up to today, when it got anywhere (no stop step: it cannot go on as asked)."""
        if not self.entries:
            return None
        return self._plan(self._steps(end_day=max(self.day, self.entries[-1].day + 1)))

    def _country_liquid(self, drug: str) -> Formulation | None:
        """An oral solution of ``drug`` marketed in the person's country, if any."""
        for product in self.knowledge.products_for(drug, self.request.country):
            if product.is_liquid:
                return Formulation(drug, product.form, product.strengths_mg[0])
        return None

    def _fixes(self, only: str | None = None) -> list[tuple[str, dict[str, object]]]:
        """Changes to the request that might let the plan go on, each with the words that offer it. Only
        products marketed in the person's country are offered; ``make_plan`` re-plans each and keeps those
        that work."""
        fixes: list[tuple[str, dict[str, object]]] = []
        country = self.request.country
        drugs = {d for d, _ in self.state} | ({self.target_drug} if self.target_drug else set())
        for drug in sorted(drugs if only is None else {only}):
            builder = self.builders[drug]
            mine = tuple(f for f in self.request.forms if f.drug != drug) + builder.forms
            smallest = min((f.strength_mg for f in builder.forms if not f.is_liquid), default=None)
            products = self.knowledge.products_for(drug, country)
            smaller = [
                Formulation(drug, p.form, s, p.scored, p.split_into)
                for p in products
                if p.form in ("tablet", "capsule", "odt")
                for s in p.strengths_mg
                if smallest is None or s < smallest
            ]
            if smaller:
                names = ", ".join(form_text(f.form, f.strength_mg) for f in smaller)
                what = f"a smaller {drug} strength" if smallest is not None else f"{drug} tablets"
                fixes.append((f"Add {what}: {names}.", {"forms": mine + tuple(smaller)}))
            liquids = [Formulation(drug, p.form, s) for p in products if p.is_liquid for s in p.strengths_mg]
            if liquids and not any(f.is_liquid for f in builder.forms):
                names = ", ".join(f"{plain(f.strength_mg)} mg/ml" for f in liquids)
                fixes.append(
                    (
                        f"Use an oral solution of {drug} ({names}), measured with an oral syringe.",
                        {"forms": (*mine, liquids[0])},
                    )
                )
            if drug != "diazepam" and not self.target_drug:
                fixes.append(("Cross over to diazepam.", {"crossover_to": "diazepam"}))
        if self.request.method == "micro":
            lacking = [
                d for d in self._tapered_drugs() if not any(f.is_liquid for f in self.builders[d].forms)
            ]
            liquids = [f for f in (self._country_liquid(d) for d in lacking) if f is not None]
            if len(lacking) > 1 and len(liquids) == len(lacking):
                mine = tuple(f for f in self.request.forms if f.drug not in lacking)
                mine += tuple(f for d in lacking for f in self.builders[d].forms)
                fixes.append(
                    (
                        f"Use oral solutions of {' and '.join(lacking)}, measured with an oral syringe.",
                        {"forms": mine + tuple(liquids)},
                    )
                )
            fixes.append(
                (
                    "Use the percent method (a cut every two weeks) instead of a micro-taper.",
                    {"method": "percent", "cut_percent": None, "every_days": None},
                )
            )
        if not self.overridden and self.request.method != "micro":
            fixes.append(
                (
                    "Or, if your prescriber agrees, record a reason to allow faster cuts.",
                    {"allow_fast_reason": "agreed with my prescriber"},
                )
            )
        return fixes

    def _summarise(self) -> None:
        window = self.rules.max_cut_window_days.value
        if self.capped:
            self.warnings.append(
                PlanWarning(
                    "cut_capped",
                    f"The chosen step would cut more than {self.limit}% in {window} days at lower doses; "
                    "those cuts are limited to the guideline.",
                    tuple(self.capped),
                )
            )
        if self.postponed:
            self.warnings.append(
                PlanWarning(
                    "cut_postponed",
                    f"Some changes come later than planned so that no {window} days cut more than the "
                    "guideline allows.",
                    tuple(sorted(set(self.postponed))),
                )
            )
        if self.forced:
            self.warnings.append(
                PlanWarning(
                    "forced_cut",
                    f"Your forms cannot make a cut of {self.limit}% in {window} days or less here, so these "
                    "steps make the smallest cut they can, which is more than the guideline's limit. The "
                    "step after each lasts longer so the pace over time stays as chosen. A smaller "
                    "strength or an oral solution would allow smaller cuts: ask your prescriber.",
                    tuple(self.forced),
                )
            )
        if self.stretched:
            longest = max(days for _, days in self.stretched)
            self.warnings.append(
                PlanWarning(
                    "pace_kept",
                    "With your forms some cuts are larger than the method asks. So that the cut per week "
                    "never exceeds what you chose, the steps after them last longer (up to "
                    f"{longest} days instead of {self.every}). The plan takes "
                    f"{self.entries[-1].day} days in all. A smaller strength or an oral solution would allow "
                    "smaller, more frequent cuts.",
                    tuple(n for n, _ in self.stretched),
                )
            )
        if self.drug_stops:
            self.warnings.append(
                PlanWarning(
                    "one_drug_stops",
                    "One drug stops here, from its smallest practical dose, while you go on with the "
                    "other: the plan tapers one drug at a time.",
                    tuple(self.drug_stops),
                )
            )
        if self.large_stops:
            drugs = sorted({drug for _, drug in self.large_stops})
            self.warnings.append(
                PlanWarning(
                    "stop_from_smallest_dose",
                    f"The last step of {' and '.join(drugs)} stops from the smallest dose your forms make, "
                    f"which is more than {plain(self.rules.ashton_bands[0].step_mg.high)} mg diazepam "
                    "equivalent. Ask your prescriber for a smaller strength or an oral solution to make "
                    "the end gentler, and watch closely for withdrawal after the stop.",
                    tuple(n for n, _ in self.large_stops),
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
            self._ceiling_warning()
        long_days = self.rules.long_plan_warning_days.value
        if self.entries[-1].day > long_days:
            self.warnings.append(
                PlanWarning(
                    "long_plan",
                    f"This plan takes {self.entries[-1].day} days, more than about two years. After "
                    "years of use a 6, 12 or 18 month taper makes little difference (Ashton): ask your "
                    "prescriber whether a larger cut or shorter interval would suit you.",
                )
            )

    def _ceiling_warning(self) -> None:
        single = self.rules.diazepam_max_single_dose_mg.value
        if self.start_de > self.ceiling:
            self.warnings.append(
                PlanWarning(
                    "crossover_reduces",
                    f"Your dose equals more than {plain(self.ceiling)} mg diazepam a day, so the switch "
                    "reduces while it substitutes (as Ashton's high-dose schedules do): "
                    f"{self._ceiling_words()}, and never more than {plain(single)} mg in one dose.",
                )
            )

    def _ceiling_words(self) -> str:
        """What the ceiling means for this person: the most the switch reaches, or that nothing is added
        to the diazepam they already take above it."""
        assert self.target_drug is not None
        already = sum((d.mg for d in self.request.regimen if d.drug == self.target_drug), Decimal(0))
        if already >= self.ceiling:
            return (
                f"you already take {plain(already)} mg of {self.target_drug}, at or above the ceiling of "
                f"{plain(self.ceiling)} mg a day, so no {self.target_drug} is added and the other drug is "
                "reduced instead"
            )
        return f"{self.target_drug} reaches at most {plain(self.ceiling)} mg a day"

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
                        "switch and tell your prescriber.",
                    )
                )

    def _method_note(self) -> str:
        stretched = (
            " Where your forms force a larger cut than this, the step after it lasts longer so the pace "
            "stays as chosen."
            if self.stretched
            else ""
        )
        switch = ""
        if self.target_drug and self.start_de > self.ceiling:
            switch = f" The switch reduces while it substitutes: {self._ceiling_words()}."
        nights = ""
        if self.request.drug_free_nights:
            *most, last = self.rules.drug_free_nights_per_week.value
            pattern = f"{', '.join(str(n) for n in most)} and {last}" if most else str(last)
            nights = (
                f" Then planned drug-free nights: the smallest dose on {pattern} nights a week, each for "
                f"{self.every} days, then stop."
            )
        return self._method_text() + nights + switch + stretched

    def _method_text(self) -> str:
        request = self.request
        slow = self.rules.final_slowdown_factor.value
        below = self.rules.final_slowdown_below_de_mg.value
        slow_text = (
            f" At {plain(below)} mg diazepam equivalent or less the cut is multiplied by {plain(slow)} "
            "to slow the end."
            if request.slow_end and request.method != "ashton" and not self.zdrug_direct
            else ""
        )
        order = (
            " One drug at a time, the shorter-acting first."
            if len(self.rank) > 1 and not self.target_drug
            else ""
        )
        if self.zdrug_direct:
            return (
                "Canadian deprescribing algorithm for z-drugs: each cut is "
                f"{plain(self.rules.zdrug_cut_percent_of_start.value)}% of the starting dose every "
                f"{self.every} days"
                + (
                    f", {plain(self.rules.zdrug_end_cut_percent_of_start.value)}% near the end"
                    if request.slow_end
                    else ""
                )
                + f", without a switch to diazepam.{order}"
            )
        if request.method == "percent":
            return (
                f"Each cut is {plain(self.cut_percent)}% of the current daily dose, "
                f"every {self.every} days.{slow_text}{order}"
            )
        if request.method == "fixed":
            return (
                f"Each cut is {plain(request.step_mg or Decimal(0))} mg, every {self.every} days; "
                f"as the dose falls the same mg is a larger share of it.{slow_text}{order}"
            )
        if request.method == "ashton":
            bands = ", ".join(
                f"{plain(b.step_mg.low)} mg above {plain(b.above_de_mg)} mg"
                for b in reversed(self.rules.ashton_bands)
                if b.above_de_mg < self.rules.specialist_above_de_mg.value
            )
            return (
                f"Ashton's diazepam-equivalent bands, the smaller step of each band ({bands}), every "
                f"{self.every} days; above {plain(self.rules.specialist_above_de_mg.value)} mg, "
                f"{plain(self.rules.high_dose_cut_percent.value)}% of the current dose.{order}"
            )
        keep = (1 - self.cut_percent / _HUNDRED) ** (Decimal(1) / self.every) * _HUNDRED
        return (
            f"Daily micro-taper: {plain(self.cut_percent)}% every {self.every} days, compounded daily. "
            f"Each day's target is {_q(keep, Decimal('0.001'))}% of the day before, so after {self.every} "
            f"days the dose is exactly {plain(_HUNDRED - self.cut_percent)}% of what it was "
            f"(not {plain(self.cut_percent)}/{self.every}% of "
            f"the starting dose per day, which would remove less). Below "
            f"{plain(self.rules.micro_tail_below_de_mg.value)} mg diazepam equivalent the target falls by "
            f"the same amount every day until it reaches zero.{slow_text}{order}"
        )

    def _by_time(self, state: State) -> list[tuple[Key, Decimal]]:
        """The doses of a state in the order of the day (then by drug), the order of the key set cached."""
        names = tuple(state)
        order = self._time_order.get(names)  # one look-up: a tuple of keys is hashed anew each time
        if order is None:
            order = self._time_order[names] = sorted(names, key=lambda k: (time_rank(k[1]), k[0]))
        return [(key, state[key]) for key in order]

    def _planned_dose(self, drug: str, time: TimeOfDay, target: Decimal, mg: Decimal) -> PlannedDose:
        """A dose of a step; steps that keep a dose share one object (a micro-taper has hundreds)."""
        # Found by comparing targets, not hashing them: a cut dose's target is a new Decimal every step, and
        # hashing one costs more than making the dose. Few targets share a dose's amount.
        made = self._dose_cache.setdefault((drug, time, mg), [])
        for dose in made:
            if dose.target_mg == target:
                return dose
        dose = PlannedDose(drug, time, target, *self._made(drug, mg))
        made.append(dose)
        return dose

    def _made(self, drug: str, mg: Decimal) -> tuple[Decimal, tuple[Component, ...]]:
        """An amount as shown and its recipe, once for each amount (the targets of a micro-taper's doses
        differ every step, their amounts much less)."""
        made = self._made_cache.get((drug, mg))
        if made is None:
            make = self.builders[drug].recipe(mg)
            made = self._made_cache[(drug, mg)] = (plain(mg), make)
            if sum(c.count for c in make if c.unit != "ml") > _MANY_PIECES:
                self._crowded.add((drug, mg))
        return made

    def _steps(self, end_day: int | None = None) -> tuple[Step, ...]:
        steps: list[Step] = []
        previous_de = self.start_de
        first_day = self.request.start.toordinal()
        for index, entry in enumerate(self.entries):
            if index + 1 < len(self.entries):
                days = self.entries[index + 1].day - entry.day
            else:
                days = end_day - entry.day if end_day is not None else 0
            de = plain(entry.de)
            cut = Decimal(0)
            if entry.kind in ("reduction", "stop", "crossover") and previous_de:
                cut = _q((previous_de - de) / previous_de * _HUNDRED, _Q_PERCENT)
            if days == 0 and entry.kind != "stop":
                continue
            doses = tuple(
                [
                    self._planned_dose(drug, time, entry.targets.get((drug, time), mg), mg)
                    for (drug, time), mg in self._by_time(entry.state)
                ]
            )
            steps.append(
                Step(
                    number=len(steps) + 1,
                    start=dt.date.fromordinal(first_day + entry.day),
                    days=days,
                    kind=entry.kind,
                    doses=doses,
                    diazepam_equivalent_mg=de,
                    target_diazepam_equivalent_mg=_q(entry.target_de, _Q_SHOW),
                    cut_percent=cut,
                    note=entry.note,
                    nights_per_week=entry.nights if entry.state else WEEK_DAYS,
                )
            )
            previous_de = de
        # Doses needing many pieces were noted once each when first made (see ``_planned_dose``).
        crowded = self._crowded
        many = [s.number for s in steps if crowded and any((d.drug, d.mg) in crowded for d in s.doses)]
        if many and end_day is None:
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


def _doses_text(state: State, drug: str) -> str:
    """The doses of a drug in a state: "10 mg night, 5 mg morning"."""
    doses = sorted(((t, mg) for (d, t), mg in state.items() if d == drug), key=lambda tm: time_rank(tm[0]))
    return ", ".join(f"{plain(mg)} mg {time}" for time, mg in doses)


def _forms_text(forms: Sequence[Formulation]) -> str:
    return ", ".join(form_text(f.form, f.strength_mg) for f in forms)


def _starting_state(regimen: Sequence[Dose], knowledge: Knowledge) -> State:
    state: State = {}
    for dose in regimen:
        key = (knowledge.find_drug(dose.drug).name, dose.time)
        state[key] = state.get(key, Decimal(0)) + dose.mg
    return state


def make_plan(request: PlanRequest, knowledge: Knowledge | None = None) -> Plan:
    """Make a taper plan from the person's current doses and choices.

    Raises ``InputError`` for impossible input, ``TooFastError`` for a pace beyond the guideline limit
    without an override, ``RoundingError`` when the forms cannot make a cut within the limits and
    ``AbruptStopError`` when the plan would stop a long-term user abruptly. Each carries ``fixes``.
    """
    knowledge = knowledge or load_knowledge()
    return _make_plan(request, knowledge, verify_fixes=True)


def _make_plan(request: PlanRequest, knowledge: Knowledge, verify_fixes: bool) -> Plan:
    if request.crossover_to is not None:
        request = records.replace(request, crossover_to=knowledge.find_drug(request.crossover_to).name)
    try:
        check_request(request, knowledge)
        return _Planner(request, knowledge).run()
    except PlanError as error:
        candidates = getattr(error, "candidates", None)
        if candidates is not None:
            working = _working_fixes(request, knowledge, candidates) if verify_fixes else []
            error.fixes = tuple(text for text, _ in working)
            error.fix_changes = tuple(changes for _, changes in working)
        raise


def _working_fixes(
    request: PlanRequest, knowledge: Knowledge, candidates: Sequence[tuple[str, dict[str, object]]]
) -> list[tuple[str, dict[str, object]]]:
    """The fixes whose changed request really makes a plan: each is re-planned, and kept only then."""
    working = []
    for text, changes in candidates:
        try:
            _make_plan(records.replace(request, **changes), knowledge, verify_fixes=False)
        except PlanError:
            continue
        working.append((text, changes))
    return working


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
        nights_per_week=held.nights_per_week,
    )
    later = [records.replace(s, start=s.start + dt.timedelta(days=days)) for s in plan.steps[index + 1 :]]
    steps = [*plan.steps[: index + 1], hold, *later]
    renumbered = tuple(records.replace(s, number=i + 1) for i, s in enumerate(steps))
    return records.replace(plan, steps=renumbered)


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
    request = records.replace(plan.request, **changes)
    every = request.every_days or knowledge.tapering.default_interval_days.value
    # During planned drug-free nights the planned doses go on, on as many nights: never every night again.
    nights = WEEK_DAYS
    if step is not None and request.drug_free_nights and set(doses) == set(planned):
        nights = step.nights_per_week
    same = step is not None and (
        nights != WEEK_DAYS or diazepam_equivalent(doses, knowledge) == step.diazepam_equivalent_mg
    )
    hold_days = (step.end - today).days + 1 if same and step is not None else every
    request = records.replace(
        request,
        regimen=doses,
        start=today,
        hold_first_days=max(hold_days, 0),
        holds=(),
        start_nights_per_week=nights,
    )
    new = make_plan(request, knowledge)
    note = f"Re-planned on {today.isoformat()} from {describe_doses(list(doses))}" + (
        f": {reason}" if reason else "."
    )
    return records.replace(new, replanned_from=note)

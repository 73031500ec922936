"""How long each chart takes to draw, for a 2-year history.

Run: python3 -m uv run python benchmarks/bench_charts.py
Prints a Markdown table. Each figure is the median (and best) of repeated renders in one warm process,
after one warm-up render, so it measures drawing and not the first import of matplotlib (timed
separately, in a fresh process). The aim is under 150 ms a chart. The CPU column is the median processor
time of a render: on a machine shared with other work the wall-clock times grow while it stays close to
what a render costs.

The history: a 2-year plan (a daily micro-taper, and an alprazolam crossover with a hold), a dose logged
on 9 days in 10, and a check-in on 85 % of days with a few gaps of a week or more, symptoms rising after
cuts and one better stretch, so the symptom chart has windows, waves and no-data periods to draw.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from decimal import Decimal

from benzotaper.charts import (
    TaperPoint,
    blood_level_svg,
    cut_response_svg,
    symptoms_svg,
    taper_svg,
)
from benzotaper.insights import BurdenSeries, blood_level_curve, cut_dates, cut_response, segments
from benzotaper.planning import Dose, Formulation, Plan, PlanRequest, hold_step, make_plan

START = dt.date(2027, 1, 4)
DAYS = 730
TODAY = START + dt.timedelta(days=DAYS - 1)

# The planner benchmark's 2-year daily micro-taper: the most steps a real plan has.
MICRO_TWO_YEARS = PlanRequest(
    regimen=(Dose("diazepam", "morning", Decimal(10)), Dose("diazepam", "night", Decimal(10))),
    start=START,
    method="micro",
    cut_percent=Decimal(10),
    every_days=14,
    forms=(
        Formulation("diazepam", "tablet", Decimal(2), True),
        Formulation("diazepam", "tablet", Decimal(5), True),
        Formulation("diazepam", "oral_solution", Decimal(1)),
    ),
)

# Alprazolam crossed over to diazepam, then 10 % every 14 days: crossover and hold marks too.
CROSSOVER_TWO_YEARS = PlanRequest(
    regimen=(Dose("alprazolam", "morning", Decimal(1)), Dose("alprazolam", "night", Decimal(1))),
    start=START,
    crossover_to="diazepam",
)


def points(plan: Plan) -> list[TaperPoint]:
    return [TaperPoint(s.start, s.days, s.diazepam_equivalent_mg, s.kind) for s in plan.steps]


def taken_doses(steps: list[TaperPoint], rng: random.Random) -> list[tuple[dt.date, float]]:
    """A dose logged on 9 days in 10 over the history, now and then half a tablet off the plan."""
    doses = []
    for offset in range(DAYS):
        day = START + dt.timedelta(days=offset)
        planned = next((float(p.de_mg) for p in reversed(steps) if p.start <= day), None)
        if planned is not None and rng.random() < 0.9:
            doses.append((day, max(planned + rng.choice([0.0] * 8 + [-1.0, 1.0]), 0.0)))
    return doses


def burden(cuts: list[dt.date], rng: random.Random) -> BurdenSeries:
    """Daily burden: about 35, up to 15 points more in the week after a cut, four fortnight-long waves
    and a better two months."""
    values = []
    gaps = {rng.randrange(DAYS - 12) for _ in range(3)}
    missing = {g + k for g in gaps for k in range(10)}
    for offset in range(DAYS):
        day = START + dt.timedelta(days=offset)
        since = min(((day - c).days for c in cuts if c <= day), default=99)
        rise = 15 * math.exp(-((since - 4) ** 2) / 6) if since < 14 else 0.0
        better = -12 if 300 <= offset < 360 else 0
        wave = 25 if any(start <= offset < start + 14 for start in (90, 230, 450, 600)) else 0
        value = 35 + rise + better + wave + rng.gauss(0, 5)
        values.append(math.nan if offset in missing or rng.random() < 0.15 else min(max(value, 0), 100))
    return BurdenSeries.from_values(START, values)


def per_cut_changes(series: BurdenSeries, cuts: list[dt.date], days: int = 22) -> list[list[float | None]]:
    """Each cut's change from the mean of the week before it, for the band (input data only)."""
    rows = []
    for cut in cuts:
        at = series.index(cut)
        before = [v for v in series.values[max(at - 7, 0) : max(at, 0)] if not math.isnan(v)]
        if len(before) < 3:
            continue
        reference = sum(before) / len(before)
        after = series.values[at : at + days]
        rows.append([None if math.isnan(v) else float(v) - reference for v in after])
    return rows


def timed(
    run: Callable[[], object], repeat: int, cpu_clock: Callable[[], float] = time.process_time
) -> tuple[float, float, float]:
    """Median and best wall-clock ms, and median CPU ms, of ``repeat`` runs after a warm-up."""
    run()
    walls, cpus = [], []
    for _ in range(repeat):
        started, cpu_started = time.perf_counter(), cpu_clock()
        run()
        walls.append((time.perf_counter() - started) * 1000)
        cpus.append((cpu_clock() - cpu_started) * 1000)
    return statistics.median(walls), min(walls), statistics.median(cpus)


def children_cpu() -> float:
    times = os.times()
    return times.children_user + times.children_system


def first_chart_in_a_new_process(repeat: int = 5) -> tuple[float, float, float]:
    code = (
        "import datetime as dt; from benzotaper.charts import TaperPoint, taper_svg; "
        "taper_svg([TaperPoint(dt.date(2027, 1, 4), 14, 10, 'reduction')])"
    )
    return timed(lambda: subprocess.run([sys.executable, "-c", code], check=True), repeat, children_cpu)


def main() -> None:
    rng = random.Random(2027)
    micro = make_plan(MICRO_TWO_YEARS)
    crossover = hold_step(make_plan(CROSSOVER_TWO_YEARS), 6, 14, "bench")
    micro_points, crossover_points = points(micro), points(crossover)
    cuts = cut_dates(crossover.steps)
    shown = (START, TODAY)
    taken = taken_doses(crossover_points, rng)
    series = burden(cuts, rng)
    found = segments(series)
    rows = [(s.kind, s.start, s.end, s.mean_burden) for s in found]
    response = cut_response(series, cuts, segments=found)
    per_cut = per_cut_changes(series, cuts)
    now = blood_level_curve(
        [Dose("alprazolam", "morning", Decimal(1)), Dose("alprazolam", "night", Decimal(1))], 14
    )
    after = blood_level_curve([Dose("diazepam", "night", Decimal(40))], 14, from_steady_state=False)
    regimens = [("Now", now), ("After crossover", after)]
    kinds = {kind: sum(1 for s in found if s.kind == kind) for kind in ("window", "wave", "no_data")}
    cases = [
        (
            f"taper: 2-year daily micro-taper ({(micro.end - START).days} days, {len(micro.steps)} steps)",
            lambda: taper_svg(micro_points, TODAY),
        ),
        (
            f"taper: alprazolam crossover + hold ({len(crossover.steps)} steps, {len(cuts)} cuts), "
            f"{len(taken)} days of doses taken, 2-year axis",
            lambda: taper_svg(crossover_points, TODAY, taken=taken, cuts=cuts, date_range=shown),
        ),
        (
            f"symptoms: {DAYS} days ({series.observed_days} with a check-in), windows: {kinds['window']}, "
            f"waves: {kinds['wave']}, gaps: {kinds['no_data']}, cuts: {len(cuts)}",
            lambda: symptoms_svg(series, rows, cuts, TODAY, shown),
        ),
        (
            f"cut response: {response.cuts_used} cuts, days 0-21, band from each cut",
            lambda: cut_response_svg(response, per_cut),
        ),
        (
            f"blood level: two regimens, 14 days, {len(now.hours)} points each",
            lambda: blood_level_svg(regimens, now.note),
        ),
    ]
    results = [(name, timed(render, 20)) for name, render in cases]
    results.append(
        ("first chart in a new process (imports matplotlib; whole process)", first_chart_in_a_new_process())
    )
    print("| What | median ms | best ms | median CPU ms |")
    print("|---|---:|---:|---:|")
    for name, (median, best, cpu) in results:
        print(f"| {name} | {median:.1f} | {best:.1f} | {cpu:.1f} |")


if __name__ == "__main__":
    main()
